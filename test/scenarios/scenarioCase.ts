import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { DevTokenClaims } from "@tessera/kit";
import { CALLERS } from "../e2e/callers";

/**
 * A risk scenario as a MARAC chair would tell it, and what a chair expects Tessera to say about it.
 * Cases are data (cases/NN-short-name.json), so adding a case is adding a file; README.md says what
 * each field means.
 */
export interface ScenarioCase {
  /** The file's name without `.json`, e.g. `01-serial-perpetrator-third-victim`. */
  file: string;
  /** `S01`: every id in the case begins with `S01-`. */
  prefix: string;
  title: string;
  story: string;
  asAt: string;
  subject: SubjectSearch;
  caller: keyof typeof CALLERS | DevTokenClaims;
  agencies: Partial<Record<AgencyName, ImportLine[]>>;
  expect: Expectations;
  sources: Record<string, ExpectationSource>;
}

export type AgencyName = "police" | "health" | "social-care";
export const AGENCIES: readonly AgencyName[] = ["police", "health", "social-care"];

/** One NDJSON line of docs/import-format.md, as a JSON object. */
export type ImportLine = { type: string } & Record<string, unknown>;

/** How to find a person: every word of `name` in one record's name, and her date of birth if given. */
export interface SubjectSearch {
  name: string;
  dateOfBirth?: string;
}

export type Level = "STANDARD" | "MEDIUM" | "HIGH";
export const LEVELS: readonly Level[] = ["STANDARD", "MEDIUM", "HIGH"];
export const CRITERIA = ["VISIBLE_HIGH_RISK", "POTENTIAL_ESCALATION", "REPEAT", "PROFESSIONAL_JUDGEMENT"] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface Expectations {
  level: Level;
  completeness: "COMPLETE" | "PARTIAL";
  criteriaMet: Criterion[];
  criteriaNotMet: Criterion[];
  referralIndicated: boolean;
  /** Each a regex (case-insensitive) that some reason's statement must match. */
  reasonsMatch: string[];
  headlineMatch: string;
  /** A regex that some reason's linkDoubt must match: a reason resting on a weakly linked record says so. */
  linkDoubtMatch?: string;
  summaryMatch?: string;
  indicationMatch?: string;
  /** Exactly the agencies the caller must be told were not seen. */
  agenciesNotSeen?: AgencyName[];
  perpetrator?: PerpetratorExpectations;
}

/** Expectations of a perpetrator profile: the subject's own (no `subject`), or another person's. */
export interface PerpetratorExpectations {
  subject?: SubjectSearch;
  serialPerpetrator?: boolean;
  distinctVictims?: number;
  counterAllegation?: boolean;
  caveatMatch?: string;
  evidenceMatch?: string;
}

/** Where an expectation comes from: a public source, and the chair's reasoning from it to this case. */
export interface ExpectationSource {
  source: string;
  reasoning: string;
}

const CASES_DIR = path.join(__dirname, "cases");
export const CASE_FILE = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.json$/;

/** Every case file, in number order. Throws, naming the file, on a file that is not JSON. */
export function loadCases(): ScenarioCase[] {
  return readdirSync(CASES_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(CASES_DIR, name), "utf8");
      let parsed: Omit<ScenarioCase, "file" | "prefix">;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new Error(`test/scenarios/cases/${name}: not JSON: ${(error as Error).message}`);
      }
      const number = CASE_FILE.exec(name)?.[1] ?? "??";
      return { ...parsed, file: name.replace(/\.json$/, ""), prefix: `S${number}` };
    });
}

/** The token claims a case's caller stands for: a key of test/e2e/callers.ts, or claims given in full. */
export function callerClaims(caller: ScenarioCase["caller"]): DevTokenClaims {
  return typeof caller === "string" ? CALLERS[caller] : caller;
}

/** Every key `expect` may hold: the runner judges each of these, and a case may use no other. */
export const EXPECTATION_KEYS: readonly (keyof Expectations)[] = [
  "level",
  "completeness",
  "criteriaMet",
  "criteriaNotMet",
  "referralIndicated",
  "reasonsMatch",
  "headlineMatch",
  "linkDoubtMatch",
  "summaryMatch",
  "indicationMatch",
  "agenciesNotSeen",
  "perpetrator",
];
