import type { LinkageColumn, PreparedRecord } from "./linkableRecord";

/**
 * Term frequencies, as Splink's term-frequency adjustment: how often each value of a column occurs
 * among the records that hold one. Agreement on a value shared by one record in a thousand is far
 * stronger evidence than agreement on "Smith", so an exact match's u is replaced by the value's
 * frequency (`predict.ts`).
 */
export interface TermFrequencies {
  column: LinkageColumn;
  /** Records holding a value of the column. */
  total: number;
  counts: Map<string, number>;
}

export function computeTermFrequencies(records: readonly PreparedRecord[], column: LinkageColumn): TermFrequencies {
  const counts = new Map<string, number>();
  let total = 0;
  for (const record of records) {
    const value = record[column];
    if (value === undefined) continue;
    total += 1;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { column, total, counts };
}

/** The share of records with this value; a value never seen counts as seen once. */
export function termFrequency(table: TermFrequencies, value: string): number {
  const total = Math.max(table.total, 1);
  return Math.max(table.counts.get(value) ?? 1, 1) / total;
}
