import { ageAt, formatDate, within } from "./dates";
import { counted, distinct, kindLabel, listed, withArticle } from "./describe";
import { distinctVictims, type Victim } from "./distinctVictims";
import { harmWeightOf } from "./harmWeightOf";
import { counterpartKey, isPoliceIncidentAsPerpetrator, PERPETRATOR_ROLES } from "./incidents";
import type { PerpetratorHistory, RiskEvent } from "./RiskEvent";
import type { RiskContext } from "./riskContext";
import type { HighRiskCombination, MarkerWeight } from "./ruleSet";
import { serialPerpetratorTest } from "./serialPerpetratorTest";
import { asAt, visibleHistory } from "./visibleHistory";

/** One fact of his history a chair weighs, with its points and what it rests on. */
export interface HistoryFact {
  /** SERIAL_PERPETRATOR, PREVIOUS_VICTIM_HIGH_RISK, ESCALATING_HARM, or a marker code. */
  fact: string;
  points: number;
  /** What it is, in words a MARAC chair can weigh; his other victims only as counts. */
  words: string;
  /** Where and when his records show it (forces, the latest date), or how the test was met; null when the words say it all. */
  detail: string | null;
  /** A few words for a headline. */
  headline: string;
  events: RiskEvent[];
}

/** A perpetrator named in her recent incidents, read from his own records as the caller sees them. */
export interface HisHistory {
  subjectId: string;
  /** His display name where the caller may see it. */
  displayName: string | null;
  /** Her incidents naming him, in the rule's window. */
  namedIn: RiskEvent[];
  /** Victims of his domestic abuse incidents other than her, as distinct subjects. */
  otherVictims: Victim[];
  /** The force areas of his domestic abuse incidents, hers included. */
  forces: string[];
  facts: HistoryFact[];
  /** The first combination of the rule set his facts meet: a practitioner's judgement of high risk. */
  highRisk: HighRiskCombination | null;
}

/** What each of his markers says, for statements and headlines; a partner's marker is named by its code. */
const MARKER_WORDS: Readonly<Record<string, { words: string; headline: string }>> = {
  BREACH_OF_BAIL_OR_ORDER: { words: "he breached bail or an order", headline: "breached bail or an order" },
  WEAPON: { words: "a weapon is recorded in his incidents", headline: "a weapon" },
  STRANGULATION: { words: "strangling or choking is recorded in his incidents", headline: "strangled a previous victim" },
  THREATS_TO_KILL: { words: "threats to kill are recorded in his incidents", headline: "threats to kill" },
  HIGH_RISK_OF_SERIOUS_HARM: { words: "he is assessed as a high risk of serious harm", headline: "high risk of serious harm" },
};

function where(events: readonly RiskEvent[]): string {
  const latest = events[events.length - 1]!;
  return `${listed(distinct(events, (event) => event.area))}, latest ${formatDate(latest.occurredAt)}`;
}

/** A previous victim at visible high risk, graded HIGH, or referred to MARAC, from the risk police recorded on his incidents. */
function previousVictimHighRisk(incidents: readonly RiskEvent[], context: RiskContext, weight: MarkerWeight): HistoryFact | null {
  const threshold = context.rules["marac.visibleHighRisk"].dashYesCount;
  const found = incidents.filter(({ victimRisk: risk, occurredAt }) => risk && within(occurredAt, context.now, weight.windowDays) && ((risk.dashYesCount ?? 0) >= threshold || risk.officerGrading === "HIGH" || risk.maracReferred));
  if (found.length === 0) return null;
  const how = [
    ...(found.some(({ victimRisk: risk }) => (risk!.dashYesCount ?? 0) >= threshold) ? [`at visible high risk (a DASH of ${threshold} or more)`] : []),
    ...(found.some(({ victimRisk: risk }) => risk!.officerGrading === "HIGH") ? ["graded HIGH by an officer"] : []),
    ...(found.some(({ victimRisk: risk }) => risk!.maracReferred) ? ["referred to MARAC"] : []),
  ];
  return { fact: "PREVIOUS_VICTIM_HIGH_RISK", points: weight.points, words: `a previous victim was ${listed(how)}`, detail: where(found), headline: "a previous victim at high risk", events: found };
}

/**
 * Harm rising across his victims: the most harmful incident against the latest of them outweighs,
 * by the rule set's minimum rise, the most harmful against every earlier one (Crime Harm Index).
 */
function escalatingHarm(incidents: readonly RiskEvent[], context: RiskContext, weight: MarkerWeight): HistoryFact | null {
  const byVictim = new Map<string, { worst: RiskEvent; harm: number }>();
  for (const incident of incidents) {
    if (!within(incident.occurredAt, context.now, weight.windowDays)) continue;
    const harm = harmWeightOf(incident.kind, context.ruleSet.harmIndex)?.days ?? 0;
    for (const counterpart of incident.counterparts) {
      if (counterpart.role !== "VICTIM") continue;
      const key = counterpartKey(counterpart);
      const known = byVictim.get(key);
      if (!known || harm > known.harm) byVictim.set(key, { worst: incident, harm });
    }
  }
  const victims = [...byVictim.values()];
  const latest = victims[victims.length - 1];
  if (!latest || victims.length < 2) return null;
  const rise = context.rules["escalation.harm"].minimumRiseDays;
  if (!victims.slice(0, -1).every((earlier) => latest.harm - earlier.harm >= rise)) return null;
  const worst = victims.map(({ worst }) => worst);
  return {
    fact: "ESCALATING_HARM",
    points: weight.points,
    words: `the harm he does has risen from victim to victim: the worst against each, in turn, ${listed(worst.map((incident) => `${withArticle(kindLabel(incident.kind))} in ${incident.area}`))}`,
    detail: null,
    headline: "escalating across his victims",
    events: worst,
  };
}

