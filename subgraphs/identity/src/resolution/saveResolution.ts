import type { EntityManager } from "typeorm";
import type { RecordKey } from "../linkage/RecordKey";
import type { ResolutionPlan, ReviewRow } from "./planResolution";

/** Rows per statement: large enough that a bulk re-link is a few hundred statements, small enough for memory. */
const CHUNK = 5000;

/**
 * Writes a resolution plan: new subjects, then the changed records (one upsert per chunk), their
 * blocking keys, subjects' support, the review pairs among the resolved records (`reviewScope`;
 * undefined means every record was resolved: all keys and the whole queue are replaced), and last
 * the subjects left empty. Records the plan did not
 * change are not written at all, so resolving the same records twice changes nothing.
 */
export async function saveResolution(manager: EntityManager, plan: ResolutionPlan, reviewScope: readonly RecordKey[] | undefined, now: Date, progress?: (done: number, total: number) => void): Promise<void> {
  const total = plan.recordCount + plan.blockingKeyCount + plan.reviewCount;
  let done = 0;
  const advance = (rows: number) => progress?.((done += rows), total);
  for (let at = 0; at < plan.newSubjects.length; at += CHUNK) {
    await manager.query(`INSERT INTO subject (id, support) SELECT * FROM unnest($1::uuid[], $2::float8[])`, [
      plan.newSubjects.slice(at, at + CHUNK),
      plan.newSubjectSupport.slice(at, at + CHUNK),
    ]);
  }
  for (const rows of chunks(plan.recordRows, CHUNK)) {
    await manager.query(
      `INSERT INTO person_record (agency, local_id, area, given_names, family_name, name_key, date_of_birth, sex, postcode, nhs_number, pnc_id, email, phone,
                                  subject_id, link_rule, linked_to_agency, linked_to_local_id, match_weight, match_probability, comparisons,
                                  model_version, decision_id, linked_at, registered_at, updated_at)
       SELECT agency, local_id, area, given_names, family_name, name_key, date_of_birth, sex, postcode, nhs_number, pnc_id, email, phone,
              subject_id, link_rule, linked_to_agency, linked_to_local_id, match_weight, match_probability, comparisons,
              model_version, decision_id, linked_at, registered_at, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS r(agency text, local_id text, area text, given_names text, family_name text, name_key text,
            date_of_birth date, sex text, postcode text, nhs_number text, pnc_id text, email text, phone text, subject_id uuid, link_rule text,
            linked_to_agency text, linked_to_local_id text, match_weight double precision, match_probability double precision, comparisons jsonb,
            model_version int, decision_id bigint, linked_at timestamptz, registered_at timestamptz, updated_at timestamptz)
       ON CONFLICT (agency, local_id) DO UPDATE SET
         area = excluded.area, given_names = excluded.given_names, family_name = excluded.family_name, name_key = excluded.name_key,
         date_of_birth = excluded.date_of_birth, sex = excluded.sex, postcode = excluded.postcode, nhs_number = excluded.nhs_number,
         pnc_id = excluded.pnc_id, email = excluded.email, phone = excluded.phone, subject_id = excluded.subject_id, link_rule = excluded.link_rule,
         linked_to_agency = excluded.linked_to_agency, linked_to_local_id = excluded.linked_to_local_id, match_weight = excluded.match_weight,
         match_probability = excluded.match_probability, comparisons = excluded.comparisons, model_version = excluded.model_version,
         decision_id = excluded.decision_id, linked_at = excluded.linked_at, updated_at = excluded.updated_at`,
      [JSON.stringify(rows)],
    );
    advance(rows.length);
  }
  // Resolving everything (`reviewScope` undefined) rewrites every record's keys: clear them once.
  if (!reviewScope) await manager.query(`DELETE FROM blocking_key`);
  for (const records of chunks(plan.blockingKeys, CHUNK)) {
    const stale = reviewScope ? records.filter(({ stored }) => stored) : [];
    if (stale.length) {
      await manager.query(`DELETE FROM blocking_key b USING unnest($1::text[], $2::text[]) AS r(agency, local_id) WHERE b.agency = r.agency AND b.local_id = r.local_id`, [
        stale.map(({ record }) => record.agency),
        stale.map(({ record }) => record.localId),
      ]);
    }
    const rows = records.flatMap(({ record, keys }) => keys.map((key) => [key, record.agency, record.localId] as const));
    if (rows.length) {
      await manager.query(`INSERT INTO blocking_key (key, agency, local_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`, [
        rows.map((row) => row[0]),
        rows.map((row) => row[1]),
        rows.map((row) => row[2]),
      ]);
    }
    advance(records.length);
  }
  for (const rows of chunks(plan.support, CHUNK)) {
    await manager.query(`UPDATE subject s SET support = u.support FROM unnest($1::uuid[], $2::float8[]) AS u(id, support) WHERE s.id = u.id`, [
      rows.map((row) => row.id),
      rows.map((row) => row.support),
    ]);
  }
  if (reviewScope) await replaceReviewPairs(manager, [...plan.reviewRows], reviewScope, plan.reviewFocus ?? reviewScope, now);
  else {
    // Everything was resolved: the queue is rebuilt, each pair queued as of this re-link.
    await manager.query(`DELETE FROM link_review`);
    for (const rows of chunks(plan.reviewRows, CHUNK)) {
      await insertReviewRows(manager, rows, now);
      advance(rows.length);
    }
  }
  for (const ids of chunks(plan.vacatedSubjects, CHUNK)) await manager.query(`DELETE FROM subject WHERE id = ANY($1::uuid[])`, [ids]);
}

