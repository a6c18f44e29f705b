import { within } from "../dates";
import { byAgency, capitalised, counted, kindLabel, theLast } from "../describe";
import type { RiskEvent } from "../RiskEvent";
import type { RiskContext } from "../riskContext";
import type { Finding, Rule } from "./Finding";

/** What each of the kit's markers is, for a chair; a partner's marker is named by its code. */
const MARKER_WORDS: Readonly<Record<string, { label: string; why: string }>> = {
  STRANGULATION: { label: "strangling or choking", why: "Non-fatal strangulation multiplies the odds of a later homicide about seven-fold (Glass et al. 2008)." },
  THREATS_TO_KILL: { label: "threats to kill", why: "Threats to kill are a homicide marker." },
  WEAPON: { label: "a weapon", why: "The use or threat of a weapon is a homicide marker." },
  STALKING: { label: "stalking", why: "Stalking and harassment are present in most intimate-partner homicides (Monckton Smith et al. 2017)." },
  SEPARATION: { label: "separation", why: "Recent or intended separation is a trigger on the homicide timeline (Monckton Smith 2020)." },
  HONOUR_BASED_ABUSE: { label: "honour-based abuse", why: "Honour-based abuse is often planned by several members of a family." },
  BREACH_OF_BAIL_OR_ORDER: { label: "a breach of bail or an order", why: "Bail conditions and orders have not restrained him." },
  OVERDOSE: { label: "an overdose", why: "An overdose is a risk to her life and a sign of crisis." },
  SELF_HARM: { label: "self-harm", why: "Self-harm is a risk to her life and a sign of crisis." },
  MENTAL_HEALTH_CRISIS: { label: "a mental health crisis", why: "A crisis makes her less able to keep herself safe." },
  SEXUAL_ABUSE: { label: "sexual abuse", why: "Sexual violence within the relationship is a risk factor of its own in the DASH checklist." },
  COERCIVE_CONTROL: { label: "coercive control", why: "Controlling behaviour is the pattern most intimate-partner homicides follow (Monckton Smith 2020); DARA weighs it for that reason." },
  CHILD_HARMED_OR_THREATENED: { label: "children hurt or threatened", why: "Children hurt or threatened in the household are at risk themselves, and children's social care must know." },
};

export function markerLabel(marker: string): string {
  return MARKER_WORDS[marker]?.label ?? kindLabel(marker);
}

const found = new WeakMap<RiskContext, Map<string, RiskEvent[]>>();

/**
 * Her events holding each marker the rule set weighs, within its window: those in which she is the
 * one harmed, from any agency — a possible counter-allegation included, as the incident with her
 * abuser it is. Once per assessment.
 */
function markedEvents(context: RiskContext): Map<string, RiskEvent[]> {
  let marked = found.get(context);
  if (marked) return marked;
  marked = new Map();
  for (const [marker, weight] of Object.entries(context.rules.markers ?? {})) {
    const events = context.withMarker(marker).filter((event) => context.harmedIn(event) && within(event.occurredAt, context.now, weight.windowDays));
    if (events.length > 0) marked.set(marker, events);
  }
  found.set(context, marked);
  return marked;
}

/** Her markers recent enough to be a practitioner's judgement of high risk on their own (`highRiskWithinDays`), with their events. */
export function highRiskMarkers(context: RiskContext): { marker: string; events: RiskEvent[] }[] {
  const weights = context.rules.markers ?? {};
  return [...markedEvents(context)].flatMap(([marker, events]) => {
    const days = weights[marker]!.highRiskWithinDays;
    const recent = days === undefined ? [] : events.filter((event) => within(event.occurredAt, context.now, days));
    return recent.length > 0 ? [{ marker, events: recent }] : [];
  });
}

/**
 * Rule set v2: the markers that research ties to homicide, and signs of crisis, on the subject's own
 * events as the one harmed — from any agency, each weighed on its own (`markers`), and counted once
 * however many agencies recorded it: a strangulation disclosed at A&E and answered yes on a DASH is
 * one marker (DOMAIN.md, Risk models: homicide markers). A marker with `highRiskWithinDays` is, while
 * that recent, a practitioner's judgement of high risk: a HIGH floor.
 */
export const markers: Rule = (context) => {
  const weights = context.rules.markers;
  if (!weights) return null;
  const marked = markedEvents(context);
  const highRisk = new Map(highRiskMarkers(context).map(({ marker, events }) => [marker, events]));
  return Object.keys(weights).flatMap((marker): Finding[] => {
    const events = marked.get(marker);
    if (!events) return [];
    const weight = weights[marker]!;
    const words = MARKER_WORDS[marker] ?? { label: kindLabel(marker), why: "" };
    const once = events.length > 1 ? "; one marker, counted once however many records hold it" : "";
    const countered = events.filter((event) => context.counterAllegations.has(event)).length;
    const counterWords = countered > 0 ? ` ${counted(countered, "record is a possible counter-allegation", "records are possible counter-allegations")}, which records her abuse all the same.` : "";
    const recent = highRisk.get(marker);
    const judgement = recent
      ? ` Within ${theLast(weight.highRiskWithinDays!)}, it is itself a practitioner's judgement of high risk: HIGH is a floor, and MARAC's professional judgement criterion is met.`
      : "";
    return [
      {
        ruleId: `markers.${marker}`,
        statement: `${capitalised(words.label)}, recorded by ${byAgency(events)} in ${theLast(weight.windowDays)}${once}.${counterWords}${judgement} ${words.why}`.trimEnd(),
        contribution: weight.points,
        floor: recent ? "HIGH" : null,
        events,
        headline: words.label.replace(/^an? /, ""),
      },
    ];
  });
};
