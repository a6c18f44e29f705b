import { OCCURRENCE_CATEGORIES, OccurrenceCategory } from "../occurrences/OccurrenceCategory";

/** A MARAC referral is an event of its own in a subject's police history. */
export const MARAC_REFERRAL_KIND = "MARAC_REFERRAL";

/** The kinds `policeEvents` lists and its `kinds` filter accepts: the occurrence categories and MARAC referrals. */
export const POLICE_EVENT_KINDS: readonly string[] = [...OCCURRENCE_CATEGORIES, MARAC_REFERRAL_KIND];

/** Kinds that are domestic abuse or sexual violence by definition, whatever the domestic-abuse flag says. */
export const SENSITIVE_KINDS: ReadonlySet<string> = new Set([
  OccurrenceCategory.DOMESTIC_INCIDENT,
  OccurrenceCategory.COERCIVE_CONTROL,
  OccurrenceCategory.SEXUAL_ASSAULT,
  OccurrenceCategory.RAPE,
  MARAC_REFERRAL_KIND,
]);
