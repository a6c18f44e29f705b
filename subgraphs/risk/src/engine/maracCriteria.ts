import { daysBetween, formatDate, within } from "./dates";
import { byArea, capitalised, counted, kindLabel, listed, notVisible, wholeDays } from "./describe";
import { assessContext } from "./assessRisk";
import { eventRef } from "./incidents";
import { hisName, perpetratorHistories } from "./perpetratorHistories";
import type { PerpetratorHistory, RiskEvent, RiskInput } from "./RiskEvent";
import { riskContext, type Completeness, type RiskBasisResult, type RiskContext } from "./riskContext";
import type { RiskLevel } from "./riskLevel";
import type { RuleSet } from "./ruleSet";
import { highRiskMarkers, markerLabel } from "./rules/markers";
import { combinationWords } from "./rules/perpetratorHistory";
import { professionalJudgementReferrals } from "./victimEvidence";

/** The SafeLives MARAC referral criteria (DOMAIN.md, Risk models). */
export type MaracCriterion = "VISIBLE_HIGH_RISK" | "POTENTIAL_ESCALATION" | "REPEAT" | "PROFESSIONAL_JUDGEMENT";

export interface MaracCriterionResult {
  criterion: MaracCriterion;
  met: boolean;
  evidence: string;
  /** The events it rests on, as agency/id. */
  eventIds: string[];
}

export interface MaracResult {
  criteria: MaracCriterionResult[];
  /** A criterion is met, or the multi-agency assessment is HIGH: a practitioner should consider referral. */
  referralIndicated: boolean;
  /** Why a referral is or is not indicated. */
  indication: string;
  /** The level of assessRisk over the same evidence. */
  assessedLevel: RiskLevel;
  /** PARTIAL when an agency's events were not seen: a criterion not met may be met in what was not seen. */
  completeness: Completeness;
  basis: RiskBasisResult;
}

type Criterion = (context: RiskContext, perpetrators: readonly PerpetratorHistory[]) => MaracCriterionResult;

/** Under rule set v2 a checklist older than `dash.bands.currentDays` says nothing of today's risk. */
function staleChecklist(context: RiskContext): string | null {
  const latest = context.latestChecklist;
  if (!latest || context.currentChecklist === latest) return null;
  return `The latest ${latest.dash.tool}, after the ${kindLabel(latest.kind)} of ${formatDate(latest.occurredAt)} in ${latest.area}, is ${wholeDays(daysBetween(latest.occurredAt, context.now))} old, older than the ${context.rules["dash.bands"].currentDays} days a checklist stands for: it assessed the risk then, not now.`;
}

const visibleHighRisk: Criterion = (context) => {
  const threshold = context.rules["marac.visibleHighRisk"].dashYesCount;
  const latest = context.latestChecklist;
  const result = (met: boolean, evidence: string): MaracCriterionResult => ({ criterion: "VISIBLE_HIGH_RISK", met, evidence, eventIds: latest ? [eventRef(latest)] : [] });
  if (!latest) return result(false, "No DASH checklist is recorded in the records the caller can see.");
  const stale = staleChecklist(context);
  if (stale) return result(false, `${stale} Visible high risk is read from a current DASH of ${threshold} or more.`);
  const after = `after the ${kindLabel(latest.kind)} of ${formatDate(latest.occurredAt)} in ${latest.area}`;
  const { tool, yesCount } = latest.dash;
  if (tool !== "DASH" || yesCount === null) {
    return result(false, `The latest checklist, ${after}, is a ${tool} with no yes count (DARA's scoring is not public), so visible high risk cannot be read from it; its officer grading counts under professional judgement.`);
  }
  return result(yesCount >= threshold, `The latest DASH, ${after}, has ${counted(yesCount, "yes answer")}; visible high risk is ${threshold} or more.`);
};

/**
 * Police-reported incidents in the area's window; under rule set v2 with her possible
 * counter-allegations, and, where the area's figures say so, incidents disclosed to other agencies.
 */
