import type { PerpetratorHistory, RiskCounterpart, RiskEvent } from "../RiskEvent";
import type { RiskContext } from "../riskContext";
import type { RiskLevel } from "../riskLevel";

/** What one rule found, before the assessment turns it into a reason. */
export interface Finding {
  /** The rule's group in the rule set (for a marker, `markers.<MARKER>`). */
  ruleId: string;
  /** What the rule found, in words a MARAC chair can weigh. */
  statement: string;
  /** Points towards the level. */
  contribution: number;
  /** For a checklist, a practitioner's judgement or a perpetrator's history: the level the assessment may not fall below. */
  floor: RiskLevel | null;
  /** Bands by which it raises the level the other findings reach (rule set v2: pregnancy alongside current abuse). */
  raise?: number;
  /** A process a practitioner must start whatever the points (a child victim, an adult at risk, a counter-allegation): put early in the headline. */
  notice?: boolean;
  /** The events it rests on, in the order to name them. */
  events: readonly RiskEvent[];
  /**
   * Another person's records through which it reaches the subject: the records she names her abuser
   * by, whose links to his other records carry his history to her.
   */
  linkedThrough?: readonly RiskCounterpart[];
  /** A few words for the headline, no rule ids and no arithmetic; null when the finding is context only. */
  headline: string | null;
}

/** One rule of the assessment. `perpetrators`: the subject's counterparts' own events, for the rules about him. */
export type Rule = (context: RiskContext, perpetrators: readonly PerpetratorHistory[]) => Finding | readonly Finding[] | null;
