import type { EntityManager } from "typeorm";
import { lastPerKey } from "./lastPerKey";
import { sqlIdentifier } from "./sqlIdentifier";

/** A table column, the row field it is filled from, and its SQL type for `jsonb_to_recordset`. */
export interface UpsertColumn {
  column: string;
  field: string;
  /** e.g. `text`, `date`, `timestamptz`, `boolean`, `int`, `text[]`. */
  type: string;
}

export interface UpsertOptions {
  /** A column set to `now()` whenever a row actually changes (health's `updated_at`). */
  touch?: string;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SQL_TYPE = /^[a-z][a-z0-9 ]*(\[\])?$/;

/**
 * Upserts many rows of a table keyed by `id` in ONE statement, inside the caller's transaction — a
 * `RecordType.save` for a record with its own id. An unchanged row is left alone (its `touch`
 * column too), so loading a file twice changes nothing. When one batch holds the same id twice the
 * later row wins, as the later line of a file should.
 */
export async function bulkUpsert<Row extends { id: string }>(
  manager: EntityManager,
  table: string,
  columns: readonly UpsertColumn[],
  rows: readonly Row[],
  options: UpsertOptions = {},
): Promise<void> {
  sqlIdentifier(table, "table name");
  for (const c of columns) {
    sqlIdentifier(c.column, "column name");
    if (!FIELD.test(c.field)) throw new Error(`${JSON.stringify(c.field)} is not a plain field name`);
    if (!SQL_TYPE.test(c.type)) throw new Error(`${JSON.stringify(c.type)} is not a plain SQL type`);
  }
  const updates = columns.filter((c) => c.column !== "id");
  if (updates.length === columns.length || updates.length === 0) throw new Error(`bulkUpsert into ${table}: the columns must be id and at least one other`);
  if (options.touch !== undefined) sqlIdentifier(options.touch, "column name");
  const latest = lastPerKey(rows, (row) => row.id);
  if (latest.length === 0) return;

  const set = [...updates.map((c) => `${c.column} = EXCLUDED.${c.column}`), ...(options.touch ? [`${options.touch} = now()`] : [])];
  await manager.query(
    `INSERT INTO ${table} AS target (${columns.map((c) => c.column).join(", ")})
     SELECT ${columns.map((c) => `r."${c.field}"`).join(", ")}
       FROM jsonb_to_recordset($1::jsonb) AS r(${columns.map((c) => `"${c.field}" ${c.type}`).join(", ")})
     ON CONFLICT (id) DO UPDATE SET ${set.join(", ")}
     WHERE (${updates.map((c) => `target.${c.column}`).join(", ")}) IS DISTINCT FROM (${updates.map((c) => `EXCLUDED.${c.column}`).join(", ")})`,
    [JSON.stringify(latest)],
  );
}
