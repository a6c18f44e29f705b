import { randomUUID } from "node:crypto";

/**
 * A mutation's input with an id: the caller's own reference if given, else a new UUID. Only
 * mutations may mint ids — a record type's `parse` always requires one, because the NDJSON import
 * is idempotent only on the agency's own ids (a line without one could never be recognised when the
 * file is loaded again). An empty id counts as none, as everywhere else.
 */
export function withMintedId<Input extends { id?: string | null }>(input: Input): Input & { id: string } {
  return { ...input, id: input.id || randomUUID() };
}
