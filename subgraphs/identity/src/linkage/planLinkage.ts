import { blockingKeys } from "./blockingRules";
import { decideSamePerson, strongIdentifiersDisagree, type StrongIdentifiers } from "./decideSamePerson";
import { LinkRule, MATCH_RULES, type MatchRule } from "./LinkRule";
import { recordKeyString, type LinkageRecord, type RecordKey } from "./LinkageRecord";

/** A record as identity holds it: its comparable fields, its subject and its link evidence. */
export interface StoredLink extends LinkageRecord {
  subjectId: string;
  subjectCreatedAt: Date;
  registeredAt: Date;
  rule: LinkRule;
  linkedTo?: RecordKey;
}

/** Where a record belongs after this batch, and the link that puts it there. */
export interface LinkPlacement {
  subjectId: string;
  rule: LinkRule;
  /** The record it is linked to; none for its subject's first record. */
  linkedTo?: RecordKey;
  /** New record, or its subject or evidence differs from what is stored: write it, stamped now. */
  relinked: boolean;
}

export interface LinkagePlan {
  /** For every stored and incoming record, by `recordKeyString`. */
  placements: Map<string, LinkPlacement>;
  /** Subjects to create before the records that go into them. */
  newSubjects: string[];
  /** Subjects that hold no record any more (merged away, or their last record moved): delete them. */
  vacatedSubjects: string[];
}

export interface LinkageInput {
  /**
   * Every record of every subject the batch touches — the subjects of the incoming records' blocking
   * candidates and of their previous versions — and of the subjects those records' blocking
   * candidates are in (kept apart only by the clustering constraint). Whole subjects, so the plan
   * can be exact.
   */
  stored: StoredLink[];
  /** The batch, with at most one entry per record key; it replaces the stored version of a record. */
  incoming: LinkageRecord[];
  /** The registration time of records seen for the first time. */
  now: Date;
  newSubjectId(): string;
}

interface LinkNode {
  key: string;
  record: LinkageRecord;
  stored?: StoredLink;
  registeredAt: Date;
  /** Stored, with the same comparable fields as before: it anchors its subject where it is. */
  unchanged: boolean;
}

interface Link {
  /** Indexes into the nodes in registration order; `earlier` < `later`. */
  earlier: number;
  later: number;
  rule: MatchRule;
}

/**
 * Decides the subject of every record the batch touches. Subjects are groups of records that
 * `decideSamePerson` links, joined link by link; a record matching records of two subjects merges
 * them; a record whose identifiers changed so it no longer matches its subject's other records
 * leaves it. Pure: the caller loads the neighbourhood and writes the plan.
 *
 * The clustering constraint: a subject never holds two different NHS numbers, nor two different
 * PNC IDs (`strongIdentifiersDisagree`, on the normalised keys). Links chain — A is B, B is C — and
 * a plain transitive closure would let one weak link fuse two people: "John Smith, 1980-01-01" in
 * health with NHS number X, another with NHS number Y, and a police record of that name and date
 * with no NHS number would link to both and make the two patients one subject, though the decision
 * itself says two different NHS numbers are two people. So different strong identifiers are a
 * cannot-link constraint on groups, not only on pairs: a link is taken only if the two groups it
 * would join carry no disagreeing identifier (each group carries at most one of each, so comparing
 * the groups' identifiers compares every pair across them). A record that bridges two such groups
 * joins one of them, chosen deterministically (whatever the order within a batch): links are taken
 * strongest rule first (NHS number, PNC ID, then name and date of birth), then the link already
 * stored as evidence (a record stays where it is), then the one towards the older subject, then
 * the earlier records.
 * Subject merges on re-registration and moves of changed records are decided by the same grouping,
 * so they obey the constraint too. The decision remains the one place that says whether a pair is
 * the same person; grouping only refuses links, it never adds one.
 *
 * Which subject id a group keeps, so ids stay stable for the people who bookmarked them:
 * - a stored subject stays with the group holding its earliest unchanged record (else its
 *   earliest record), so a record that changed is the one that moves;
 * - a group holding several subjects merges them into the one that still has unchanged records,
 *   the older first; a group holding none becomes a new subject (its first record: FIRST_RECORD).
 *
 * Evidence: each group's links form a spanning tree rooted at its earliest record (FIRST_RECORD);
 * every other record's evidence is its link towards the root. Links that are already stored
 * evidence are kept first, then the strongest rules, then links to earlier records, so
 * re-registering the same records changes nothing and a merge re-roots only the merged side.
 */
