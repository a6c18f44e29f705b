import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";

/** Which of these ids a table holds: one statement, for the reference checks of writes and imports. */
export async function existingIds(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: { id: string }[] = await manager.createQueryBuilder(entity, "record").select("record.id", "id").where("record.id = ANY(:ids)", { ids }).getRawMany();
  return new Set(rows.map((row) => row.id));
}
