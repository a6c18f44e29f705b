import { badUserInput } from "@tessera/kit";
import { isSubjectId } from "../subjects/subjectId";

/** Pages are in subject id order, so the last subject id of a page is where the next one starts. */
export function encodeSubjectCursor(subjectId: string): string {
  return Buffer.from(subjectId, "utf8").toString("base64");
}

/** Opaque to callers; anything that is not one of ours is bad input, never an SQL error. */
export function decodeSubjectCursor(cursor: string): string {
  const subjectId = Buffer.from(cursor, "base64").toString("utf8");
  if (!isSubjectId(subjectId) || encodeSubjectCursor(subjectId) !== cursor) throw badUserInput("after", "is not a cursor from this search");
  return subjectId.toLowerCase();
}