export function planLinkage(input: LinkageInput): LinkagePlan {
  const nodes = linkNodes(input);
  const links = findLinks(nodes);
  const groups = constrainedGroups(nodes, links);
  const targets = chooseSubjects(nodes, groups, input.newSubjectId);

  // A refused link joins two groups that stay apart: it is no one's evidence.
  const forest = spanningForest(nodes, links.filter((link) => groups.groupOf[link.earlier] === groups.groupOf[link.later]));
  const placements = new Map<string, LinkPlacement>();
  groups.members.forEach((members, group) => {
    const subjectId = targets.subjectOfGroup[group]!;
    for (const [index, evidence] of evidenceTowardsRoot(forest, members[0]!)) {
      const node = nodes[index]!;
      const linkedTo = evidence ? keyOf(nodes[evidence.parent]!.record) : undefined;
      const rule = evidence?.rule ?? LinkRule.FIRST_RECORD;
      const stored = node.stored;
      const relinked = !stored || stored.subjectId !== subjectId || stored.rule !== rule || !sameKey(stored.linkedTo, linkedTo);
      placements.set(node.key, { subjectId, rule, ...(linkedTo ? { linkedTo } : {}), relinked });
    }
  });
  return { placements, newSubjects: targets.newSubjects, vacatedSubjects: targets.vacatedSubjects };
}

function linkNodes(input: LinkageInput): LinkNode[] {
  const byKey = new Map<string, LinkNode>();
  for (const stored of input.stored) {
    byKey.set(recordKeyString(stored), { key: recordKeyString(stored), record: stored, stored, registeredAt: stored.registeredAt, unchanged: true });
  }
  for (const record of input.incoming) {
    const key = recordKeyString(record);
    const stored = byKey.get(key)?.stored;
    const unchanged = stored !== undefined && sameComparableFields(stored, record);
    byKey.set(key, { key, record, ...(stored ? { stored } : {}), registeredAt: stored?.registeredAt ?? input.now, unchanged });
  }
  return [...byKey.values()].sort(byRegistration);
}

/** Compares every pair of records that share a block, once. */
function findLinks(nodes: LinkNode[]): Link[] {
  const blocks = new Map<string, number[]>();
  nodes.forEach((node, index) => {
    for (const key of blockingKeys(node.record)) pushTo(blocks, key, index);
  });
  const compared = new Set<number>();
  const links: Link[] = [];
  for (const members of blocks.values()) {
    for (let i = 0; i < members.length; i += 1) {
      for (let j = i + 1; j < members.length; j += 1) {
        const earlier = members[i]!;
        const later = members[j]!;
        const pair = earlier * nodes.length + later;
        if (compared.has(pair)) continue;
        compared.add(pair);
        const decision = decideSamePerson(nodes[later]!.record, nodes[earlier]!.record);
        if (decision) links.push({ earlier, later, rule: decision.rule });
      }
    }
  }
  return links;
}

interface Groups {
  groupOf: number[];
  /** Node indexes per group, in registration order. */
  members: number[][];
}

/**
 * The groups under the clustering constraint (see `planLinkage`): links in `groupingOrder`, each
 * taken unless the two groups it joins carry disagreeing NHS numbers or PNC IDs.
 */
function constrainedGroups(nodes: LinkNode[], links: Link[]): Groups {
  const sets = new DisjointSets(nodes.length);
  /** By set root: the one NHS number and the one PNC ID its records carry, if any. */
  const identifiers: StrongIdentifiers[] = nodes.map(({ record }) => ({
    ...(record.nhsNumber !== undefined ? { nhsNumber: record.nhsNumber } : {}),
    ...(record.pncId !== undefined ? { pncId: record.pncId } : {}),
  }));
  for (const link of groupingOrder(nodes, links)) {
    const a = sets.find(link.earlier);
    const b = sets.find(link.later);
    if (a === b || strongIdentifiersDisagree(identifiers[a]!, identifiers[b]!)) continue;
    const joined = { ...identifiers[a], ...identifiers[b] };
    sets.union(a, b);
    identifiers[sets.find(a)] = joined;
  }

  const groupOfRoot = new Map<number, number>();
  const groupOf: number[] = [];
  const members: number[][] = [];
  for (let index = 0; index < nodes.length; index += 1) {
    const root = sets.find(index);
    let group = groupOfRoot.get(root);
    if (group === undefined) {
      group = members.length;
      groupOfRoot.set(root, group);
      members.push([]);
    }
    groupOf.push(group);
    members[group]!.push(index);
  }
  return { groupOf, members };
}

/**
 * The order links are taken in when they compete for a record: the strongest rule, then the link
 * already stored as evidence, then the link towards the older subject (a record's stored subject;
 * a new record has none), then the earlier records. Total, so the plan is deterministic.
 */
function groupingOrder(nodes: LinkNode[], links: Link[]): Link[] {
  const subjectAge = (index: number) => nodes[index]!.stored?.subjectCreatedAt.getTime() ?? Number.POSITIVE_INFINITY;
  const ranked = links.map((link) => ({
    link,
    strength: MATCH_RULES.indexOf(link.rule),
    stored: isStoredEvidence(nodes, link),
    olderSubject: Math.min(subjectAge(link.earlier), subjectAge(link.later)),
  }));
  ranked.sort(
    (a, b) =>
      a.strength - b.strength ||
      Number(b.stored) - Number(a.stored) ||
      compareNumbers(a.olderSubject, b.olderSubject) ||
      a.link.earlier - b.link.earlier ||
      a.link.later - b.link.later,
  );
  return ranked.map(({ link }) => link);
}

