import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Every rule group the engine knows: its fields, and which major version of the rule set brought
 * them. A version 1 file holds exactly the groups and fields without `since: 2`; a version 2 file holds
 * them all. v2's behaviour is switched on by what only a v2 file holds (the `added` fields, the
 * `since: 2` groups, the marker and perpetrator tables), so one engine runs both, and an assessment
 * can be re-run under the rules it was made with. Each group carries a `source` beside its numbers, so
 * a professional who questions a threshold finds where it came from next to it.
 */
export const RULE_GROUPS = {
  level: { fields: { mediumFrom: "number", highFrom: "number" } },
  "dash.bands": { fields: { mediumFrom: "number", highFrom: "number" }, added: { currentDays: "number" } },
  professionalJudgement: { fields: { windowDays: "number" } },
  maracHistory: { fields: { windowDays: "number", points: "number" } },
  repeatVictimisation: { fields: { lookbackDays: "number", minimumIncidents: "number", pointsPerIncident: "number", maximumPoints: "number" } },
  frequency: { fields: { windowDays: "number", minimumIncidents: "number", points: "number" } },
  "escalation.frequency": { fields: { windowDays: "number", minimumIncidents: "number", recentDays: "number", points: "number" } },
  "escalation.harm": { fields: { lookbackDays: "number", minimumRiseDays: "number", recentDays: "number", points: "number" } },
  recency: { fields: { withinDays: "number", points: "number" } },
  "health.injuries": { fields: { lookbackDays: "number", pointsPerInjury: "number", maximumPoints: "number" } },
  "socialCare.involvement": { fields: { lookbackDays: "number", childrenInHouseholdPoints: "number" } },
  "socialCare.kinds": { fields: { REFERRAL: "number", CHILD_IN_NEED: "number", SECTION_47_ENQUIRY: "number", CHILD_PROTECTION_PLAN: "number", SECTION_42_ENQUIRY: "number" } },
  crossBorder: { fields: { lookbackDays: "number", minimumForceAreas: "number", points: "number" } },
  serialPerpetrator: { fields: { windowDays: "number", minimumIncidents: "number", minimumVictims: "number", points: "number" } },
  "marac.visibleHighRisk": { fields: { dashYesCount: "number" } },
  "marac.potentialEscalation": { fields: { count: "number", windowDays: "number" }, added: { countsDisclosures: "boolean" } },
  "marac.repeat": { fields: { windowDays: "number" }, added: { currentDays: "number" } },
  "chronology.gap": { fields: { minimumDays: "number" } },
  "perpetrator.frequency": { fields: { windowDays: "number" } },
  "perpetrator.priorityScore": {
    fields: { recencyWeight: "number", frequencyWeight: "number", harmWeight: "number", recencyHorizonDays: "number", frequencySaturation: "number", harmSaturationDays: "number" },
  },
  pregnancy: { since: 2, fields: { pregnancyDays: "number", newBabyDays: "number", currentAbuseDays: "number", raiseLevels: "number" } },
  ages: { since: 2, fields: { domesticAbuseFromAge: "number", adultFromAge: "number", olderAdultFromAge: "number", currentAbuseDays: "number" } },
  counterAllegation: { since: 2, fields: { establishedWithinDays: "number", minimumIncidents: "number" } },
  linkDoubt: { since: 2, fields: { minimumProbability: "number" } },
  explanation: { since: 2, fields: { headlineMaximumWords: "number" } },
  earlierHistory: { since: 2, fields: { withinDays: "number" } },
  incidentCounts: { since: 2, fields: { countedOnce: "boolean" } },
} as const;

type Spec = typeof RULE_GROUPS;
export type RuleGroup = keyof Spec;
type FieldValue<Kind> = Kind extends "boolean" ? boolean : number;
/** The groups only a version 2 file holds. */
type AddedGroup = { [G in RuleGroup]: Spec[G] extends { since: 2 } ? G : never }[RuleGroup];
type BaseFields<G extends RuleGroup> = { readonly [F in keyof Spec[G]["fields"]]: FieldValue<Spec[G]["fields"][F]> };
type AddedFields<G extends RuleGroup> = Spec[G] extends { added: infer Added } ? { readonly [F in keyof Added]?: FieldValue<Added[F]> } : unknown;
export type RuleValues<G extends RuleGroup> = BaseFields<G> & AddedFields<G> & { readonly source: string };

