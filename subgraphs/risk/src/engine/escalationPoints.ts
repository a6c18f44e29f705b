import { daysBetween, formatDate } from "./dates";
import { counted, kindLabel } from "./describe";
import { harmWeightOf } from "./harmWeightOf";
import type { RiskEvent } from "./RiskEvent";
import type { HarmIndex, Thresholds } from "./ruleSet";

export interface EscalationPoint {
  event: RiskEvent;
  measure: "FREQUENCY" | "HARM";
  /** In words; put together only when read, as a long history has many points and a rule reads the latest. */
  readonly note: string;
  /** The incidents the rise is measured against, and the event itself. */
  events: RiskEvent[];
}

/**
 * Where frequency or harm rose in a series of incidents (oldest first). Frequency rises at an
 * incident when the incidents in the `escalation.frequency` window up to it number at least its
 * minimum and more than in the window before; harm rises when its harm-index weight exceeds the
 * highest of the incidents in the `escalation.harm` lookback before it by at least the minimum rise.
 * One pass: the windows are kept by pointers and the highest earlier harm by a queue, so a long
 * history costs no more than a sort.
 */
export function escalationPoints(incidents: readonly RiskEvent[], rules: Thresholds, harmIndex: HarmIndex): EscalationPoint[] {
  const frequency = rules["escalation.frequency"];
  const harmRule = rules["escalation.harm"];
  const harm = incidents.map((incident) => harmWeightOf(incident.kind, harmIndex)?.days ?? 0);
  const points: EscalationPoint[] = [];
  let windowStart = 0;
  let previousStart = 0;
  // Earlier incidents in the harm lookback, oldest first with strictly falling harm: the first is the highest.
  const highest: number[] = [];
  let head = 0;
  incidents.forEach((incident, index) => {
    const at = incident.occurredAt;
    const elapsedSince = (earlier: number) => daysBetween(incidents[earlier]!.occurredAt, at);
    while (elapsedSince(windowStart) > frequency.windowDays) windowStart++;
    while (elapsedSince(previousStart) > 2 * frequency.windowDays) previousStart++;
    const inWindow = index - windowStart + 1;
    const inWindowBefore = windowStart - previousStart;
    if (inWindow >= frequency.minimumIncidents && inWindow > inWindowBefore) {
      points.push({
        event: incident,
        measure: "FREQUENCY",
        get note() {
          return `Frequency rising: ${counted(inWindow, "incident")} in the ${frequency.windowDays} days up to the ${kindLabel(incident.kind)} of ${formatDate(at)} in ${incident.area}, against ${inWindowBefore} in the ${frequency.windowDays} days before.`;
        },
        events: incidents.slice(windowStart, index + 1),
      });
    }

    while (head < highest.length && elapsedSince(highest[head]!) > harmRule.lookbackDays) head++;
    const top = highest[head];
    if (top !== undefined && harm[index]! - harm[top]! >= harmRule.minimumRiseDays) {
      const before = incidents[top]!;
      points.push({
        event: incident,
        measure: "HARM",
        get note() {
          return (
            `Harm rising: the ${kindLabel(incident.kind)} of ${formatDate(at)} in ${incident.area} weighs ${harm[index]} days on the Crime Harm Index (${harmIndex.version}), ` +
            `more than any incident in the ${harmRule.lookbackDays} days before it (the highest: the ${kindLabel(before.kind)} of ${formatDate(before.occurredAt)} in ${before.area}, ${harm[top]} days).`
          );
        },
        events: [before, incident],
      });
    }
    while (highest.length > head && harm[highest[highest.length - 1]!]! <= harm[index]!) highest.pop();
    highest.push(index);
  });
  return points;
}