function isStoredEvidence(nodes: LinkNode[], link: Link): boolean {
  return (
    sameKey(nodes[link.later]!.stored?.linkedTo, keyOf(nodes[link.earlier]!.record)) ||
    sameKey(nodes[link.earlier]!.stored?.linkedTo, keyOf(nodes[link.later]!.record))
  );
}

interface SubjectChoice {
  subjectOfGroup: string[];
  newSubjects: string[];
  vacatedSubjects: string[];
}

function chooseSubjects(nodes: LinkNode[], groups: Groups, newSubjectId: () => string): SubjectChoice {
  // Nodes are in registration order, so the first claim seen is the earliest; an unchanged one beats a changed one.
  const owner = new Map<string, { group: number; anchored: boolean; createdAt: Date }>();
  nodes.forEach((node, index) => {
    if (!node.stored) return;
    const current = owner.get(node.stored.subjectId);
    if (!current || (node.unchanged && !current.anchored)) {
      owner.set(node.stored.subjectId, { group: groups.groupOf[index]!, anchored: node.unchanged, createdAt: node.stored.subjectCreatedAt });
    }
  });
  const owned = groups.members.map(() => [] as { id: string; anchored: boolean; createdAt: Date }[]);
  for (const [id, claim] of owner) owned[claim.group]!.push({ id, anchored: claim.anchored, createdAt: claim.createdAt });

  const newSubjects: string[] = [];
  const kept = new Set<string>();
  const subjectOfGroup = owned.map((subjects) => {
    subjects.sort((a, b) => Number(b.anchored) - Number(a.anchored) || a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id));
    const chosen = subjects[0]?.id ?? newSubjectId();
    if (subjects.length === 0) newSubjects.push(chosen);
    kept.add(chosen);
    return chosen;
  });
  return { subjectOfGroup, newSubjects, vacatedSubjects: [...owner.keys()].filter((id) => !kept.has(id)) };
}

interface Neighbour {
  node: number;
  rule: MatchRule;
}

/** One spanning tree per group (Kruskal) over the links within groups: stored evidence first, then the strongest rules, then the earliest records. */
function spanningForest(nodes: LinkNode[], links: Link[]): Map<number, Neighbour[]> {
  const ranked = links
    .map((link) => ({ link, stored: isStoredEvidence(nodes, link) }))
    .sort(
      (a, b) =>
        Number(b.stored) - Number(a.stored) ||
        MATCH_RULES.indexOf(a.link.rule) - MATCH_RULES.indexOf(b.link.rule) ||
        a.link.later - b.link.later ||
        a.link.earlier - b.link.earlier,
    );
  const sets = new DisjointSets(nodes.length);
  const neighbours = new Map<number, Neighbour[]>();
  for (const { link } of ranked) {
    if (!sets.union(link.earlier, link.later)) continue;
    pushTo(neighbours, link.earlier, { node: link.later, rule: link.rule });
    pushTo(neighbours, link.later, { node: link.earlier, rule: link.rule });
  }
  return neighbours;
}

/** Each record of a tree with its link towards the root (the root itself: undefined). */
function evidenceTowardsRoot(forest: Map<number, Neighbour[]>, root: number): Map<number, { parent: number; rule: MatchRule } | undefined> {
  const evidence = new Map<number, { parent: number; rule: MatchRule } | undefined>([[root, undefined]]);
  const queue = [root];
  for (let at = 0; at < queue.length; at += 1) {
    const parent = queue[at]!;
    for (const { node, rule } of forest.get(parent) ?? []) {
      if (evidence.has(node)) continue;
      evidence.set(node, { parent, rule });
      queue.push(node);
    }
  }
  return evidence;
}

class DisjointSets {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    let root = index;
    while (this.parent[root] !== root) root = this.parent[root]!;
    for (let at = index; this.parent[at] !== root; ) {
      const up = this.parent[at]!;
      this.parent[at] = root;
      at = up;
    }
    return root;
  }
  /** False when they were already joined. */
  union(a: number, b: number): boolean {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return false;
    if (rootA < rootB) this.parent[rootB] = rootA;
    else this.parent[rootA] = rootB;
    return true;
  }
}

function byRegistration(a: LinkNode, b: LinkNode): number {
  return a.registeredAt.getTime() - b.registeredAt.getTime() || compareText(a.record.agency, b.record.agency) || compareText(a.record.localId, b.record.localId);
}

function sameComparableFields(a: LinkageRecord, b: LinkageRecord): boolean {
  return a.nameKey === b.nameKey && a.dateOfBirth === b.dateOfBirth && a.nhsNumber === b.nhsNumber && a.pncId === b.pncId;
}

function keyOf(record: RecordKey): RecordKey {
  return { agency: record.agency, localId: record.localId };
}

function sameKey(a: RecordKey | undefined, b: RecordKey | undefined): boolean {
  return a?.agency === b?.agency && a?.localId === b?.localId;
}

/** Infinity-safe: `Infinity - Infinity` is NaN. */
function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
