import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { importNdjson, InvalidInput } from "@tessera/kit";
import { createTestDatabase, toNdjson, type NdjsonRecord, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { encounterLine, patientLine, rowCounts, seed } from "../../__tests__/support/healthFixtures";
import { recordTypes } from "../../records";
import { EncounterSetting } from "../EncounterSetting";
import { HealthSignal } from "../HealthSignal";
import { loadPregnancyConfig, PREGNANCY_CONFIG } from "../pregnancyConfig";
import { refuseImpossiblePregnancies } from "../refuseImpossiblePregnancies";

/** Encounters on 2 March 2024, the day the ages below are counted on. All people are invented. */
const PATIENTS: NdjsonRecord[] = [
  patientLine("P-MALE", { givenNames: "Dan", familyName: "Mercer", sex: "MALE", dateOfBirth: "1988-07-01" }),
  patientLine("P-AGED-8", { givenNames: "Lily", dateOfBirth: "2015-06-01" }),
  patientLine("P-AGED-70", { givenNames: "Edith", dateOfBirth: "1954-01-10" }),
  patientLine("P-ADULT", { givenNames: "Clara", dateOfBirth: "1995-11-30" }),
  patientLine("P-UNKNOWN", { givenNames: "Sam", sex: "NOT_KNOWN", dateOfBirth: null }),
  patientLine("P-NEWBORN", { givenNames: "Baby", familyName: "Mercer", sex: "MALE", dateOfBirth: "2024-03-02" }),
];
const ENCOUNTERS: NdjsonRecord[] = [
  encounterLine("E-MALE-PREGNANT", "P-MALE", { signals: ["PREGNANT"] }),
  encounterLine("E-AGED-8-GESTATION", "P-AGED-8", { gestationWeeks: 12 }),
  encounterLine("E-AGED-70-MATERNITY", "P-AGED-70", { setting: "MATERNITY" }),
  encounterLine("E-AGED-70-POSTNATAL", "P-AGED-70", { setting: "GP", signals: ["POSTNATAL"] }),
  encounterLine("E-MALE-MATERNITY", "P-MALE", { setting: "MATERNITY" }),
  encounterLine("E-MALE-OVERDOSE", "P-MALE", { signals: ["OVERDOSE", "NON_FATAL_STRANGULATION"] }),
  encounterLine("E-AGED-8-SELF-HARM", "P-AGED-8", { signals: ["SELF_HARM"] }),
  encounterLine("E-ADULT-PREGNANT", "P-ADULT", { gestationWeeks: 33 }),
  encounterLine("E-UNKNOWN-PREGNANT", "P-UNKNOWN", { signals: ["PREGNANT"] }),
  // A baby boy's own check on the maternity unit on the day he was born: the setting is where he was seen, not a pregnancy.
  encounterLine("E-NEWBORN-MATERNITY", "P-NEWBORN", { setting: "MATERNITY", presentingComplaint: "Newborn examination" }),
  encounterLine("E-NEWBORN-POSTNATAL", "P-NEWBORN", { setting: "MATERNITY", signals: ["POSTNATAL"] }),
];
const SEX = "records a pregnancy or a birth, which patient P-MALE's recorded sex (MALE) rules out";
const age = (patient: string, years: number) => `records a pregnancy or a birth for patient ${patient}, aged ${years} at the encounter: health accepts one from age 10 to 60 (subgraphs/health/config/pregnancy.json)`;
/** The rejections expected of ENCOUNTERS, by encounter id: field and reason. */
const REFUSED: Record<string, string> = {
  "E-MALE-PREGNANT": `signals: ${SEX}`,
  "E-AGED-8-GESTATION": `gestationWeeks: ${age("P-AGED-8", 8)}`,
  "E-AGED-70-POSTNATAL": `signals: ${age("P-AGED-70", 70)}`,
  "E-NEWBORN-POSTNATAL": "signals: records a pregnancy or a birth, which patient P-NEWBORN's recorded sex (MALE) rules out",
};
// The MATERNITY setting alone claims no pregnancy: a man or a woman of 70 may be seen there (a newborn, a partner, a mistaken code).
const ACCEPTED = ["E-ADULT-PREGNANT", "E-AGED-70-MATERNITY", "E-AGED-8-SELF-HARM", "E-MALE-MATERNITY", "E-MALE-OVERDOSE", "E-NEWBORN-MATERNITY", "E-UNKNOWN-PREGNANT"];

describe("a pregnancy or a birth the patient's record makes impossible", () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(subgraph);
  });
  afterEach(() => database.drop());

  const load = (records: NdjsonRecord[], batchSize?: number) => importNdjson({ db: database.dataSource, types: recordTypes, input: Readable.from([toNdjson(records)]), batchSize });
  const storedEncounters = async () => (await database.dataSource.query(`SELECT id FROM encounter ORDER BY id`)).map((row: { id: string }) => row.id);
  const rejections = (report: Awaited<ReturnType<typeof load>>, offset: number) =>
    Object.fromEntries(report.rejected.map(({ line, reason }) => [ENCOUNTERS[line - 1 - offset]!.id, reason]));

  it.each([
    ["in the same batch", 1000],
    ["in an earlier, committed batch", 2],
  ])("is refused naming its field when the patient is on an earlier line of the same import (%s), and the other lines load", async (_case, batchSize) => {
    const report = await load([...PATIENTS, ...ENCOUNTERS], batchSize);
    expect(rejections(report, PATIENTS.length)).toEqual(REFUSED);
    expect(report.loaded).toEqual({ patient: PATIENTS.length, encounter: ACCEPTED.length, safeguardingConcern: 0 });
    expect(await storedEncounters()).toEqual(ACCEPTED);
  });

  it("is refused naming its field when the patient is already in the database", async () => {
    await seed(database.dataSource, PATIENTS);
    const report = await load(ENCOUNTERS);
    expect(rejections(report, 0)).toEqual(REFUSED);
    expect(await storedEncounters()).toEqual(ACCEPTED);
  });

  it("counts ages in whole years on the encounter's date in England, accepting 10 and 60 and refusing 9 and 61", async () => {
    await seed(database.dataSource, [
      patientLine("P-9", { dateOfBirth: "2014-03-03" }),
      patientLine("P-10", { dateOfBirth: "2014-03-02" }),
      patientLine("P-60", { dateOfBirth: "1963-03-03" }),
      patientLine("P-61", { dateOfBirth: "1963-03-02" }),
      // 23:30 UTC on 30 June is 00:30 on 1 July in England: her tenth birthday.
      patientLine("P-10-BST", { dateOfBirth: "2014-07-01" }),
    ]);
    const report = await load([
      encounterLine("E-9", "P-9", { signals: ["PREGNANT"] }),
      encounterLine("E-10", "P-10", { signals: ["PREGNANT"] }),
      encounterLine("E-60", "P-60", { signals: ["PREGNANT"] }),
      encounterLine("E-61", "P-61", { signals: ["PREGNANT"] }),
      encounterLine("E-10-BST", "P-10-BST", { signals: ["PREGNANT"], occurredAt: "2024-06-30T23:30:00Z" }),
    ]);
    expect(report.rejected).toEqual([
      { line: 1, reason: `signals: ${age("P-9", 9)}` },
      { line: 4, reason: `signals: ${age("P-61", 61)}` },
    ]);
    expect(await storedEncounters()).toEqual(["E-10", "E-10-BST", "E-60"]);
  });

  it("refuses a correction that adds a pregnancy to an encounter already held, leaving the encounter as it was", async () => {
    await seed(database.dataSource, [PATIENTS[0]!, encounterLine("E-1", "P-MALE", { setting: "GP" })]);
    const before = await rowCounts(database.dataSource);
    const report = await load([encounterLine("E-1", "P-MALE", { setting: "GP", gestationWeeks: 20 })]);
    expect(report.rejected).toEqual([{ line: 1, reason: `gestationWeeks: ${SEX}` }]);
    expect(await database.dataSource.query(`SELECT signals, gestation_weeks FROM encounter WHERE id = 'E-1'`)).toEqual([{ signals: [], gestation_weeks: null }]);
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it("takes its age bounds from configuration: a trust that raised the youngest age to 12 refuses a pregnancy at 11", async () => {
    await seed(database.dataSource, [patientLine("P-11", { dateOfBirth: "2013-01-01" })]);
    const at11 = [{ patientId: "P-11", occurredAt: new Date("2024-03-02T10:00:00Z"), setting: EncounterSetting.GP, signals: [HealthSignal.PREGNANT] }];
    await expect(refuseImpossiblePregnancies(database.dataSource.manager, at11)).resolves.toBeUndefined();
    const raised = { ...PREGNANCY_CONFIG, pregnancyAges: { ...PREGNANCY_CONFIG.pregnancyAges, youngest: 12 } };
    await expect(refuseImpossiblePregnancies(database.dataSource.manager, at11, raised)).rejects.toEqual(
      new InvalidInput("signals", "records a pregnancy or a birth for patient P-11, aged 11 at the encounter: health accepts one from age 12 to 60 (subgraphs/health/config/pregnancy.json)"),
    );
  });
});

describe("config/pregnancy.json", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), "tessera-pregnancy-config-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("holds the bounds of issue 12, each with its source", () => {
    expect(loadPregnancyConfig()).toMatchObject({ gestationWeeks: { min: 1, max: 45 }, pregnancyAges: { youngest: 10, oldest: 60 } });
    expect(PREGNANCY_CONFIG.gestationWeeks.source).toMatch(/NICE/);
    expect(PREGNANCY_CONFIG.pregnancyAges.source).toMatch(/ONS/);
  });

  it("names every malformed setting at once, so a bad edit stops the subgraph at start", () => {
    const file = path.join(directory, "pregnancy.json");
    writeFileSync(file, JSON.stringify({ gestationWeeks: { min: 1, max: 45 }, pregnancyAges: { youngest: 60, oldest: 10, source: "x" } }));
    expect(() => loadPregnancyConfig(file)).toThrow(
      `${file}:\n  - gestationWeeks.source must say where the bounds come from\n  - pregnancyAges.youngest and pregnancyAges.oldest must be whole numbers, youngest ≥ 0 and not above oldest`,
    );
  });
});
