import { badUserInput, InvalidInput, recordId, type ServiceContext } from "@tessera/kit";
import { GraphQLError } from "graphql";
import type { EntityManager } from "typeorm";
import { recordKeyString, type RecordKey } from "../linkage/RecordKey";
import { loadSubjectOfRecord } from "../personRefs/loadSubjectOfRecord";
import { agencyCode } from "../registration/parseRegistrations";
import { linkNeighbourhood, lockLinkage } from "../resolution/linkNeighbourhood";
import type { Subject } from "../subjects/Subject";
import { isSubjectId } from "../subjects/subjectId";
import { LinkDecisionKind, type LinkDecision, type LinkDecisionOutcome } from "./LinkDecision";

/** The longest reason kept: a paragraph, not a case file. */
const MAX_REASON = 2000;

export type DecisionRequest =
  | { kind: LinkDecisionKind.CONFIRM_PAIR | LinkDecisionKind.REJECT_PAIR; left: RecordKey; right: RecordKey; reason: string }
  | { kind: LinkDecisionKind.SPLIT_RECORD; record: RecordKey; reason: string }
  | { kind: LinkDecisionKind.MERGE_SUBJECTS; subjectIds: [string, string]; reason: string };

interface Constraint {
  left: RecordKey;
  right: RecordKey;
  samePerson: boolean;
}

interface DecisionRow {
  id: string;
  kind: LinkDecisionKind;
  records: RecordKey[];
  decided_by: string;
  decided_at: Date;
  reason: string;
  revoked_by: string | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
}

const DECISION_COLUMNS = `id::text, kind, records, decided_by, decided_at, reason, revoked_by, revoked_at, revoke_reason`;

/**
 * Records a reviewer's decision and applies it at once, in one transaction under linkage's lock:
 * the decision and its pair constraints are stored, then the records it names (with their whole
 * subjects and candidates) are re-resolved, so the answer already reflects it. Who decided is the
 * request's user; a decision without one, or without a reason, is refused.
 */
export async function decide(context: ServiceContext, request: DecisionRequest, now = new Date()): Promise<LinkDecisionOutcome> {
  const user = reviewer(context);
  const reason = reasonText("reason", request.reason);
  for (const [field, key] of Object.entries(namedRecords(request))) checkRecordKey(field, key);
  const decision = await context.db.transaction(async (manager) => {
    await lockLinkage(manager);
    const { records, constraints } = await constraintsFor(manager, request);
    const [row] = (await manager.query(
      `INSERT INTO link_decision (kind, records, decided_by, decided_at, reason) VALUES ($1, $2::jsonb, $3, $4, $5) RETURNING ${DECISION_COLUMNS}`,
      [request.kind, JSON.stringify(records), user, now, reason],
    )) as DecisionRow[];
    await manager.query(
      `INSERT INTO link_constraint (decision_id, left_agency, left_local_id, right_agency, right_local_id, same_person)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[]) ON CONFLICT DO NOTHING`,
      [
        row!.id,
        constraints.map((c) => c.left.agency),
        constraints.map((c) => c.left.localId),
        constraints.map((c) => c.right.agency),
        constraints.map((c) => c.right.localId),
        constraints.map((c) => c.samePerson),
      ],
    );
    await linkNeighbourhood(manager, { seeds: records }, now);
    return toDecision(row!);
  });
  return { decision, subjects: await subjectsOf(context, decision.records) };
}

/** Revokes a decision: from now on the model (and any other decision) decides its records again. */
export async function revokeDecision(context: ServiceContext, id: string, revokeReason: string, now = new Date()): Promise<LinkDecisionOutcome> {
  const user = reviewer(context);
  const reason = reasonText("reason", revokeReason);
  if (!/^\d{1,18}$/.test(id)) throw badUserInput("id", `no link decision has id ${JSON.stringify(id)}`);
  const decision = await context.db.transaction(async (manager) => {
    await lockLinkage(manager);
    const [existing] = (await manager.query(`SELECT ${DECISION_COLUMNS} FROM link_decision WHERE id = $1`, [id])) as DecisionRow[];
    if (!existing) throw badUserInput("id", `no link decision has id ${id}`);
    if (existing.revoked_at) throw badUserInput("id", `link decision ${id} was already revoked by ${existing.revoked_by} at ${existing.revoked_at.toISOString()}`);
    // TypeORM answers an UPDATE with [rows, count].
    const [[row]] = (await manager.query(`UPDATE link_decision SET revoked_by = $2, revoked_at = $3, revoke_reason = $4 WHERE id = $1 RETURNING ${DECISION_COLUMNS}`, [
      id,
      user,
      now,
      reason,
    ])) as [DecisionRow[], number];
    await linkNeighbourhood(manager, { seeds: row!.records }, now);
    return toDecision(row!);
  });
  return { decision, subjects: await subjectsOf(context, decision.records) };
}