const potentialEscalation: Criterion = (context) => {
  const rule = context.rules["marac.potentialEscalation"];
  const police = new Set(context.victimIncidents);
  const incidents = (rule.countsDisclosures ? context.incidentsToAnyAgency : context.victimIncidents).filter((event) => within(event.occurredAt, context.now, rule.windowDays));
  const disclosed = incidents.filter((event) => !police.has(event)).length;
  const countered = incidents.filter((event) => context.counterAllegations.has(event)).length;
  const area = context.basis.thresholdsArea;
  const kind = rule.countsDisclosures ? "domestic abuse incident reported to police or disclosed to another agency" : "police-reported domestic abuse incident";
  return {
    criterion: "POTENTIAL_ESCALATION",
    met: incidents.length >= rule.count,
    evidence:
      `${counted(incidents.length, kind, `${kind.replace("incident", "incidents")}`)} in the ${rule.windowDays} days to ${formatDate(context.now)}${incidents.length > 0 ? `: ${byArea(incidents)}` : ""}; ` +
      `the criterion${area ? ` in ${area}, the force of the latest police record,` : ""} is ${rule.count} or more in ${rule.windowDays} days.` +
      (disclosed > 0 ? ` ${counted(disclosed, "was", "were")} disclosed to another agency, which this area counts.` : "") +
      (countered > 0 ? ` ${counted(countered, "is a possible counter-allegation", "are possible counter-allegations")} against her established abuser.` : ""),
    eventIds: incidents.map(eventRef),
  };
};

/**
 * A further incident, criminal or not, reported to any agency within the window after the last
 * referral, between the same victim and perpetrator. An incident is set aside only when both it and
 * the referral name resolved perpetrators and they differ: an unnamed perpetrator may be the same one,
 * and the evidence says the link is unconfirmed. Under rule set v2 it is met only while the further
 * incident is current (`marac.repeat.currentDays`).
 */
const repeat: Criterion = (context) => {
  const rule = context.rules["marac.repeat"];
  const referral = context.maracReferrals[context.maracReferrals.length - 1];
  if (!referral) return { criterion: "REPEAT", met: false, evidence: "No MARAC referral is recorded: the repeat criterion applies after one.", eventIds: [] };
  const resolved = (event: RiskEvent) => context.abusersIn(event).flatMap((counterpart) => (counterpart.subjectId === null ? [] : [counterpart.subjectId]));
  const referred = new Set(resolved(referral));
  const further = context.incidentsToAnyAgency.filter((event) => event.occurredAt > referral.occurredAt && daysBetween(referral.occurredAt, event.occurredAt) <= rule.windowDays);
  const sameness = (event: RiskEvent): "SAME" | "OTHER" | "UNKNOWN" => {
    const theirs = resolved(event);
    if (referred.size === 0 || theirs.length === 0) return "UNKNOWN";
    return theirs.some((subjectId) => referred.has(subjectId)) ? "SAME" : "OTHER";
  };
  const counting = further.filter((event) => sameness(event) !== "OTHER");
  const unconfirmed = counting.filter((event) => sameness(event) === "UNKNOWN").length;
  const others = further.length - counting.length;
  const referralWords = `the MARAC referral of ${formatDate(referral.occurredAt)} in ${referral.area}`;
  const otherWords = others > 0 ? ` ${counted(others, "incident")} in that time involved a different perpetrator.` : "";
  if (counting.length === 0) {
    return { criterion: "REPEAT", met: false, evidence: `No further incident reported to any agency within ${rule.windowDays} days of ${referralWords}.${otherWords}`, eventIds: [eventRef(referral)] };
  }
  const incidents = counting.map((event) => `${kindLabel(event.kind)} (${event.agency}, ${event.area}, ${formatDate(event.occurredAt)})`);
  const found =
    `${counted(counting.length, "further incident")} reported within ${rule.windowDays} days of ${referralWords}: ${listed(incidents)}.` +
    (unconfirmed > 0 ? ` ${unconfirmed} of them ${unconfirmed === 1 ? "names" : "name"} no perpetrator identity has resolved, so the same perpetrator is not confirmed.` : "") +
    otherWords;
  const latest = counting[counting.length - 1]!;
  if (rule.currentDays !== undefined && !within(latest.occurredAt, context.now, rule.currentDays)) {
    return {
      criterion: "REPEAT",
      met: false,
      evidence: `${found} The latest was ${wholeDays(daysBetween(latest.occurredAt, context.now))} ago, longer than the ${rule.currentDays} days a repeat stands for: history, not a repeat now.`,
      eventIds: [referral, ...counting].map(eventRef),
    };
  }
  return { criterion: "REPEAT", met: true, evidence: found, eventIds: [referral, ...counting].map(eventRef) };
};

