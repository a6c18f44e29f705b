import { randomUUID } from "node:crypto";

/**
 * A mutation's input with an id: the caller's own reference if given, else a new UUID. The import
 * never goes through here — its ids are what make loading a file twice change nothing — so `parse`
 * can simply require one.
 */
export function withAssignedId<Input extends { id?: string | null }>(input: Input): Input & { id: string } {
  return { ...input, id: input.id ?? randomUUID() };
}
