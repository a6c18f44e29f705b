import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Every number the engine uses, grouped by the rule that uses it: the fields each group of
 * `config/rules.v1.json` must hold. Each group carries a `source` beside its numbers, so a
 * professional who questions a threshold finds where it came from next to it.
 */
export const RULE_FIELDS = {
  level: ["mediumFrom", "highFrom"],
  "dash.bands": ["mediumFrom", "highFrom"],
  professionalJudgement: ["windowDays"],
  maracHistory: ["windowDays", "points"],
  repeatVictimisation: ["lookbackDays", "minimumIncidents", "pointsPerIncident", "maximumPoints"],
  frequency: ["windowDays", "minimumIncidents", "points"],
  "escalation.frequency": ["windowDays", "minimumIncidents", "recentDays", "points"],
  "escalation.harm": ["lookbackDays", "minimumRiseDays", "recentDays", "points"],
  recency: ["withinDays", "points"],
  "health.injuries": ["lookbackDays", "pointsPerInjury", "maximumPoints"],
  "socialCare.involvement": ["lookbackDays", "childrenInHouseholdPoints"],
  "socialCare.kinds": ["REFERRAL", "CHILD_IN_NEED", "SECTION_47_ENQUIRY", "CHILD_PROTECTION_PLAN", "SECTION_42_ENQUIRY"],
  crossBorder: ["lookbackDays", "minimumForceAreas", "points"],
  serialPerpetrator: ["windowDays", "minimumIncidents", "minimumVictims", "points"],
  "marac.visibleHighRisk": ["dashYesCount"],
  "marac.potentialEscalation": ["count", "windowDays"],
  "marac.repeat": ["windowDays"],
  "chronology.gap": ["minimumDays"],
  "perpetrator.frequency": ["windowDays"],
  "perpetrator.priorityScore": ["recencyWeight", "frequencyWeight", "harmWeight", "recencyHorizonDays", "frequencySaturation", "harmSaturationDays"],
} as const;

export type RuleGroup = keyof typeof RULE_FIELDS;
export type RuleValues<G extends RuleGroup> = { readonly [F in (typeof RULE_FIELDS)[G][number]]: number } & { readonly source: string };
/** The numbers in force for one area: the rule set's, with that area's overrides applied. */
export type Thresholds = { readonly [G in RuleGroup]: RuleValues<G> };
/** An area's own figures for some fields of some groups; `source` says why the area differs. */
export type AreaOverrides = { readonly [G in RuleGroup]?: Partial<RuleValues<G>> };

/** The police event kinds (the occurrence categories), each of which the harm index must weigh. */
export const POLICE_OFFENCE_KINDS = [
  "DOMESTIC_INCIDENT",
  "COMMON_ASSAULT",
  "ASSAULT_OCCASIONING_ABH",
  "GBH",
  "THREATS_TO_KILL",
  "STALKING_HARASSMENT",
  "COERCIVE_CONTROL",
  "SEXUAL_ASSAULT",
  "RAPE",
  "CRIMINAL_DAMAGE",
  "BREACH_OF_ORDER",
  "OTHER",
] as const;
export type PoliceOffenceKind = (typeof POLICE_OFFENCE_KINDS)[number];

export interface HarmWeight {
  /** Days of imprisonment (or their equivalent) at the guideline starting point. */
  days: number;
  /** The guideline and the reading of it the figure rests on. */
  basis: string;
  /** True where the figure is Tessera's own reading or conversion, not a published one. */
  approximation: boolean;
}

/** The Cambridge Crime Harm Index weights, versioned on their own: a new table is a new version. */
export interface HarmIndex {
  name: string;
  version: string;
  source: string;
  method: string;
  weights: Readonly<Record<PoliceOffenceKind, HarmWeight>>;
}

/** Which agencies and kinds each rule reads: a partner joins a rule by adding its agency code. */
export interface Vocabulary {
  policeAgencies: readonly string[];
  healthAgencies: readonly string[];
  socialCareAgencies: readonly string[];
  maracReferralKind: string;
  healthConcernKind: string;
  domesticAbuseKinds: readonly string[];
  source: string;
}

