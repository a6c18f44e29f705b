/**
 * One row per key, the last one winning — as if the rows were saved one after another. A single
 * `INSERT … ON CONFLICT DO UPDATE` refuses to touch the same row twice, and an import may well
 * carry a record and, further down, its correction.
 */
export function lastPerKey<Row>(rows: Row[], key: (row: Row) => string): Row[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}
