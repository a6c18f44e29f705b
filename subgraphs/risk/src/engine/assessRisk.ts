import { daysBetween, formatDate, within } from "./dates";
import { byArea, counted, distinct, kindLabel, listed, wholeDays, withArticle } from "./describe";
import { escalationPoints, type EscalationPoint } from "./escalationPoints";
import {
  eventRef,
  HARMED_ROLES,
  HOUSEHOLD_ROLES,
  isIncidentToAnyAgency,
  isMaracReferral,
  isPoliceIncidentAsVictim,
  perpetratorsIn,
} from "./incidents";
import type { PerpetratorHistory, RiskInput } from "./RiskEvent";
import { riskContext, type RiskBasisResult, type RiskContext } from "./riskContext";
import { higherLevel, levelFrom, type RiskLevel } from "./riskLevel";
import { RULE_FIELDS, type RuleSet, type RuleValues } from "./ruleSet";
import { serialPerpetratorTest } from "./serialPerpetratorTest";
import { latestDash, professionalJudgementReferrals } from "./victimEvidence";
import { asAt, visibleHistory } from "./visibleHistory";

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
}

export interface RiskAssessmentResult {
  level: RiskLevel;
  /** The level the contributions alone reach, before the floors. */
  computedLevel: RiskLevel;
  score: number;
  /** The highest floor, or null when no checklist or judgement is recorded. */
  floor: RiskLevel | null;
  reasons: RiskReason[];
  basis: RiskBasisResult;
  summary: string;
}

type Rule = (context: RiskContext) => RiskReason | null;

const ROLE_WORDS: Readonly<Record<string, string>> = {
  SUBJECT_OF_CONCERN: "its subject",
  PARENT_OR_CARER: "a parent or carer",
  HOUSEHOLD_MEMBER: "a household member",
};

function victimIncidents(context: RiskContext, days: number) {
  return context.events.filter((event) => isPoliceIncidentAsVictim(event, context.ruleSet.vocabulary) && within(event.occurredAt, context.now, days));
}

/** The DASH band is a floor (DOMAIN.md); so is the officer's grading, which may raise it. DARA is never summed. */
const dashFloor: Rule = (context) => {
  const latest = latestDash(context);
  if (!latest) return null;
  const { tool, yesCount, officerGrading } = latest.dash;
  const bands = context.rules["dash.bands"];
  const band = tool === "DASH" && yesCount !== null ? levelFrom(yesCount, bands) : null;
  const floor = band && officerGrading ? higherLevel(band, officerGrading) : (band ?? officerGrading);
  const scored =
    band === null || yesCount === null
      ? tool === "DARA"
        ? "its scoring is not public, so only the officer's grading counts"
        : "no yes count is recorded"
      : `${counted(yesCount, "yes answer")}, ${band} on the DASH bands (medium from ${bands.mediumFrom}, high from ${bands.highFrom})`;
  const graded = officerGrading ? `the officer graded it ${officerGrading}` : "no officer grading is recorded";
  return {
    ruleId: "dash.bands",
    statement:
      `The latest ${tool}, after the ${kindLabel(latest.kind)} of ${formatDate(latest.occurredAt)} in ${latest.area}: ${scored}; ${graded}.` +
      (floor ? ` The level is never below ${floor}: professional judgement may raise a checklist's level, never lower it.` : ""),
    contribution: 0,
    floor,
    eventIds: [eventRef(latest)],
  };
};

const professionalJudgement: Rule = (context) => {
  const referrals = professionalJudgementReferrals(context);
  const latest = referrals[referrals.length - 1];
  if (!latest) return null;
  return {
    ruleId: "professionalJudgement",
    statement: `A practitioner referred the subject to MARAC on professional judgement on ${formatDate(latest.occurredAt)} (${latest.agency}, ${latest.area}): HIGH is a floor while the referral stands (${context.rules.professionalJudgement.windowDays} days).`,
    contribution: 0,
    floor: "HIGH",
    eventIds: referrals.map(eventRef),
  };
};

