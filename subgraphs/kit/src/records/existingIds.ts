import type { EntityManager } from "typeorm";
import { sqlIdentifier } from "./sqlIdentifier";

/**
 * Which of these ids a table holds (its `id` column): one statement however many are asked for, for
 * the reference checks of writes and imports — a `RecordType.existing`.
 */
export async function existingIds(manager: EntityManager, table: string, ids: readonly string[]): Promise<Set<string>> {
  sqlIdentifier(table, "table name");
  if (ids.length === 0) return new Set();
  const found: { id: string }[] = await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
  return new Set(found.map((row) => row.id));
}
