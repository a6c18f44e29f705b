import { randomUUID } from "node:crypto";

/**
 * A mutation's input with an id: the caller's, else a new UUID. Only mutations may mint ids — the
 * record types require one, because the NDJSON import is idempotent only on the agency's own ids.
 */
export function withGeneratedId<Input extends { id?: string | null }>(input: Input): Input & { id: string } {
  return { ...input, id: input.id || randomUUID() };
}
