import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadMarkerDerivation, MARKER_DERIVATION_PATH } from "../markerDerivation";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "tessera-police-markers-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface MarkerFile {
  dashQuestions: { numbering: string; source?: string; questions: { question: number; marker: string }[] };
  categories: { source?: string; implies: { category: string; marker: string }[] };
}

const committed = (): MarkerFile => JSON.parse(readFileSync(MARKER_DERIVATION_PATH, "utf8"));

/** Loads the committed table with one change made to it. */
function loadChanged(change: (config: MarkerFile) => void) {
  const config = committed();
  change(config);
  const file = path.join(folder, "markers.json");
  writeFileSync(file, JSON.stringify(config));
  return () => loadMarkerDerivation(file);
}

describe("the marker table", () => {
  it("maps the police DASH's homicide questions by their police numbers: threats to kill is Q17, strangulation Q18", () => {
    const { dashQuestions, categories } = loadMarkerDerivation();
    const markerOf = (question: number) => dashQuestions.filter((entry) => entry.question === question).map((entry) => entry.marker);
    expect(markerOf(17)).toEqual(["THREATS_TO_KILL"]);
    expect(markerOf(18)).toEqual(["STRANGULATION"]);
    expect(markerOf(8)).toEqual(["STALKING"]);
    expect(markerOf(6)).toEqual(["SEPARATION"]);
    expect(markerOf(9)).toEqual(["PREGNANCY"]);
    expect(markerOf(16)).toEqual(["WEAPON"]);
    // Fear, isolation, finances: no marker of their own.
    expect([2, 3, 4, 23].flatMap(markerOf)).toEqual([]);
    expect(categories).toContainEqual({ category: "RAPE", marker: "SEXUAL_ABUSE" });
    expect(categories.map((entry) => entry.category)).not.toContain("COMMON_ASSAULT");
  });

  it("keeps its source beside each table", () => {
    const config = committed();
    expect(config.dashQuestions.source).toMatch(/DASH \(2009\)/);
    expect(config.dashQuestions.numbering).toMatch(/Q18/);
    expect(config.categories.source).not.toBe("");
  });

  it.each<[string, (config: MarkerFile) => void, string]>([
    ["a question beyond the police DASH's 27", (c) => (c.dashQuestions.questions[0]!.question = 28), "dashQuestions.questions.0.question: must be a DASH question number, 1 to 27"],
    ["a marker outside the vocabulary", (c) => (c.dashQuestions.questions[1]!.marker = "CHOKING"), 'dashQuestions.questions.1.marker: "CHOKING" is not a SafeguardingMarker'],
    ["an unknown category", (c) => (c.categories.implies[0]!.category = "BURGLARY"), 'categories.implies.0.category: "BURGLARY" is not an occurrence category'],
    ["a table without its source", (c) => delete c.categories.source, "categories.source: is required: where the table comes from"],
  ])("refuses %s, naming the entry", (_name, change, message) => {
    expect(loadChanged(change)).toThrow(message);
  });
});
