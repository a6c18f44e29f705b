import type { ServiceContext } from "@tessera/kit";
import { parseRecordKeyString, recordKeyString, type RecordKey } from "../linkage/RecordKey";
import { loadSubject } from "../subjects/loadSubject";
import type { Subject } from "../subjects/Subject";

/**
 * The subject a record is linked to, through two request DataLoaders: one statement finds the
 * subject ids of every record asked for, one loads those subjects. Null for a record identity
 * has not been told about (yet: its registration may still be in the agency's outbox).
 */
export async function loadSubjectOfRecord(context: ServiceContext, record: RecordKey): Promise<Subject | null> {
  // PostgreSQL text cannot hold NUL, and no record was ever registered with one.
  if (record.agency.includes("\u0000") || record.localId.includes("\u0000")) return null;
  // Keyed by string, so the same record asked for twice in a request is looked up once.
  const loader = context.loaders.get<string, string | null>("identity.subjectIdOfRecord", async (keyStrings) => {
    const keys = keyStrings.map(parseRecordKeyString);
    const rows: { agency: string; localId: string; subjectId: string }[] = await context.db.query(
      `SELECT p.agency, p.local_id AS "localId", p.subject_id AS "subjectId"
       FROM person_record p JOIN unnest($1::text[], $2::text[]) AS k(agency, local_id) ON p.agency = k.agency AND p.local_id = k.local_id`,
      [keys.map((key) => key.agency), keys.map((key) => key.localId)],
    );
    const subjectIds = new Map(rows.map((row) => [recordKeyString(row), row.subjectId]));
    return keyStrings.map((key) => subjectIds.get(key) ?? null);
  });
  const subjectId = await loader.load(recordKeyString(record));
  return subjectId ? loadSubject(context, subjectId) : null;
}