/** Decisions, newest first, from `before` (an id) on. */
export async function listDecisions(context: ServiceContext, first: number, before: string | undefined): Promise<{ decisions: LinkDecision[]; hasNextPage: boolean }> {
  const rows = (await context.db.query(`SELECT ${DECISION_COLUMNS} FROM link_decision WHERE ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2`, [
    before ?? null,
    first + 1,
  ])) as DecisionRow[];
  return { decisions: rows.slice(0, first).map(toDecision), hasNextPage: rows.length > first };
}

/** The records a decision names and the pair constraints it stands for, checked against what identity holds. */
async function constraintsFor(manager: EntityManager, request: DecisionRequest): Promise<{ records: RecordKey[]; constraints: Constraint[] }> {
  switch (request.kind) {
    case LinkDecisionKind.CONFIRM_PAIR:
    case LinkDecisionKind.REJECT_PAIR: {
      if (recordKeyString(request.left) === recordKeyString(request.right)) throw badUserInput("right", "must be a different record from left");
      await subjectsOfRecords(manager, { left: request.left, right: request.right });
      const samePerson = request.kind === LinkDecisionKind.CONFIRM_PAIR;
      if (samePerson) await refuseDifferentIdentifiers(manager, [request.left, request.right], "right");
      return { records: [request.left, request.right], constraints: [{ left: request.left, right: request.right, samePerson }] };
    }
    case LinkDecisionKind.SPLIT_RECORD: {
      const { record } = await subjectsOfRecords(manager, { record: request.record });
      const others = await recordsOfSubjects(manager, [record!]);
      const rest = others.filter((other) => recordKeyString(other) !== recordKeyString(request.record));
      if (rest.length === 0) throw badUserInput("record", `${describe(request.record)} is already the only record of its subject`);
      return { records: [request.record], constraints: rest.map((other) => ({ left: request.record, right: other, samePerson: false })) };
    }
    case LinkDecisionKind.MERGE_SUBJECTS: {
      const [a, b] = request.subjectIds.map((id) => id.toLowerCase());
      request.subjectIds.forEach((id, index) => {
        if (!isSubjectId(id)) throw badUserInput(`subjectIds.${index}`, `${JSON.stringify(id)} is not a subject id`);
      });
      if (a === b) throw badUserInput("subjectIds", "must name two different subjects");
      const records = await recordsOfSubjects(manager, [a!, b!]);
      for (const [index, id] of [a!, b!].entries()) {
        if (!records.some((record) => record.subjectId === id)) throw badUserInput(`subjectIds.${index}`, `no subject has id ${id}`);
      }
      await refuseDifferentIdentifiers(manager, records, "subjectIds");
      // Every pair, not a star around one record: a later decision about one record (a split) then
      // overrides only that record's pairs, and this merge outranks earlier decisions about any of them.
      const constraints: Constraint[] = [];
      records.forEach((left, index) => records.slice(index + 1).forEach((right) => constraints.push({ left: keyOf(left), right: keyOf(right), samePerson: true })));
      return { records: records.map(keyOf), constraints };
    }
  }
}

/**
 * Two different valid NHS numbers (or PNC IDs) are two people however a reviewer decides: linkage
 * never puts them in one subject, so a confirmation or merge across them is refused, not stored
 * and silently ignored. The identifier is wrong at one agency, and must be corrected there.
 */
