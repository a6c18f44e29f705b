import { counterpartKey, eventRef, HARMED_ROLES, HOUSEHOLD_ROLES, PERPETRATOR_ROLES } from "./incidents";
import type { RiskInput } from "./RiskEvent";
import { visibleHistory } from "./visibleHistory";

export type Relationship = "VICTIM_OF" | "SUSPECT_AGAINST" | "HOUSEHOLD_MEMBER" | "CO_INVOLVED";

export interface Associate {
  /** Their subject when identity resolved the record; null when only the record is known. */
  subjectId: string | null;
  /** The first record the connection was made through. */
  agency: string;
  localId: string;
  /** Every record of theirs met in the subject's events. */
  records: { agency: string; localId: string }[];
  /** How the subject relates to them, in the order first found. */
  relationships: Relationship[];
  /** The shared events (agency/id), oldest first. */
  eventIds: string[];
}

/** How the subject relates to a counterpart, from the parts each played in one event. */
function relationship(subjectRole: string, theirRole: string): Relationship {
  if (HARMED_ROLES.has(subjectRole) && PERPETRATOR_ROLES.has(theirRole)) return "VICTIM_OF";
  if (PERPETRATOR_ROLES.has(subjectRole) && HARMED_ROLES.has(theirRole)) return "SUSPECT_AGAINST";
  const household = (a: string, b: string) => HOUSEHOLD_ROLES.has(a) && (HOUSEHOLD_ROLES.has(b) || b === "SUBJECT_OF_CONCERN");
  if (household(subjectRole, theirRole) || household(theirRole, subjectRole)) return "HOUSEHOLD_MEMBER";
  return "CO_INVOLVED";
}

/**
 * The people connected to the subject through shared events, one per subject (or per record, when
 * identity has not resolved it), most shared events first. The subject's own records in other
 * agencies are not associates.
 */
export function associates(input: RiskInput): Associate[] {
  const found = new Map<string, Associate>();
  for (const event of visibleHistory(input).events) {
    for (const counterpart of event.counterparts) {
      if (counterpart.subjectId === input.subjectId) continue;
      const key = counterpartKey(counterpart);
      const associate = found.get(key) ?? { subjectId: counterpart.subjectId, agency: counterpart.agency, localId: counterpart.localId, records: [], relationships: [], eventIds: [] };
      if (!associate.records.some((record) => record.agency === counterpart.agency && record.localId === counterpart.localId)) associate.records.push({ agency: counterpart.agency, localId: counterpart.localId });
      const how = relationship(event.role, counterpart.role);
      if (!associate.relationships.includes(how)) associate.relationships.push(how);
      if (associate.eventIds[associate.eventIds.length - 1] !== eventRef(event)) associate.eventIds.push(eventRef(event));
      found.set(key, associate);
    }
  }
  return [...found.values()].sort((a, b) => b.eventIds.length - a.eventIds.length || (a.subjectId ?? `${a.agency}/${a.localId}`).localeCompare(b.subjectId ?? `${b.agency}/${b.localId}`));
}
