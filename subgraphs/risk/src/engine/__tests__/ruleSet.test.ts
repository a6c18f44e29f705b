import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assessRisk } from "../assessRisk";
import { maracCriteria } from "../maracCriteria";
import { loadRuleSet, parseRuleSet, POLICE_OFFENCE_KINDS, RULE_GROUPS, RULE_SET_PATH, thresholdsFor, type RuleGroup } from "../ruleSet";
import { ALL_VISIBLE, copyOf, daysBefore, input, police, RULES, RULES_V1 } from "./fixtures";
import { danielEvents, DANIEL, PENELOPE, SCENARIO_EVENTS, SCENARIO_NOW } from "./scenario";

type RawRuleSet = {
  version: string;
  vocabulary: Record<string, unknown>;
  rules: Record<string, Record<string, unknown>>;
  areas: Record<string, Record<string, Record<string, unknown>>>;
  harmIndex: { weights: Record<string, unknown> };
};
/** The rule set file in force (v2) as JSON, to change a copy of. */
const RAW = JSON.parse(readFileSync(RULE_SET_PATH, "utf8")) as RawRuleSet;
/** Rule set v1's file as JSON. */
const RAW_V1 = JSON.parse(readFileSync(path.join(path.dirname(RULE_SET_PATH), "rules.v1.json"), "utf8")) as RawRuleSet;

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
  it("is version 2 by default, and v1 stays loadable by its path", () => {
    expect(path.basename(RULE_SET_PATH)).toBe("rules.v2.json");
    expect(RULES.version).toBe("2.0.0");
    expect(RULES_V1.version).toBe("1.0.0");
    expect(RULES_V1.rules.perpetratorHistory).toBeUndefined();
    expect(RULES_V1.rules["dash.bands"].currentDays).toBeUndefined();
  });

  it("holds every rule's numbers with a source, and a labelled harm weight for every police kind", () => {
    for (const group of Object.keys(RULE_GROUPS) as RuleGroup[]) {
      expect(RULES.rules[group]!.source.length).toBeGreaterThan(20);
    }
    for (const weight of [...Object.values(RULES.rules.markers!), ...Object.values(RULES.rules.perpetratorHistory!.markers)]) {
      expect(weight.source.length).toBeGreaterThan(20);
    }
    for (const combination of RULES.rules.perpetratorHistory!.highRisk) expect(combination.source.length).toBeGreaterThan(20);
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

describe("the major versions", () => {
  it("refuse a version 1 file holding a group or field of version 2", () => {
    const withAges = copyOf(RAW_V1);
    withAges.rules.ages = RAW.rules.ages!;
    expect(() => parseRuleSet(withAges, "rules.json")).toThrow("rules.json: rules.ages is not a rule of a version 1 rule set");
    const withCurrency = copyOf(RAW_V1);
    withCurrency.rules["dash.bands"]!.currentDays = 365;
    expect(() => parseRuleSet(withCurrency, "rules.json")).toThrow("rules.json: rules.dash.bands.currentDays is not a field of dash.bands");
    const withMarkers = copyOf(RAW_V1);
    withMarkers.vocabulary.markers = ["STRANGULATION"];
    expect(() => parseRuleSet(withMarkers, "rules.json")).toThrow("rules.json: vocabulary.markers is not a field of a version 1 vocabulary");
  });

  it("need every group and field of version 2 in a version 2 file", () => {
    const withoutPregnancy = copyOf(RAW);
    delete withoutPregnancy.rules.pregnancy;
    expect(() => parseRuleSet(withoutPregnancy, "rules.json")).toThrow("rules.json: rules.pregnancy is missing");
    const withoutCurrency = copyOf(RAW);
    delete withoutCurrency.rules["marac.repeat"]!.currentDays;
    expect(() => parseRuleSet(withoutCurrency, "rules.json")).toThrow("rules.json: rules.marac.repeat.currentDays is missing");
    const withoutHistory = copyOf(RAW);
    delete withoutHistory.rules.perpetratorHistory;
    expect(() => parseRuleSet(withoutHistory, "rules.json")).toThrow("rules.json: rules.perpetratorHistory is missing");
  });

  it("refuse a version this engine does not run", () => {
    expect(() => parseRuleSet({ ...copyOf(RAW), version: "3.0.0" }, "rules.json")).toThrow("rules.json: version (3.0.0) must be of a major version this engine runs (1, 2)");
  });

  it("check the v2 tables: known markers, facts his history has, a true or false where one is asked", () => {
    const unknownMarker = copyOf(RAW);
    unknownMarker.rules.markers!.PURPLE = { points: 1, windowDays: 1, source: "a marker no agency records" };
    expect(() => parseRuleSet(unknownMarker, "rules.json")).toThrow("rules.json: rules.markers.PURPLE is not a marker in vocabulary.markers");
    const unknownFact = copyOf(RAW);
    (unknownFact.rules.perpetratorHistory!.highRisk as { allOf: string[] }[])[0]!.allOf = ["LOUD"];
    expect(() => parseRuleSet(unknownFact, "rules.json")).toThrow("rules.json: rules.perpetratorHistory.highRisk[0] names LOUD, which is not a fact of his history");
    const notBoolean = copyOf(RAW);
    notBoolean.rules["marac.potentialEscalation"]!.countsDisclosures = "no";
    expect(() => parseRuleSet(notBoolean, "rules.json")).toThrow('rules.json: rules.marac.potentialEscalation.countsDisclosures must be true or false (found "no")');
    const unknownKind = copyOf(RAW);
    (unknownKind.vocabulary.kindMarkers as Record<string, string[]>).BREACH_OF_ORDER = ["BREACH"];
    expect(() => parseRuleSet(unknownKind, "rules.json")).toThrow("rules.json: vocabulary.kindMarkers.BREACH_OF_ORDER names BREACH, which is not in vocabulary.markers");
  });

  it("let a partner's marker join by configuration: added to the vocabulary and weighed, no code", () => {
    const withPartner = copyOf(RAW);
    (withPartner.vocabulary.markers as string[]).push("FORCED_MARRIAGE");
    withPartner.rules.markers!.FORCED_MARRIAGE = { points: 6, windowDays: 365, source: "a partner's own marker, as a test" };
    const ruleSet = parseRuleSet(withPartner, "rules.json");
    const events = [police({ occurredAt: daysBefore(10), markers: ["FORCED_MARRIAGE"] })];
    expect(assessRisk(input(events), ruleSet).reasons.find((reason) => reason.ruleId === "markers.FORCED_MARRIAGE")).toMatchObject({ contribution: 6, statement: expect.stringMatching(/^Forced marriage, recorded by police/) });
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
    expect(stricter.version).toBe(RULES.version);
    expect(assessRisk(scenario, stricter, perpetrators)).toMatchObject({ level: "MEDIUM", score: 31 });
  });

  it("gives a force its own potential-escalation window", () => {
    const incidents = [200, 100, 10].map((days) => police({ occurredAt: daysBefore(days), area: "EVP" }));
    const met = (file?: string) => maracCriteria(input(incidents), file ? loadRuleSet(file) : RULES).criteria.find((c) => c.criterion === "POTENTIAL_ESCALATION")!.met;
    expect(met()).toBe(false);
    expect(met(writeCopy((raw) => delete raw.areas.EVP))).toBe(true);
  });
});
