import { isPoliceEvent } from "./incidents";
import type { RiskEvent, RiskInput } from "./RiskEvent";
import { thresholdsFor, type RuleSet, type Thresholds } from "./ruleSet";
import { asAt, visibleHistory } from "./visibleHistory";

/** What a computed result rests on, so that a partial picture is never taken for the whole. */
export interface RiskBasisResult {
  agenciesSeen: string[];
  agenciesNotSeen: { agency: string; reason: string }[];
  /** The forces, trusts and councils whose events the result read. */
  areas: string[];
  ruleSetVersion: string;
  harmIndexVersion: string;
  /** The area whose thresholds applied (that of the latest police event); null: the rule set's own. */
  thresholdsArea: string | null;
  computedAt: Date;
}

/** The evidence every assessment reads: visible events up to `now`, oldest first, and the thresholds in force. */
export interface RiskContext {
  subjectId: string;
  now: Date;
  events: RiskEvent[];
  ruleSet: RuleSet;
  rules: Thresholds;
  basis: RiskBasisResult;
}

/**
 * The force now dealing with the subject applies its own thresholds (some areas count MARAC
 * escalation as 3 incidents in 6 months): the area of the latest police event.
 */
export function thresholdsArea(events: readonly RiskEvent[], ruleSet: RuleSet): string | null {
  return events.findLast((event) => isPoliceEvent(event, ruleSet.vocabulary))?.area ?? null;
}

export function riskContext(input: RiskInput, ruleSet: RuleSet): RiskContext {
  const history = visibleHistory(input);
  const events = asAt(history.events, input.now);
  const area = thresholdsArea(events, ruleSet);
  return {
    subjectId: input.subjectId,
    now: input.now,
    events,
    ruleSet,
    rules: thresholdsFor(ruleSet, area),
    basis: {
      agenciesSeen: history.agenciesSeen,
      agenciesNotSeen: history.agenciesNotSeen,
      areas: [...new Set(events.map((event) => event.area))].sort(),
      ruleSetVersion: ruleSet.version,
      harmIndexVersion: ruleSet.harmIndex.version,
      thresholdsArea: area,
      computedAt: input.now,
    },
  };
}