/** A standing referral on professional judgement, a current grading of HIGH, or (rule set v2) her abuser's history. */
const professionalJudgement: Criterion = (context, perpetrators) => {
  const { windowDays } = context.rules.professionalJudgement;
  const referrals = professionalJudgementReferrals(context);
  const latest = context.currentChecklist;
  const gradedHigh = latest?.dash.officerGrading === "HIGH" ? latest : null;
  const histories = perpetratorHistories(context, perpetrators).filter((history) => history.highRisk);
  const marked = highRiskMarkers(context);
  const found = [
    ...referrals.map((referral) => `a practitioner referred the subject to MARAC on professional judgement on ${formatDate(referral.occurredAt)} (${referral.area})`),
    ...(gradedHigh ? [`the officer graded the latest ${gradedHigh.dash.tool} (${gradedHigh.area}, ${formatDate(gradedHigh.occurredAt)}) HIGH`] : []),
    ...histories.map((history) => `the history of ${hisName(history)} (${combinationWords(history)}) is a practitioner's judgement of high risk under the rule set`),
    ...marked.map(({ marker, events }) => `${markerLabel(marker)} recorded on ${formatDate(events[events.length - 1]!.occurredAt)} (${events[events.length - 1]!.agency}, ${events[events.length - 1]!.area}) is a practitioner's judgement of high risk under the rule set`),
  ];
  const eventIds = [
    ...referrals,
    ...(gradedHigh ? [gradedHigh] : []),
    ...histories.flatMap((history) => history.facts.flatMap(({ events }) => events)),
    ...marked.flatMap(({ events }) => events),
  ].map(eventRef);
  if (found.length > 0) return { criterion: "PROFESSIONAL_JUDGEMENT", met: true, evidence: `${capitalised(listed(found))}.`, eventIds: [...new Set(eventIds)] };
  const stale = staleChecklist(context);
  const grading = stale ? "no current DASH or DARA is recorded" : latest ? `the latest ${latest.dash.tool}'s officer grading is ${latest.dash.officerGrading ?? "not recorded"}` : "no DASH or DARA is recorded";
  const checklist = context.latestChecklist;
  return {
    criterion: "PROFESSIONAL_JUDGEMENT",
    met: false,
    evidence: `No practitioner's judgement of high risk is recorded: no MARAC referral on professional judgement in the last ${windowDays} days, and ${grading}.${stale ? ` ${stale}` : ""}`,
    eventIds: checklist ? [eventRef(checklist)] : [],
  };
};

const CRITERION_WORDS: Record<MaracCriterion, string> = {
  VISIBLE_HIGH_RISK: "visible high risk",
  POTENTIAL_ESCALATION: "potential escalation",
  REPEAT: "repeat",
  PROFESSIONAL_JUDGEMENT: "professional judgement",
};

/**
 * The four SafeLives criteria, each on its own evidence. A referral is indicated when one is met, or
 * when the multi-agency assessment is HIGH although no criterion is met on the records alone: the
 * engine then indicates a referral on professional judgement — which a practitioner makes, never the
 * engine (DOMAIN.md, Automated decisions). Under rule set v2 a partial view says what it did not see.
 */
export function maracCriteria(input: RiskInput, ruleSet: RuleSet, perpetrators: readonly PerpetratorHistory[] = []): MaracResult {
  const context = riskContext(input, ruleSet);
  const criteria = [visibleHighRisk, potentialEscalation, repeat, professionalJudgement].map((criterion) => criterion(context, perpetrators));
  const met = criteria.filter((criterion) => criterion.met);
  const assessedLevel = assessContext(context, perpetrators).level;
  const partial = context.rules.explanation !== undefined && context.completeness === "PARTIAL";
  const indication =
    met.length > 0
      ? `Referral indicated: ${listed(met.map((criterion) => CRITERION_WORDS[criterion.criterion]))} ${met.length === 1 ? "is" : "are"} met.`
      : assessedLevel === "HIGH"
        ? "Referral indicated on professional judgement: no criterion is met on the records alone, but the multi-agency risk assessment is HIGH. The referral is a practitioner's decision."
        : partial
          ? `Referral not indicated by what you can see: ${notVisible(context.basis.agenciesNotSeen.map(({ agency }) => agency))}, and their records could meet a criterion. A practitioner may still refer on professional judgement.`
          : "No referral indicated by the records the caller can see; a practitioner may still refer on professional judgement.";
  return { criteria, referralIndicated: met.length > 0 || assessedLevel === "HIGH", indication, assessedLevel, completeness: context.completeness, basis: context.basis };
}