const maracHistory: Rule = (context) => {
  const rule = context.rules.maracHistory;
  const referrals = context.events.filter((event) => isMaracReferral(event, context.ruleSet.vocabulary) && within(event.occurredAt, context.now, rule.windowDays));
  const latest = referrals[referrals.length - 1];
  if (!latest) return null;
  const criterion = latest.maracCriterion ? ` (criterion: ${kindLabel(latest.maracCriterion)})` : "";
  return {
    ruleId: "maracHistory",
    statement:
      `Already a MARAC case: ${counted(referrals.length, "referral")} in the last ${rule.windowDays} days, the latest on ${formatDate(latest.occurredAt)} in ${latest.area}${criterion}. ` +
      "A further incident makes the subject a repeat MARAC victim.",
    contribution: rule.points,
    floor: null,
    eventIds: referrals.map(eventRef),
  };
};

const repeatVictimisation: Rule = (context) => {
  const rule = context.rules.repeatVictimisation;
  const incidents = victimIncidents(context, rule.lookbackDays);
  if (incidents.length < rule.minimumIncidents) return null;
  const forces = distinct(incidents, (incident) => incident.area);
  return {
    ruleId: "repeatVictimisation",
    statement:
      `Repeat victimisation: ${counted(incidents.length, "domestic abuse incident")} with the subject as victim reported to police in the last ${rule.lookbackDays} days` +
      `${forces.length > 1 ? `, in ${counted(forces.length, "force area")}` : ""}: ${byArea(incidents)}.`,
    contribution: Math.min(incidents.length * rule.pointsPerIncident, rule.maximumPoints),
    floor: null,
    eventIds: incidents.map(eventRef),
  };
};

const frequency: Rule = (context) => {
  const rule = context.rules.frequency;
  const incidents = victimIncidents(context, rule.windowDays);
  if (incidents.length < rule.minimumIncidents) return null;
  return {
    ruleId: "frequency",
    statement: `Frequent incidents: ${counted(incidents.length, "police-reported domestic abuse incident")} in the last ${rule.windowDays} days (${byArea(incidents)}), at least ${rule.minimumIncidents}.`,
    contribution: rule.points,
    floor: null,
    eventIds: incidents.map(eventRef),
  };
};

/** An escalation counts while it is recent: the latest such point is the one a chair needs to hear. */
function escalation(measure: EscalationPoint["measure"], ruleId: "escalation.frequency" | "escalation.harm"): Rule {
  return (context) => {
    const rule = context.rules[ruleId];
    const incidents = context.events.filter((event) => isPoliceIncidentAsVictim(event, context.ruleSet.vocabulary));
    const recent = escalationPoints(incidents, context.rules, context.ruleSet.harmIndex).filter(
      (point) => point.measure === measure && within(point.event.occurredAt, context.now, rule.recentDays),
    );
    const latest = recent[recent.length - 1];
    if (!latest) return null;
    return {
      ruleId,
      statement: `${latest.note}${recent.length > 1 ? ` ${counted(recent.length, "escalation")} of this kind in the last ${rule.recentDays} days.` : ""}`,
      contribution: rule.points,
      floor: null,
      eventIds: [...new Set(recent.flatMap((point) => point.eventIds))],
    };
  };
}

/** Time since the last incident predicts serious harm better than the checklist (DOMAIN.md: Turner, Brown & Medina-Ariza 2022). */
const recency: Rule = (context) => {
  const rule = context.rules.recency;
  const latest = context.events.findLast((event) => isIncidentToAnyAgency(event, context.ruleSet.vocabulary));
  if (!latest || !within(latest.occurredAt, context.now, rule.withinDays)) return null;
  return {
    ruleId: "recency",
    statement:
      `Recent incident: the ${kindLabel(latest.kind)} recorded by ${latest.agency} in ${latest.area} on ${formatDate(latest.occurredAt)}, ${wholeDays(daysBetween(latest.occurredAt, context.now))} before this assessment (within ${rule.withinDays} days). ` +
      "Time since the last incident is the strongest police-history predictor of serious harm.",
    contribution: rule.points,
    floor: null,
    eventIds: [eventRef(latest)],
  };
};

