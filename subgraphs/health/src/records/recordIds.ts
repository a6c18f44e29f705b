import { randomUUID } from "node:crypto";
import { InvalidInput, recordId } from "@tessera/kit";

/**
 * Whether a record type assigns ids. The import requires the trust's own id on every line — that
 * is what makes loading a file twice idempotent — while a mutation may leave it out and get a UUID.
 * The kit's `parse(value, now)` has no room for this, so it is fixed when the record types are built
 * (see `records/index.ts`).
 */
export interface IdPolicy {
  assignMissingIds: boolean;
}

export function parseOwnId(value: unknown, policy: IdPolicy): string {
  const id = recordId("id", value);
  if (id) return id;
  if (policy.assignMissingIds) return randomUUID();
  throw new InvalidInput("id", "is required");
}

/** The id of another record this one points at. */
export function requiredReference(field: string, value: unknown): string {
  const id = recordId(field, value);
  if (!id) throw new InvalidInput(field, "is required");
  return id;
}
