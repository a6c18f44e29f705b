/**
 * A plausible link between two records (indexes into the records): a scored pair at or above the
 * review threshold. `isMatch`: at or above the match threshold.
 */
export interface ClusterLink {
  left: number;
  right: number;
  matchWeight: number;
  isMatch: boolean;
}

export interface ClusteringOptions {
  /**
   * The least support at which two groups merge: the share of the record pairs across the two groups
   * that are plausible links. From configuration (`clustering.minimumSupport`).
   */
  minimumSupport: number;
  /** Strong identifiers per record (valid NHS number, PNC ID): groups holding different ones never join. */
  strongIdentifiers?: readonly { nhsNumber?: string; pncId?: string }[];
  /**
   * Pairs a professional confirmed are one person: joined before any model link is considered,
   * whatever the model scores them, in the order given (a pair that would join a cannot-link is skipped).
   */
  mustLink?: readonly (readonly [number, number])[];
  /** Pairs a professional decided are two people: their groups never join, however strong the links. */
  cannotLink?: readonly (readonly [number, number])[];
}

interface Candidate {
  density: number;
  weight: number;
  a: number;
  b: number;
  versionA: number;
  versionB: number;
}

/**
 * Clustering that RESISTS CHAINING. Plain connected components (Splink's
 * `cluster_pairwise_predictions_at_threshold`) let one bad link fuse two people's records: A–B is
 * right, B–C is wrong, and A, B, C become one subject. Here clusters are built by AVERAGE-LINKAGE
 * agglomeration over the matching links:
 *
 * 1. Every record starts as its own group. The support between two groups is the density of
 *    PLAUSIBLE links between them (pairs the model scores at or above the review threshold — more
 *    likely than not one person): such links ÷ (size of one × size of the other).
 * 2. Repeatedly, the two groups with the highest support merge (ties: the larger total match weight,
 *    then the lower record indexes, so the result does not depend on input order) — as long as that
 *    support is at least `minimumSupport` AND at least one link between them reaches the match
 *    threshold (no subject is made of review-grade links alone).
 * 3. Groups whose valid strong identifiers disagree (two NHS numbers, two PNC IDs) never merge, nor
 *    groups holding the two records of a reviewer's cannot-link: the cannot-link constraints.
 * 4. A reviewer's must-links are taken before step 2, as if the model had scored them certain, so a
 *    confirmed pair stays together and the rest of each group still needs its support to join.
 *
 * So a record joins a group only if it links to at least that share of the group's members, and two
 * groups of five joined by one link (density 1/25) stay apart however strong that link is: one bad
 * link can misplace at most the records at its ends, never fuse two people.
 *
 * Returns the clusters as lists of record indexes (singletons included), each sorted, ordered by
 * their first member.
 */