const healthInjuries: Rule = (context) => {
  const rule = context.rules["health.injuries"];
  const injuries = context.events.filter(
    (event) => context.ruleSet.vocabulary.healthAgencies.includes(event.agency) && event.injury === true && within(event.occurredAt, context.now, rule.lookbackDays),
  );
  if (injuries.length === 0) return null;
  const settings = injuries.map((injury) => `${kindLabel(injury.kind)} in ${injury.area} on ${formatDate(injury.occurredAt)}`);
  return {
    ruleId: "health.injuries",
    statement: `Injuries seen by health: ${counted(injuries.length, "attendance")} with an injury recorded in the last ${rule.lookbackDays} days (${listed(settings)}).`,
    contribution: Math.min(injuries.length * rule.pointsPerInjury, rule.maximumPoints),
    floor: null,
    eventIds: injuries.map(eventRef),
  };
};

type CareKind = (typeof RULE_FIELDS)["socialCare.kinds"][number];

/** An episode kind's points; a kind the rule set does not list (a partner's own) earns none. */
function kindPoints(kinds: RuleValues<"socialCare.kinds">, kind: string): number {
  const known: readonly string[] = RULE_FIELDS["socialCare.kinds"];
  return known.includes(kind) ? kinds[kind as CareKind] : 0;
}

/** The most serious episode the subject's household is part of, and whether children live in it. */
const socialCareInvolvement: Rule = (context) => {
  const rule = context.rules["socialCare.involvement"];
  const episodes = context.events.filter(
    (event) =>
      context.ruleSet.vocabulary.socialCareAgencies.includes(event.agency) &&
      (HARMED_ROLES.has(event.role) || HOUSEHOLD_ROLES.has(event.role)) &&
      within(event.occurredAt, context.now, rule.lookbackDays),
  );
  const kindScore = Math.max(0, ...episodes.map((episode) => kindPoints(context.rules["socialCare.kinds"], episode.kind)));
  const children = episodes.some((episode) => episode.role === "PARENT_OR_CARER");
  const contribution = kindScore + (children ? rule.childrenInHouseholdPoints : 0);
  if (contribution === 0) return null;
  const described = episodes.map(
    (episode) =>
      `${withArticle(kindLabel(episode.kind))} in ${episode.area} from ${formatDate(episode.occurredAt)}${episode.category ? ` (${kindLabel(episode.category)})` : ""}, the subject ${ROLE_WORDS[episode.role] ?? kindLabel(episode.role)}`,
  );
  return {
    ruleId: "socialCare.involvement",
    statement:
      `Social care involvement in the last ${rule.lookbackDays} days: ${listed(described)}.` +
      (children ? " As a parent or carer of the child concerned, the subject has children in the household." : ""),
    contribution,
    floor: null,
    eventIds: episodes.map(eventRef),
  };
};

const crossBorder: Rule = (context) => {
  const rule = context.rules.crossBorder;
  const history = context.events.filter(
    (event) =>
      (isPoliceIncidentAsVictim(event, context.ruleSet.vocabulary) || isMaracReferral(event, context.ruleSet.vocabulary)) && within(event.occurredAt, context.now, rule.lookbackDays),
  );
  const forces = distinct(history, (event) => event.area);
  if (forces.length < rule.minimumForceAreas) return null;
  return {
    ruleId: "crossBorder",
    statement:
      `History in ${counted(forces.length, "police force area")} in the last ${rule.lookbackDays} days: ${byArea(history)}. ` +
      "Each force's own records show only its part of this history.",
    contribution: rule.points,
    floor: null,
    eventIds: history.map(eventRef),
  };
};

/**
 * Whether someone named as the subject's perpetrator is a serial perpetrator, from their own events
 * as the caller sees them. Only perpetrators identity has resolved can be tested.
 */