/** A marker on the subject's own events, weighed on its own: its points and how long it counts. */
export interface MarkerWeight {
  points: number;
  windowDays: number;
  /** Her markers only: within this many days the marker is itself a practitioner's judgement of high risk — a HIGH floor, and MARAC's criterion met. */
  highRiskWithinDays?: number;
  source: string;
}

/** The facts of a perpetrator's own history a combination may name: these, and any marker he has a weight for. */
export const PERPETRATOR_FACTS = ["SERIAL_PERPETRATOR", "PREVIOUS_VICTIM_HIGH_RISK", "ESCALATING_HARM"] as const;

/** Facts of his history that together are a practitioner's judgement of high risk: all of `allOf`, and one of `anyOf` when it names any. */
export interface HighRiskCombination {
  allOf: readonly string[];
  anyOf: readonly string[];
  source: string;
}

/** The perpetrator's own history as risk to his victim (rule set v2). */
export interface PerpetratorHistoryRule {
  /** He is her abuser now when named in her incidents within this many days. */
  namedWithinDays: number;
  previousVictimHighRisk: MarkerWeight;
  escalatingHarm: MarkerWeight;
  /** Markers on his own events (not hers), each with its points and window. */
  markers: Readonly<Record<string, MarkerWeight>>;
  highRisk: readonly HighRiskCombination[];
  source: string;
}

/** The numbers in force for one area: the rule set's, with that area's overrides applied. */
export type Thresholds = { readonly [G in Exclude<RuleGroup, AddedGroup>]: RuleValues<G> } & { readonly [G in AddedGroup]?: RuleValues<G> } & {
  /** Rule set v2: the subject's own markers, each weighed on its own. */
  readonly markers?: Readonly<Record<string, MarkerWeight>>;
  readonly perpetratorHistory?: PerpetratorHistoryRule;
};
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
  /** v2: the marker codes the rule set knows — the kit's, and any a partner's mapping adds. */
  markers?: readonly string[];
  /** v2: kinds that are a marker whatever the event's own markers say (BREACH_OF_ORDER: BREACH_OF_BAIL_OR_ORDER). */
  kindMarkers?: Readonly<Record<string, readonly string[]>>;
  /** v2: how her abuser is related to her, as a marker (EX_PARTNER: SEPARATION). */
  relationshipMarkers?: Readonly<Record<string, readonly string[]>>;
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

/** The rule set in force. v1 stays loadable by its path, so an assessment can be re-run under the rules it was made with. */
export const RULE_SET_PATH = path.join(__dirname, "..", "..", "config", "rules.v2.json");

/** The major versions of the rule set this engine runs: each names the groups and fields its files hold. */
const MAJOR_VERSIONS = [1, 2] as const;
type Major = (typeof MAJOR_VERSIONS)[number];

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

function booleanAt(value: unknown, key: string, origin: string): boolean {
  if (value === undefined) throw invalid(origin, key, "is missing");
  if (typeof value !== "boolean") throw invalid(origin, key, `must be true or false (found ${JSON.stringify(value)})`);
  return value;
}

function textsAt(value: unknown, key: string, origin: string, allowEmpty = false): string[] {
  if (!Array.isArray(value) || (!allowEmpty && value.length === 0)) throw invalid(origin, key, value === undefined ? "is missing" : `must be a ${allowEmpty ? "" : "non-empty "}list of strings`);
  return value.map((item, index) => textAt(item, `${key}[${index}]`, origin));
}

/** The groups a file of this major version holds. */
function groupsOf(major: Major): RuleGroup[] {
  return (Object.keys(RULE_GROUPS) as RuleGroup[]).filter((group) => {
    const spec = RULE_GROUPS[group];
    return ("since" in spec ? spec.since : 1) <= major;
  });
}

