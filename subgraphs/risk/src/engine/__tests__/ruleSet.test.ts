import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assessRisk } from "../assessRisk";
import { maracCriteria } from "../maracCriteria";
import { loadRuleSet, parseRuleSet, POLICE_OFFENCE_KINDS, RULE_FIELDS, RULE_SET_PATH, thresholdsFor } from "../ruleSet";
import { ALL_VISIBLE, copyOf, daysBefore, input, police, RULES } from "./fixtures";
import { danielEvents, DANIEL, PENELOPE, SCENARIO_EVENTS, SCENARIO_NOW } from "./scenario";

/** The rule set file as JSON, to change a copy of. */
const RAW = JSON.parse(readFileSync(RULE_SET_PATH, "utf8")) as {
  rules: Record<string, Record<string, unknown>>;
  areas: Record<string, Record<string, Record<string, unknown>>>;
  harmIndex: { weights: Record<string, unknown> };
};

const directory = mkdtempSync(path.join(tmpdir(), "tessera-rules-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let copies = 0;
/** A changed copy of the rule set file, as an operator would edit it. */
function writeCopy(change: (raw: typeof RAW) => void): string {
  const raw = copyOf(RAW);
  change(raw);
  const file = path.join(directory, `rules.${++copies}.json`);
  writeFileSync(file, JSON.stringify(raw));
  return file;
}

describe("the rule set file", () => {
  it("holds every rule's numbers with a source, and a labelled harm weight for every police kind", () => {
    for (const group of Object.keys(RULE_FIELDS) as (keyof typeof RULE_FIELDS)[]) {
      expect(RULES.rules[group].source.length).toBeGreaterThan(20);
    }
    for (const kind of POLICE_OFFENCE_KINDS) {
      expect(RULES.harmIndex.weights[kind].basis.length).toBeGreaterThan(20);
    }
    expect(RULES.harmIndex.source).toContain("doi:10.1093/police/paw003");
    expect(RULES.rules["perpetrator.priorityScore"].source).toMatch(/^local choice, labelled as such/);
  });

  it("names a missing or invalid key", () => {
    const without = copyOf(RAW);
    delete without.rules.recency!.withinDays;
    expect(() => parseRuleSet(without, "rules.json")).toThrow("rules.json: rules.recency.withinDays is missing");
    const text = copyOf(RAW);
    text.rules.recency!.withinDays = "28";
    expect(() => parseRuleSet(text, "rules.json")).toThrow('rules.json: rules.recency.withinDays must be a number of 0 or more (found "28")');
    const noSource = copyOf(RAW);
    delete noSource.rules.frequency!.source;
    expect(() => parseRuleSet(noSource, "rules.json")).toThrow("rules.json: rules.frequency.source is missing");
    const noRape = copyOf(RAW);
    delete noRape.harmIndex.weights.RAPE;
    expect(() => parseRuleSet(noRape, "rules.json")).toThrow("rules.json: harmIndex.weights.RAPE is missing");
  });

  it("refuses a misspelt field, an unknown rule and an inverted pair of thresholds", () => {
    const typo = copyOf(RAW);
    typo.rules.recency!.withinDay = 28;
    expect(() => parseRuleSet(typo, "rules.json")).toThrow("rules.json: rules.recency.withinDay is not a field of recency (its fields: withinDays, points)");
    const unknownArea = copyOf(RAW);
    unknownArea.areas.NMC = { "marac.escalation": { count: 3 } };
    expect(() => parseRuleSet(unknownArea, "rules.json")).toThrow("rules.json: areas.NMC.marac.escalation is not a rule the engine knows");
    const inverted = copyOf(RAW);
    inverted.areas.NMC = { level: { mediumFrom: 30 } };
    expect(() => parseRuleSet(inverted, "rules.json")).toThrow("rules.json: areas.NMC.level.mediumFrom (30) must not exceed highFrom (20)");
  });
});

describe("thresholdsFor", () => {
  it("applies an area's overrides over the rule set's own numbers, and no others", () => {
    expect(thresholdsFor(RULES, "EVP")["marac.potentialEscalation"]).toMatchObject({ count: 3, windowDays: 183 });
    expect(thresholdsFor(RULES, "NMC")["marac.potentialEscalation"]).toMatchObject({ count: 3, windowDays: 365 });
    expect(thresholdsFor(RULES, null)).toBe(RULES.rules);
    expect(thresholdsFor(RULES, "EVP").recency).toBe(RULES.rules.recency);
  });

  it("takes a partial override, keeping the group's other fields", () => {
    const ruleSet = parseRuleSet({ ...copyOf(RAW), areas: { NMC: { "marac.potentialEscalation": { windowDays: 90 } } } });
    expect(thresholdsFor(ruleSet, "NMC")["marac.potentialEscalation"]).toMatchObject({ count: 3, windowDays: 90, source: expect.stringMatching(/^NMC's own windowDays; otherwise: DOMAIN.md/) });
  });
});

describe("changing a threshold in the file changes the outcome, not the code", () => {
  const scenario = { subjectId: PENELOPE, events: SCENARIO_EVENTS, sources: ALL_VISIBLE, now: SCENARIO_NOW };
  const perpetrators = [{ subjectId: DANIEL, events: danielEvents() }];

  it("raises the HIGH threshold above the scenario's score", () => {
    expect(assessRisk(scenario, RULES, perpetrators).level).toBe("HIGH");
    const stricter = loadRuleSet(writeCopy((raw) => (raw.rules.level!.highFrom = 40)));
    expect(assessRisk(scenario, stricter, perpetrators)).toMatchObject({ level: "MEDIUM", score: 31 });
  });

  it("gives a force its own potential-escalation window", () => {
    const incidents = [200, 100, 10].map((days) => police({ occurredAt: daysBefore(days), area: "EVP" }));
    const met = (file?: string) => maracCriteria(input(incidents), file ? loadRuleSet(file) : RULES).criteria.find((c) => c.criterion === "POTENTIAL_ESCALATION")!.met;
    expect(met()).toBe(false);
    expect(met(writeCopy((raw) => delete raw.areas.EVP))).toBe(true);
  });
});