async function refuseDifferentIdentifiers(manager: EntityManager, records: readonly RecordKey[], field: string): Promise<void> {
  const [row] = (await manager.query(
    `SELECT count(DISTINCT p.nhs_number)::int AS nhs, count(DISTINCT p.pnc_id)::int AS pnc FROM person_record p
       JOIN unnest($1::text[], $2::text[]) AS k(agency, local_id) ON p.agency = k.agency AND p.local_id = k.local_id`,
    [records.map((record) => record.agency), records.map((record) => record.localId)],
  )) as Array<{ nhs: number; pnc: number }>;
  const which = row!.nhs > 1 ? "NHS numbers" : row!.pnc > 1 ? "PNC IDs" : undefined;
  if (which) throw badUserInput(field, `the records carry different ${which}, so they are two people to identity; correct the wrong identifier at its agency first`);
}

/** The records a request names, by the field naming them. */
function namedRecords(request: DecisionRequest): Record<string, RecordKey> {
  if (request.kind === LinkDecisionKind.SPLIT_RECORD) return { record: request.record };
  if (request.kind === LinkDecisionKind.MERGE_SUBJECTS) return {};
  return { left: request.left, right: request.right };
}

/** A record key as agencies issue them; anything else (a NUL byte, a 5 KB string) is refused before SQL sees it. */
function checkRecordKey(field: string, key: RecordKey): void {
  try {
    agencyCode(key.agency);
    recordId("localId", key.localId);
  } catch (error) {
    if (error instanceof InvalidInput) throw badUserInput(`${field}.${error.field}`, error.reason);
    throw error;
  }
}

/** The subject of each named record; an unknown record is the caller's error, named by its field. */
async function subjectsOfRecords(manager: EntityManager, named: Record<string, RecordKey>): Promise<Record<string, string>> {
  const entries = Object.entries(named);
  const rows = (await manager.query(
    `SELECT p.agency, p.local_id AS "localId", p.subject_id AS "subjectId" FROM person_record p
       JOIN unnest($1::text[], $2::text[]) AS k(agency, local_id) ON p.agency = k.agency AND p.local_id = k.local_id`,
    [entries.map(([, key]) => key.agency), entries.map(([, key]) => key.localId)],
  )) as Array<RecordKey & { subjectId: string }>;
  const found = new Map(rows.map((row) => [recordKeyString(row), row.subjectId]));
  const subjects: Record<string, string> = {};
  for (const [field, key] of entries) {
    const subjectId = found.get(recordKeyString(key));
    if (!subjectId) throw badUserInput(field, `no person record ${describe(key)} is registered with identity`);
    subjects[field] = subjectId;
  }
  return subjects;
}

/** Every record of the subjects, subject by subject in the order given, each in registration order. */
async function recordsOfSubjects(manager: EntityManager, subjectIds: string[]): Promise<Array<RecordKey & { subjectId: string }>> {
  return (await manager.query(
    `SELECT agency, local_id AS "localId", subject_id AS "subjectId" FROM person_record WHERE subject_id = ANY($1::uuid[])
      ORDER BY array_position($1::uuid[], subject_id), registered_at, agency, local_id`,
    [subjectIds],
  )) as Array<RecordKey & { subjectId: string }>;
}

async function subjectsOf(context: ServiceContext, records: readonly RecordKey[]): Promise<Subject[]> {
  const subjects = await Promise.all(records.map((record) => loadSubjectOfRecord(context, record)));
  return [...new Map(subjects.flatMap((subject) => (subject ? [[subject.id, subject] as const] : []))).values()];
}

/** The verified caller's name, kept with the decision; the access log keeps their user id and agency. */
function reviewer(context: ServiceContext): string {
  if (!context.caller) throw new GraphQLError("A link decision records who made it: it needs an authenticated reviewer", { extensions: { code: "UNAUTHENTICATED" } });
  return context.caller.name;
}

function reasonText(field: string, value: string): string {
  const reason = value.trim();
  if (!reason) throw badUserInput(field, "must say why: the decision is kept with its reason");
  if (reason.length > MAX_REASON) throw badUserInput(field, `must be at most ${MAX_REASON} characters`);
  return reason;
}

function toDecision(row: DecisionRow): LinkDecision {
  return {
    id: row.id,
    kind: row.kind,
    records: row.records.map(keyOf),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reason: row.reason,
    revokedBy: row.revoked_by,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}

function keyOf(record: RecordKey): RecordKey {
  return { agency: record.agency, localId: record.localId };
}

function describe(key: RecordKey): string {
  return `${key.agency}/${key.localId}`;
}
