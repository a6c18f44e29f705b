import path from "node:path";
import { DAY_MS } from "../dates";
import type { PerpetratorHistory, RiskCounterpart, RiskEvent, RiskInput, SourceVisibility } from "../RiskEvent";
import { loadRuleSet } from "../ruleSet";

/** The rule set in force (v2): tests read its numbers rather than repeating them, except where an edge is the point. */
export const RULES = loadRuleSet();
/** Rule set v1, still loadable by its path: what an assessment made under it said. */
export const RULES_V1 = loadRuleSet(path.join(__dirname, "..", "..", "..", "config", "rules.v1.json"));

export const NOW = new Date("2026-10-19T09:00:00Z");

export function daysBefore(days: number, moment: Date = NOW): Date {
  return new Date(moment.getTime() - days * DAY_MS);
}

let sequence = 0;
type EventFields = Partial<RiskEvent> & { occurredAt: Date };

/** A police domestic abuse incident in Eastvale with the subject as victim, unless told otherwise. */
export function police(fields: EventFields): RiskEvent {
  return { agency: "police", id: `O-${++sequence}`, area: "EVP", kind: "DOMESTIC_INCIDENT", role: "VICTIM", counterparts: [], domesticAbuse: true, dash: null, maracCriterion: null, ...fields };
}

export function maracReferral(criterion: string, fields: EventFields): RiskEvent {
  return police({ kind: "MARAC_REFERRAL", maracCriterion: criterion, ...fields });
}

/** An emergency department attendance, with an injury unless told otherwise. */
export function health(fields: EventFields): RiskEvent {
  return { agency: "health", id: `E-${++sequence}`, area: "NVH", kind: "EMERGENCY_DEPARTMENT", role: "PATIENT", counterparts: [], injury: true, category: null, ...fields };
}

export function care(fields: EventFields): RiskEvent {
  return { agency: "social-care", id: `EP-${++sequence}`, area: "NMB", kind: "REFERRAL", role: "PARENT_OR_CARER", counterparts: [], category: null, ...fields };
}

export function dash(yesCount: number | null, officerGrading: "STANDARD" | "MEDIUM" | "HIGH" | null = null, tool: "DASH" | "DARA" = "DASH"): NonNullable<RiskEvent["dash"]> {
  return { tool, yesCount, officerGrading };
}

export function counterpart(role: string, subjectId: string | null, localId = `N-${subjectId ?? ++sequence}`, agency = "police", fields: Partial<RiskCounterpart> = {}): RiskCounterpart {
  return { role, agency, localId, subjectId, ...fields };
}

/** Her abuser, resolved by identity, as her incidents name him. */
export const HIM = "subject-him";
export function him(fields: Partial<RiskCounterpart> = {}): RiskCounterpart {
  return counterpart("SUSPECT", HIM, "EVP-N-HIM", "police", fields);
}

/** His own events as the caller sees them, for the rules about him. */
export function history(events: RiskEvent[], fields: Partial<PerpetratorHistory> = {}): PerpetratorHistory {
  return { subjectId: HIM, events, ...fields };
}

/** One of his incidents against another victim, recorded by another force unless told otherwise. */
export function againstAnother(days: number, fields: Partial<RiskEvent> = {}, victim = "subject-her-before"): RiskEvent {
  return police({ occurredAt: daysBefore(days), area: "NMC", role: "SUSPECT", counterparts: [counterpart("VICTIM", victim)], ...fields });
}

/** A date of birth that makes her `years` old at NOW (her birthday a month before). */
export function bornYearsBefore(years: number): string {
  return `${NOW.getUTCFullYear() - years}-09-19`;
}

export const ALL_VISIBLE: SourceVisibility[] = [
  { agency: "police", visible: true, reason: null },
  { agency: "health", visible: true, reason: null },
  { agency: "social-care", visible: true, reason: null },
];

export function input(events: RiskEvent[], fields: Partial<RiskInput> = {}): RiskInput {
  return { subjectId: "subject-1", events, sources: ALL_VISIBLE, now: NOW, ...fields };
}

/** A deep copy of a JSON-shaped value, to change one number in. */
export function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