function isRuleGroup(name: string, major: Major): name is RuleGroup {
  return Object.hasOwn(RULE_GROUPS, name) && groupsOf(major).includes(name as RuleGroup);
}

/** A group's fields in a file of this major version, with the kind of value each holds. */
function fieldsOf(group: RuleGroup, major: Major): Record<string, "number" | "boolean"> {
  const spec: { fields: Record<string, "number" | "boolean">; added?: Record<string, "number" | "boolean"> } = RULE_GROUPS[group];
  return { ...spec.fields, ...(major >= 2 ? spec.added : {}) };
}

/**
 * One group's values. A full group must hold every field and its source; an area's override may
 * hold any of them. Unknown fields are refused, so a misspelt key fails loudly instead of leaving the
 * default silently in force.
 */
function parseGroup(group: RuleGroup, value: unknown, key: string, origin: string, override: boolean, major: Major): Record<string, number | boolean | string> {
  const raw = objectAt(value, key, origin);
  const fields = fieldsOf(group, major);
  for (const field of Object.keys(raw)) {
    if (field !== "source" && !Object.hasOwn(fields, field)) throw invalid(origin, `${key}.${field}`, `is not a field of ${group} (its fields: ${Object.keys(fields).join(", ")})`);
  }
  const parsed: Record<string, number | boolean | string> = {};
  for (const [field, kind] of Object.entries(fields)) {
    if (override && raw[field] === undefined) continue;
    parsed[field] = kind === "boolean" ? booleanAt(raw[field], `${key}.${field}`, origin) : numberAt(raw[field], `${key}.${field}`, origin);
  }
  if (!override || raw.source !== undefined) parsed.source = textAt(raw.source, `${key}.source`, origin);
  return parsed;
}

function parseWeight(value: unknown, key: string, origin: string, fields: readonly string[] = ["points", "windowDays", "source"]): MarkerWeight {
  const raw = objectAt(value, key, origin);
  for (const field of Object.keys(raw)) {
    if (!fields.includes(field)) throw invalid(origin, `${key}.${field}`, `is not a field of a weight (its fields: ${fields.join(", ")})`);
  }
  const weight: MarkerWeight = { points: numberAt(raw.points, `${key}.points`, origin), windowDays: numberAt(raw.windowDays, `${key}.windowDays`, origin), source: textAt(raw.source, `${key}.source`, origin) };
  if (raw.highRiskWithinDays !== undefined) weight.highRiskWithinDays = numberAt(raw.highRiskWithinDays, `${key}.highRiskWithinDays`, origin);
  return weight;
}

/**
 * A table of weights keyed by marker: every key a marker the vocabulary knows. Her own markers' table
 * (`ownSource`) has a source of its own, and a marker in it may be a practitioner's judgement of high
 * risk while recent (`highRiskWithinDays`).
 */
function parseMarkerWeights(raw: Record<string, unknown>, key: string, origin: string, vocabulary: Vocabulary, ownSource: boolean): Record<string, MarkerWeight> {
  const known = vocabulary.markers ?? [];
  // Looked up by the codes on events: no inherited key ("constructor") may answer.
  const weights: Record<string, MarkerWeight> = Object.create(null);
  if (ownSource) textAt(raw.source, `${key}.source`, origin);
  for (const [marker, weight] of Object.entries(raw)) {
    if (ownSource && marker === "source") continue;
    if (!known.includes(marker)) throw invalid(origin, `${key}.${marker}`, "is not a marker in vocabulary.markers");
    weights[marker] = parseWeight(weight, `${key}.${marker}`, origin, ownSource ? ["points", "windowDays", "highRiskWithinDays", "source"] : undefined);
  }
  return weights;
}

