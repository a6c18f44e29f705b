import { blockingKey, generateCandidatePairs } from "../linkage/blockingRuleLibrary";
import { prepareRecord, type PreparedRecord } from "../linkage/linkableRecord";
import type { LinkageModel } from "../linkage/linkageModel";
import { LinkRule } from "../linkage/LinkRule";
import { scorePair, type PairScore, type WaterfallStep } from "../linkage/predict";
import { recordKeyString, type RecordKey } from "../linkage/RecordKey";
import { resolveIdentities, type PairConstraint, type RecordEvidence } from "../linkage/resolveIdentities";
import type { ValidRegistration } from "../registration/parseRegistrations";
import { assignSubjects } from "./assignSubjects";
import type { CurrentLinkage } from "./currentLinkage";
import type { StoredConstraint, StoredRecord } from "./storedRecords";
import { toLinkableRecord } from "./toLinkableRecord";

/** A record to resolve: its current details, and what identity held before (none for a new record). */
export interface ResolutionNode {
  record: ValidRegistration;
  stored?: StoredRecord;
}

/** A `person_record` row to write, in the column names of the upsert. */
export interface RecordRow {
  agency: string;
  local_id: string;
  area: string;
  given_names: string;
  family_name: string;
  name_key: string;
  date_of_birth: string | null;
  sex: string | null;
  postcode: string | null;
  nhs_number: string | null;
  pnc_id: string | null;
  email: string | null;
  phone: string | null;
  subject_id: string;
  link_rule: LinkRule;
  linked_to_agency: string | null;
  linked_to_local_id: string | null;
  match_weight: number | null;
  match_probability: number | null;
  comparisons: StoredStep[] | null;
  model_version: number | null;
  decision_id: string | null;
  linked_at: string;
  registered_at: string;
  updated_at: string;
}

/** A waterfall step as stored with a link or a review pair. */
export type StoredStep = Pick<WaterfallStep, "comparison" | "level" | "bits">;

export interface ReviewRow {
  left_agency: string;
  left_local_id: string;
  right_agency: string;
  right_local_id: string;
  match_weight: number;
  match_probability: number;
  comparisons: StoredStep[];
  model_version: number | null;
}

export interface ResolutionPlan {
  /** Per resolved node, its subject. */
  subjectOfNode: string[];
  newSubjects: string[];
  vacatedSubjects: string[];
  /** Support per new subject, in `newSubjects` order. */
  newSubjectSupport: number[];
  /** Stored subjects whose support changed. */
  support: { id: string; support: number }[];
  /**
   * Records whose details, subject or evidence changed: only these are written. Built as they are
   * written (a row carries its waterfall), so a bulk re-link never holds them all.
   */
  recordRows: Iterable<RecordRow>;
  recordCount: number;
  /** Records whose blocking keys must be (re)written, with those keys; `stored`: it has old keys to remove. */
  blockingKeys: Iterable<{ record: RecordKey; keys: string[]; stored: boolean }>;
  blockingKeyCount: number;
  /**
   * The review pairs among the resolved records with a record of `reviewFocus` in them (all pairs
   * when there is no focus): they replace the stored pairs of the focus records in the neighbourhood.
   */
  reviewRows: Iterable<ReviewRow>;
  reviewCount: number;
  /**
   * The records whose pairs may have changed: those named by the change and those written. A pair
   * of two other records has the same score and the same subjects as before, so its place in the
   * queue stands. Undefined when every pair was re-decided.
   */
  reviewFocus?: RecordKey[];
}

const DETAIL_FIELDS = ["area", "givenNames", "familyName", "dateOfBirth", "sex", "postcode", "nhsNumber", "pncId", "email", "phone"] as const;
const COMPARABLE_FIELDS = ["givenNames", "familyName", "dateOfBirth", "postcode", "nhsNumber", "pncId", "email", "phone"] as const;

/** The keys a record is indexed under in `blocking_key`, one per blocking rule it has values for. */
export function blockingKeysOf(model: LinkageModel, record: PreparedRecord): string[] {
  const keys: string[] = [];
  for (const rule of model.blockingRules) {
    const key = blockingKey(rule, record);
    if (key !== undefined) keys.push(`${rule.name}:${key}`);
  }
  return keys;
}

/**
 * Resolves a closed set of records — whole subjects — under the current model and the reviewers'
 * decisions among them, and works out what must be written. `nodes` in registration order (it
 * decides which stored subject ids survive). Pure.
 */
