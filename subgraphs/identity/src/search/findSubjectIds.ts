import type { DataSource } from "typeorm";
import type { SearchCriteria } from "./parseSearchCriteria";

export interface SubjectIdPage {
  /** Up to `first + 1` ids after the cursor: the extra one says there is a next page. */
  ids: string[];
  totalCount: number;
}

/**
 * One statement: the subjects with a record meeting every criterion, counted, and one page of
 * their ids after the cursor. Each criterion is on an index (name tokens on a GIN index).
 */
export async function findSubjectIds(db: DataSource, criteria: SearchCriteria): Promise<SubjectIdPage> {
  const parameters: unknown[] = [];
  const conditions: string[] = [];
  const add = (condition: (placeholder: string) => string, value: unknown) => {
    parameters.push(value);
    conditions.push(condition(`$${parameters.length}`));
  };
  if (criteria.nameTokens) add((p) => `string_to_array(name_key, ' ') @> ${p}::text[]`, criteria.nameTokens);
  if (criteria.dateOfBirth) add((p) => `date_of_birth = ${p}::date`, criteria.dateOfBirth);
  if (criteria.nhsNumber) add((p) => `nhs_number = ${p}`, criteria.nhsNumber);
  if (criteria.pncId) add((p) => `pnc_id = ${p}`, criteria.pncId);
  if (criteria.postcode) add((p) => `postcode = ${p}`, criteria.postcode);
  parameters.push(criteria.after ?? null, criteria.first + 1);
  const after = `$${parameters.length - 1}::uuid`;
  const limit = `$${parameters.length}`;
  const [row] = (await db.query(
    `WITH matched AS (SELECT DISTINCT subject_id FROM person_record WHERE ${conditions.join(" AND ")})
     SELECT (SELECT count(*)::int FROM matched) AS "totalCount",
            ARRAY(SELECT subject_id FROM matched WHERE ${after} IS NULL OR subject_id > ${after} ORDER BY subject_id LIMIT ${limit})::text[] AS ids`,
    parameters,
  )) as SubjectIdPage[];
  return row!;
}
