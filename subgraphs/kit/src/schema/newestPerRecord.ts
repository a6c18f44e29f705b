export interface EventColumns {
  /** The column holding the person record's local id. */
  record: string;
  occurredAt: string;
  id: string;
}

/**
 * Wraps an agency's events query so that it returns at most `limit` events per person record, the
 * newest first. The events field's limit is per subject, and a subject's newest N events are among
 * the newest N of each of its records, so cutting per record in SQL loses nothing — and a subject
 * with thousands of events no longer ships them all to be cut in JavaScript.
 */
export function newestPerRecord(eventsSql: string, columns: EventColumns, limitParameter: string): string {
  for (const column of [columns.record, columns.occurredAt, columns.id]) {
    if (!/^("[A-Za-z_][A-Za-z0-9_]*"|[a-z_][a-z0-9_]*)$/.test(column)) throw new Error(`not a column name: ${column}`);
  }
  return `SELECT (ranked.event).* FROM (
      SELECT event, row_number() OVER (PARTITION BY event.${columns.record} ORDER BY event.${columns.occurredAt} DESC, event.${columns.id}) AS rank
        FROM (${eventsSql}) AS event
    ) AS ranked
    WHERE ranked.rank <= ${limitParameter}`;
}