export function planResolution(
  nodes: readonly ResolutionNode[],
  constraints: readonly StoredConstraint[],
  linkage: CurrentLinkage,
  options: {
    now: Date;
    newSubjectId: () => string;
    rekeyAll?: boolean;
    onStage?: (stage: string) => void;
    focus?: readonly RecordKey[];
    /** Records the caller already prepared, by `recordKeyString`, in the version the node holds. */
    prepared?: ReadonlyMap<string, PreparedRecord>;
  },
): ResolutionPlan {
  const { model, termFrequencies, version } = linkage;
  const records = nodes.map((node, index) => {
    const prepared = options.prepared?.get(recordKeyString(node.record));
    return prepared ? { ...prepared, index } : prepareRecord(toLinkableRecord(node.record), index);
  });
  const indexOf = new Map(nodes.map((node, index) => [recordKeyString(node.record), index]));
  const pairConstraints = (samePerson: boolean): PairConstraint[] =>
    constraints.flatMap((constraint) => {
      const left = indexOf.get(recordKeyString(constraint.left));
      const right = indexOf.get(recordKeyString(constraint.right));
      return constraint.samePerson === samePerson && left !== undefined && right !== undefined ? [{ left, right, sameDecision: constraint.decisionId }] : [];
    });
  const mustLink = pairConstraints(true);
  const cannotLink = pairConstraints(false);
  indexOf.clear();
  options.onStage?.("blocking");
  const candidatePairs = generateCandidatePairs(records, model.blockingRules);
  options.onStage?.("scoring and clustering");
  const resolution = resolveIdentities({
    records,
    candidatePairs,
    model,
    termFrequencies,
    mustLink,
    cannotLink,
    minimumSupport: linkage.config.clustering.minimumSupport,
  });
  const placements = nodes.map((node) =>
    node.stored ? { subjectId: node.stored.subjectId, subjectCreatedAt: node.stored.subjectCreatedAt, unchanged: COMPARABLE_FIELDS.every((field) => node.stored![field] === node.record[field]) } : undefined,
  );
  const assignment = assignSubjects(resolution.clusterOf, resolution.clusters.length, placements, options.newSubjectId);

  options.onStage?.("planning writes");
  const subjectOfNode = nodes.map((_, index) => assignment.subjectOfCluster[resolution.clusterOf[index]!]!);
  const changed: number[] = [];
  const detailsChanged = new Uint8Array(nodes.length);
  const linkChanged = new Uint8Array(nodes.length);
  const rekeyed: number[] = [];
  const storedSupport = new Map<string, number>();
  nodes.forEach(({ record, stored }, index) => {
    if (stored) storedSupport.set(stored.subjectId, stored.subjectSupport);
    const evidence = resolution.evidence[index]!;
    const matched = evidence.matched === undefined ? undefined : nodes[evidence.matched]!.record;
    const details = !stored || DETAIL_FIELDS.some((field) => stored[field] !== record[field]);
    const relinked = !stored || stored.subjectId !== subjectOfNode[index] || changedLink(stored, evidence, matched, version);
    if (options.rekeyAll || details) rekeyed.push(index);
    detailsChanged[index] = details ? 1 : 0;
    linkChanged[index] = relinked ? 1 : 0;
    if (details || relinked) changed.push(index);
  });

  const now = options.now.toISOString();
  function* recordRows(): Generator<RecordRow> {
    for (const index of changed) {
      const { record, stored } = nodes[index]!;
      const evidence = resolution.evidence[index]!;
      const matched = evidence.matched === undefined ? undefined : nodes[evidence.matched]!.record;
      const score = evidence.matched === undefined ? undefined : scorePair(model, records[index]!, records[evidence.matched]!, termFrequencies);
      yield recordRow(record, { subjectId: subjectOfNode[index]!, rule: evidence.rule, matched, score, modelVersion: version, decisionId: evidence.decision ?? null }, {
        linkedAt: linkChanged[index] ? now : stored!.linkedAt.toISOString(),
        registeredAt: (stored?.registeredAt ?? options.now).toISOString(),
        updatedAt: detailsChanged[index] ? now : stored!.updatedAt.toISOString(),
      });
    }
  }
  function* blockingKeys(): Generator<{ record: RecordKey; keys: string[]; stored: boolean }> {
    for (const index of rekeyed) {
      const { record, stored } = nodes[index]!;
      yield { record: { agency: record.agency, localId: record.localId }, keys: blockingKeysOf(model, records[index]!), stored: stored !== undefined };
    }
  }
  const focused = options.focus ? new Uint8Array(nodes.length) : undefined;
  if (focused) {
    const focusKeys = new Set(options.focus!.map(recordKeyString));
    nodes.forEach(({ record }, index) => {
      if (focusKeys.has(recordKeyString(record))) focused[index] = 1;
    });
    for (const index of changed) focused[index] = 1;
  }
  const reviewPairs = focused ? resolution.reviewPairs.filter(({ left, right }) => focused[left] || focused[right]) : resolution.reviewPairs;
  function* reviewRows(): Generator<ReviewRow> {
    for (const { left, right } of reviewPairs) {
      const score = scorePair(model, records[left]!, records[right]!, termFrequencies);
      const [a, b] = [nodes[left]!.record, nodes[right]!.record].sort((x, y) => compareText(recordKeyString(x), recordKeyString(y)));
      yield {
        left_agency: a!.agency,
        left_local_id: a!.localId,
        right_agency: b!.agency,
        right_local_id: b!.localId,
        match_weight: score.matchWeight,
        match_probability: score.matchProbability,
        comparisons: score.waterfall.map(toStoredStep),
        model_version: version,
      };
    }
  }

  const supportOf = new Map(resolution.support.map((value, cluster) => [assignment.subjectOfCluster[cluster]!, value]));
  const support = [...storedSupport].flatMap(([id, before]) => {
    const after = supportOf.get(id);
    return after !== undefined && after !== before ? [{ id, support: after }] : [];
  });
  return {
    subjectOfNode,
    newSubjects: assignment.newSubjects,
    newSubjectSupport: assignment.newSubjects.map((id) => supportOf.get(id)!),
    vacatedSubjects: assignment.vacatedSubjects,
    support,
    recordRows: { [Symbol.iterator]: recordRows },
    recordCount: changed.length,
    blockingKeys: { [Symbol.iterator]: blockingKeys },
    blockingKeyCount: rekeyed.length,
    reviewRows: { [Symbol.iterator]: reviewRows },
    reviewCount: reviewPairs.length,
    ...(focused ? { reviewFocus: nodes.flatMap(({ record }, index) => (focused[index] ? [{ agency: record.agency, localId: record.localId }] : [])) } : {}),
  };
}

