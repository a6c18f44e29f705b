import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { prepareRecord } from "../linkage/linkableRecord";
import { matchWeightOf, weightOf } from "../linkage/predict";
import { recordKeyString, type RecordKey } from "../linkage/RecordKey";
import type { ValidRegistration } from "../registration/parseRegistrations";
import { currentLinkage } from "./currentLinkage";
import { blockingKeysOf, byRegistration, planResolution, type ResolutionNode } from "./planResolution";
import { saveResolution } from "./saveResolution";
import { loadConstraints, STORED_RECORD_COLUMNS, toStoredRecord, type StoredRecord } from "./storedRecords";
import { IDENTITY_FIELD_COLUMNS, toLinkableRecord, type IdentityFields } from "./toLinkableRecord";

/**
 * Linkage decides on a snapshot of the neighbourhood, so two batches touching the same people must
 * not decide at once: one transaction-scoped advisory lock makes batches (and review decisions)
 * take turns. A batch takes milliseconds.
 */
const LINKAGE_LOCK = 7_311_001;

/**
 * Taken with the lock, for this transaction only. Every statement here is a few hundred key
 * lookups, but during a bulk load the tables grow faster than autovacuum refreshes their
 * statistics, and on stale statistics the planner joins whole tables for every batch (measured:
 * each batch of 500 slowing from 100 ms to 250 ms as 100,000 registrations loaded). Index lookups
 * in nested loops are always right here, so they are not left to the statistics.
 */
const LOCK_AND_PLAN_FOR_LOOKUPS = `SELECT pg_advisory_xact_lock($1),
  set_config('enable_seqscan', 'off', true), set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)`;

/** Takes linkage's turn for the rest of the caller's transaction (taking it again is harmless). */
export async function lockLinkage(manager: EntityManager): Promise<void> {
  await manager.query(LOCK_AND_PLAN_FOR_LOOKUPS, [LINKAGE_LOCK]);
}

export interface NeighbourhoodChange {
  /** New or changed records: they replace their stored versions. */
  incoming?: readonly ValidRegistration[];
  /** Stored records to re-resolve as they are (the records a review decision names). */
  seeds?: readonly RecordKey[];
}

/**
 * Incremental linking, inside the caller's transaction:
 * 1. lock;
 * 2. find the candidates through the indexed `blocking_key` table — of the changed records as they
 *    are now (their new keys) and of every record of their subjects as stored — and score each
 *    against those records;
 * 3. load the WHOLE subjects of the changed records and of the candidates that plausibly match one
 *    of them (at or above the review threshold) — a subject that matches none cannot gain or lose
 *    a record by this change, so it is left alone;
 * 4. resolve that closed set under the model and the reviewers' decisions among it, and write
 *    what changed.
 * Returns every resolved record's subject by `recordKeyString`.
 *
 * Loading whole subjects keeps the result exact for everything it touches: a subject is never left
 * half re-clustered. Records outside the neighbourhood are not re-scored, which is what makes it
 * milliseconds; a bulk re-link re-scores everything.
 */
export async function linkNeighbourhood(manager: EntityManager, change: NeighbourhoodChange, now = new Date()): Promise<Map<string, string>> {
  await lockLinkage(manager);
  const linkage = await currentLinkage(manager);
  const { model, termFrequencies } = linkage;
  const incoming = [...new Map((change.incoming ?? []).map((record) => [recordKeyString(record), record])).values()];
  const incomingPrepared = incoming.map((record) => prepareRecord(toLinkableRecord(record), 0));
  const keys = new Set<string>();
  for (const record of incomingPrepared) for (const key of blockingKeysOf(model, record)) keys.add(key);
  const named = [...incoming, ...(change.seeds ?? [])];
  const candidates = (await manager.query(
    `WITH named AS (SELECT * FROM unnest($2::text[], $3::text[]) AS n(agency, local_id)),
     mate AS (
       SELECT m.agency, m.local_id FROM person_record m
        WHERE m.subject_id IN (SELECT p.subject_id FROM named n JOIN person_record p ON p.agency = n.agency AND p.local_id = n.local_id)
     ),
     seed_key AS (
       SELECT unnest($1::text[]) AS key
       UNION SELECT b.key FROM blocking_key b JOIN mate m ON b.agency = m.agency AND b.local_id = m.local_id
     ),
     candidate AS (
       SELECT b.agency, b.local_id FROM seed_key k JOIN blocking_key b ON b.key = k.key
       UNION SELECT agency, local_id FROM mate
     )
     SELECT ${IDENTITY_FIELD_COLUMNS}, p.subject_id AS "subjectId",
            EXISTS (SELECT 1 FROM mate m WHERE m.agency = p.agency AND m.local_id = p.local_id) AS "isMate"
       FROM candidate c JOIN person_record p ON p.agency = c.agency AND p.local_id = c.local_id`,
    [[...keys], named.map((record) => record.agency), named.map((record) => record.localId)],
  )) as Array<IdentityFields & { subjectId: string; isMate: boolean }>;
  // Prepared once, here and for the resolution: stored records as stored, changed ones as they are now.
  const storedPrepared = new Map(candidates.map((row) => [recordKeyString(row), prepareRecord(toLinkableRecord(row), 0)]));
  // The changed records as they are now, and every record of their subjects as stored: a record
  // leaving a subject may free its subject-mates to join a subject they plausibly match.
  const focus = [...incomingPrepared, ...candidates.filter((row) => row.isMate).map((row) => storedPrepared.get(recordKeyString(row))!)];
  const reviewWeight = weightOf(model.reviewThreshold);
  const subjects = new Set<string>();
  for (const row of candidates) {
    if (subjects.has(row.subjectId)) continue;
    const candidate = storedPrepared.get(recordKeyString(row))!;
    if (row.isMate || focus.some((record) => matchWeightOf(model, record, candidate, termFrequencies) >= reviewWeight)) subjects.add(row.subjectId);
  }
  const rows = await manager.query(`SELECT ${STORED_RECORD_COLUMNS} FROM person_record p JOIN subject s ON s.id = p.subject_id WHERE p.subject_id = ANY($1::uuid[])`, [[...subjects]]);
  const stored = new Map<string, StoredRecord>((rows as Parameters<typeof toStoredRecord>[0][]).map((row) => [recordKeyString(row), toStoredRecord(row)]));
  const nodes = new Map<string, ResolutionNode>([...stored].map(([key, record]) => [key, { record, stored: record }]));
  for (const record of incoming) {
    const previous = stored.get(recordKeyString(record));
    nodes.set(recordKeyString(record), { record, ...(previous ? { stored: previous } : {}) });
  }
  const ordered = [...nodes.values()].sort((a, b) => byRegistration(a, b, now));
  const scope = ordered.map(({ record }) => ({ agency: record.agency, localId: record.localId }));
  const constraints = await loadConstraints(manager, scope);
  const prepared = new Map(storedPrepared);
  incoming.forEach((record, index) => prepared.set(recordKeyString(record), incomingPrepared[index]!));
  const plan = planResolution(ordered, constraints, linkage, { now, newSubjectId: randomUUID, focus: named, prepared });
  await saveResolution(manager, plan, scope, now);
  return new Map(ordered.map((node, index) => [recordKeyString(node.record), plan.subjectOfNode[index]!]));
}
