import { daysBetween, formatDate, within } from "./dates";
import { byArea, counted, kindLabel, listed } from "./describe";
import { assessRisk } from "./assessRisk";
import { eventRef, isIncidentToAnyAgency, isMaracReferral, isPoliceIncidentAsVictim, perpetratorsIn } from "./incidents";
import type { PerpetratorHistory, RiskEvent, RiskInput } from "./RiskEvent";
import { riskContext, type RiskBasisResult, type RiskContext } from "./riskContext";
import type { RiskLevel } from "./riskLevel";
import type { RuleSet } from "./ruleSet";
import { latestDash, professionalJudgementReferrals } from "./victimEvidence";

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
  basis: RiskBasisResult;
}

type Criterion = (context: RiskContext) => MaracCriterionResult;

const visibleHighRisk: Criterion = (context) => {
  const threshold = context.rules["marac.visibleHighRisk"].dashYesCount;
  const latest = latestDash(context);
  const result = (met: boolean, evidence: string): MaracCriterionResult => ({ criterion: "VISIBLE_HIGH_RISK", met, evidence, eventIds: latest ? [eventRef(latest)] : [] });
  if (!latest) return result(false, "No DASH checklist is recorded in the records the caller can see.");
  const after = `after the ${kindLabel(latest.kind)} of ${formatDate(latest.occurredAt)} in ${latest.area}`;
  const { tool, yesCount } = latest.dash;
  if (tool !== "DASH" || yesCount === null) {
    return result(false, `The latest checklist, ${after}, is a ${tool} with no yes count (DARA's scoring is not public), so visible high risk cannot be read from it; its officer grading counts under professional judgement.`);
  }
  return result(yesCount >= threshold, `The latest DASH, ${after}, has ${counted(yesCount, "yes answer")}; visible high risk is ${threshold} or more.`);
};

const potentialEscalation: Criterion = (context) => {
  const rule = context.rules["marac.potentialEscalation"];
  const incidents = context.events.filter((event) => isPoliceIncidentAsVictim(event, context.ruleSet.vocabulary) && within(event.occurredAt, context.now, rule.windowDays));
  const area = context.basis.thresholdsArea;
  return {
    criterion: "POTENTIAL_ESCALATION",
    met: incidents.length >= rule.count,
    evidence:
      `${counted(incidents.length, "police-reported domestic abuse incident")} in the ${rule.windowDays} days to ${formatDate(context.now)}${incidents.length > 0 ? `: ${byArea(incidents)}` : ""}; ` +
      `the criterion${area ? ` in ${area}, the force of the latest police record,` : ""} is ${rule.count} or more in ${rule.windowDays} days.`,
    eventIds: incidents.map(eventRef),
  };
};

function resolvedPerpetrators(event: RiskEvent): string[] {
  return perpetratorsIn(event)
    .map((counterpart) => counterpart.subjectId)
    .filter((subjectId) => subjectId !== null);
}

/**
 * A further incident, criminal or not, reported to any agency within the window after the last
 * referral, between the same victim and perpetrator. An incident is set aside only when both it and
 * the referral name resolved perpetrators and they differ: an unnamed perpetrator may be the same one,
 * and the evidence says the link is unconfirmed.
 */
const repeat: Criterion = (context) => {
  const rule = context.rules["marac.repeat"];
  const referral = context.events.findLast((event) => isMaracReferral(event, context.ruleSet.vocabulary));
  if (!referral) return { criterion: "REPEAT", met: false, evidence: "No MARAC referral is recorded: the repeat criterion applies after one.", eventIds: [] };
  const referred = new Set(resolvedPerpetrators(referral));
  const further = context.events.filter(
    (event) =>
      event.occurredAt > referral.occurredAt && daysBetween(referral.occurredAt, event.occurredAt) <= rule.windowDays && isIncidentToAnyAgency(event, context.ruleSet.vocabulary),
  );
  const sameness = (event: RiskEvent): "SAME" | "OTHER" | "UNKNOWN" => {
    const theirs = resolvedPerpetrators(event);
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
  return {
    criterion: "REPEAT",
    met: true,
    evidence:
      `${counted(counting.length, "further incident")} reported within ${rule.windowDays} days of ${referralWords}: ${listed(incidents)}.` +
      (unconfirmed > 0 ? ` ${unconfirmed} of them ${unconfirmed === 1 ? "names" : "name"} no perpetrator identity has resolved, so the same perpetrator is not confirmed.` : "") +
      otherWords,
    eventIds: [referral, ...counting].map(eventRef),
  };
};

const professionalJudgement: Criterion = (context) => {
  const { windowDays } = context.rules.professionalJudgement;
  const referrals = professionalJudgementReferrals(context);
  const latest = latestDash(context);
  const gradedHigh = latest?.dash.officerGrading === "HIGH" ? latest : null;
  const found = [
    ...referrals.map((referral) => `a practitioner referred the subject to MARAC on professional judgement on ${formatDate(referral.occurredAt)} (${referral.area})`),
    ...(gradedHigh ? [`the officer graded the latest ${gradedHigh.dash.tool} (${gradedHigh.area}, ${formatDate(gradedHigh.occurredAt)}) HIGH`] : []),
  ];
  const eventIds = [...referrals, ...(gradedHigh ? [gradedHigh] : [])].map(eventRef);
  if (found.length > 0) {
    const statement = listed(found);
    return { criterion: "PROFESSIONAL_JUDGEMENT", met: true, evidence: `${statement[0]!.toUpperCase()}${statement.slice(1)}.`, eventIds };
  }
  const grading = latest ? `the latest ${latest.dash.tool}'s officer grading is ${latest.dash.officerGrading ?? "not recorded"}` : "no DASH or DARA is recorded";
  return {
    criterion: "PROFESSIONAL_JUDGEMENT",
    met: false,
    evidence: `No practitioner's judgement of high risk is recorded: no MARAC referral on professional judgement in the last ${windowDays} days, and ${grading}.`,
    eventIds: latest ? [eventRef(latest)] : [],
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
 * engine (DOMAIN.md, Automated decisions).
 */
export function maracCriteria(input: RiskInput, ruleSet: RuleSet, perpetrators: readonly PerpetratorHistory[] = []): MaracResult {
  const context = riskContext(input, ruleSet);
  const criteria = [visibleHighRisk, potentialEscalation, repeat, professionalJudgement].map((criterion) => criterion(context));
  const met = criteria.filter((criterion) => criterion.met);
  const assessedLevel = assessRisk(input, ruleSet, perpetrators).level;
  const indication =
    met.length > 0
      ? `Referral indicated: ${listed(met.map((criterion) => CRITERION_WORDS[criterion.criterion]))} ${met.length === 1 ? "is" : "are"} met.`
      : assessedLevel === "HIGH"
        ? "Referral indicated on professional judgement: no criterion is met on the records alone, but the multi-agency risk assessment is HIGH. The referral is a practitioner's decision."
        : "No referral indicated by the records the caller can see; a practitioner may still refer on professional judgement.";
  return { criteria, referralIndicated: met.length > 0 || assessedLevel === "HIGH", indication, assessedLevel, basis: context.basis };
}
