import type { EntityManager } from "typeorm";
import { InvalidInput } from "../errors/badUserInput";
import { lastPerKey } from "./lastPerKey";
import { sqlIdentifier } from "./sqlIdentifier";

/** A table column, the row field it is filled from, and its SQL type for `jsonb_to_recordset`. */
export interface UpsertColumn {
  column: string;
  field: string;
  /** e.g. `text`, `date`, `timestamptz`, `boolean`, `int`, `text[]`. */
  type: string;
}

/**
 * Upsert columns from row fields and their SQL types, e.g. `{ patientId: "text", occurredAt:
 * "timestamptz" }`: each column is its field's name in snake case (`patient_id`), the convention of
 * every table here, so a column list never spells a name twice.
 */
export function upsertColumns(fields: Readonly<Record<string, string>>): UpsertColumn[] {
  return Object.entries(fields).map(([field, type]) => ({ column: field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), field, type }));
}

export interface UpsertOptions {
  /** A column set to `now()` whenever a row actually changes (health's `updated_at`). */
  touch?: string;
  /**
   * The column naming the area a record belongs to — a police force, a health trust, a council —
   * which never changes once the record is held. Ids are the areas' own references, so two areas
   * may well use the same one: a row whose id is already held under another area is refused with
   * `InvalidInput("id", …)` and nothing of the batch is written, rather than one area's record
   * silently replacing another's. It must be one of the columns; the column name is also the word
   * the error uses for the area (`force`, `trust`, `council`).
   */
  areaColumn?: string;
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SQL_TYPE = /^[a-z][a-z0-9 ]*(\[\])?$/;

/**
 * Upserts many rows of a table keyed by `id` in ONE statement, inside the caller's transaction — a
 * `RecordType.save` for a record with its own id. An unchanged row is left alone (its `touch`
 * column too), so loading a file twice changes nothing. When one batch holds the same id twice the
 * later row wins, as the later line of a file should. With an `areaColumn`, the same statement
 * first looks for ids held under another area and writes nothing if it finds any.
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
  if (options.touch !== undefined) sqlIdentifier(options.touch, "column name");
  const area = options.areaColumn === undefined ? undefined : columns.find((c) => c.column === options.areaColumn);
  if (options.areaColumn !== undefined && (!area || area.column === "id")) {
    throw new Error(`bulkUpsert into ${table}: the area column ${JSON.stringify(options.areaColumn)} must be one of the columns other than id`);
  }
  // The area is never updated: a row may only be saved over one of its own area.
  const id = columns.find((c) => c.column === "id");
  const updates = columns.filter((c) => c !== id && c !== area);
  if (!id || updates.length === 0) {
    throw new Error(`bulkUpsert into ${table}: the columns must be id and at least one other${area ? " besides the area" : ""}`);
  }
  const latest = lastPerKey(rows, (row) => row.id);
  if (latest.length === 0) return;

  const set = [...updates.map((c) => `${c.column} = EXCLUDED.${c.column}`), ...(options.touch ? [`${options.touch} = now()`] : [])];
  const changed = `(${updates.map((c) => `target.${c.column}`).join(", ")}) IS DISTINCT FROM (${updates.map((c) => `EXCLUDED.${c.column}`).join(", ")})`;
  const recordset = `jsonb_to_recordset($1::jsonb) AS r(${columns.map((c) => `"${c.field}" ${c.type}`).join(", ")})`;
  const insert = (source: string, where = "") =>
    `INSERT INTO ${table} AS target (${columns.map((c) => c.column).join(", ")})
     SELECT ${columns.map((c) => `r."${c.field}"`).join(", ")} FROM ${source}${where}
     ON CONFLICT (id) DO UPDATE SET ${set.join(", ")}
     WHERE ${area ? `target.${area.column} = EXCLUDED.${area.column} AND ` : ""}${changed}`;

  if (!area) {
    await manager.query(insert(recordset), [JSON.stringify(latest)]);
    return;
  }
  // One statement: the ids already held under another area, and — only when there are none — the
  // upsert. The guard on the update keeps even a row of another area that commits concurrently
  // (after this statement's snapshot, so unseen by `moved`) from being overwritten: that row is left
  // as it is rather than reported.
  const moved: { id: string; area: string }[] = await manager.query(
    `WITH r AS (SELECT * FROM ${recordset}),
     moved AS (
       SELECT held.id, held.${area.column}::text AS area FROM ${table} held JOIN r ON held.id = r."${id.field}"
        WHERE held.${area.column} IS DISTINCT FROM r."${area.field}"
     ),
     saved AS (
       ${insert("r", " WHERE NOT EXISTS (SELECT 1 FROM moved)")}
     )
     SELECT id, area FROM moved ORDER BY id LIMIT 1`,
    [JSON.stringify(latest)],
  );
  const [first] = moved;
  if (first) {
    throw new InvalidInput("id", `is already used by ${area.column} ${first.area}: ${table} ${first.id} stays with the ${area.column} that recorded it`);
  }
}