/**
 * The review pairs of the focus records within the resolved records become `rows`: pairs no longer
 * doubtful leave the queue, the rest are upserted keeping when they were first queued unless their
 * score changed, so registering the same records again leaves the queue as it was.
 */
async function replaceReviewPairs(manager: EntityManager, rows: ReviewRow[], scope: readonly RecordKey[], focus: readonly RecordKey[], now: Date): Promise<void> {
  // Found from the focus records through the queue's two indexes (left: the primary key; right), never by scanning it.
  await manager.query(
    `WITH scope AS (SELECT * FROM unnest($1::text[], $2::text[]) AS s(agency, local_id)),
          focus AS (SELECT * FROM unnest($7::text[], $8::text[]) AS f(agency, local_id)),
          touching AS (
            SELECT r.left_agency, r.left_local_id, r.right_agency, r.right_local_id
              FROM focus f JOIN link_review r ON r.left_agency = f.agency AND r.left_local_id = f.local_id
            UNION
            SELECT r.left_agency, r.left_local_id, r.right_agency, r.right_local_id
              FROM focus f JOIN link_review r ON r.right_agency = f.agency AND r.right_local_id = f.local_id
          ),
          stale AS (
            SELECT * FROM touching t
             WHERE (t.left_agency, t.left_local_id) IN (SELECT * FROM scope) AND (t.right_agency, t.right_local_id) IN (SELECT * FROM scope)
               AND (t.left_agency, t.left_local_id, t.right_agency, t.right_local_id) NOT IN (SELECT * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]))
          )
     DELETE FROM link_review r USING stale s
      WHERE r.left_agency = s.left_agency AND r.left_local_id = s.left_local_id AND r.right_agency = s.right_agency AND r.right_local_id = s.right_local_id`,
    [
      scope.map((key) => key.agency),
      scope.map((key) => key.localId),
      rows.map((row) => row.left_agency),
      rows.map((row) => row.left_local_id),
      rows.map((row) => row.right_agency),
      rows.map((row) => row.right_local_id),
      focus.map((key) => key.agency),
      focus.map((key) => key.localId),
    ],
  );
  if (rows.length) await insertReviewRows(manager, rows, now);
}

async function insertReviewRows(manager: EntityManager, rows: ReviewRow[], now: Date): Promise<void> {
  await manager.query(
    `INSERT INTO link_review (left_agency, left_local_id, right_agency, right_local_id, match_weight, match_probability, comparisons, model_version, queued_at)
     SELECT left_agency, left_local_id, right_agency, right_local_id, match_weight, match_probability, comparisons, model_version, $2
     FROM jsonb_to_recordset($1::jsonb) AS r(left_agency text, left_local_id text, right_agency text, right_local_id text,
          match_weight double precision, match_probability double precision, comparisons jsonb, model_version int)
     ON CONFLICT (left_agency, left_local_id, right_agency, right_local_id) DO UPDATE SET
       queued_at = CASE WHEN link_review.match_weight = excluded.match_weight AND link_review.model_version IS NOT DISTINCT FROM excluded.model_version
                        THEN link_review.queued_at ELSE excluded.queued_at END,
       match_weight = excluded.match_weight, match_probability = excluded.match_probability,
       comparisons = excluded.comparisons, model_version = excluded.model_version`,
    [JSON.stringify(rows), now.toISOString()],
  );
}

function* chunks<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}
