import type { ServiceContext } from "@tessera/kit";
import { loadLinkageConfig } from "../linkage/linkageConfig";
import { PersonRecordEntity } from "./PersonRecordEntity";
import type { Subject } from "./Subject";
import { isSubjectId } from "./subjectId";
import { toSubject } from "./toSubject";

/**
 * Loads a subject through the request's DataLoader: every subject asked for in one request —
 * by `subject`, `subjects`, `_entities`, search results, counterparts — comes from ONE statement over their
 * records. Null for an unknown or malformed id.
 */
export function loadSubject(context: ServiceContext, id: string): Promise<Subject | null> {
  if (!isSubjectId(id)) return Promise.resolve(null);
  const loader = context.loaders.get<string, Subject | null>("identity.subject", async (ids) => {
    const records = await context.db
      .getRepository(PersonRecordEntity)
      .createQueryBuilder("record")
      .where("record.subject_id = ANY(:ids)", { ids: [...ids] })
      .getMany();
    // Read once for the request's subjects, as the confidence's thresholds are: a change applies from the next request.
    const config = loadLinkageConfig();
    const bySubject = new Map<string, PersonRecordEntity[]>();
    for (const record of records) {
      const list = bySubject.get(record.subjectId);
      if (list) list.push(record);
      else bySubject.set(record.subjectId, [record]);
    }
    return ids.map((subjectId) => {
      const found = bySubject.get(subjectId);
      return found ? toSubject(subjectId, found, config) : null;
    });
  });
  // PostgreSQL prints uuids in lower case; asking in the same case lets the answers be matched up.
  return loader.load(id.toLowerCase());
}

/** Subjects in the order asked, null where there is none; duplicates share one load. */
export function loadSubjects(context: ServiceContext, ids: readonly string[]): Promise<(Subject | null)[]> {
  return Promise.all(ids.map((id) => loadSubject(context, id)));
}