export interface RuleSet {
  name: string;
  version: string;
  description: string;
  vocabulary: Vocabulary;
  rules: Thresholds;
  areas: Readonly<Record<string, AreaOverrides>>;
  harmIndex: HarmIndex;
}

export const RULE_SET_PATH = path.join(__dirname, "..", "..", "config", "rules.v1.json");

/** Reads and validates a rule set file; the default is the rule set in force. */
export function loadRuleSet(file: string = RULE_SET_PATH): RuleSet {
  return parseRuleSet(JSON.parse(readFileSync(file, "utf8")), file);
}

function invalid(origin: string, key: string, problem: string): Error {
  return new Error(`${origin}: ${key} ${problem}`);
}

function objectAt(value: unknown, key: string, origin: string): Record<string, unknown> {
  if (value === undefined) throw invalid(origin, key, "is missing");
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid(origin, key, "must be an object");
  return value as Record<string, unknown>;
}

function textAt(value: unknown, key: string, origin: string): string {
  if (value === undefined) throw invalid(origin, key, "is missing");
  if (typeof value !== "string" || value.trim() === "") throw invalid(origin, key, "must be a non-empty string");
  return value;
}

function numberAt(value: unknown, key: string, origin: string): number {
  if (value === undefined) throw invalid(origin, key, "is missing");
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw invalid(origin, key, `must be a number of 0 or more (found ${JSON.stringify(value)})`);
  return value;
}

function textsAt(value: unknown, key: string, origin: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(origin, key, value === undefined ? "is missing" : "must be a non-empty list of strings");
  return value.map((item, index) => textAt(item, `${key}[${index}]`, origin));
}

function isRuleGroup(name: string): name is RuleGroup {
  return Object.hasOwn(RULE_FIELDS, name);
}

/**
 * One group's numbers. A full group must hold every field and its source; an area's override may
 * hold any of them. Unknown fields are refused, so a misspelt key fails loudly instead of leaving the
 * default silently in force.
 */
function parseGroup(group: RuleGroup, value: unknown, key: string, origin: string, override: boolean): Record<string, number | string> {
  const raw = objectAt(value, key, origin);
  const fields: readonly string[] = RULE_FIELDS[group];
  for (const field of Object.keys(raw)) {
    if (field !== "source" && !fields.includes(field)) throw invalid(origin, `${key}.${field}`, `is not a field of ${group} (its fields: ${fields.join(", ")})`);
  }
  const parsed: Record<string, number | string> = {};
  for (const field of fields) {
    if (override && raw[field] === undefined) continue;
    parsed[field] = numberAt(raw[field], `${key}.${field}`, origin);
  }
  if (!override || raw.source !== undefined) parsed.source = textAt(raw.source, `${key}.source`, origin);
  return parsed;
}

function parseRules(value: unknown, origin: string): Thresholds {
  const raw = objectAt(value, "rules", origin);
  for (const group of Object.keys(raw)) {
    if (!isRuleGroup(group)) throw invalid(origin, `rules.${group}`, "is not a rule the engine knows");
  }
  const rules: Record<string, unknown> = {};
  for (const group of Object.keys(RULE_FIELDS) as RuleGroup[]) rules[group] = parseGroup(group, raw[group], `rules.${group}`, origin, false);
  return rules as Thresholds;
}

function parseAreas(value: unknown, origin: string): Record<string, AreaOverrides> {
  const areas: Record<string, AreaOverrides> = {};
  for (const [area, groups] of Object.entries(objectAt(value, "areas", origin))) {
    const overrides: Record<string, unknown> = {};
    for (const [group, values] of Object.entries(objectAt(groups, `areas.${area}`, origin))) {
      if (!isRuleGroup(group)) throw invalid(origin, `areas.${area}.${group}`, "is not a rule the engine knows");
      overrides[group] = parseGroup(group, values, `areas.${area}.${group}`, origin, true);
    }
    areas[area] = overrides as AreaOverrides;
  }
  return areas;
}

