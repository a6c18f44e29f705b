import { registerEnumType } from "type-graphql";

/** What a police occurrence was recorded as: the police event kinds of docs/import-format.md. */
export enum OccurrenceCategory {
  DOMESTIC_INCIDENT = "DOMESTIC_INCIDENT",
  COMMON_ASSAULT = "COMMON_ASSAULT",
  ASSAULT_OCCASIONING_ABH = "ASSAULT_OCCASIONING_ABH",
  GBH = "GBH",
  THREATS_TO_KILL = "THREATS_TO_KILL",
  STALKING_HARASSMENT = "STALKING_HARASSMENT",
  COERCIVE_CONTROL = "COERCIVE_CONTROL",
  SEXUAL_ASSAULT = "SEXUAL_ASSAULT",
  RAPE = "RAPE",
  CRIMINAL_DAMAGE = "CRIMINAL_DAMAGE",
  BREACH_OF_ORDER = "BREACH_OF_ORDER",
  OTHER = "OTHER",
}
registerEnumType(OccurrenceCategory, {
  name: "OccurrenceCategory",
  description: "What a police occurrence was recorded as.",
  valuesConfig: { DOMESTIC_INCIDENT: { description: "A domestic incident that is not a crime." } },
});
export const OCCURRENCE_CATEGORIES = Object.values(OccurrenceCategory);
