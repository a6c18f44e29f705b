import { daysBetween, formatDate } from "../dates";
import { counted, kindLabel, wholeDays } from "../describe";
import { higherLevel, levelFrom } from "../riskLevel";
import type { Rule } from "./Finding";

/**
 * The latest DASH or DARA: its band a floor (DOMAIN.md, Risk models: DASH), and so the officer's
 * grading, which may raise it. DARA is never summed. Under rule set v2 a checklist is a floor only
 * while current (`dash.bands.currentDays`): an older one is context the reason shows.
 */
export const dashBands: Rule = (context) => {
  const latest = context.latestChecklist;
  if (!latest) return null;
  const { tool, yesCount, officerGrading } = latest.dash;
  const bands = context.rules["dash.bands"];
  const band = tool === "DASH" && yesCount !== null ? levelFrom(yesCount, bands) : null;
  const graded = band && officerGrading ? higherLevel(band, officerGrading) : (band ?? officerGrading);
  const scored =
    band === null || yesCount === null
      ? tool === "DARA"
        ? "its scoring is not public, so only the officer's grading counts"
        : "no yes count is recorded"
      : `${counted(yesCount, "yes answer")}, ${band} on the DASH bands (medium from ${bands.mediumFrom}, high from ${bands.highFrom})`;
  const grading = officerGrading ? `the officer graded it ${officerGrading}` : "no officer grading is recorded";
  const found = `The latest ${tool}, after the ${kindLabel(latest.kind)} of ${formatDate(latest.occurredAt)} in ${latest.area}: ${scored}; ${grading}.`;
  if (context.currentChecklist !== latest) {
    return {
      ruleId: "dash.bands",
      statement:
        `${found} It is ${wholeDays(daysBetween(latest.occurredAt, context.now))} old, older than the ${bands.currentDays} days a checklist stands for: ` +
        "it assessed the risk at the incident it was made for, so it is context here, not a floor.",
      contribution: 0,
      floor: null,
      events: [latest],
      headline: null,
    };
  }
  return {
    ruleId: "dash.bands",
    statement: found + (graded ? ` The level is never below ${graded}: professional judgement may raise a checklist's level, never lower it.` : ""),
    contribution: 0,
    floor: graded,
    events: [latest],
    headline: graded && graded !== "STANDARD" ? `${tool} ${graded.toLowerCase()} risk` : null,
  };
};