function parseHarmIndex(value: unknown, origin: string): HarmIndex {
  const raw = objectAt(value, "harmIndex", origin);
  const rawWeights = objectAt(raw.weights, "harmIndex.weights", origin);
  const kinds: readonly string[] = POLICE_OFFENCE_KINDS;
  for (const kind of Object.keys(rawWeights)) {
    if (!kinds.includes(kind)) throw invalid(origin, `harmIndex.weights.${kind}`, "is not a police event kind");
  }
  const weights = {} as Record<PoliceOffenceKind, HarmWeight>;
  for (const kind of POLICE_OFFENCE_KINDS) {
    const key = `harmIndex.weights.${kind}`;
    const weight = objectAt(rawWeights[kind], key, origin);
    if (typeof weight.approximation !== "boolean") throw invalid(origin, `${key}.approximation`, "must be true or false");
    weights[kind] = { days: numberAt(weight.days, `${key}.days`, origin), basis: textAt(weight.basis, `${key}.basis`, origin), approximation: weight.approximation };
  }
  return {
    name: textAt(raw.name, "harmIndex.name", origin),
    version: textAt(raw.version, "harmIndex.version", origin),
    source: textAt(raw.source, "harmIndex.source", origin),
    method: textAt(raw.method, "harmIndex.method", origin),
    weights,
  };
}

function parseVocabulary(value: unknown, origin: string): Vocabulary {
  const raw = objectAt(value, "vocabulary", origin);
  return {
    policeAgencies: textsAt(raw.policeAgencies, "vocabulary.policeAgencies", origin),
    healthAgencies: textsAt(raw.healthAgencies, "vocabulary.healthAgencies", origin),
    socialCareAgencies: textsAt(raw.socialCareAgencies, "vocabulary.socialCareAgencies", origin),
    maracReferralKind: textAt(raw.maracReferralKind, "vocabulary.maracReferralKind", origin),
    healthConcernKind: textAt(raw.healthConcernKind, "vocabulary.healthConcernKind", origin),
    domesticAbuseKinds: textsAt(raw.domesticAbuseKinds, "vocabulary.domesticAbuseKinds", origin),
    source: textAt(raw.source, "vocabulary.source", origin),
  };
}

/** Orderings a reader assumes; checked for every area too, since an override can break them. */
function checkOrderings(thresholds: Thresholds, prefix: string, origin: string): void {
  for (const group of ["level", "dash.bands"] as const) {
    const { mediumFrom, highFrom } = thresholds[group];
    if (mediumFrom > highFrom) throw invalid(origin, `${prefix}.${group}.mediumFrom`, `(${mediumFrom}) must not exceed highFrom (${highFrom})`);
  }
}

/**
 * Validates a rule set read from JSON: every group, every number (finite, 0 or more) and every
 * source present, each harm weight labelled. `origin` names the file in errors.
 */
export function parseRuleSet(raw: unknown, origin = "rule set"): RuleSet {
  const top = objectAt(raw, "the rule set", origin);
  const ruleSet: RuleSet = {
    name: textAt(top.name, "name", origin),
    version: textAt(top.version, "version", origin),
    description: textAt(top.description, "description", origin),
    vocabulary: parseVocabulary(top.vocabulary, origin),
    rules: parseRules(top.rules, origin),
    areas: parseAreas(top.areas ?? {}, origin),
    harmIndex: parseHarmIndex(top.harmIndex, origin),
  };
  checkOrderings(ruleSet.rules, "rules", origin);
  for (const area of Object.keys(ruleSet.areas)) checkOrderings(thresholdsFor(ruleSet, area), `areas.${area}`, origin);
  return ruleSet;
}

/**
 * The thresholds in force in an area: the rule set's, with the area's overrides over them. An
 * override without a source of its own says so in the group's source, which otherwise would describe
 * the number it replaced.
 */
export function thresholdsFor(ruleSet: RuleSet, area: string | null): Thresholds {
  const overrides = area === null ? undefined : ruleSet.areas[area];
  if (!overrides) return ruleSet.rules;
  const merged: Record<string, unknown> = { ...ruleSet.rules };
  for (const [group, values] of Object.entries(overrides)) {
    const base = ruleSet.rules[group as RuleGroup];
    const changed = Object.keys(values).filter((field) => field !== "source");
    const source = values.source ?? `${area}'s own ${changed.join(" and ")}; otherwise: ${base.source}`;
    merged[group] = { ...base, ...values, source };
  }
  return merged as Thresholds;
}
