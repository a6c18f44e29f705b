import { ENCOUNTER_SETTINGS } from "../encounters/EncounterSetting";

export const SAFEGUARDING_CONCERN_KIND = "SAFEGUARDING_CONCERN";

/** An encounter's kind is its setting, so "every SARC attendance" is one `kinds` filter. */
export const HEALTH_EVENT_KINDS: readonly string[] = [...ENCOUNTER_SETTINGS, SAFEGUARDING_CONCERN_KIND];
