import { readFileSync } from "node:fs";
import path from "node:path";
import { Relationship, SafeguardingMarker } from "@tessera/kit";

/** An agency whose events risk reads: the `Subject` field it publishes them on, and what risk asks of them. */
export interface EventSource {
  agency: string;
  field: string;
  /** The field's arguments as its owner declares them: an @external field must repeat them. */
  arguments: string;
  type: string;
  /** Signal-level fields only: what happened, when, where, of what kind, the subject's part, how serious. */
  selection: string;
  /**
   * Fields only the assessments read (markers, the subject's own record, a partner's factors): asked
   * with the selection by every field but the chronology, which needs what happened, not what it means.
   */
  assessment: string;
  /** The most events to ask for per person record: the agency's own maximum, not its smaller default. */
  limit: number;
  /** Whether to ask for the other people involved, resolved to their subjects by identity. */
  counterparts: boolean;
  /**
   * Where to find, once each, the people a subject shares this source's events with, to ask for
   * their own events from this field (the serial-perpetrator test); false for none. Asking through
   * each event's counterparts instead would fetch a partner's history once per shared event.
   */
  perpetrators: false | CounterpartsField;
  /**
   * Whether a perpetrator's own events from this source are read for his victim's assessment (his
   * history is risk to her): police's incidents, a probation service's recalls. Read through the
   * people every `perpetrators` field lists.
   */
  perpetratorHistory: boolean;
  /**
   * A partner's own coded values that are risk factors, as markers of the rule set: for each field of
   * the selection, which of its values mean which marker (e.g. probation `kind` RECALL → BREACH_OF_BAIL_OR_ORDER).
   */
  factors: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The configured sources, and what risk reads of each subject itself from identity. */
export interface RiskSources {
  /** Identity's fields of a subject that assessments read: its name, dates of birth, and how each record joined it. */
  subject: string;
  events: EventSource[];
}

/** A `Subject` field of the source's agency listing the people a subject shares its events with, once each (`[PersonRef!]`). */
export interface CounterpartsField {
  field: string;
  /** The field's arguments as its owner declares them ("" for none). */
  arguments: string;
  /** The arguments risk passes, e.g. `roles: [SUSPECT, OFFENDER]` ("" for none). */
  ask: string;
}

/**
 * How much of each source a risk field needs: its events only (a chronology), with who else was in
 * them (associates, victims), or with those people's own events too (the serial-perpetrator test).
 * Each field asks for no more than it needs: the last is the costliest part of any fetch.
 */
export type SourceDepth = "events" | "counterparts" | "perpetrators";

const CONFIG_DIR = path.resolve(__dirname, "..", "config");

function checkFactors(file: string, source: EventSource, markers: ReadonlySet<string>): void {
  if (typeof source.factors !== "object" || source.factors === null || Array.isArray(source.factors)) throw new Error(`${file}: ${source.field}'s factors must be an object ({} for none)`);
  for (const [field, values] of Object.entries(source.factors)) {
    if (!new RegExp(`(^|\\s)${field}(\\s|$)`).test(`${source.selection} ${source.assessment}`)) throw new Error(`${file}: ${source.field}'s factors read ${field}, which its selection does not ask for`);
    for (const [value, marker] of Object.entries(values)) {
      if (!markers.has(marker)) throw new Error(`${file}: ${source.field}'s factor ${field} = ${value} maps to ${marker}, which is not a marker (${[...markers].join(", ")})`);
    }
  }
}

/** The configured sources; a partner joins by an entry in config/sources.json and its types in config/sources.graphql. */
export function loadSources(file = path.join(CONFIG_DIR, "sources.json")): RiskSources {
  const { subject, sources } = JSON.parse(readFileSync(file, "utf8")) as { subject: string; sources: EventSource[] };
  if (typeof subject !== "string" || subject.trim() === "") throw new Error(`${file}: subject must name identity's fields that risk reads`);
  const markers: ReadonlySet<string> = new Set(Object.values(SafeguardingMarker));
  const fields = new Set<string>();
  for (const source of sources) {
    for (const key of ["agency", "field", "arguments", "type", "selection"] as const) {
      if (typeof source[key] !== "string" || source[key].trim() === "") throw new Error(`${file}: a source needs ${key}`);
    }
    if (typeof source.assessment !== "string") throw new Error(`${file}: ${source.field}'s assessment must list the fields only assessments read ("" for none)`);
    if (!Number.isInteger(source.limit) || source.limit < 1) throw new Error(`${file}: ${source.field} needs a limit, a positive whole number`);
    if (fields.has(source.field)) throw new Error(`${file}: ${source.field} is configured twice`);
    fields.add(source.field);
    if (source.perpetrators !== false) {
      const via = source.perpetrators as Partial<CounterpartsField> | undefined;
      if (typeof via !== "object" || via === null || typeof via.field !== "string" || !via.field.trim() || typeof via.arguments !== "string" || typeof via.ask !== "string") {
        throw new Error(`${file}: ${source.field}'s perpetrators must be false or { field, arguments, ask }`);
      }
      if (!source.counterparts) throw new Error(`${file}: ${source.field} asks for perpetrators' events without counterparts`);
    }
    if (typeof source.perpetratorHistory !== "boolean") throw new Error(`${file}: ${source.field}'s perpetratorHistory must be true or false`);
    checkFactors(file, source, markers);
  }
  return { subject, events: sources };
}

const COUNTERPART = "role relationship person { agency localId subject { id displayName } }";

const call = (field: string, args: string) => (args.trim() ? `${field}(${args})` : field);

/** A source's events, with what assessments read of them and who else was in them when asked. */
function eventsSelection(source: EventSource, assessing: boolean): string {
  const field = `${source.field}(limit: ${source.limit})`;
  if (!assessing) return `${field} { ${source.selection} }`;
  const fields = [source.selection, source.assessment, ...(source.counterparts ? [`counterparts { ${COUNTERPART} }`] : [])].filter((part) => part.trim() !== "");
  return `${field} { ${fields.join(" ")} }`;
}

/**
 * One source's part of the @requires selection, to the depth asked. A perpetrator found through a
 * source is asked, once, for his events from every source that keeps his history, and for what
 * identity says of him: his name for the reasons, and how the record she names him by joined his
 * others (his history reaches her only through that link).
 */
function sourceSelection(source: EventSource, depth: SourceDepth, { subject, events: sources }: RiskSources): string {
  const events = eventsSelection(source, depth !== "events");
  if (depth !== "perpetrators" || source.perpetrators === false) return events;
  const { field: people, ask } = source.perpetrators;
  const history = sources.filter((other) => other.perpetratorHistory).map((other) => eventsSelection(other, true));
  return `${events} ${call(people, ask)} { agency localId subject { id ${subject} ${history.join(" ")} } }`;
}

/**
 * What a risk field @requires: each source's events, as the caller may see them, to the depth it
 * needs; an assessment also reads the subject's own name, ages and record links from identity.
 */
export function requiredSelection(config: RiskSources, depth: SourceDepth): string {
  const events = config.events.map((source) => sourceSelection(source, depth, config)).join(" ");
  return depth === "perpetrators" ? `${config.subject} ${events}` : events;
}

/** The @external declarations risk needs: each source's field on `Subject`, and the types it reads. */
export function externalTypeDefs(config: RiskSources, typesFile = path.join(CONFIG_DIR, "sources.graphql")): string {
  const fields = config.events
    .flatMap((source) => [
      `  ${call(source.field, source.arguments)}: [${source.type}!] @external`,
      ...(source.perpetrators === false ? [] : [`  ${call(source.perpetrators.field, source.perpetrators.arguments)}: [PersonRef!] @external`]),
    ])
    .join("\n");
  return `extend type Subject {\n${fields}\n}\n\n${readFileSync(typesFile, "utf8")}\n${KIT_VOCABULARIES}`;
}

/** The kit's shared vocabularies the agencies' events carry, declared from the kit itself so they cannot drift. */
const KIT_VOCABULARIES = Object.entries({ SafeguardingMarker, Relationship })
  .map(([name, values]) => `enum ${name} {\n${Object.values(values).map((value) => `  ${value}`).join("\n")}\n}\n`)
  .join("\n");