const found = new WeakMap<RiskContext, HisHistory[]>();

/**
 * Each perpetrator identity has resolved who is named in her incidents within the rule's window
 * (`perpetratorHistory.namedWithinDays`), read from his own events as the caller sees them: what a
 * chair weighs of his past (DOMAIN.md, Risk models: serial perpetrator; homicide markers). His
 * incidents that are also hers are left to her own rules, so nothing is counted twice. Rule set v2
 * only; worked out once per assessment.
 */
export function perpetratorHistories(context: RiskContext, perpetrators: readonly PerpetratorHistory[]): HisHistory[] {
  const rule = context.rules.perpetratorHistory;
  if (!rule) return [];
  const known = found.get(context);
  if (known) return known;
  const namedIn = new Map<string, { events: RiskEvent[]; displayName: string | null }>();
  for (const event of context.incidentsToAnyAgency) {
    if (!within(event.occurredAt, context.now, rule.namedWithinDays)) continue;
    for (const abuser of context.abusersIn(event)) {
      if (abuser.subjectId === null) continue;
      const named = namedIn.get(abuser.subjectId) ?? { events: [], displayName: null };
      if (named.events[named.events.length - 1] !== event) named.events.push(event);
      named.displayName = abuser.displayName ?? named.displayName;
      namedIn.set(abuser.subjectId, named);
    }
  }
  // Her events by agency and id: his incidents that are also hers are hers to weigh.
  const hers = new Map<string, Set<string>>();
  for (const event of context.events) {
    const ids = hers.get(event.agency);
    if (ids) ids.add(event.id);
    else hers.set(event.agency, new Set([event.id]));
  }
  const isHers = (event: RiskEvent) => hers.get(event.agency)?.has(event.id) === true;
  const age = context.datesOfBirth[0] === undefined ? null : ageAt(context.datesOfBirth[0], context.now);
  const knownAges = new Map(age === null ? [] : [[context.subjectId, age]]);
  const histories = perpetrators.flatMap((perpetrator): HisHistory[] => {
    const named = namedIn.get(perpetrator.subjectId);
    if (!named) return [];
    const events = asAt(visibleHistory({ events: perpetrator.events, sources: context.sources }).events, context.now);
    const incidents = events.filter((event) => isPoliceIncidentAsPerpetrator(event, context.ruleSet.vocabulary));
    const notHers = events.filter((event) => PERPETRATOR_ROLES.has(event.role) && !isHers(event));
    const beyondHers = incidents.filter((incident) => !isHers(incident) && !incident.counterparts.some((counterpart) => counterpart.subjectId === context.subjectId));
    const serial = serialPerpetratorTest(perpetrator.subjectId, events, context.now, context.rules, context.ruleSet.vocabulary, knownAges);
    const facts: HistoryFact[] = [];
    if (serial.met) {
      const test = `${counted(serial.incidents, "incident")} against ${counted(serial.victims.length, "victim")} in ${serial.windowDays} days`;
      facts.push({ fact: "SERIAL_PERPETRATOR", points: context.rules.serialPerpetrator.points, words: "he meets the MATAC serial perpetrator test", detail: test, headline: "a serial perpetrator", events: serial.events });
    }
    const previous = previousVictimHighRisk(beyondHers, context, rule.previousVictimHighRisk);
    if (previous) facts.push(previous);
    const marked = new Map<string, RiskEvent[]>();
    for (const event of notHers) {
      for (const marker of context.markersOf(event)) {
        const weight = rule.markers[marker];
        if (!weight || !within(event.occurredAt, context.now, weight.windowDays)) continue;
        const list = marked.get(marker);
        if (list) list.push(event);
        else marked.set(marker, [event]);
      }
    }
    for (const [marker, weight] of Object.entries(rule.markers)) {
      const events = marked.get(marker);
      if (!events) continue;
      const words = MARKER_WORDS[marker] ?? { words: `his records show ${kindLabel(marker)}`, headline: kindLabel(marker) };
      facts.push({ fact: marker, points: weight.points, words: words.words, detail: where(events), headline: words.headline, events });
    }
    const escalating = escalatingHarm(incidents, context, rule.escalatingHarm);
    if (escalating) facts.push(escalating);
    const otherVictims = distinctVictims(incidents, perpetrator.subjectId).filter((victim) => victim.subjectId !== context.subjectId);
    if (facts.length === 0 && otherVictims.length === 0) return [];
    const met = new Set(facts.map(({ fact }) => fact));
    const highRisk = rule.highRisk.find(({ allOf, anyOf }) => allOf.every((fact) => met.has(fact)) && (anyOf.length === 0 || anyOf.some((fact) => met.has(fact)))) ?? null;
    return [
      {
        subjectId: perpetrator.subjectId,
        displayName: perpetrator.displayName ?? named.displayName,
        namedIn: named.events,
        otherVictims,
        forces: distinct(incidents, (incident) => incident.area),
        facts,
        highRisk,
      },
    ];
  });
  found.set(context, histories);
  return histories;
}

/** How a statement names him: by display name where the caller may see it. */
export function hisName(history: HisHistory): string {
  return history.displayName ? `her named abuser, ${history.displayName}` : "her named abuser";
}

/** His other victims as a count, with the forces that recorded them. */
export function otherVictimsWords(history: HisHistory): string {
  const victims = history.otherVictims;
  if (victims.length === 0) return "no other victim";
  const forces = distinct(
    victims.flatMap((victim) => victim.areas),
    (area) => area,
  );
  return `${counted(victims.length, "other victim")}, recorded in ${listed(forces)}`;
}