function parsePerpetratorHistory(value: unknown, origin: string, vocabulary: Vocabulary): PerpetratorHistoryRule {
  const key = "rules.perpetratorHistory";
  const raw = objectAt(value, key, origin);
  const fields = ["namedWithinDays", "previousVictimHighRisk", "escalatingHarm", "markers", "highRisk", "source"];
  for (const field of Object.keys(raw)) {
    if (!fields.includes(field)) throw invalid(origin, `${key}.${field}`, `is not a field of perpetratorHistory (its fields: ${fields.join(", ")})`);
  }
  const markers = parseMarkerWeights(objectAt(raw.markers, `${key}.markers`, origin), `${key}.markers`, origin, vocabulary, false);
  const facts: readonly string[] = [...PERPETRATOR_FACTS, ...Object.keys(markers)];
  const combinations = raw.highRisk;
  if (!Array.isArray(combinations)) throw invalid(origin, `${key}.highRisk`, combinations === undefined ? "is missing" : "must be a list of combinations");
  const highRisk = combinations.map((combination, index) => {
    const at = `${key}.highRisk[${index}]`;
    const parsed = objectAt(combination, at, origin);
    const allOf = textsAt(parsed.allOf, `${at}.allOf`, origin);
    const anyOf = textsAt(parsed.anyOf, `${at}.anyOf`, origin, true);
    for (const fact of [...allOf, ...anyOf]) {
      if (!facts.includes(fact)) throw invalid(origin, at, `names ${fact}, which is not a fact of his history (${facts.join(", ")})`);
    }
    return { allOf, anyOf, source: textAt(parsed.source, `${at}.source`, origin) };
  });
  return {
    namedWithinDays: numberAt(raw.namedWithinDays, `${key}.namedWithinDays`, origin),
    previousVictimHighRisk: parseWeight(raw.previousVictimHighRisk, `${key}.previousVictimHighRisk`, origin),
    escalatingHarm: parseWeight(raw.escalatingHarm, `${key}.escalatingHarm`, origin),
    markers,
    highRisk,
    source: textAt(raw.source, `${key}.source`, origin),
  };
}

/** The tables only a version 2 file holds, beside its groups. */
const TABLES = ["markers", "perpetratorHistory"];

function parseRules(value: unknown, origin: string, major: Major, vocabulary: Vocabulary): Thresholds {
  const raw = objectAt(value, "rules", origin);
  for (const group of Object.keys(raw)) {
    if (!isRuleGroup(group, major) && !(major >= 2 && TABLES.includes(group))) {
      throw invalid(origin, `rules.${group}`, Object.hasOwn(RULE_GROUPS, group) || TABLES.includes(group) ? `is not a rule of a version ${major} rule set` : "is not a rule the engine knows");
    }
  }
  const rules: Record<string, unknown> = {};
  for (const group of groupsOf(major)) rules[group] = parseGroup(group, raw[group], `rules.${group}`, origin, false, major);
  if (major >= 2) {
    rules.markers = parseMarkerWeights(objectAt(raw.markers, "rules.markers", origin), "rules.markers", origin, vocabulary, true);
    rules.perpetratorHistory = parsePerpetratorHistory(raw.perpetratorHistory, origin, vocabulary);
  }
  return rules as Thresholds;
}

