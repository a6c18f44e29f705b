import type { EntityManager } from "typeorm";

/** A table column, the row field it is filled from, and its SQL type for `jsonb_to_recordset`. */
export interface UpsertColumn {
  column: string;
  field: string;
  type: string;
}

/**
 * Upserts many rows of a table keyed by `id` in ONE statement, and returns the rows that were
 * inserted or actually changed. An unchanged row is left alone (its `updated_at` too), so loading a
 * file twice changes nothing and the caller can re-register with identity only the people whose
 * record changed. When one batch holds the same id twice the later row wins, as the later line of
 * a file should.
 */
export async function bulkUpsert<Row extends { id: string }>(
  manager: EntityManager,
  table: string,
  columns: readonly UpsertColumn[],
  rows: readonly Row[],
): Promise<Row[]> {
  const latest = [...new Map(rows.map((row) => [row.id, row])).values()];
  if (latest.length === 0) return [];
  const names = columns.map((c) => c.column);
  const updates = columns.filter((c) => c.column !== "id");
  const sql = `INSERT INTO ${table} AS target (${names.join(", ")})
    SELECT ${columns.map((c) => `r."${c.field}"`).join(", ")}
    FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map((c) => `"${c.field}" ${c.type}`).join(", ")})
    ON CONFLICT (id) DO UPDATE SET ${updates.map((c) => `${c.column} = EXCLUDED.${c.column}`).join(", ")}, updated_at = now()
    WHERE (${updates.map((c) => `target.${c.column}`).join(", ")}) IS DISTINCT FROM (${updates.map((c) => `EXCLUDED.${c.column}`).join(", ")})
    RETURNING target.id`;
  const saved: { id: string }[] = await manager.query(sql, [JSON.stringify(latest)]);
  const changed = new Set(saved.map((row) => row.id));
  return latest.filter((row) => changed.has(row.id));
}
