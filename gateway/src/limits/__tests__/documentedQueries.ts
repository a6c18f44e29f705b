import { readFileSync } from "node:fs";
import path from "node:path";

export { CASELOAD_IDS, documentedOperations as documentedQueries } from "../../../../scripts/documentedQueries";

export const SUPERGRAPH_SDL = readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "schema", "supergraph.graphql"), "utf8");

/** The fan-out attack: 200 aliases of one subject's risk (it made 1,601 subgraph requests). */
export const TWO_HUNDRED_ALIASES = `{ ${Array.from({ length: 200 }, (_, index) => `a${index}: subject(id: "00000000-0000-4000-8000-000000000001") { riskAssessment { level } }`).join(" ")} }`;

/** The planner attack: associates → subject nested `levels` times, written tight (10 levels: the 232 bytes, 63 s to plan). */
export function nestedAssociates(levels: number): string {
  return `{subjects(ids:[]){${"associates{subject{".repeat(levels)}id${"}}".repeat(levels)}}}`;
}
