import type { RecordLink, RiskCounterpart, RiskEvent } from "./RiskEvent";
import type { RiskContext } from "./riskContext";

/** The records in doubt among an assessment's events, each worked out once: an event is in many reasons. */
const doubts = new WeakMap<RiskContext, Map<RiskEvent, string | null>>();

/** Why a link is in doubt ("from another area, link probability 0.97"); null when it is not. */
function doubtAbout(link: RecordLink | null | undefined, minimumProbability: number): string | null {
  if (link?.linkedBy !== "NAME_AND_DATE_OF_BIRTH") return null;
  const weak = link.probability === null || link.probability < minimumProbability;
  if (!link.acrossAreas && !weak) return null;
  return [...(link.acrossAreas ? ["from another area"] : []), ...(weak ? [link.probability === null ? "no link probability recorded" : `link probability ${link.probability}`] : [])].join(", ");
}

/** "police/EVP-N-3, from another area": the record, and why its link is in doubt; null when it is not. */
function doubtOf(event: RiskEvent, minimumProbability: number, known: Map<RiskEvent, string | null>): string | null {
  let doubt = known.get(event);
  if (doubt !== undefined) return doubt;
  const why = doubtAbout(event.recordLink, minimumProbability);
  doubt = why === null ? null : `${event.agency}/${event.recordId ?? event.id}, ${why}`;
  known.set(event, doubt);
  return doubt;
}

/**
 * Whether a reason rests on a record whose link to the subject is in doubt (rule set v2,
 * `linkDoubt`): linked by name and date of birth alone — no agreeing NHS number or PNC ID, no
 * reviewer — and either from another area or below the rule set's link probability. The same holds
 * for another person's record it reaches her through (`linkedThrough`: the record she names her
 * abuser by, joined to his history). Null when every record it rests on is linked firmly, or under v1.
 */
export function linkDoubt(events: readonly RiskEvent[], context: RiskContext, linkedThrough: readonly RiskCounterpart[] = []): string | null {
  const rule = context.rules.linkDoubt;
  if (!rule) return null;
  let known = doubts.get(context);
  if (!known) {
    known = new Map();
    doubts.set(context, known);
  }
  const records = new Set<string>();
  for (const event of events) {
    const doubt = doubtOf(event, rule.minimumProbability, known);
    if (doubt) records.add(doubt);
  }
  for (const counterpart of linkedThrough) {
    const why = doubtAbout(counterpart.recordLink, rule.minimumProbability);
    if (why) records.add(`${counterpart.displayName ? `${counterpart.displayName}'s record ` : ""}${counterpart.agency}/${counterpart.localId}, ${why}`);
  }
  if (records.size === 0) return null;
  return `rests on ${records.size === 1 ? "a record" : "records"} linked by name and date of birth only (${[...records].join("; ")})`;
}
