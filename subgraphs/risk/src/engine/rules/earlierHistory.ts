import { formatDate, within } from "../dates";
import { counted, distinct, kindLabel, listed } from "../describe";
import type { ChecklistEvent } from "../riskContext";
import { levelFrom } from "../riskLevel";
import type { Rule } from "./Finding";

/**
 * Rule set v2: what the windows of the other rules no longer weigh — MARAC referrals, checklists at
 * high risk, incidents — shown as context for the questions to ask, never as a floor or points
 * (issue 12: old history is context a reason shows). Within `earlierHistory.withinDays`.
 */
export const earlierHistory: Rule = (context) => {
  const rule = context.rules.earlierHistory;
  if (!rule) return null;
  const { now, rules } = context;
  const shown = (at: Date) => within(at, now, rule.withinDays);
  const referrals = context.maracReferrals.filter(({ occurredAt }) => shown(occurredAt) && !within(occurredAt, now, rules.maracHistory.windowDays));
  const checklists = context.events.filter((event): event is ChecklistEvent => {
    const { dash, occurredAt } = event;
    if (!dash || event === context.latestChecklist || !shown(occurredAt) || within(occurredAt, now, rules["dash.bands"].currentDays ?? 0)) return false;
    return dash.officerGrading === "HIGH" || (dash.tool === "DASH" && dash.yesCount !== null && levelFrom(dash.yesCount, rules["dash.bands"]) === "HIGH");
  });
  const incidents = context.incidentsToAnyAgency.filter(({ occurredAt }) => shown(occurredAt) && !within(occurredAt, now, rules.repeatVictimisation.lookbackDays));
  if (referrals.length + checklists.length + incidents.length === 0) return null;
  const names = distinct(
    incidents.flatMap((incident) => context.abusersIn(incident).flatMap(({ displayName }) => (displayName ? [displayName] : []))),
    (name) => name,
  );
  const parts = [
    ...referrals.map((referral) => `referred to MARAC on ${formatDate(referral.occurredAt)} in ${referral.area}${referral.maracCriterion ? ` (${kindLabel(referral.maracCriterion)})` : ""}`),
    ...checklists.map(
      ({ dash, kind, occurredAt, area }) =>
        `a ${dash.tool}${dash.yesCount !== null ? ` of ${dash.yesCount}` : ""}${dash.officerGrading ? ` graded ${dash.officerGrading}` : ""} after the ${kindLabel(kind)} of ${formatDate(occurredAt)} in ${area}`,
    ),
    ...(incidents.length > 0
      ? [
          `${counted(incidents.length, "incident")} reported to an agency ${incidents.length === 1 ? `on ${formatDate(incidents[0]!.occurredAt)}` : `between ${formatDate(incidents[0]!.occurredAt)} and ${formatDate(incidents[incidents.length - 1]!.occurredAt)}`}` +
            (names.length > 0 ? `, naming ${listed(names)}` : ""),
        ]
      : []),
  ];
  return {
    ruleId: "earlierHistory",
    statement: `Earlier history, older than the rules' windows: ${listed(parts)}. It is context for the questions to ask, not a floor and no points: the rules weigh what is current.`,
    contribution: 0,
    floor: null,
    events: [...referrals, ...checklists, ...incidents].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()),
    headline: null,
  };
};
