import { formatDate, within } from "../dates";
import { kindLabel, listed, withArticle } from "../describe";
import { HARMED_ROLES, HOUSEHOLD_ROLES } from "../incidents";
import { RULE_GROUPS, type RuleValues } from "../ruleSet";
import type { Rule } from "./Finding";

const ROLE_WORDS: Readonly<Record<string, string>> = {
  SUBJECT_OF_CONCERN: "its subject",
  PARENT_OR_CARER: "a parent or carer",
  HOUSEHOLD_MEMBER: "a household member",
};

const CHILDREN_IN_HOUSEHOLD = "CHILDREN_IN_HOUSEHOLD";

type CareKind = keyof (typeof RULE_GROUPS)["socialCare.kinds"]["fields"];

/** An episode kind's points; a kind the rule set does not list (a partner's own) earns none. */
function kindPoints(kinds: RuleValues<"socialCare.kinds">, kind: string): number {
  return Object.hasOwn(RULE_GROUPS["socialCare.kinds"].fields, kind) ? kinds[kind as CareKind] : 0;
}

/** The most serious episode the subject's household is part of, and whether children live in it. */
export const socialCareInvolvement: Rule = (context) => {
  const rule = context.rules["socialCare.involvement"];
  const episodes = context.events.filter(
    (event) =>
      context.ruleSet.vocabulary.socialCareAgencies.includes(event.agency) &&
      (HARMED_ROLES.has(event.role) || HOUSEHOLD_ROLES.has(event.role)) &&
      within(event.occurredAt, context.now, rule.lookbackDays),
  );
  const kinds = context.rules["socialCare.kinds"];
  const kindScore = Math.max(0, ...episodes.map((episode) => kindPoints(kinds, episode.kind)));
  // A parent or carer of the child concerned; under rule set v2 also a client whose household the council records children in.
  const children = episodes.some((episode) => episode.role === "PARENT_OR_CARER" || context.markersOf(episode).includes(CHILDREN_IN_HOUSEHOLD));
  const contribution = kindScore + (children ? rule.childrenInHouseholdPoints : 0);
  if (contribution === 0) return null;
  const described = episodes.map(
    (episode) =>
      `${withArticle(kindLabel(episode.kind))} in ${episode.area} from ${formatDate(episode.occurredAt)}${episode.category ? ` (${kindLabel(episode.category)})` : ""}, the subject ${ROLE_WORDS[episode.role] ?? kindLabel(episode.role)}`,
  );
  const gravest = episodes.reduce((most, episode) => (kindPoints(kinds, episode.kind) > kindPoints(kinds, most.kind) ? episode : most));
  return {
    ruleId: "socialCare.involvement",
    statement:
      `Social care involvement in the last ${rule.lookbackDays} days: ${listed(described)}.` +
      (children ? ` ${episodes.some((episode) => episode.role === "PARENT_OR_CARER") ? "As a parent or carer of the child concerned, the subject has" : "The council records"} children in the household.` : ""),
    contribution,
    floor: null,
    events: episodes,
    headline: `social care: ${kindLabel(gravest.kind)}`,
  };
};
