/**
 * The last row for each key, in first-seen order. An upsert statement may not touch one row twice,
 * and a file that repeats a record means its later line, so duplicates in a batch collapse to it.
 */
export function lastPerKey<Row>(rows: readonly Row[], key: (row: Row) => string): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(key(row), row);
  return [...byKey.values()];
}
