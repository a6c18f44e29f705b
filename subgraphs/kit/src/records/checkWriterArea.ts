import { GraphQLError } from "graphql";
import type { EntityManager } from "typeorm";
import type { Caller } from "../access/Caller";
import type { DeclaredCallers } from "../access/DeclaredCallers";
import { InvalidInput } from "../errors/badUserInput";
import { recordType, type RecordArea, type RecordType, type RecordTypes } from "./RecordType";
import { sqlIdentifier } from "./sqlIdentifier";

/** A write outside the writer's own area: `extensions.code` `FORBIDDEN`, `extensions.field` the input field at fault. */
export function outsideWritersArea(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: "FORBIDDEN", field } });
}

/**
 * The area a row names for itself, before anything is read: it must be an area declared to Tessera
 * (`InvalidInput`, so BAD_USER_INPUT: `ZZZ` is nobody's) and the writer's own (FORBIDDEN: an officer
 * of one force does not record for another).
 */
export function checkNamedArea(type: RecordType, row: Record<string, unknown>, caller: Caller, callers: DeclaredCallers, prefix: string): void {
  if (!type.area || !("field" in type.area)) return;
  const area = String(row[type.area.field]);
  if (!callers.isArea(area)) throw new InvalidInput(type.area.field, `${area} is not an area declared to Tessera`);
  if (area !== caller.area) throw outsideWritersArea(`${prefix}.${type.area.field}`, `${caller.area} staff may not record for ${type.area.field} ${area}`);
}

/**
 * Inside the write's transaction, before it is saved: every record the row references, and the
 * record it replaces if one is held, must belong to the writer's area. Without the second check an
 * officer could take over another force's record by writing to its id with their own force's code.
 */
export async function checkHeldAreas(manager: EntityManager, types: RecordTypes, type: RecordType, row: unknown, caller: Caller, prefix: string): Promise<void> {
  const references = type.references?.(row) ?? [];
  for (const reference of references) {
    const target = recordType(types, reference.type);
    if (!target?.area) continue;
    const held = await heldArea(manager, types, target.area, reference.id);
    if (held !== undefined && held !== caller.area) {
      throw outsideWritersArea(`${prefix}.${reference.field}`, `${reference.type} ${reference.id} belongs to ${areaWord(types, target)} ${held}, not to ${caller.area}`);
    }
  }
  if (!type.area) return;
  const held = await heldArea(manager, types, type.area, type.id(row));
  if (held !== undefined && held !== caller.area) {
    throw outsideWritersArea(`${prefix}.id`, `${type.name} ${type.id(row)} belongs to ${areaWord(types, type)} ${held}: only its own staff may change it`);
  }
}

/** The area of the held record with this id, or undefined when none is held. */
async function heldArea(manager: EntityManager, types: RecordTypes, area: RecordArea, id: string): Promise<string | undefined> {
  sqlIdentifier(area.table, "table name");
  sqlIdentifier(area.column, "column name");
  const [row] = (await manager.query(`SELECT ${area.column}::text AS value FROM ${area.table} WHERE id = $1`, [id])) as { value: string | null }[];
  if ("field" in area || !row?.value) return row?.value ?? undefined;
  const target = recordType(types, area.type)?.area;
  if (!target) throw new Error(`record type ${area.type} has no area for ${area.table} to take its own from`);
  return heldArea(manager, types, target, row.value);
}

/** The word for a record type's area: `force`, `trust`, `council`. */
function areaWord(types: RecordTypes, type: RecordType): string {
  const area = type.area;
  if (!area) return "area";
  if ("field" in area) return area.field;
  const target = recordType(types, area.type);
  return target && target !== type ? areaWord(types, target) : "area";
}
