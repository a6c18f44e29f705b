import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { importNdjson } from "@tessera/kit";
import { createTestDatabase, toNdjson, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { concernLine, encounterLine, patientLine, rowCounts } from "../../__tests__/support/healthFixtures";
import { recordTypes } from "../index";

/** The documented example lines, plus one bad line of each kind the import must report and skip. */
const FILE = toNdjson([
  /* 1 */ patientLine("NVH-P-1", { nhsNumber: "9434765919", registeredPractice: "Y01234" }),
  /* 2 */ patientLine("NVH-P-2", { nhsNumber: "9434765918" }),
  /* 3 */ patientLine("NVH-P-3", { givenNames: "Dan", familyName: "Mercer", sex: "MALE", nhsNumber: "9449305552" }),
  /* 4 */ "{not json",
  /* 5 */ encounterLine("NVH-E-1", "NVH-P-1", { injury: true, injuryDescription: "Bruising to left forearm", disclosedAbuse: true, allegedPerpetratorName: "Dan", allegedPerpetratorPatientId: "NVH-P-3" }),
  /* 6 */ encounterLine("NVH-E-2", "NVH-P-404"),
  /* 7 */ encounterLine("NVH-E-3", "NVH-P-1", { setting: "WARD" }),
  /* 8 */ "",
  /* 9 */ concernLine("NVH-S-1", "NVH-P-1", { encounterId: "NVH-E-1", summary: "IDVA referral offered" }),
  /* 10 */ concernLine("NVH-S-2", "NVH-P-1", { raisedAt: "2999-01-01T00:00:00Z" }),
  /* 11 */ { type: "prescription", id: "NVH-RX-1" },
  /* 12 */ concernLine("NVH-S-3", "NVH-P-1", { encounterId: "NVH-E-3" }),
  /* 13 */ { ...patientLine("ignored"), id: undefined },
]);

describe("importing health NDJSON", () => {
  let database: TestDatabase;
  let directory: string;
  let file: string;

  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
    directory = mkdtempSync(path.join(os.tmpdir(), "tessera-health-import-"));
    file = path.join(directory, "health.ndjson");
    writeFileSync(file, FILE);
  });
  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    await database.drop();
  });

  it("loads the valid lines and reports each rejected line with its number and reason", async () => {
    const report = await importNdjson({ db: database.dataSource, types: recordTypes, input: file });
    expect(report.loaded).toEqual({ patient: 2, encounter: 1, safeguardingConcern: 1 });
    expect(report.rejected.map((r) => r.line)).toEqual([2, 4, 6, 7, 10, 11, 12, 13]);
    const reason = (line: number) => report.rejected.find((r) => r.line === line)!.reason;
    expect(reason(2)).toMatch(/^nhsNumber: /);
    expect(reason(4)).toMatch(/^not valid JSON/);
    expect(reason(6)).toBe("patientId: no patient with id NVH-P-404 (in the database or on an earlier line)");
    expect(reason(7)).toMatch(/^setting: must be one of EMERGENCY_DEPARTMENT/);
    expect(reason(10)).toBe("raisedAt: must not be in the future");
    expect(reason(11)).toBe("type: must be one of patient, encounter, safeguardingConcern");
    expect(reason(12)).toMatch(/^encounterId: no encounter with id NVH-E-3/);
    expect(reason(13)).toBe("id: is required");
    expect(await rowCounts(database.dataSource)).toEqual({ patient: 2, encounter: 1, safeguarding_concern: 1, identity_outbox: 2 });
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await rowCounts(database.dataSource);
    const stored = await database.dataSource.query(`SELECT id, updated_at FROM patient ORDER BY id`);
    const report = await importNdjson({ db: database.dataSource, types: recordTypes, input: file });
    expect(report.rejected).toHaveLength(8);
    expect(await rowCounts(database.dataSource)).toEqual(before);
    expect(await database.dataSource.query(`SELECT id, updated_at FROM patient ORDER BY id`)).toEqual(stored);
  });

  it("updates a changed line in place and re-registers that person only", async () => {
    const changed = path.join(directory, "changed.ndjson");
    writeFileSync(changed, toNdjson([patientLine("NVH-P-1", { nhsNumber: "9434765919", registeredPractice: "Y01234", postcode: "NM9 9ZZ" }), patientLine("NVH-P-3", { givenNames: "Dan", familyName: "Mercer", sex: "MALE", nhsNumber: "9449305552" })]));
    const report = await importNdjson({ db: database.dataSource, types: recordTypes, input: changed });
    expect(report.rejected).toEqual([]);
    expect(await rowCounts(database.dataSource)).toEqual({ patient: 2, encounter: 1, safeguarding_concern: 1, identity_outbox: 3 });
    const [latest] = await database.dataSource.query(`SELECT local_id, registration->>'postcode' AS postcode FROM identity_outbox ORDER BY id DESC LIMIT 1`);
    expect(latest).toEqual({ local_id: "NVH-P-1", postcode: "NM9 9ZZ" });
  });

  it("rejects a line whose id another trust holds, naming the id and the trust, and loads the rest", async () => {
    const before = await rowCounts(database.dataSource);
    const held = await database.dataSource.query(`SELECT p.trust, p.given_names, e.trust AS encounter_trust, e.setting FROM patient p, encounter e WHERE p.id = 'NVH-P-1' AND e.id = 'NVH-E-1'`);
    const eastvale = path.join(directory, "eastvale.ndjson");
    writeFileSync(
      eastvale,
      toNdjson([
        /* 1 */ patientLine("NVH-P-1", { trust: "EVT", givenNames: "Someone", familyName: "Else" }),
        /* 2 */ patientLine("EVT-P-1", { trust: "EVT" }),
        /* 3 */ encounterLine("NVH-E-1", "EVT-P-1", { trust: "EVT", setting: "GP" }),
      ]),
    );
    const report = await importNdjson({ db: database.dataSource, types: recordTypes, input: eastvale });
    expect(report.loaded).toEqual({ patient: 1, encounter: 0, safeguardingConcern: 0 });
    expect(report.rejected).toEqual([
      { line: 1, reason: "id: is already used by trust NVH: patient NVH-P-1 stays with the trust that recorded it" },
      { line: 3, reason: "id: is already used by trust NVH: encounter NVH-E-1 stays with the trust that recorded it" },
    ]);
    expect(await database.dataSource.query(`SELECT p.trust, p.given_names, e.trust AS encounter_trust, e.setting FROM patient p, encounter e WHERE p.id = 'NVH-P-1' AND e.id = 'NVH-E-1'`)).toEqual(held);
    expect(await rowCounts(database.dataSource)).toEqual({ ...before, patient: before.patient + 1, identity_outbox: before.identity_outbox + 1 });
  });
});

