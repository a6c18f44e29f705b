import { LinkRule } from "./LinkRule";
import type { RecordKey } from "./RecordKey";

/** The comparisons of a link that moved the odds most, strongest first, in words. */
const SHOWN_COMPARISONS = 4;

/**
 * A link in the words a practitioner would use: what it links to, how sure the model is, and the
 * comparisons that weighed most either way, e.g. "Linked to police/NMC-N-7 with probability 0.9994:
 * dob day and month transposed (+9.2 bits), first_name nickname or short form (+6.1 bits), …".
 */
export function explainLink(
  rule: LinkRule,
  matched: RecordKey | undefined,
  score: { matchProbability: number | null; comparisons: readonly { comparison: string; level: string; bits: number }[] },
): string {
  if (rule === LinkRule.SOLE_RECORD || !matched) return "The subject's only record: no other record matched it";
  const other = `${matched.agency}/${matched.localId}`;
  const strongest = score.comparisons
    .filter((step) => step.comparison !== "prior" && Math.abs(step.bits) >= 0.05)
    .sort((a, b) => Math.abs(b.bits) - Math.abs(a.bits))
    .slice(0, SHOWN_COMPARISONS)
    .map((step) => `${step.comparison} ${step.level} (${step.bits >= 0 ? "+" : ""}${step.bits.toFixed(1)} bits)`);
  const probability = score.matchProbability === null ? "" : ` the model gives ${score.matchProbability.toFixed(4)}`;
  const reasons = strongest.length ? `: ${strongest.join(", ")}` : "";
  if (rule === LinkRule.REVIEWER) return `Linked to ${other} by a reviewer's decision;${probability || " no model score"}${reasons}`;
  if (score.matchProbability === null) return `Linked to ${other} before probabilistic linkage: re-link to score it`;
  return `Linked to ${other} with probability ${score.matchProbability.toFixed(4)}${reasons}`;
}