function serialPerpetrator(input: RiskInput, perpetrators: readonly PerpetratorHistory[]): Rule {
  return (context) => {
    const named = new Set(
      context.events
        .filter((event) => isIncidentToAnyAgency(event, context.ruleSet.vocabulary))
        .flatMap((event) => perpetratorsIn(event).map((counterpart) => counterpart.subjectId))
        .filter((subjectId) => subjectId !== null),
    );
    const serial = perpetrators
      .filter((perpetrator) => named.has(perpetrator.subjectId))
      .map((perpetrator) => {
        const events = asAt(visibleHistory({ events: perpetrator.events, sources: input.sources }).events, context.now);
        return { perpetrator, test: serialPerpetratorTest(perpetrator.subjectId, events, context.now, context.rules, context.ruleSet.vocabulary) };
      })
      .filter(({ test }) => test.met);
    if (serial.length === 0) return null;
    return {
      ruleId: "serialPerpetrator",
      statement: serial.map(({ perpetrator, test }) => `The subject's named perpetrator (subject ${perpetrator.subjectId}) is a serial perpetrator. ${test.evidence}`).join(" "),
      contribution: context.rules.serialPerpetrator.points,
      floor: null,
      eventIds: [...new Set(serial.flatMap(({ test }) => test.eventIds))],
    };
  };
}

function summarise(level: RiskLevel, computedLevel: RiskLevel, score: number, floor: RiskLevel | null, context: RiskContext): string {
  const { basis, rules } = context;
  const computed = `computed ${computedLevel} from a score of ${score} (MEDIUM from ${rules.level.mediumFrom}, HIGH from ${rules.level.highFrom})`;
  const floored = floor ? `; never below ${floor}, the floor set by the latest checklist or a practitioner's judgement` : "";
  const seen = basis.areas.length > 0 ? `${listed(basis.agenciesSeen)} records in ${listed(basis.areas)}` : `no events from ${listed(basis.agenciesSeen) || "any agency"}`;
  const notSeen = basis.agenciesNotSeen.length > 0 ? ` Not seen: ${basis.agenciesNotSeen.map((source) => `${source.agency} (${source.reason})`).join("; ")}.` : "";
  const area = basis.thresholdsArea ? `, thresholds for ${basis.thresholdsArea}` : "";
  return (
    `${level} risk as a potential victim: ${computed}${floored}. Rests on ${seen}.${notSeen} ` +
    `Rule set ${context.ruleSet.name} ${basis.ruleSetVersion}${area}. Decision support for a practitioner's review, not a decision.`
  );
}

/**
 * The subject's risk as a potential victim: each rule of the rule set adds its points, the sum is
 * read against the level thresholds, and the result is never below a floor — the latest DASH band,
 * the officer's grading, a standing MARAC referral on professional judgement. Only events the caller
 * could see are read. `perpetrators`: the subject's counterparts' own events, for the serial
 * perpetrator rule.
 */
export function assessRisk(input: RiskInput, ruleSet: RuleSet, perpetrators: readonly PerpetratorHistory[] = []): RiskAssessmentResult {
  const context = riskContext(input, ruleSet);
  const rules: Rule[] = [
    dashFloor,
    professionalJudgement,
    maracHistory,
    repeatVictimisation,
    frequency,
    escalation("FREQUENCY", "escalation.frequency"),
    escalation("HARM", "escalation.harm"),
    recency,
    healthInjuries,
    socialCareInvolvement,
    crossBorder,
    serialPerpetrator(input, perpetrators),
  ];
  const reasons = rules.map((rule) => rule(context)).filter((reason) => reason !== null);
  const score = reasons.reduce((sum, reason) => sum + reason.contribution, 0);
  const computedLevel = levelFrom(score, context.rules.level);
  const floor = reasons.reduce<RiskLevel | null>((highest, reason) => (reason.floor === null ? highest : highest ? higherLevel(highest, reason.floor) : reason.floor), null);
  const level = floor ? higherLevel(computedLevel, floor) : computedLevel;
  return { level, computedLevel, score, floor, reasons, basis: context.basis, summary: summarise(level, computedLevel, score, floor, context) };
}