/** The lines of the health example in docs/import-format.md, as the document shows them. */
function documentedExample(): string {
  const doc = readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "..", "docs", "import-format.md"), "utf8");
  const section = doc.split(/^## /m).find((part) => part.startsWith("health\n"));
  const example = section && /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!example) throw new Error("docs/import-format.md has no health example");
  return example;
}

/** The health example of docs/import-format.md before issue 12 added signals: a file written to the old format. */
const OLD_FORMAT = `{"type":"patient","id":"NVH-P-1","trust":"NVH","nhsNumber":"9434765919","givenNames":"Penelope","familyName":"Ashworth","dateOfBirth":"1991-03-14","sex":"FEMALE","postcode":"NM1 4QT","registeredPractice":"Y01234"}
{"type":"encounter","id":"NVH-E-1","patientId":"NVH-P-1","trust":"NVH","setting":"EMERGENCY_DEPARTMENT","occurredAt":"2024-03-02T01:10:00Z","presentingComplaint":"Fall at home","injury":true,"injuryDescription":"Bruising to left forearm","disclosedAbuse":true,"allegedPerpetratorName":"Dan","allegedPerpetratorPatientId":null}
{"type":"encounter","id":"NVH-E-9","patientId":"NVH-P-1","trust":"NVH","setting":"MATERNITY","occurredAt":"2023-11-20T10:00:00Z","presentingComplaint":"Antenatal check"}
{"type":"safeguardingConcern","id":"NVH-S-1","patientId":"NVH-P-1","encounterId":"NVH-E-1","raisedAt":"2024-03-02T03:00:00Z","category":"DOMESTIC_ABUSE","summary":"IDVA referral offered"}
`;

describe("importing health NDJSON in the documented format", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(subgraph);
  });
  afterEach(() => database.drop());
  const load = (text: string) => importNdjson({ db: database.dataSource, types: recordTypes, input: Readable.from([text]) });

  it("loads every line of the documented example, its coded encounter with the signals and gestation it shows", async () => {
    const report = await load(documentedExample());
    expect(report.rejected).toEqual([]);
    expect(report.loaded).toEqual({ patient: 1, encounter: 2, safeguardingConcern: 1 });
    expect(await database.dataSource.query(`SELECT id, signals, gestation_weeks FROM encounter ORDER BY id`)).toEqual([
      { id: "NVH-E-1", signals: [], gestation_weeks: null },
      { id: "NVH-E-2", signals: ["PREGNANT", "NON_FATAL_STRANGULATION"], gestation_weeks: 33 },
    ]);
  });

  it("loads an old-format file, without signals, as before: no rejections, no signals, and loading it again changes nothing", async () => {
    const report = await load(OLD_FORMAT);
    expect(report).toEqual({ lines: 4, loaded: { patient: 1, encounter: 2, safeguardingConcern: 1 }, rejected: [] });
    const stored = () => database.dataSource.query(`SELECT id, setting, injury, disclosed_abuse, signals, gestation_weeks, updated_at FROM encounter ORDER BY id`);
    const first = await stored();
    expect(first).toEqual([
      expect.objectContaining({ id: "NVH-E-1", setting: "EMERGENCY_DEPARTMENT", injury: true, disclosed_abuse: true, signals: [], gestation_weeks: null }),
      expect.objectContaining({ id: "NVH-E-9", setting: "MATERNITY", injury: false, disclosed_abuse: false, signals: [], gestation_weeks: null }),
    ]);
    expect((await load(OLD_FORMAT)).rejected).toEqual([]);
    expect(await stored()).toEqual(first);
  });
});
