import { formatDate, within } from "../dates";
import { capitalised, counted, inWords, kindLabel, listed, ordinal } from "../describe";
import type { RiskContext } from "../riskContext";
import { hisName, otherVictimsWords, perpetratorHistories, type HisHistory } from "../perpetratorHistories";
import type { Finding, Rule } from "./Finding";

/** His place in his own history — "his third known victim in three forces" — or, with no other victim, his gravest fact. */
function headline(history: HisHistory): string | null {
  const victims = history.otherVictims.length;
  const forces = history.forces.length;
  if (victims > 0) return `his ${ordinal(victims + 1)} known victim${forces > 1 ? ` in ${inWords(forces)} forces` : ""}`;
  return history.facts[0]?.headline ?? null;
}

/** The facts that met the rule set's combination, as a chair would say them. */
export function combinationWords(history: HisHistory): string {
  const combination = history.highRisk!;
  const met = (fact: string) => history.facts.find((found) => found.fact === fact);
  const named = [...combination.allOf, ...combination.anyOf.filter((fact) => met(fact)).slice(0, 1)];
  return listed(named.map((fact) => met(fact)!.headline));
}

function finding(history: HisHistory): Finding {
  const first = history.namedIn[0]!;
  const facts = history.facts.map(({ words, detail, points }) => `${words} (${detail ? `${detail}; ` : ""}${counted(points, "point")})`);
  const combination = history.highRisk ? ` ${capitalised(combinationWords(history))}: a practitioner's judgement of high risk, so HIGH is a floor and MARAC's professional judgement criterion is met.` : "";
  return {
    ruleId: "perpetratorHistory",
    statement:
      `${capitalised(hisName(history))}, named in ${counted(history.namedIn.length, "of her incidents", "of her incidents")} since ${formatDate(first.occurredAt)}: his own records, as the caller sees them, show ${otherVictimsWords(history)}` +
      (facts.length > 0 ? `; ${facts.join("; ")}.` : "; nothing in them counts now.") +
      combination +
      " What he has done to others is risk to her.",
    contribution: history.facts.reduce((sum, { points }) => sum + points, 0),
    floor: history.highRisk ? "HIGH" : null,
    events: [...history.facts.flatMap(({ events }) => events), ...history.namedIn].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()),
    linkedThrough: history.namedIn.flatMap((event) => event.counterparts.filter((counterpart) => counterpart.subjectId === history.subjectId)),
    headline: headline(history),
  };
}

/**
 * Rule set v2: the perpetrator's history is risk to his victim. For each perpetrator named in her
 * recent incidents, the facts of his own records a chair weighs — other victims (MATAC), a previous
 * victim at high risk, breaches, weapons, strangulation, threats to kill, harm rising across his
 * victims — each with its points; a combination the rule set names is a HIGH floor.
 */
export const perpetratorHistory: Rule = (context, perpetrators) => [...perpetratorHistories(context, perpetrators).map(finding), ...unresolvedAbusers(context)];

/**
 * Her recent incidents whose abuser identity has not linked to a person: his history cannot be read,
 * and a chair must know that its absence from the reasons is not its absence from the records.
 */
function unresolvedAbusers(context: RiskContext): Finding[] {
  const rule = context.rules.perpetratorHistory;
  if (!rule) return [];
  const unresolved = new Map<string, (typeof context.incidentsToAnyAgency)[number][]>();
  for (const event of context.incidentsToAnyAgency) {
    if (!within(event.occurredAt, context.now, rule.namedWithinDays)) continue;
    for (const abuser of context.abusersIn(event)) {
      if (abuser.subjectId !== null) continue;
      const record = `${abuser.agency}/${abuser.localId}`;
      unresolved.set(record, [...(unresolved.get(record) ?? []), event]);
    }
  }
  return [...unresolved].map(([record, events]) => {
    const latest = events[events.length - 1]!;
    return {
      ruleId: "perpetratorHistory",
      statement:
        `Her abuser in the ${kindLabel(latest.kind)} of ${formatDate(latest.occurredAt)} (${latest.agency}, ${latest.area}) is known only by the record ${record}, which identity has not linked to a person: ` +
        "his history in other records and forces could not be read, so none of it is in this assessment.",
      contribution: 0,
      floor: null,
      events,
      headline: null,
    };
  });
}
