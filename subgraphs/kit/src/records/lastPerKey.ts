/**
 * The last row for each key, in first-seen order — as if the rows were saved one after another. A
 * single `INSERT … ON CONFLICT DO UPDATE` refuses to touch the same row twice, and a file that
 * repeats a record (a record and, further down, its correction) means its later line.
 */
export function lastPerKey<Row>(rows: readonly Row[], key: (row: Row) => string): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) byKey.set(key(row), row);
  return [...byKey.values()];
}
