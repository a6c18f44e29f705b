import { counterpartKey, eventRef } from "./incidents";
import type { RiskEvent } from "./RiskEvent";

export interface Victim {
  /** The victim's subject id, or `agency/localId` of the one record known when identity has not resolved them. */
  key: string;
  subjectId: string | null;
  /** The records through which they appear in these incidents. */
  records: { agency: string; localId: string }[];
  /** The incidents against them (agency/id), oldest first. */
  eventIds: string[];
  areas: string[];
  lastIncidentAt: Date;
}

/**
 * The victims of a perpetrator's incidents, one per subject: the same person recorded by two forces
 * is one victim once identity has linked the records. A record identity has not resolved counts as a
 * person of its own — which may count one person twice, so results say when it happened.
 */
export function distinctVictims(incidents: readonly RiskEvent[], perpetratorId: string): Victim[] {
  const victims = new Map<string, Victim>();
  for (const incident of incidents) {
    for (const counterpart of incident.counterparts) {
      if (counterpart.role !== "VICTIM" || counterpart.subjectId === perpetratorId) continue;
      const key = counterpartKey(counterpart);
      const victim = victims.get(key) ?? { key, subjectId: counterpart.subjectId, records: [], eventIds: [], areas: [], lastIncidentAt: incident.occurredAt };
      if (!victim.records.some((record) => record.agency === counterpart.agency && record.localId === counterpart.localId)) victim.records.push({ agency: counterpart.agency, localId: counterpart.localId });
      if (victim.eventIds[victim.eventIds.length - 1] !== eventRef(incident)) victim.eventIds.push(eventRef(incident));
      if (!victim.areas.includes(incident.area)) victim.areas.push(incident.area);
      if (incident.occurredAt > victim.lastIncidentAt) victim.lastIncidentAt = incident.occurredAt;
      victims.set(key, victim);
    }
  }
  return [...victims.values()];
}

/** What a count of victims rests on, for a statement: silent when every victim was resolved. */
export function unresolvedVictimsNote(victims: readonly Victim[]): string {
  const unresolved = victims.filter((victim) => victim.subjectId === null);
  if (unresolved.length === 0) return "";
  const one = unresolved.length === 1;
  return (
    ` ${one ? "1 victim is" : `${unresolved.length} victims are`} known only by ${one ? "a record" : "records"} identity has not linked to a subject (${unresolved.map((victim) => victim.key).join(", ")}), ` +
    `counted as ${one ? "a distinct person" : "distinct people"}: a link not yet made could mean fewer victims.`
  );
}