/** A record's row as written: its details, where it is linked and the evidence, and when. */
export function recordRow(
  record: ValidRegistration,
  link: { subjectId: string; rule: LinkRule; matched?: RecordKey | undefined; score?: PairScore | undefined; modelVersion: number | null; decisionId: string | null },
  times: { linkedAt: string; registeredAt: string; updatedAt: string },
): RecordRow {
  return {
    agency: record.agency,
    local_id: record.localId,
    area: record.area,
    given_names: record.givenNames,
    family_name: record.familyName,
    name_key: record.nameKey,
    date_of_birth: record.dateOfBirth ?? null,
    sex: record.sex ?? null,
    postcode: record.postcode ?? null,
    nhs_number: record.nhsNumber ?? null,
    pnc_id: record.pncId ?? null,
    email: record.email ?? null,
    phone: record.phone ?? null,
    subject_id: link.subjectId,
    link_rule: link.rule,
    linked_to_agency: link.matched?.agency ?? null,
    linked_to_local_id: link.matched?.localId ?? null,
    match_weight: link.score?.matchWeight ?? null,
    match_probability: link.score?.matchProbability ?? null,
    comparisons: link.score ? link.score.waterfall.map(toStoredStep) : null,
    model_version: link.modelVersion,
    decision_id: link.decisionId,
    linked_at: times.linkedAt,
    registered_at: times.registeredAt,
    updated_at: times.updatedAt,
  };
}

/** The link itself (rule, matched record, decision, model) differs from what is stored. */
function changedLink(stored: StoredRecord, evidence: RecordEvidence, matched: RecordKey | undefined, version: number | null): boolean {
  return (
    stored.rule !== evidence.rule ||
    stored.linkedTo?.agency !== matched?.agency ||
    stored.linkedTo?.localId !== matched?.localId ||
    stored.decisionId !== (evidence.decision ?? null) ||
    stored.modelVersion !== version ||
    !sameWeight(stored.matchWeight, evidence.matchWeight ?? null)
  );
}

/** Orders records as registered, then by key, so that which subject id survives does not depend on load order. */
export function byRegistration(a: ResolutionNode, b: ResolutionNode, now: Date): number {
  const time = (node: ResolutionNode) => (node.stored?.registeredAt ?? now).getTime();
  return time(a) - time(b) || compareText(recordKeyString(a.record), recordKeyString(b.record));
}

function toStoredStep(step: WaterfallStep): StoredStep {
  return { comparison: step.comparison, level: step.level, bits: step.bits };
}

/** Weights are stored as double precision and read back exactly; anything else is a change. */
function sameWeight(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