function parseAreas(value: unknown, origin: string, major: Major): Record<string, AreaOverrides> {
  const areas: Record<string, AreaOverrides> = {};
  for (const [area, groups] of Object.entries(objectAt(value, "areas", origin))) {
    const overrides: Record<string, unknown> = {};
    for (const [group, values] of Object.entries(objectAt(groups, `areas.${area}`, origin))) {
      if (!isRuleGroup(group, major)) throw invalid(origin, `areas.${area}.${group}`, "is not a rule the engine knows");
      overrides[group] = parseGroup(group, values, `areas.${area}.${group}`, origin, true, major);
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

/** Kinds or relationships mapped to markers, each one the vocabulary knows. */
function parseMarkerMap(value: unknown, key: string, origin: string, known: readonly string[]): Record<string, string[]> {
  // Looked up by the kinds and relationships on events: no inherited key ("constructor") may answer.
  const map: Record<string, string[]> = Object.create(null);
  for (const [from, markers] of Object.entries(objectAt(value, key, origin))) {
    map[from] = textsAt(markers, `${key}.${from}`, origin);
    for (const marker of map[from]) {
      if (!known.includes(marker)) throw invalid(origin, `${key}.${from}`, `names ${marker}, which is not in vocabulary.markers`);
    }
  }
  return map;
}

function parseVocabulary(value: unknown, origin: string, major: Major): Vocabulary {
  const raw = objectAt(value, "vocabulary", origin);
  const v1Fields = ["policeAgencies", "healthAgencies", "socialCareAgencies", "maracReferralKind", "healthConcernKind", "domesticAbuseKinds", "source"];
  const fields = major >= 2 ? [...v1Fields, "markers", "kindMarkers", "relationshipMarkers"] : v1Fields;
  for (const field of Object.keys(raw)) {
    if (!fields.includes(field)) throw invalid(origin, `vocabulary.${field}`, `is not a field of a version ${major} vocabulary (its fields: ${fields.join(", ")})`);
  }
  const vocabulary: Vocabulary = {
    policeAgencies: textsAt(raw.policeAgencies, "vocabulary.policeAgencies", origin),
    healthAgencies: textsAt(raw.healthAgencies, "vocabulary.healthAgencies", origin),
    socialCareAgencies: textsAt(raw.socialCareAgencies, "vocabulary.socialCareAgencies", origin),
    maracReferralKind: textAt(raw.maracReferralKind, "vocabulary.maracReferralKind", origin),
    healthConcernKind: textAt(raw.healthConcernKind, "vocabulary.healthConcernKind", origin),
    domesticAbuseKinds: textsAt(raw.domesticAbuseKinds, "vocabulary.domesticAbuseKinds", origin),
    source: textAt(raw.source, "vocabulary.source", origin),
  };
  if (major < 2) return vocabulary;
  const markers = textsAt(raw.markers, "vocabulary.markers", origin);
  return {
    ...vocabulary,
    markers,
    kindMarkers: parseMarkerMap(raw.kindMarkers, "vocabulary.kindMarkers", origin, markers),
    relationshipMarkers: parseMarkerMap(raw.relationshipMarkers, "vocabulary.relationshipMarkers", origin, markers),
  };
}

/** The major version a file's `version` declares: "2.0.0" is 2. */
function majorOf(version: string, origin: string): Major {
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (!MAJOR_VERSIONS.includes(major as Major)) throw invalid(origin, "version", `(${version}) must be of a major version this engine runs (${MAJOR_VERSIONS.join(", ")})`);
  return major as Major;
}

/** Orderings a reader assumes; checked for every area too, since an override can break them. */
function checkOrderings(thresholds: Thresholds, prefix: string, origin: string): void {
  for (const group of ["level", "dash.bands"] as const) {
    const { mediumFrom, highFrom } = thresholds[group];
    if (mediumFrom > highFrom) throw invalid(origin, `${prefix}.${group}.mediumFrom`, `(${mediumFrom}) must not exceed highFrom (${highFrom})`);
  }
  const ages = thresholds.ages;
  if (ages && !(ages.domesticAbuseFromAge <= ages.adultFromAge && ages.adultFromAge <= ages.olderAdultFromAge)) {
    throw invalid(origin, `${prefix}.ages`, "must order its ages: domesticAbuseFromAge, then adultFromAge, then olderAdultFromAge");
  }
}

/**
 * Validates a rule set read from JSON: every group its major version holds, every number (finite,
 * 0 or more) and every source present, each harm weight labelled. `origin` names the file in errors.
 */
export function parseRuleSet(raw: unknown, origin = "rule set"): RuleSet {
  const top = objectAt(raw, "the rule set", origin);
  const version = textAt(top.version, "version", origin);
  const major = majorOf(version, origin);
  const vocabulary = parseVocabulary(top.vocabulary, origin, major);
  const ruleSet: RuleSet = {
    name: textAt(top.name, "name", origin),
    version,
    description: textAt(top.description, "description", origin),
    vocabulary,
    rules: parseRules(top.rules, origin, major, vocabulary),
    areas: parseAreas(top.areas ?? {}, origin, major),
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
    const base = ruleSet.rules[group as RuleGroup]!;
    const changed = Object.keys(values).filter((field) => field !== "source");
    const source = values.source ?? `${area}'s own ${changed.join(" and ")}; otherwise: ${base.source}`;
    merged[group] = { ...base, ...values, source };
  }
  return merged as Thresholds;
}
