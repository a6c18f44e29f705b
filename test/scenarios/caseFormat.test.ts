import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Relationship, SafeguardingMarker } from "@tessera/kit";
import { CALLERS } from "../e2e/callers";
import { AGENCIES, CASE_FILE, CRITERIA, EXPECTATION_KEYS, LEVELS, loadCases, type ImportLine, type ScenarioCase } from "./scenarioCase";

/**
 * The cases are well formed before any stack starts: a case that cannot load, or that loads silently
 * wrong (an undocumented field the importer ignores, an id another case uses, an event after the
 * moment it is assessed at), would make the suite pass or fail for a reason nobody wrote down.
 */
const cases = loadCases();

/**
 * Each record type's required and optional fields, read from docs/import-format.md's tables: a field
 * the importer does not know is ignored, not refused, so only the documentation can say it is wrong.
 */
function documentedFields(): Map<string, Map<string, { required: Set<string>; optional: Set<string> }>> {
  const text = readFileSync(path.join(__dirname, "..", "..", "docs", "import-format.md"), "utf8");
  const byAgency = new Map<string, Map<string, { required: Set<string>; optional: Set<string> }>>();
  let agency = "";
  for (const line of text.split("\n")) {
    const heading = /^## (police|health|social-care)\s*$/.exec(line);
    if (heading) agency = heading[1]!;
    const row = /^\| `(\w+)` \|([^|]*)\|([^|]*)\|/.exec(line);
    if (!agency || !row) continue;
    // Fields are the first backticked word of each comma-separated item: "`injury` (default false)".
    const fields = (cell: string) => new Set(cell.split(",").map((item) => /`(\w+)`/.exec(item)?.[1]).filter((f): f is string => !!f));
    if (!byAgency.has(agency)) byAgency.set(agency, new Map());
    byAgency.get(agency)!.set(row[1]!, { required: fields(row[2]!), optional: fields(row[3]!) });
  }
  return byAgency;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Fields holding when something happened: none may be after the case's moment, or asAt sets it aside unseen. */
const EVENT_TIMES = ["occurredAt", "reportedAt", "assessedAt", "referredAt", "raisedAt", "startedAt", "endedAt"];
/** Fields naming another record of the case, which must be one of the case's own. */
const REFERENCES = ["occurrenceId", "nominalId", "otherNominalId", "victimNominalId", "patientId", "encounterId", "allegedPerpetratorPatientId", "clientId", "episodeId", "memberClientId"];

describe("the scenario cases are well formed", () => {
  const documented = documentedFields();

  it("are numbered 01, 02, … without gaps, at least 18 of them, each file NN-short-name.json", () => {
    const files = readdirSync(path.join(__dirname, "cases")).filter((f) => f.endsWith(".json")).sort();
    expect(files.filter((f) => !CASE_FILE.test(f))).toEqual([]);
    expect(files.map((f) => f.slice(0, 2))).toEqual(files.map((_, i) => String(i + 1).padStart(2, "0")));
    expect(files.length).toBeGreaterThanOrEqual(18);
  });

  it("find their subjects by names no other case uses, and no two cases share a record id", () => {
    const names = cases.map((c) => c.subject.name.toLowerCase());
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const ids = cases.flatMap((c) => allLines(c).map(({ line }) => line.id).filter((id): id is string => typeof id === "string"));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  describe.each(cases.map((c) => [c.file, c] as const))("%s", (_file, scenario) => {
    it("tells its story in 3 to 6 sentences, at a fixed moment, as a known caller", () => {
      expect(typeof scenario.title).toBe("string");
      const sentences = scenario.story.split(/(?<=[.!?])\s+(?=[A-Z'"‘“])/).filter((s) => s.trim() !== "");
      expect(sentences.length).toBeGreaterThanOrEqual(3);
      expect(sentences.length).toBeLessThanOrEqual(6);
      expect(scenario.asAt).toMatch(TIME);
      expect(Date.parse(scenario.asAt)).toBeLessThanOrEqual(Date.now());
      expect(typeof scenario.subject.name).toBe("string");
      if (scenario.subject.dateOfBirth !== undefined) expect(scenario.subject.dateOfBirth).toMatch(DATE);
      if (typeof scenario.caller === "string") expect(Object.keys(CALLERS)).toContain(scenario.caller);
      else expect(Object.keys(scenario.caller).sort()).toEqual(["agency", "area", "name", "purpose", "roles", "user"]);
    });

    it("uses only documented record types and fields, with every required field", () => {
      const wrong: string[] = Object.keys(scenario.agencies).filter((agency) => !(AGENCIES as string[]).includes(agency)).map((agency) => `no agency "${agency}"`);
      for (const { agency, line, at } of allLines(scenario)) {
        const type = documented.get(agency)?.get(line.type);
        if (!type) {
          wrong.push(`${at}: ${agency} has no documented record type "${line.type}"`);
          continue;
        }
        for (const field of Object.keys(line)) if (field !== "type" && !type.required.has(field) && !type.optional.has(field)) wrong.push(`${at}: "${field}" is not a documented ${line.type} field`);
        for (const field of type.required) if (line[field] === undefined || line[field] === null) wrong.push(`${at}: ${line.type} needs "${field}"`);
      }
      expect(wrong).toEqual([]);
    });

    it("prefixes its ids with its number, refers only to its own records, and dates nothing after its moment", () => {
      const wrong: string[] = [];
      const ids = new Set(allLines(scenario).map(({ line }) => line.id).filter((id) => id !== undefined));
      for (const { line, at } of allLines(scenario)) {
        if (line.id !== undefined && !String(line.id).startsWith(`${scenario.prefix}-`)) wrong.push(`${at}: id ${line.id} does not begin ${scenario.prefix}-`);
        for (const field of REFERENCES) if (line[field] != null && !ids.has(line[field] as string)) wrong.push(`${at}: ${field} ${line[field]} is no record of this case`);
        for (const field of EVENT_TIMES) {
          if (line[field] == null) continue;
          if (!TIME.test(line[field] as string)) wrong.push(`${at}: ${field} is not an ISO time in UTC`);
          else if (Date.parse(line[field] as string) > Date.parse(scenario.asAt)) wrong.push(`${at}: ${field} ${line[field]} is after asAt`);
        }
        if (line.dateOfBirth != null && !DATE.test(line.dateOfBirth as string)) wrong.push(`${at}: dateOfBirth is not YYYY-MM-DD`);
      }
      expect(wrong).toEqual([]);
    });

    it("codes markers, relationships and checklists in the shared vocabulary", () => {
      const wrong: string[] = [];
      for (const { line, at } of allLines(scenario)) {
        if (line.markers !== undefined) {
          for (const marker of line.markers as string[]) if (!(marker in SafeguardingMarker)) wrong.push(`${at}: marker ${marker} is not a SafeguardingMarker`);
        }
        if (line.type === "relationship" && !((line.relationship as string) in Relationship)) wrong.push(`${at}: relationship ${line.relationship} is not a Relationship`);
        if (line.type === "dashAssessment" && line.tool === "DASH" && (line.answers as string[]).length !== 27) wrong.push(`${at}: a police DASH has 27 answers`);
        if (line.gestationWeeks !== undefined && !(Number.isInteger(line.gestationWeeks) && (line.gestationWeeks as number) >= 1 && (line.gestationWeeks as number) <= 45)) wrong.push(`${at}: gestationWeeks is 1 to 45`);
      }
      expect(wrong).toEqual([]);
    });

    it("expects only what the runner judges, and gives a source and reasoning for every expectation", () => {
      const want = scenario.expect;
      expect(Object.keys(want).filter((key) => !(EXPECTATION_KEYS as string[]).includes(key))).toEqual([]);
      expect(LEVELS).toContain(want.level);
      expect(["COMPLETE", "PARTIAL"]).toContain(want.completeness);
      for (const criterion of [...want.criteriaMet, ...want.criteriaNotMet]) expect(CRITERIA).toContain(criterion);
      expect(want.criteriaMet.filter((c) => want.criteriaNotMet.includes(c))).toEqual([]);
      expect(typeof want.referralIndicated).toBe("boolean");
      for (const pattern of [...want.reasonsMatch, want.headlineMatch, want.linkDoubtMatch, want.summaryMatch, want.indicationMatch, want.perpetrator?.caveatMatch, want.perpetrator?.evidenceMatch]) {
        if (pattern !== undefined) expect(() => new RegExp(pattern, "i")).not.toThrow();
      }
      if (want.agenciesNotSeen) for (const agency of want.agenciesNotSeen) expect(AGENCIES).toContain(agency);
      const unsourced = Object.keys(want).filter((key) => !(scenario.sources[key]?.source?.trim() && scenario.sources[key]?.reasoning?.trim()));
      expect(unsourced).toEqual([]);
      expect(Object.keys(scenario.sources).filter((key) => !(key in want))).toEqual([]);
    });
  });
});

function allLines(scenario: ScenarioCase): { agency: string; line: ImportLine; at: string }[] {
  return AGENCIES.flatMap((agency) => (scenario.agencies[agency] ?? []).map((line, i) => ({ agency, line, at: `${agency}[${i}] ${line.type} ${line.id ?? ""}`.trim() })));
}
