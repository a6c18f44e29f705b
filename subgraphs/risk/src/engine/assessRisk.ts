import { agencyWords, listed, notVisible } from "./describe";
import { eventRef } from "./incidents";
import { linkDoubt } from "./linkDoubt";
import type { PerpetratorHistory, RiskInput } from "./RiskEvent";
import { riskContext, type Completeness, type RiskBasisResult, type RiskContext } from "./riskContext";
import { higherLevel, levelFrom, raisedLevel, type RiskLevel } from "./riskLevel";
import { ASSESSMENT_RULES, type Finding } from "./rules";
import { markerLabel } from "./rules/markers";
import type { RuleSet } from "./ruleSet";

export interface RiskReason {
  /** The rule's group in the rule set. */
  ruleId: string;
  /** What the rule found, in words a MARAC chair can weigh. */
  statement: string;
  /** Points towards the level (see the rule set's `level` thresholds). */
  contribution: number;
  /** For a checklist or a practitioner's judgement: the level the assessment may not fall below. */
  floor: RiskLevel | null;
  /** The events it rests on, as agency/id. */
  eventIds: string[];
  /** When its newest evidence happened. */
  latestAt: Date | null;
  /** Rule set v2: when a record it rests on is linked to the subject by name and date of birth only, which, and why that is doubtful. */
  linkDoubt: string | null;
}

export interface RiskAssessmentResult {
  level: RiskLevel;
  /** PARTIAL when an agency's events were not seen: the level is then a lower bound. */
  completeness: Completeness;
  /** The level first, then what most drives it, in at most the rule set's number of words (v2); under v1, the level alone. */
  headline: string;
  /** The level the contributions alone reach, before the floors. */
  computedLevel: RiskLevel;
  score: number;
  /** The highest floor, or null when no checklist or judgement is recorded. */
  floor: RiskLevel | null;
  /** Under rule set v2, newest evidence first; under v1, in the rule set's order. */
  reasons: RiskReason[];
  basis: RiskBasisResult;
  summary: string;
}

/** What sets a floor, for the summary (rule set v2). */
const FLOOR_WORDS: Readonly<Record<string, string>> = {
  "dash.bands": "the current checklist",
  professionalJudgement: "a referral on professional judgement",
  perpetratorHistory: "her abuser's history",
  pregnancy: "pregnancy or a new baby alongside current abuse",
};

function floorWords(finding: Finding): string {
  return FLOOR_WORDS[finding.ruleId] ?? (finding.ruleId.startsWith("markers.") ? `recent ${markerLabel(finding.ruleId.slice("markers.".length)).replace(/^an? /, "")}` : finding.ruleId);
}

function reasonOf(finding: Finding, context: RiskContext): RiskReason {
  const doubt = linkDoubt(finding.events, context, finding.linkedThrough);
  let latest = -Infinity;
  const eventIds = new Set<string>();
  for (const event of finding.events) {
    latest = Math.max(latest, event.occurredAt.getTime());
    eventIds.add(eventRef(event));
  }
  return {
    ruleId: finding.ruleId,
    statement: doubt ? `${finding.statement} It ${doubt}.` : finding.statement,
    contribution: finding.contribution,
    floor: finding.floor,
    eventIds: [...eventIds],
    latestAt: latest === -Infinity ? null : new Date(latest),
    linkDoubt: doubt,
  };
}

/** Newest evidence first; a reason resting on no event last. */
function newestFirst(a: RiskReason, b: RiskReason): number {
  if (a.latestAt === null || b.latestAt === null) return (a.latestAt === null ? 1 : 0) - (b.latestAt === null ? 1 : 0);
  return b.latestAt.getTime() - a.latestAt.getTime();
}

/**
 * "At least MEDIUM — health and social care were not visible and could raise it": a partial view is a
 * lower bound. HIGH is the top of the scale, so what was not seen could add reasons, never raise it.
 */
function lowerBound(level: RiskLevel, context: RiskContext): string {
  const notSeen = notVisible(context.basis.agenciesNotSeen.map(({ agency }) => agency));
  return level === "HIGH" ? `HIGH — ${notSeen}: they could add reasons, not a higher level` : `At least ${level} — ${notSeen} and could raise it`;
}

