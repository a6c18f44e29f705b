import type { EntityManager } from "typeorm";
import { sqlIdentifier } from "./sqlIdentifier";

const SEPARATOR = "|";

/**
 * The id of a record without one of its own — a link such as an involvement — made of its natural
 * key's parts joined by `|`, which no record id (see `recordId`) and no enumerated value may contain.
 */
export function naturalKey(parts: readonly string[]): string {
  return parts.join(SEPARATOR);
}

/**
 * Which of these natural keys (made by `naturalKey`, parts in the order of `columns`) a table
 * holds: one statement however many are asked for — `existingIds` for records keyed by several
 * text columns.
 */
export async function existingKeys(manager: EntityManager, table: string, columns: readonly string[], keys: readonly string[]): Promise<Set<string>> {
  sqlIdentifier(table, "table name");
  for (const column of columns) sqlIdentifier(column, "column name");
  if (columns.length === 0) throw new Error(`existingKeys in ${table}: name the key's columns`);
  const parts = keys.map((key) => key.split(SEPARATOR)).filter((split) => split.length === columns.length);
  if (parts.length === 0) return new Set();
  const found: { key: string }[] = await manager.query(
    `SELECT concat_ws('${SEPARATOR}', ${columns.map((c) => `t.${c}`).join(", ")}) AS key
       FROM ${table} t
       JOIN unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS k(${columns.join(", ")})
         ON ${columns.map((c) => `t.${c} = k.${c}`).join(" AND ")}`,
    columns.map((_, i) => parts.map((split) => split[i])),
  );
  return new Set(found.map((row) => row.key));
}
