import { InvalidInput } from "../errors/badUserInput";
import type { ServiceContext } from "../server/ServiceContext";
import { checkHeldAreas, checkNamedArea } from "./checkWriterArea";
import { recordType, type RecordTypes } from "./RecordType";

/** How long a mutation waits for its identity registration to be delivered. */
export const REGISTRATION_WAIT_MS = 2000;

/**
 * A mutation's write: validate, check references, save in one transaction (with the identity
 * registration queued in it), then try to deliver the registration at once. Bad input becomes a
 * `BAD_USER_INPUT` error naming `input.<field>`, and nothing is written. Writes are by area: the
 * record, what it references and what it replaces must all be the writer's force, trust or council
 * (`FORBIDDEN` naming the field otherwise), and an area nobody declared is bad input.
 */
export async function writeRecord<Row>(context: ServiceContext, types: RecordTypes, typeName: string, input: object): Promise<Row> {
  const type = recordType(types, typeName);
  if (!type) throw new Error(`no record type ${typeName}`);
  try {
    const row = type.parse({ ...input } as Record<string, unknown>) as Row;
    const { caller, callers } = context;
    if (caller && !callers) throw new Error("a write with a caller needs the declared callers in its context");
    if (caller) checkNamedArea(type, row as Record<string, unknown>, caller, callers!, "input");
    await context.db.transaction(async (manager) => {
      for (const reference of type.references?.(row) ?? []) {
        const target = recordType(types, reference.type);
        const found = await target!.existing(manager, [reference.id]);
        if (!found.has(reference.id)) throw new InvalidInput(reference.field, `no ${reference.type} with id ${reference.id}`);
      }
      if (caller) await checkHeldAreas(manager, types, type, row, caller, "input");
      await type.save(manager, [row]);
    });
    // Try to tell identity at once so the next query sees the link — but never hold the caller for
    // long: what is not delivered in time stays queued, and the relay delivers it.
    await Promise.race([context.registrations?.flushQuietly(), new Promise((resolve) => setTimeout(resolve, REGISTRATION_WAIT_MS).unref())]);
    return row;
  } catch (error) {
    if (error instanceof InvalidInput) throw error.toGraphQLError("input");
    throw error;
  }
}
