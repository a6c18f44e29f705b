import type { ServiceContext } from "@tessera/kit";
import { LinkRule } from "../linkage/LinkRule";
import { loadLinkageConfig } from "../linkage/linkageConfig";
import type { Subject } from "./Subject";
import { ConfidenceLevel, type SubjectConfidence } from "./SubjectConfidence";

interface ClusterFacts {
  support: number;
  pendingReviews: number;
  /** From the configuration, read once for the request's subjects. */
  matchThreshold: number;
  highSupport: number;
}

/**
 * A subject's confidence from its records' link evidence and, in ONE statement for every subject
 * of the request, its stored support and the review pairs touching it. The levels' cut-offs are the
 * configured match threshold and `confidence.highSupport`.
 */
export async function loadSubjectConfidence(context: ServiceContext, subject: Subject): Promise<SubjectConfidence> {
  const loader = context.loaders.get<string, ClusterFacts>("identity.clusterFacts", async (ids) => {
    const rows = (await context.db.query(
      // Each pair once, found from the subject's records through the queue's two indexes.
      `SELECT s.id, s.support,
              (SELECT count(*) FROM (
                 SELECT r.left_agency, r.left_local_id, r.right_agency, r.right_local_id
                   FROM person_record p JOIN link_review r ON r.left_agency = p.agency AND r.left_local_id = p.local_id WHERE p.subject_id = s.id
                 UNION
                 SELECT r.left_agency, r.left_local_id, r.right_agency, r.right_local_id
                   FROM person_record p JOIN link_review r ON r.right_agency = p.agency AND r.right_local_id = p.local_id WHERE p.subject_id = s.id
               ) pairs)::int AS "pendingReviews"
         FROM subject s WHERE s.id = ANY($1::uuid[])`,
      [[...ids]],
    )) as Array<{ id: string; support: number; pendingReviews: number }>;
    const config = loadLinkageConfig();
    const thresholds = { matchThreshold: config.matchThreshold.probability, highSupport: config.confidence.highSupport };
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => ({ support: 1, pendingReviews: 0, ...byId.get(id), ...thresholds }));
  });
  const { matchThreshold, highSupport, ...facts } = await loader.load(subject.id);
  if (subject.records.length <= 1) {
    return { level: ConfidenceLevel.SINGLE_RECORD, weakestLinkProbability: null, support: 1, pendingReviews: facts.pendingReviews, explanation: "One record" };
  }
  const probabilities = subject.records.map(({ evidence }) => (evidence.rule === LinkRule.REVIEWER ? 1 : (evidence.matchProbability ?? 0)));
  const weakest = Math.min(...probabilities);
  const base = { weakestLinkProbability: weakest, support: facts.support, pendingReviews: facts.pendingReviews };
  const pairs = `${Math.round(facts.support * 100)}% of its record pairs plausible`;
  if (weakest < matchThreshold) {
    return { ...base, level: ConfidenceLevel.LOW, explanation: `A record is linked with probability ${weakest.toFixed(4)}, below the match threshold ${matchThreshold}` };
  }
  if (facts.support < highSupport || facts.pendingReviews > 0) {
    const why = facts.pendingReviews > 0 ? `${facts.pendingReviews} pair(s) awaiting review` : `only ${pairs} (high confidence needs ${Math.round(highSupport * 100)}%)`;
    return { ...base, level: ConfidenceLevel.MEDIUM, explanation: `Every record linked at or above the match threshold, but ${why}` };
  }
  return { ...base, level: ConfidenceLevel.HIGH, explanation: `Every record linked at or above the match threshold; ${pairs}` };
}
