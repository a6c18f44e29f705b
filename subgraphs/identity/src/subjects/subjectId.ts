import { badUserInput } from "@tessera/kit";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most subjects one `subjects` query may name: a caseload, not a way to page through the index. */
export const MAX_SUBJECT_IDS = 500;

/** Subject ids are UUIDs; anything else names no subject, and must not reach SQL as a uuid. */
export function isSubjectId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * Checks the ids of a caseload. Unlike `subject(id)`, a malformed id is refused rather than
 * answered with null: the list is one the caller built, and a null would pass its mistake off as a
 * subject merged away.
 */
export function checkSubjectIds(ids: readonly string[]): void {
  if (ids.length > MAX_SUBJECT_IDS) throw badUserInput("ids", `at most ${MAX_SUBJECT_IDS} ids, not ${ids.length}`);
  const malformed = ids.findIndex((id) => !isSubjectId(id));
  if (malformed >= 0) throw badUserInput("ids", `the id at index ${malformed} is not a subject id (a UUID)`);
}
