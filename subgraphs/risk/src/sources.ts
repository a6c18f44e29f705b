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
  /** Whether to ask, too, for each counterpart's own events from this field (the serial-perpetrator test). */
  perpetrators: boolean;
}

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
    if (source.perpetrators && !source.counterparts) throw new Error(`${file}: ${source.field} asks for perpetrators' events without counterparts`);
  }
  return sources;
}

const COUNTERPART = "role person { agency localId subject { id } }";

/** One source's part of the @requires selection. */
function sourceSelection(source: EventSource): string {
  const field = `${source.field}(limit: ${source.limit})`;
  if (!source.counterparts) return `${field} { ${source.selection} }`;
  const theirs = source.perpetrators ? ` ${field} { ${source.selection} counterparts { ${COUNTERPART} } }` : "";
  return `${field} { ${source.selection} counterparts { role person { agency localId subject { id${theirs} } } } }`;
}

/** What every risk field @requires: each source's events, as the caller may see them. */
export function requiredSelection(sources: readonly EventSource[]): string {
  return sources.map(sourceSelection).join(" ");
}

/** The @external declarations risk needs: each source's field on `Subject`, and the types it reads. */
export function externalTypeDefs(sources: readonly EventSource[], typesFile = path.join(CONFIG_DIR, "sources.graphql")): string {
  const fields = sources.map((source) => `  ${source.field}(${source.arguments}): [${source.type}!] @external`).join("\n");
  return `extend type Subject {\n${fields}\n}\n\n${readFileSync(typesFile, "utf8")}`;
}
