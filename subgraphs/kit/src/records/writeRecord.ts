import { InvalidInput } from "../errors/badUserInput";
import type { ServiceContext } from "../server/ServiceContext";
import { recordType, type RecordTypes } from "./RecordType";

/**
 * A mutation's write: validate, check references, save in one transaction (with the identity
 * registration queued in it), then try to deliver the registration at once. Bad input becomes a
 * `BAD_USER_INPUT` error naming `input.<field>`, and nothing is written.
 */
export async function writeRecord<Row>(context: ServiceContext, types: RecordTypes, typeName: string, input: object): Promise<Row> {
  const type = recordType(types, typeName);
  if (!type) throw new Error(`no record type ${typeName}`);
  try {
    const row = type.parse({ ...input } as Record<string, unknown>) as Row;
    await context.db.transaction(async (manager) => {
      for (const reference of type.references?.(row) ?? []) {
        const target = recordType(types, reference.type);
        const found = await target!.existing(manager, [reference.id]);
        if (!found.has(reference.id)) throw new InvalidInput(reference.field, `no ${reference.type} with id ${reference.id}`);
      }
      await type.save(manager, [row]);
    });
    await context.registrations?.flushQuietly();
    return row;
  } catch (error) {
    if (error instanceof InvalidInput) throw error.toGraphQLError("input");
    throw error;
  }
}
