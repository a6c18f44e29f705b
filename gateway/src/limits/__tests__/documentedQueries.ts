import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const QUERIES_DIR = path.resolve(__dirname, "..", "..", "..", "..", "docs", "queries");
export const SUPERGRAPH_SDL = readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "schema", "supergraph.graphql"), "utf8");

/** A caseload as large as `subjects(ids:)` takes. */
export const CASELOAD_IDS = Array.from({ length: 500 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);

/** docs/queries/*.graphql by file name, with the variables each needs (the caseload's 500 ids). */
export function documentedQueries(): { name: string; query: string; variables: Record<string, unknown> }[] {
  return readdirSync(QUERIES_DIR)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => ({ name: file, query: readFileSync(path.join(QUERIES_DIR, file), "utf8"), variables: VARIABLES[file] ?? {} }));
}

const VARIABLES: Record<string, Record<string, unknown>> = {
  "caseload.graphql": { ids: CASELOAD_IDS },
  "record-nominal.graphql": { input: { force: "NMC", givenNames: "Ada", familyName: "Lovelace", dateOfBirth: "1990-01-01" } },
};

/** The issue's fan-out attack: 200 aliases of one subject's risk (5.1 KB; it made 1,601 subgraph requests). */
export const TWO_HUNDRED_ALIASES = `{ ${Array.from({ length: 200 }, (_, index) => `a${index}: subject(id: "00000000-0000-4000-8000-000000000001") { riskAssessment { level } }`).join(" ")} }`;

/** The issue's planner attack: associates → subject nested `levels` times, written tight (10 levels: the issue's 232 bytes, 63 s to plan). */
export function nestedAssociates(levels: number): string {
  return `{subjects(ids:[]){${"associates{subject{".repeat(levels)}id${"}}".repeat(levels)}}}`;
}
