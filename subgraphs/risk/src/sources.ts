import { readFileSync } from "node:fs";
import path from "node:path";

/** An agency whose events risk reads: the `Subject` field it publishes them on, and what risk asks of them. */
export interface EventSource {
  agency: string;
  field: string;
  /** The field's arguments as its owner declares them: an @external field must repeat them. */
  arguments: string;
  type: string;
  /** Signal-level fields only: what happened, when, where, of what kind, the subject's part, how serious. */
  selection: string;
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

/** The configured sources; a partner joins by an entry in config/sources.json and its types in config/sources.graphql. */
export function loadSources(file = path.join(CONFIG_DIR, "sources.json")): EventSource[] {
  const { sources } = JSON.parse(readFileSync(file, "utf8")) as { sources: EventSource[] };
  const fields = new Set<string>();
  for (const source of sources) {
    for (const key of ["agency", "field", "arguments", "type", "selection"] as const) {
      if (typeof source[key] !== "string" || source[key].trim() === "") throw new Error(`${file}: a source needs ${key}`);
    }
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
  }
  return sources;
}

const COUNTERPART = "role person { agency localId subject { id } }";

const call = (field: string, args: string) => (args.trim() ? `${field}(${args})` : field);

/** One source's part of the @requires selection, to the depth asked. */
function sourceSelection(source: EventSource, depth: SourceDepth): string {
  const field = `${source.field}(limit: ${source.limit})`;
  if (depth === "events" || !source.counterparts) return `${field} { ${source.selection} }`;
  const events = `${field} { ${source.selection} counterparts { ${COUNTERPART} } }`;
  if (depth === "counterparts" || source.perpetrators === false) return events;
  const { field: people, ask } = source.perpetrators;
  return `${events} ${call(people, ask)} { agency localId subject { id ${events} } }`;
}

/** What a risk field @requires: each source's events, as the caller may see them, to the depth it needs. */
export function requiredSelection(sources: readonly EventSource[], depth: SourceDepth): string {
  return sources.map((source) => sourceSelection(source, depth)).join(" ");
}

/** The @external declarations risk needs: each source's field on `Subject`, and the types it reads. */
export function externalTypeDefs(sources: readonly EventSource[], typesFile = path.join(CONFIG_DIR, "sources.graphql")): string {
  const fields = sources
    .flatMap((source) => [
      `  ${call(source.field, source.arguments)}: [${source.type}!] @external`,
      ...(source.perpetrators === false ? [] : [`  ${call(source.perpetrators.field, source.perpetrators.arguments)}: [PersonRef!] @external`]),
    ])
    .join("\n");
  return `extend type Subject {\n${fields}\n}\n\n${readFileSync(typesFile, "utf8")}`;
}
