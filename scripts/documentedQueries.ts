import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const QUERIES_DIR = path.resolve(__dirname, "..", "docs", "queries");

/** A caseload as large as `subjects(ids:)` takes (identity's MAX_SUBJECT_IDS). */
export const CASELOAD_IDS = Array.from({ length: 500 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);

/** Variables a documented operation needs, at their largest: the caseload with its 500 ids. */
const VARIABLES: Record<string, Record<string, unknown>> = {
  "caseload.graphql": { ids: CASELOAD_IDS },
  "record-nominal.graphql": { input: { force: "NMC", givenNames: "Ada", familyName: "Lovelace", dateOfBirth: "1990-01-01" } },
};

export interface DocumentedOperation {
  /** The file's name in docs/queries. */
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/** docs/queries/*.graphql in name order, each with the variables it is measured with. */
export function documentedOperations(): DocumentedOperation[] {
  return readdirSync(QUERIES_DIR)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => ({ name: file, query: readFileSync(path.join(QUERIES_DIR, file), "utf8"), variables: VARIABLES[file] ?? {} }));
}
