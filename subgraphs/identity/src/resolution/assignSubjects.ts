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
 * person. Each stored subject is claimed by the cluster of its earliest-registered record (an
 * unchanged record's claim beats a changed one's); a cluster claiming several keeps the oldest
 * (anchored first), one claiming none gets a new id. `placements` are per record, in registration
 * order; undefined for a record seen for the first time.
 */
export function assignSubjects(clusterOf: ArrayLike<number>, clusterCount: number, placements: readonly (StoredPlacement | undefined)[], newSubjectId: () => string): SubjectAssignment {
  const owner = new Map<string, { cluster: number; anchored: boolean; createdAt: Date }>();
  placements.forEach((placement, index) => {
    if (!placement) return;
    const current = owner.get(placement.subjectId);
    if (!current || (placement.unchanged && !current.anchored)) {
      owner.set(placement.subjectId, { cluster: clusterOf[index]!, anchored: placement.unchanged, createdAt: placement.subjectCreatedAt });
    }
  });
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
