import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { assessRisk } from "../../assessRisk";
import { associates } from "../../associates";
import { chronology } from "../../chronology";
import { maracCriteria } from "../../maracCriteria";
import { perpetratorProfile } from "../../perpetratorProfile";
import { loadRuleSet } from "../../ruleSet";
import { ALL_VISIBLE } from "../fixtures";
import { DANIEL, danielEvents, EASTVALE_ASSAULT, EASTVALE_ONLY, PENELOPE, SCENARIO_EVENTS, SCENARIO_NOW } from "../scenario";
import { generatedCase, type GeneratedCase } from "./generatedHistories";

/**
 * What rule set v1 gave before issue 12 changed the engine, as JSON: the golden file `v1.json.gz`
 * holds it (gzipped: the JSON of some 250 histories' results is 3 MB, a tenth of that compressed;
 * read it with `zcat … | jq`), and `v1Golden.test.ts` checks that loading `rules.v1.json` still gives
 * it. Regenerate only to add cases, never to accept a changed v1 result: `node -r @swc-node/register
 * subgraphs/risk/src/engine/__tests__/golden/v1Results.ts`.
 */
export const V1_RULES_FILE = path.join(__dirname, "..", "..", "..", "..", "config", "rules.v1.json");
export const GOLDEN_FILE = path.join(__dirname, "v1.json.gz");
export const GENERATED_CASES = 240;

const DAY_MS = 86_400_000;

/** The scenario's fixture, at the moments the engine's tests and the end-to-end test assess it. */
function scenarioCases(): GeneratedCase[] {
  const perpetrators = [{ subjectId: DANIEL, events: danielEvents() }];
  const moments = [SCENARIO_NOW, new Date("2026-11-22T00:00:00Z"), new Date(SCENARIO_NOW.getTime() + 400 * DAY_MS), new Date("2024-09-01T00:00:00Z")];
  return moments.flatMap((now) => [
    { name: `scenario, every agency, ${now.toISOString()}`, input: { subjectId: PENELOPE, events: SCENARIO_EVENTS, sources: ALL_VISIBLE, now }, perpetrators },
    { name: `scenario, Eastvale alone, ${now.toISOString()}`, input: { subjectId: PENELOPE, events: [EASTVALE_ASSAULT], sources: EASTVALE_ONLY, now }, perpetrators },
  ]);
}

export function goldenCases(): GeneratedCase[] {
  return [...scenarioCases(), ...Array.from({ length: GENERATED_CASES }, (_, seed) => generatedCase(seed))];
}

/** Every result of rule set `rulesFile` for every case, as plain JSON (dates as ISO strings). */
export function resultsFor(rulesFile: string): unknown[] {
  const ruleSet = loadRuleSet(rulesFile);
  const results = goldenCases().map(({ name, input, perpetrators }) => ({
    name,
    assessment: assessRisk(input, ruleSet, perpetrators),
    marac: maracCriteria(input, ruleSet, perpetrators),
    profile: perpetratorProfile(input, ruleSet),
    perpetratorProfiles: perpetrators.map((perpetrator) => perpetratorProfile({ subjectId: perpetrator.subjectId, events: perpetrator.events, sources: input.sources, now: input.now }, ruleSet)),
    // The event itself is the input handed back; its reference says which one.
    chronology: chronology(input, ruleSet).map((entry) => ({ event: `${entry.event.agency}/${entry.event.id}`, turningPoints: entry.turningPoints })),
    associates: associates(input),
  }));
  return JSON.parse(JSON.stringify(results)) as unknown[];
}

export function readGolden(): unknown[] {
  return JSON.parse(gunzipSync(readFileSync(GOLDEN_FILE)).toString("utf8")) as unknown[];
}

if (require.main === module) {
  // One result per line, so that `zcat | diff` shows which case differs.
  writeFileSync(GOLDEN_FILE, gzipSync(`[\n${resultsFor(V1_RULES_FILE).map((result) => JSON.stringify(result)).join(",\n")}\n]\n`, { level: 9 }));
  console.log(`wrote ${GOLDEN_FILE}`);
}
