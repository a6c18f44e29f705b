import type { EntityManager } from "typeorm";

/** Which of these ids a table holds, in one statement however many are asked for. */
export async function existingIds(manager: EntityManager, table: "patient" | "encounter" | "safeguarding_concern", ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found: { id: string }[] = await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
  return new Set(found.map((row) => row.id));
}
