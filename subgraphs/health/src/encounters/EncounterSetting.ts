import { registerEnumType } from "type-graphql";

/**
 * Where a patient was seen. These are the settings in which abuse is most often seen or disclosed
 * (DOMAIN.md), and each is a health event kind of its own.
 */
export enum EncounterSetting {
  EMERGENCY_DEPARTMENT = "EMERGENCY_DEPARTMENT",
  MINOR_INJURY_UNIT = "MINOR_INJURY_UNIT",
  MATERNITY = "MATERNITY",
  GP = "GP",
  SEXUAL_ASSAULT_REFERRAL_CENTRE = "SEXUAL_ASSAULT_REFERRAL_CENTRE",
}
registerEnumType(EncounterSetting, { name: "EncounterSetting", description: "The care setting in which a patient was seen." });
export const ENCOUNTER_SETTINGS = Object.values(EncounterSetting);
