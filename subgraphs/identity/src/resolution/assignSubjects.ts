/** Where a record stood before this resolution. */
export interface StoredPlacement {
  subjectId: string;
  subjectCreatedAt: Date;
  /** Its comparable fields are as they were: the record anchors its subject where it is. */
  unchanged: boolean;
}

export interface SubjectAssignment {
  subjectOfCluster: string[];
  /** Subjects to create before the records that go into them. */
  newSubjects: string[];
  /** Stored subjects no cluster kept (merged away, or emptied): delete them. */
  vacatedSubjects: string[];
}

/**
 * Keeps subject ids stable across re-links, so a subject id a professional noted still finds the
 * person. Each stored subject is claimed by the cluster holding MOST of its records — its unchanged
 * ones, when it has any, since a changed record is the one that may be leaving — the earliest such
 * record breaking a tie; so a record split out of a subject leaves with a new id and the subject
 * stays with the rest. A cluster claiming several subjects keeps the oldest (anchored first), one
 * claiming none gets a new id. `placements` are per record, in registration order; undefined for a
 * record seen for the first time.
 */
export function assignSubjects(clusterOf: ArrayLike<number>, clusterCount: number, placements: readonly (StoredPlacement | undefined)[], newSubjectId: () => string): SubjectAssignment {
  /** Per stored subject: records per cluster (in first-seen order), and whether any record is unchanged. */
  const tally = new Map<string, { counts: Map<number, number>; anchored: boolean; createdAt: Date }>();
  placements.forEach((placement, index) => {
    if (!placement) return;
    let entry = tally.get(placement.subjectId);
    if (!entry) tally.set(placement.subjectId, (entry = { counts: new Map(), anchored: false, createdAt: placement.subjectCreatedAt }));
    if (placement.unchanged && !entry.anchored) {
      entry.anchored = true;
      entry.counts.clear();
    }
    if (placement.unchanged === entry.anchored) entry.counts.set(clusterOf[index]!, (entry.counts.get(clusterOf[index]!) ?? 0) + 1);
  });
  const owner = new Map<string, { cluster: number; anchored: boolean; createdAt: Date }>();
  for (const [id, { counts, anchored, createdAt }] of tally) {
    let best = -1;
    let most = 0;
    for (const [cluster, count] of counts) {
      if (count > most) {
        best = cluster;
        most = count;
      }
    }
    owner.set(id, { cluster: best, anchored, createdAt });
  }
  const claims: { id: string; anchored: boolean; createdAt: Date }[][] = Array.from({ length: clusterCount }, () => []);
  for (const [id, claim] of owner) claims[claim.cluster]!.push({ id, anchored: claim.anchored, createdAt: claim.createdAt });

  const newSubjects: string[] = [];
  const kept = new Set<string>();
  const subjectOfCluster = claims.map((subjects) => {
    subjects.sort((a, b) => Number(b.anchored) - Number(a.anchored) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const chosen = subjects[0]?.id ?? newSubjectId();
    if (subjects.length === 0) newSubjects.push(chosen);
    kept.add(chosen);
    return chosen;
  });
  return { subjectOfCluster, newSubjects, vacatedSubjects: [...owner.keys()].filter((id) => !kept.has(id)) };
}
