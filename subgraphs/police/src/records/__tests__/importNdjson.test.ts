import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { importNdjson } from "@tessera/kit";
import { createTestDatabase, toNdjson, type NdjsonRecord, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { recordTypes } from "..";
import { dashAnswers, involvementLine, nominalLine, occurrenceLine, relationshipLine, rowCounts } from "../../__tests__/support/policeFixtures";

let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  folder = mkdtempSync(path.join(tmpdir(), "tessera-police-import-"));
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await database.drop();
});

function writeNdjson(name: string, lines: (NdjsonRecord | string)[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, toNdjson(lines));
  return file;
}

const load = (file: string) => importNdjson({ db: database.dataSource, types: recordTypes, input: file });

const lines = [
  nominalLine("NMC-N-1"), // 1
  nominalLine("NMC-N-3", { givenNames: "Daniel", familyName: "Crowther", sex: "MALE", pncId: "2019/0012345G" }), // 2
  nominalLine("NMC-N-9", { pncId: "2019/0012345A" }), // 3: wrong check letter
  occurrenceLine("NMC-O-1", "2024-02-10T21:40:00Z", { location: { description: "home address", postcode: "NM1 4QT" } }), // 4
  occurrenceLine("NMC-O-2", "2999-01-01T00:00:00Z"), // 5: in the future
  "", // 6: blank, skipped
  involvementLine("NMC-O-1", "NMC-N-1", "VICTIM"), // 7
  involvementLine("NMC-O-1", "NMC-N-3", "SUSPECT"), // 8
  involvementLine("NMC-O-1", "NMC-N-404", "WITNESS"), // 9: unknown nominal
  { type: "dashAssessment", id: "NMC-D-1", occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-10T23:00:00Z", tool: "DASH", answers: dashAnswers(11), officerGrading: "MEDIUM" }, // 10
  { type: "dashAssessment", id: "NMC-D-2", occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-10T23:00:00Z", tool: "DASH", answers: ["YES"] }, // 11: not 27
  { type: "maracReferral", id: "NMC-M-1", victimNominalId: "NMC-N-1", occurrenceId: "NMC-O-1", referredAt: "2024-06-01T09:00:00Z", criterion: "PROFESSIONAL_JUDGEMENT" }, // 12
  '{"type":"nominal","id":"NMC-N-5",', // 13: not JSON
  { type: "vehicle", id: "NMC-V-1" }, // 14: not a police record type
  { ...involvementLine("NMC-O-1", "NMC-N-3", "ACCOMPLICE") }, // 15: unknown role
];

describe("importNdjson with the police record types", () => {
  it("loads the valid lines and reports each rejected line with its number and reason", async () => {
    const report = await load(writeNdjson("police.ndjson", lines));
    expect(report.loaded).toEqual({ nominal: 2, occurrence: 1, involvement: 2, dashAssessment: 1, maracReferral: 1, relationship: 0 });
    expect(report.rejected.map((rejected) => rejected.line)).toEqual([3, 5, 9, 11, 13, 14, 15]);
    const reason = (line: number) => report.rejected.find((rejected) => rejected.line === line)!.reason;
    expect(reason(3)).toMatch(/^pncId: /);
    expect(reason(5)).toBe("occurredAt: must not be in the future");
    expect(reason(9)).toMatch(/^nominalId: no nominal with id NMC-N-404/);
    expect(reason(11)).toMatch(/^answers: a DASH checklist has exactly 27 answers/);
    expect(reason(13)).toMatch(/^not valid JSON/);
    expect(reason(14)).toMatch(/^type: must be one of nominal, occurrence, involvement, dashAssessment, maracReferral/);
    expect(reason(15)).toMatch(/^role: must be one of VICTIM, SUSPECT/);
    expect(await rowCounts(database.dataSource)).toEqual({ nominal: 2, nominal_address: 2, occurrence: 1, involvement: 2, relationship: 0, dash_assessment: 1, marac_referral: 1, identity_outbox: 2 });
    expect(await database.dataSource.query(`SELECT yes_count FROM dash_assessment WHERE id = 'NMC-D-1'`)).toEqual([{ yes_count: 11 }]);
    // A file written before occurrences had markers: its occurrence has none recorded.
    expect(await database.dataSource.query(`SELECT markers FROM occurrence WHERE id = 'NMC-O-1'`)).toEqual([{ markers: [] }]);
  });

  it("changes nothing when the same file is loaded again, not even the identity outbox", async () => {
    const before = await rowCounts(database.dataSource);
    const report = await load(writeNdjson("police.ndjson", lines));
    expect(report.rejected).toHaveLength(7);
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it("updates a changed record and re-registers a nominal whose identifiers changed", async () => {
    const before = await rowCounts(database.dataSource);
    await load(
      writeNdjson("changed.ndjson", [
        nominalLine("NMC-N-1", { addresses: [{ line1: "4 Mill Lane", postcode: "NM1 4QT", from: "2019-05-01", to: "2024-03-01" }, { line1: "Flat 2, 9 Bank Street", postcode: "S1 2AB", from: "2024-03-02" }] }),
        occurrenceLine("NMC-O-1", "2024-02-10T21:40:00Z", { category: "COMMON_ASSAULT" }),
      ]),
    );
    expect(await rowCounts(database.dataSource)).toEqual({ ...before, nominal_address: before.nominal_address! + 1, identity_outbox: before.identity_outbox! + 1 });
    expect(await database.dataSource.query(`SELECT category, location_postcode FROM occurrence WHERE id = 'NMC-O-1'`)).toEqual([{ category: "COMMON_ASSAULT", location_postcode: null }]);
    const [latest] = await database.dataSource.query(`SELECT registration FROM identity_outbox WHERE local_id = 'NMC-N-1' ORDER BY id DESC LIMIT 1`);
    expect(latest.registration.postcode).toBe("S1 2AB");
  });

  it("keeps the last of repeated lines for one record in a file", async () => {
    await load(writeNdjson("repeated.ndjson", [nominalLine("NMC-N-7", { familyName: "First" }), nominalLine("NMC-N-7", { familyName: "Second" })]));
    expect(await database.dataSource.query(`SELECT family_name FROM nominal WHERE id = 'NMC-N-7'`)).toEqual([{ family_name: "Second" }]);
    const queued = await database.dataSource.query(`SELECT registration->>'familyName' AS name FROM identity_outbox WHERE local_id = 'NMC-N-7'`);
    expect(queued).toEqual([{ name: "Second" }]);
  });
});

describe("importNdjson keeps each force's records its own", () => {
  it("rejects a line whose id another force holds, naming the line, the id and the force, and loads the rest", async () => {
    const before = await rowCounts(database.dataSource);
    const held = await database.dataSource.query(`SELECT id, force, given_names, family_name FROM nominal WHERE id = 'NMC-N-1'`);
    const report = await load(
      writeNdjson("eastvale.ndjson", [
        nominalLine("NMC-N-1", { force: "EVP", givenNames: "Someone", familyName: "Else" }), // 1: NMC's id
        occurrenceLine("NMC-O-1", "2024-05-01T10:00:00Z", { force: "EVP" }), // 2: NMC's id
        nominalLine("EVP-N-1", { force: "EVP" }), // 3
      ]),
    );
    expect(report.loaded).toEqual({ nominal: 1, occurrence: 0, involvement: 0, dashAssessment: 0, maracReferral: 0, relationship: 0 });
    expect(report.rejected).toEqual([
      { line: 1, reason: "id: is already used by force NMC: nominal NMC-N-1 stays with the force that recorded it" },
      { line: 2, reason: "id: is already used by force NMC: occurrence NMC-O-1 stays with the force that recorded it" },
    ]);
    expect(await database.dataSource.query(`SELECT id, force, given_names, family_name FROM nominal WHERE id = 'NMC-N-1'`)).toEqual(held);
    expect(await database.dataSource.query(`SELECT force FROM occurrence WHERE id = 'NMC-O-1'`)).toEqual([{ force: "NMC" }]);
    // Only EVP-N-1 and its registration were added: nothing re-registered NMC-N-1 as EVP's.
    expect(await rowCounts(database.dataSource)).toEqual({ ...before, nominal: before.nominal + 1, nominal_address: before.nominal_address + 1, identity_outbox: before.identity_outbox + 1 });
    expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM identity_outbox WHERE registration->>'area' = 'EVP' AND local_id = 'NMC-N-1'`)).toEqual([{ n: 0 }]);
  });
});

describe("importNdjson with markers and relationships", () => {
  /** The police example of docs/import-format.md, line for line. */
  function documentedExample(): string[] {
    const document = readFileSync(path.resolve(__dirname, "../../../../../docs/import-format.md"), "utf8");
    const police = document.slice(document.indexOf("## police"));
    const start = police.indexOf("```json\n") + "```json\n".length;
    return police.slice(start, police.indexOf("\n```", start)).split("\n");
  }

  it("loads the documented police example without a rejected line, its markers and relationship with it", async () => {
    const example = documentedExample();
    expect(example.map((line) => JSON.parse(line).type)).toContain("relationship");
    const report = await load(writeNdjson("documented.ndjson", example.map((line) => line.replaceAll("NMC-", "DOC-"))));
    expect(report.rejected).toEqual([]);
    expect(report.loaded).toEqual({ nominal: 2, occurrence: 1, involvement: 2, relationship: 1, dashAssessment: 1, maracReferral: 1 });
    expect(await database.dataSource.query(`SELECT markers FROM occurrence WHERE id = 'DOC-O-1'`)).toEqual([{ markers: ["STALKING", "SEPARATION"] }]);
    expect(await database.dataSource.query(`SELECT nominal_id, other_nominal_id, relationship FROM relationship WHERE occurrence_id = 'DOC-O-1'`)).toEqual([
      { nominal_id: "DOC-N-1", other_nominal_id: "DOC-N-2", relationship: "EX_PARTNER" },
    ]);
  });

  it("rejects a relationship with a nominal not involved in the occurrence, an unknown code or one nominal twice, and an unknown marker or one no officer records, loading the rest", async () => {
    const before = await rowCounts(database.dataSource);
    const report = await load(
      writeNdjson("relationships.ndjson", [
        nominalLine("REL-N-1"), // 1
        nominalLine("REL-N-2", { givenNames: "Daniel", familyName: "Crowther", sex: "MALE" }), // 2
        nominalLine("REL-N-3", { givenNames: "Mary", familyName: "Holt" }), // 3: in no occurrence
        occurrenceLine("REL-O-1", "2024-02-10T21:40:00Z", { markers: ["STRANGULATION", "WEAPON"] }), // 4
        occurrenceLine("REL-O-2", "2024-02-11T21:40:00Z", { markers: ["STRANGULATION", "STRANGLED"] }), // 5: unknown marker
        involvementLine("REL-O-1", "REL-N-1", "VICTIM"), // 6
        involvementLine("REL-O-1", "REL-N-2", "SUSPECT"), // 7
        relationshipLine("REL-O-1", "REL-N-2", "REL-N-1", "CURRENT_PARTNER"), // 8: involved on lines 6 and 7
        relationshipLine("REL-O-1", "REL-N-1", "REL-N-3", "FAMILY_MEMBER"), // 9: REL-N-3 is not involved
        relationshipLine("REL-O-1", "REL-N-1", "REL-N-2", "NEIGHBOUR"), // 10: unknown code
        relationshipLine("REL-O-1", "REL-N-1", "REL-N-1", "OTHER"), // 11: one nominal twice
        relationshipLine("REL-O-1", "REL-N-1", "REL-N-404", "OTHER"), // 12: no such nominal
        occurrenceLine("REL-O-3", "2024-02-12T21:40:00Z", { markers: ["HIGH_RISK_OF_SERIOUS_HARM"] }), // 13: probation's marker, not an officer's
      ]),
    );
    expect(report.rejected).toEqual([
      { line: 5, reason: expect.stringMatching(/^markers: "STRANGLED" is not a SafeguardingMarker/) },
      { line: 9, reason: "otherNominalId: nominal REL-N-3 is not involved in occurrence REL-O-1: record the involvement first" },
      { line: 10, reason: expect.stringMatching(/^relationship: must be one of CURRENT_PARTNER, EX_PARTNER, FAMILY_MEMBER, OTHER/) },
      { line: 11, reason: expect.stringMatching(/^otherNominalId: must be another nominal than nominalId/) },
      { line: 12, reason: expect.stringMatching(/^otherNominalId: no nominal with id REL-N-404/) },
      { line: 13, reason: expect.stringMatching(/^markers: "HIGH_RISK_OF_SERIOUS_HARM" is not a SafeguardingMarker an officer records on an occurrence: each must be one of INJURY, /) },
    ]);
    expect(report.loaded).toMatchObject({ nominal: 3, occurrence: 1, involvement: 2, relationship: 1 });
    expect(await rowCounts(database.dataSource)).toMatchObject({ occurrence: before.occurrence + 1, relationship: before.relationship + 1 });
    expect(await database.dataSource.query(`SELECT nominal_id, other_nominal_id, relationship FROM relationship WHERE occurrence_id = 'REL-O-1'`)).toEqual([
      { nominal_id: "REL-N-1", other_nominal_id: "REL-N-2", relationship: "CURRENT_PARTNER" },
    ]);
  });

  it("rejects a relationship whose nominal's involvement is in neither the database nor the file", async () => {
    const report = await load(writeNdjson("uninvolved.ndjson", [relationshipLine("REL-O-1", "REL-N-3", "REL-N-1", "FAMILY_MEMBER")]));
    expect(report.rejected).toEqual([{ line: 1, reason: "nominalId: nominal REL-N-3 is not involved in occurrence REL-O-1: record the involvement first" }]);
  });

  it("keeps one row per pair when a relationship is loaded again the other way round, and records a change in place", async () => {
    const relationships = () => database.dataSource.query(`SELECT nominal_id, other_nominal_id, relationship FROM relationship WHERE occurrence_id = 'REL-O-1'`);
    await load(writeNdjson("again.ndjson", [relationshipLine("REL-O-1", "REL-N-1", "REL-N-2", "CURRENT_PARTNER")]));
    expect(await relationships()).toEqual([{ nominal_id: "REL-N-1", other_nominal_id: "REL-N-2", relationship: "CURRENT_PARTNER" }]);
    await load(writeNdjson("separated.ndjson", [relationshipLine("REL-O-1", "REL-N-2", "REL-N-1", "EX_PARTNER")]));
    expect(await relationships()).toEqual([{ nominal_id: "REL-N-1", other_nominal_id: "REL-N-2", relationship: "EX_PARTNER" }]);
  });
});
