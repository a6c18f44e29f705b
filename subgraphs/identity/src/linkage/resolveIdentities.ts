import { clusterRecords, type ClusterLink } from "./clustering";
import type { PreparedRecord } from "./linkableRecord";
import type { LinkageModel } from "./linkageModel";
import { LinkRule } from "./LinkRule";
import { matchWeightOf, weightOf, type TermFrequencyTables } from "./predict";

/** A reviewer's decision about two records (indexes into the records), as clustering obeys it. */
export interface PairConstraint {
  left: number;
  right: number;
  sameDecision: string;
}

export interface ResolutionInput {
  records: readonly PreparedRecord[];
  /** The blocked pairs, flat [left, right, …]: the only pairs scored. */
  candidatePairs: Uint32Array;
  /** Each candidate pair's match weight when already scored (the bulk path), else scored here. */
  matchWeights?: Float64Array;
  model: LinkageModel;
  termFrequencies: TermFrequencyTables;
  /** Active reviewer decisions: confirmed pairs, in the order they were decided. */
  mustLink: readonly PairConstraint[];
  /** Active reviewer decisions: rejected pairs (and records split out of a subject). */
  cannotLink: readonly PairConstraint[];
  minimumSupport: number;
}

/** Why one record sits in its cluster. */
export interface RecordEvidence {
  rule: LinkRule;
  /** The record it is linked to (index); none for a cluster's only record. */
  matched?: number;
  /** The model's weight for the pair; for a reviewer's link, the model's view of it. The waterfall is `scorePair`'s, on demand. */
  matchWeight?: number;
  /** The reviewer's decision that put it there. */
  decision?: string;
}

/** A scored pair a professional should look at (indexes into the records). */
export interface ReviewPair {
  left: number;
  right: number;
  matchWeight: number;
}

export interface Resolution {
  /** Record indexes; every record is in exactly one. */
  clusters: number[][];
  clusterOf: Int32Array;
  /** Per record. */
  evidence: RecordEvidence[];
  /**
   * Per cluster: the share of its record pairs that the model finds plausible (at or above the
   * review threshold) or a reviewer confirmed; 1 for a cluster of one. Low support means a cluster
   * held together by a few links.
   */
  support: number[];
  /**
   * Pairs for the review queue: plausible but below the match threshold, or matching but kept in
   * different clusters by clustering. Pairs a reviewer already decided are not asked again.
   */
  reviewPairs: ReviewPair[];
}

/**
 * Identity resolution over a set of records — the whole register (bulk re-link) or the neighbourhood
 * of a registration (incremental): score the blocked pairs, cluster them under the reviewers'
 * decisions (`clusterRecords`), then explain every record's place and queue the doubtful pairs.
 * Pure: the caller loads and stores. Weights only: a waterfall is built when a link is written, so a
 * million records do not hold a million waterfalls at once.
 */
export function resolveIdentities(input: ResolutionInput): Resolution {
  const { records, candidatePairs, model, termFrequencies } = input;
  const pairCount = candidatePairs.length / 2;
  const weights = input.matchWeights ?? new Float64Array(pairCount);
  if (!input.matchWeights) {
    for (let p = 0; p < pairCount; p += 1) weights[p] = matchWeightOf(model, records[candidatePairs[2 * p]!]!, records[candidatePairs[2 * p + 1]!]!, termFrequencies);
  }
  const reviewWeight = weightOf(model.reviewThreshold);
  const matchWeight = weightOf(model.matchThreshold);
  const decided = new Set<string>();
  for (const constraint of [...input.mustLink, ...input.cannotLink]) decided.add(pairKey(constraint.left, constraint.right));
  // Records a reviewer joined (directly or through others) are decided as a group: none of their pairs is asked again.
  const confirmedGroup = new DisjointSets(records.length);
  for (const { left, right } of input.mustLink) confirmedGroup.union(left, right);
  const settled = (left: number, right: number) => decided.has(pairKey(left, right)) || confirmedGroup.find(left) === confirmedGroup.find(right);

  const links: ClusterLink[] = [];
  for (let p = 0; p < pairCount; p += 1) {
    const weight = weights[p]!;
    if (weight >= reviewWeight) links.push({ left: candidatePairs[2 * p]!, right: candidatePairs[2 * p + 1]!, matchWeight: weight, isMatch: weight >= matchWeight });
  }
  const clusters = clusterRecords(records.length, links, {
    minimumSupport: input.minimumSupport,
    strongIdentifiers: records,
    mustLink: input.mustLink.map(({ left, right }) => [left, right] as const),
    cannotLink: input.cannotLink.map(({ left, right }) => [left, right] as const),
  });
  const clusterOf = new Int32Array(records.length);
  clusters.forEach((members, cluster) => members.forEach((record) => (clusterOf[record] = cluster)));

  const evidence: RecordEvidence[] = records.map(() => ({ rule: LinkRule.SOLE_RECORD }));
  const plausibleWithin = new Float64Array(clusters.length);
  const countWithin = (cluster: number) => (plausibleWithin[cluster] = plausibleWithin[cluster]! + 1);
  // The strongest in-cluster link of each record is its evidence.
  const best = new Float64Array(records.length).fill(Number.NEGATIVE_INFINITY);
  const bestPartner = new Int32Array(records.length).fill(-1);
  const reviewPairs: ReviewPair[] = [];
  for (let p = 0; p < pairCount; p += 1) {
    const left = candidatePairs[2 * p]!;
    const right = candidatePairs[2 * p + 1]!;
    const weight = weights[p]!;
    const together = clusterOf[left] === clusterOf[right];
    if (together) {
      if (weight >= reviewWeight && !decided.has(pairKey(left, right))) countWithin(clusterOf[left]!);
      for (const [record, partner] of [[left, right], [right, left]] as const) {
        if (weight > best[record]!) {
          best[record] = weight;
          bestPartner[record] = partner;
        }
      }
    }
    if (weight >= reviewWeight && (weight < matchWeight || !together) && !settled(left, right)) {
      reviewPairs.push({ left, right, matchWeight: weight });
    }
  }
  for (const { left, right } of input.mustLink) if (clusterOf[left] === clusterOf[right]) countWithin(clusterOf[left]!);

  const confirmedPartner = new Map<number, PairConstraint>();
  for (const constraint of input.mustLink) {
    if (clusterOf[constraint.left] !== clusterOf[constraint.right]) continue;
    if (!confirmedPartner.has(constraint.right)) confirmedPartner.set(constraint.right, constraint);
    if (!confirmedPartner.has(constraint.left)) confirmedPartner.set(constraint.left, constraint);
  }
  records.forEach((record, index) => {
    if (clusters[clusterOf[index]!]!.length === 1) return;
    const confirmed = confirmedPartner.get(index);
    // A reviewer's confirmation outranks the model only where the model does not already match the record.
    if (confirmed && !(best[index]! >= matchWeight)) {
      const partner = confirmed.left === index ? confirmed.right : confirmed.left;
      evidence[index] = { rule: LinkRule.REVIEWER, matched: partner, matchWeight: matchWeightOf(model, record, records[partner]!, termFrequencies), decision: confirmed.sameDecision };
      return;
    }
    const partner = bestPartner[index]!;
    if (partner >= 0) evidence[index] = { rule: LinkRule.MODEL, matched: partner, matchWeight: best[index]! };
  });
  const support = clusters.map((members, cluster) => (members.length === 1 ? 1 : plausibleWithin[cluster]! / ((members.length * (members.length - 1)) / 2)));
  return { clusters, clusterOf, evidence, support, reviewPairs };
}

class DisjointSets {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root]!;
    return root;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
