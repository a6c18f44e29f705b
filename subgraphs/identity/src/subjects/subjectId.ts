const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Subject ids are UUIDs; anything else names no subject, and must not reach SQL as a uuid. */
export function isSubjectId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}
