import { within } from "../dates";
import { byAgency, capitalised, kindLabel, theLast } from "../describe";
import { HARMED_ROLES } from "../incidents";
import type { RiskEvent } from "../RiskEvent";
import type { Finding, Rule } from "./Finding";

/** What each of the kit's markers is, for a chair; a partner's marker is named by its code. */
const MARKER_WORDS: Readonly<Record<string, { label: string; why: string }>> = {
  STRANGULATION: { label: "non-fatal strangulation", why: "Non-fatal strangulation multiplies the odds of a later homicide about seven-fold (Glass et al. 2008)." },
  THREATS_TO_KILL: { label: "threats to kill", why: "Threats to kill are a homicide marker." },
  WEAPON: { label: "a weapon", why: "The use or threat of a weapon is a homicide marker." },
  STALKING: { label: "stalking", why: "Stalking and harassment are present in most intimate-partner homicides (Monckton Smith et al. 2017)." },
  SEPARATION: { label: "separation", why: "Recent or intended separation is a trigger on the homicide timeline (Monckton Smith 2020)." },
  HONOUR_BASED_ABUSE: { label: "honour-based abuse", why: "Honour-based abuse is often planned by several members of a family." },
  BREACH_OF_BAIL_OR_ORDER: { label: "a breach of bail or an order", why: "Bail conditions and orders have not restrained him." },
  OVERDOSE: { label: "an overdose", why: "An overdose is a risk to her life and a sign of crisis." },
  SELF_HARM: { label: "self-harm", why: "Self-harm is a risk to her life and a sign of crisis." },
  MENTAL_HEALTH_CRISIS: { label: "a mental health crisis", why: "A crisis makes her less able to keep herself safe." },
};

/**
 * Rule set v2: the markers that research ties to homicide, and signs of crisis, on the subject's own
 * events as the one harmed — from any agency, each weighed on its own (`markers`), and counted once
 * however many agencies recorded it: a strangulation disclosed at A&E and answered yes on a DASH is
 * one marker (DOMAIN.md, Risk models: homicide markers).
 */
export const markers: Rule = (context) => {
  const weights = context.rules.markers;
  if (!weights) return null;
  // One pass over her events, however many markers the rule set weighs.
  const found = new Map<string, RiskEvent[]>();
  for (const event of context.events) {
    if (!HARMED_ROLES.has(event.role)) continue;
    for (const marker of context.markersOf(event)) {
      const weight = weights[marker];
      if (!weight || !within(event.occurredAt, context.now, weight.windowDays)) continue;
      const events = found.get(marker);
      if (events) events.push(event);
      else found.set(marker, [event]);
    }
  }
  return Object.keys(weights).flatMap((marker): Finding[] => {
    const events = found.get(marker);
    if (!events) return [];
    const words = MARKER_WORDS[marker] ?? { label: kindLabel(marker), why: "" };
    const once = events.length > 1 ? "; one marker, counted once however many records hold it" : "";
    return [
      {
        ruleId: `markers.${marker}`,
        statement: `${capitalised(words.label)}, recorded by ${byAgency(events)} in ${theLast(weights[marker]!.windowDays)}${once}. ${words.why}`.trimEnd(),
        contribution: weights[marker]!.points,
        floor: null,
        events,
        headline: [words.label.replace(/^an? /, "")],
      },
    ];
  });
};