/** Words as a reader counts them: whatever the spaces separate. */
function wordsIn(text: string): number {
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index += 1) {
    const space = text.charCodeAt(index) === 32;
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** What the evidence itself holds at HIGH first, then what raises the level, then what a practitioner must start, then points; the newer first among equals. */
function salience(finding: Finding): number {
  const standing = finding.raise ? 2000 : finding.floor === "HIGH" ? 4000 : 0;
  return standing + (finding.notice ? 1000 : 0) + Math.min(finding.contribution, 999);
}

/**
 * The level first, then the phrases of the most telling findings, as many as fit in the rule set's
 * words: no rule ids, no arithmetic (the summary has those). Rule set v1 wrote no headlines, so its
 * headline is the level alone.
 */
function headline(level: RiskLevel, findings: readonly Finding[], reasons: readonly RiskReason[], context: RiskContext): string {
  const rule = context.rules.explanation;
  const partial = context.completeness === "PARTIAL";
  if (!rule) return partial ? lowerBound(level, context) : level;
  const notSeen = `${listed(context.basis.agenciesNotSeen.map(({ agency }) => agencyWords(agency)))} not seen`;
  const lead = !partial ? level : level === "HIGH" ? `HIGH — ${notSeen}` : `At least ${level} — ${notSeen}`;
  const ordered = findings
    .map((finding, index) => ({ finding, salience: salience(finding), latestAt: reasons[index]!.latestAt?.getTime() ?? 0 }))
    .sort((a, b) => b.salience - a.salience || b.latestAt - a.latestAt);
  const phrases: string[] = [];
  let words = wordsIn(lead) + 1;
  for (const phrase of new Set(ordered.flatMap(({ finding }) => finding.headline ?? []))) {
    if (words + wordsIn(phrase) > rule.headlineMaximumWords) continue;
    phrases.push(phrase);
    words += wordsIn(phrase);
  }
  if (phrases.length > 0) return `${lead}${partial ? ";" : " —"} ${phrases.join("; ")}`;
  return partial ? lead : `${level} — nothing in the records seen raises it`;
}

function summarise(level: RiskLevel, computedLevel: RiskLevel, score: number, floor: RiskLevel | null, findings: readonly Finding[], context: RiskContext): string {
  const { basis, rules } = context;
  const explained = rules.explanation !== undefined;
  const computed = `computed ${computedLevel} from a score of ${score} (MEDIUM from ${rules.level.mediumFrom}, HIGH from ${rules.level.highFrom})`;
  const setBy = explained
    ? listed([...new Set(findings.filter((finding) => finding.floor === floor).map(floorWords))])
    : "the latest checklist or a practitioner's judgement";
  const floored = floor ? `; never below ${floor}, the floor set by ${setBy}` : "";
  const seen = basis.areas.length > 0 ? `${listed(basis.agenciesSeen)} records in ${listed(basis.areas)}` : `no events from ${listed(basis.agenciesSeen) || "any agency"}`;
  const notSeen = basis.agenciesNotSeen.length > 0 ? ` Not seen: ${basis.agenciesNotSeen.map((source) => `${source.agency} (${source.reason})`).join("; ")}.` : "";
  const area = basis.thresholdsArea ? `, thresholds for ${basis.thresholdsArea}` : "";
  const bound = explained && context.completeness === "PARTIAL" ? `${lowerBound(level, context)}. ` : "";
  return (
    `${bound}${level} risk as a potential victim: ${computed}${floored}. Rests on ${seen}.${notSeen} ` +
    `Rule set ${context.ruleSet.name} ${basis.ruleSetVersion}${area}. Decision support for a practitioner's review, not a decision.`
  );
}

/** The rules that count the same police-reported incidents against her, each in its own way. */
const INCIDENT_COUNT_RULES: ReadonlySet<string> = new Set(["repeatVictimisation", "frequency", "escalation.frequency"]);

/**
 * Rule set v2 (`incidentCounts.countedOnce`): the rules counting the same incidents add the points of
 * the highest of them, not their sum — one fact counted once. Each still gives its reason, saying so.
 */
function countIncidentsOnce(found: readonly Finding[], context: RiskContext): readonly Finding[] {
  if (!context.rules.incidentCounts?.countedOnce) return found;
  const counts = found.filter((finding) => INCIDENT_COUNT_RULES.has(finding.ruleId));
  if (counts.length < 2) return found;
  const kept = counts.reduce((top, finding) => (finding.contribution > top.contribution ? finding : top));
  return found.map((finding) =>
    INCIDENT_COUNT_RULES.has(finding.ruleId) && finding !== kept
      ? { ...finding, contribution: 0, statement: `${finding.statement} The same incidents are already counted, once, by the reason weighing them most, so it adds no points of its own.` }
      : finding,
  );
}

/** The assessment of one context: `maracCriteria` reads the same evidence through it. */
export function assessContext(context: RiskContext, perpetrators: readonly PerpetratorHistory[]): RiskAssessmentResult {
  const found = ASSESSMENT_RULES.flatMap((rule): readonly Finding[] => {
    const result = rule(context, perpetrators);
    return result === null ? [] : "ruleId" in result ? [result] : result;
  });
  const counted = countIncidentsOnce(found, context);
  const score = counted.reduce((sum, finding) => sum + finding.contribution, 0);
  const computedLevel = levelFrom(score, context.rules.level);
  const highest = (findings: readonly Finding[]) => findings.reduce<RiskLevel | null>((top, finding) => (finding.floor === null ? top : top ? higherLevel(top, finding.floor) : finding.floor), null);
  // A raise lifts the level the other findings reach, and holds it there as a floor.
  const reached = higherLevel(computedLevel, highest(counted) ?? computedLevel);
  const findings = counted.map((finding) => (finding.raise ? { ...finding, floor: raisedLevel(reached, finding.raise) } : finding));
  const floor = highest(findings);
  const level = floor ? higherLevel(computedLevel, floor) : computedLevel;
  const reasons = findings.map((finding) => reasonOf(finding, context));
  const ordered = context.rules.explanation ? [...reasons].sort(newestFirst) : reasons;
  return {
    level,
    completeness: context.completeness,
    headline: headline(level, findings, reasons, context),
    computedLevel,
    score,
    floor,
    reasons: ordered,
    basis: context.basis,
    summary: summarise(level, computedLevel, score, floor, findings, context),
  };
}

/**
 * The subject's risk as a potential victim: each rule of the rule set adds its points, the sum is
 * read against the level thresholds, and the result is never below a floor — the current DASH band,
 * the officer's grading, a standing MARAC referral on professional judgement, and under rule set v2
 * her abuser's history and pregnancy alongside current abuse. Only events the caller could see are
 * read. `perpetrators`: the subject's counterparts' own events, for the rules about him.
 */
export function assessRisk(input: RiskInput, ruleSet: RuleSet, perpetrators: readonly PerpetratorHistory[] = []): RiskAssessmentResult {
  return assessContext(riskContext(input, ruleSet), perpetrators);
}