export function clusterRecords(recordCount: number, links: readonly ClusterLink[], options: ClusteringOptions): number[][] {
  const members: number[][] = Array.from({ length: recordCount }, (_, index) => [index]);
  const groupOf = Int32Array.from({ length: recordCount }, (_, index) => index);
  const version = new Int32Array(recordCount);
  /** Per group: neighbouring group → [plausible links, total weight, matching links]. */
  const adjacency: Map<number, [number, number, number]>[] = Array.from({ length: recordCount }, () => new Map());
  const nhs: (string | undefined)[] = [];
  const pnc: (string | undefined)[] = [];
  for (let index = 0; index < recordCount; index += 1) {
    nhs[index] = options.strongIdentifiers?.[index]?.nhsNumber;
    pnc[index] = options.strongIdentifiers?.[index]?.pncId;
  }
  const cannotLinkOf = new Map<number, number[]>();
  for (const [x, y] of options.cannotLink ?? []) {
    for (const [from, to] of [[x, y], [y, x]] as const) {
      const list = cannotLinkOf.get(from);
      if (list) list.push(to);
      else cannotLinkOf.set(from, [to]);
    }
  }
  for (const { left, right, matchWeight, isMatch } of links) {
    if (left === right) continue;
    for (const [from, to] of [[left, right], [right, left]] as const) {
      const entry = adjacency[from]!.get(to);
      if (entry) {
        entry[0] += 1;
        entry[1] += matchWeight;
        entry[2] += isMatch ? 1 : 0;
      } else adjacency[from]!.set(to, [1, matchWeight, isMatch ? 1 : 0]);
    }
  }

  const differ = (x: string | undefined, y: string | undefined) => x !== undefined && y !== undefined && x !== y;
  const forbidden = (a: number, b: number): boolean => {
    if (differ(nhs[a], nhs[b]) || differ(pnc[a], pnc[b])) return true;
    const [small, large] = members[a]!.length <= members[b]!.length ? [a, b] : [b, a];
    return members[small]!.some((record) => cannotLinkOf.get(record)?.some((other) => groupOf[other] === large) ?? false);
  };
  /** Joins group b into a (or a into b, whichever is smaller); returns the group that remains. */
  const merge = (a: number, b: number): number => {
    const [large, small] = members[a]!.length >= members[b]!.length ? [a, b] : [b, a];
    for (const record of members[small]!) groupOf[record] = large;
    members[large]!.push(...members[small]!);
    members[small] = [];
    nhs[large] ??= nhs[small];
    pnc[large] ??= pnc[small];
    version[large] = version[large]! + 1;
    version[small] = version[small]! + 1;
    const largeAdjacency = adjacency[large]!;
    largeAdjacency.delete(small);
    for (const [other, [count, weight, matching]] of adjacency[small]!) {
      if (other === large) continue;
      const entry = largeAdjacency.get(other);
      if (entry) {
        entry[0] += count;
        entry[1] += weight;
        entry[2] += matching;
      } else largeAdjacency.set(other, [count, weight, matching]);
      const otherAdjacency = adjacency[other]!;
      otherAdjacency.delete(small);
      otherAdjacency.set(large, largeAdjacency.get(other)!);
    }
    adjacency[small] = new Map();
    return large;
  };

  for (const [x, y] of options.mustLink ?? []) {
    const a = groupOf[x]!;
    const b = groupOf[y]!;
    if (a !== b && !forbidden(a, b)) merge(a, b);
  }

  const heap = new CandidateHeap();
  const offer = (a: number, b: number) => {
    const [count, weight, matching] = adjacency[a]!.get(b)!;
    const density = count / (members[a]!.length * members[b]!.length);
    if (matching === 0 || density < options.minimumSupport) return;
    const [low, high] = a < b ? [a, b] : [b, a];
    heap.push({ density, weight, a: low, b: high, versionA: version[low]!, versionB: version[high]! });
  };
  for (let a = 0; a < recordCount; a += 1) for (const b of adjacency[a]!.keys()) if (a < b) offer(a, b);

  for (let candidate = heap.pop(); candidate; candidate = heap.pop()) {
    const { a, b } = candidate;
    if (version[a] !== candidate.versionA || version[b] !== candidate.versionB || members[a]!.length === 0 || members[b]!.length === 0) continue;
    if (forbidden(a, b)) continue;
    const joined = merge(a, b);
    for (const other of adjacency[joined]!.keys()) offer(joined, other);
  }
  const clusters = members.filter((group) => group.length > 0).map((group) => group.sort((x, y) => x - y));
  return clusters.sort((x, y) => x[0]! - y[0]!);
}

/** Highest support first; ties by weight, then by record index. */
function before(x: Candidate, y: Candidate): boolean {
  if (x.density !== y.density) return x.density > y.density;
  if (x.weight !== y.weight) return x.weight > y.weight;
  if (x.a !== y.a) return x.a < y.a;
  return x.b < y.b;
}

class CandidateHeap {
  private readonly items: Candidate[] = [];

  push(item: Candidate): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(items[index]!, items[parent]!)) break;
      [items[index], items[parent]] = [items[parent]!, items[index]!];
      index = parent;
    }
  }

  pop(): Candidate | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let best = index;
        if (left < items.length && before(items[left]!, items[best]!)) best = left;
        if (right < items.length && before(items[right]!, items[best]!)) best = right;
        if (best === index) break;
        [items[index], items[best]] = [items[best]!, items[index]!];
        index = best;
      }
    }
    return top;
  }
}
