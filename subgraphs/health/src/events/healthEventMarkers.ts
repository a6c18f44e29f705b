import { SafeguardingMarker } from "@tessera/kit";
import { SafeguardingConcernCategory } from "../concerns/SafeguardingConcernCategory";
import { EncounterSetting } from "../encounters/EncounterSetting";
import { HealthSignal } from "../encounters/HealthSignal";
import { PREGNANCY_CONFIG, type PregnancyConfig } from "../encounters/pregnancyConfig";

/** Each coded signal as the marker every agency uses for the same fact (kit's SafeguardingMarker). */
const SIGNAL_MARKERS: Readonly<Record<HealthSignal, SafeguardingMarker>> = {
  [HealthSignal.PREGNANT]: SafeguardingMarker.PREGNANCY,
  [HealthSignal.POSTNATAL]: SafeguardingMarker.NEW_BABY,
  [HealthSignal.OVERDOSE]: SafeguardingMarker.OVERDOSE,
  [HealthSignal.SELF_HARM]: SafeguardingMarker.SELF_HARM,
  [HealthSignal.MENTAL_HEALTH_CRISIS]: SafeguardingMarker.MENTAL_HEALTH_CRISIS,
  [HealthSignal.NON_FATAL_STRANGULATION]: SafeguardingMarker.STRANGULATION,
};

/** A concern in these categories records that abuse was disclosed or seen, whatever the encounter says. */
const DISCLOSURE_CATEGORIES: readonly SafeguardingConcernCategory[] = [SafeguardingConcernCategory.DOMESTIC_ABUSE, SafeguardingConcernCategory.SEXUAL_VIOLENCE];

/**
 * The markers of the encounter aliased `e`, whose patient is aliased `p`, as a SQL array expression
 * for the events statement. A maternity encounter is a pregnancy unless it was postnatal care, which
 * is a new baby instead — but only for a patient who could be pregnant: the setting is where the
 * patient was seen, and a newborn boy's own check is a maternity encounter too. So it gives none to a
 * patient recorded as MALE or aged, at the encounter, outside the bounds the explicit flags are checked
 * against (config/pregnancy.json); an unknown sex or date of birth gives it as before. Markers may
 * repeat; the kit's orderedMarkers settles them.
 */
export function encounterMarkersSql(e: string, p: string, config: PregnancyConfig = PREGNANCY_CONFIG): string {
  // The bounds are whole numbers (checked when the configuration is loaded), so written into the SQL as they are.
  const { youngest, oldest } = config.pregnancyAges;
  // Whole years on the encounter's calendar day in England, as refuseImpossiblePregnancies counts them.
  const age = `extract(year FROM age((${e}.occurred_at AT TIME ZONE 'Europe/London')::date, ${p}.date_of_birth))`;
  const couldBePregnant = `${p}.sex IS DISTINCT FROM 'MALE' AND (${p}.date_of_birth IS NULL OR ${age} BETWEEN ${youngest} AND ${oldest})`;
  const when: [condition: string, marker: SafeguardingMarker][] = [
    [`${e}.injury`, SafeguardingMarker.INJURY],
    [`${e}.disclosed_abuse`, SafeguardingMarker.DISCLOSURE_OF_ABUSE],
    [`${e}.setting = '${EncounterSetting.MATERNITY}' AND NOT '${HealthSignal.POSTNATAL}' = ANY (${e}.signals) AND ${couldBePregnant}`, SafeguardingMarker.PREGNANCY],
    ...Object.entries(SIGNAL_MARKERS).map(([signal, marker]): [string, SafeguardingMarker] => [`'${signal}' = ANY (${e}.signals)`, marker]),
  ];
  return markerArraySql(when);
}

/** The markers a safeguarding concern aliased `c` holds of its own, as a SQL array expression. */
export function concernMarkersSql(c: string): string {
  return markerArraySql([[`${c}.category IN (${DISCLOSURE_CATEGORIES.map((category) => `'${category}'`).join(", ")})`, SafeguardingMarker.DISCLOSURE_OF_ABUSE]]);
}

function markerArraySql(when: readonly [condition: string, marker: SafeguardingMarker][]): string {
  return `array_remove(ARRAY[${when.map(([condition, marker]) => `CASE WHEN ${condition} THEN '${marker}' END`).join(", ")}]::text[], NULL)`;
}

