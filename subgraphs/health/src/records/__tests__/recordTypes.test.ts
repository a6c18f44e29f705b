import { InvalidInput, recordType, withMintedId, type RecordType } from "@tessera/kit";
import { createTestDatabase, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { concernLine, encounterLine, patientLine, rowCounts, seed } from "../../__tests__/support/healthFixtures";
import { recordTypes } from "../index";

const now = new Date("2025-06-01T12:00:00Z");
const importType = (name: string) => recordType(recordTypes, name) as RecordType<Record<string, unknown>>;

function rejection(name: string, value: Record<string, unknown>): InvalidInput {
  const { type: _type, ...fields } = value;
  try {
    importType(name).parse(fields, now);
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error(`${name} accepted ${JSON.stringify(value)}`);
}

describe("health record validation", () => {
  it("accepts NHS number 9434765919 and stores it normalised, rejects 9434765918 naming nhsNumber", () => {
    expect(importType("patient").parse({ ...patientLine("P-1"), nhsNumber: "943 476 5919" }, now)).toMatchObject({ nhsNumber: "9434765919" });
    expect(rejection("patient", patientLine("P-1", { nhsNumber: "9434765918" }))).toMatchObject({ field: "nhsNumber" });
  });

  it("normalises a postcode and leaves absent optional fields undefined", () => {
    const row = importType("patient").parse({ id: "P-2", trust: "NVH", givenNames: "Ann", familyName: "Lee", postcode: "nm1  4qt", sex: null }, now);
    expect(row).toMatchObject({ postcode: "NM1 4QT", sex: undefined, dateOfBirth: undefined, nhsNumber: undefined });
  });

  it.each([
    ["patient", "dateOfBirth", "must not be in the future", patientLine("P-1", { dateOfBirth: "2025-06-02" })],
    ["patient", "dateOfBirth", "not a calendar date", patientLine("P-1", { dateOfBirth: "1991-02-30" })],
    ["patient", "givenNames", "is required", patientLine("P-1", { givenNames: "  " })],
    ["patient", "trust", "is required", patientLine("P-1", { trust: undefined })],
    ["patient", "trust", "capital letters and digits", patientLine("P-1", { trust: "nvh" })],
    ["encounter", "trust", "capital letters and digits", encounterLine("E-1", "P-1", { trust: "NORTHMOORVALLEY" })],
    ["patient", "sex", "must be one of", patientLine("P-1", { sex: "F" })],
    ["patient", "postcode", "UK postcode", patientLine("P-1", { postcode: "12345" })],
    ["patient", "id", "must be", patientLine("bad id!")],
    ["patient", "id", "is required", patientLine("P-1", { id: undefined })],
    ["encounter", "setting", "must be one of", encounterLine("E-1", "P-1", { setting: "WARD" })],
    ["encounter", "occurredAt", "must not be in the future", encounterLine("E-1", "P-1", { occurredAt: "2025-06-02T00:00:00Z" })],
    ["encounter", "occurredAt", "ISO 8601", encounterLine("E-1", "P-1", { occurredAt: "2024-03-02" })],
    ["encounter", "injury", "true or false", encounterLine("E-1", "P-1", { injury: "yes" })],
    ["encounter", "patientId", "is required", encounterLine("E-1", "P-1", { patientId: undefined })],
    ["encounter", "allegedPerpetratorPatientId", "not be the patient", encounterLine("E-1", "P-1", { allegedPerpetratorPatientId: "P-1" })],
    ["encounter", "signals", '"HEADACHE": each must be one of PREGNANT, POSTNATAL, OVERDOSE', encounterLine("E-1", "P-1", { signals: ["OVERDOSE", "HEADACHE"] })],
    ["encounter", "signals", "must be a list of", encounterLine("E-1", "P-1", { signals: "PREGNANT" })],
    ["encounter", "signals", "each must be one of", encounterLine("E-1", "P-1", { signals: ["pregnant"] })],
    ["encounter", "gestationWeeks", "whole number of weeks from 1 to 45", encounterLine("E-1", "P-1", { gestationWeeks: 0 })],
    ["encounter", "gestationWeeks", "whole number of weeks from 1 to 45", encounterLine("E-1", "P-1", { gestationWeeks: 46 })],
    ["encounter", "gestationWeeks", "whole number of weeks from 1 to 45", encounterLine("E-1", "P-1", { gestationWeeks: 20.5 })],
    ["encounter", "gestationWeeks", "whole number of weeks from 1 to 45", encounterLine("E-1", "P-1", { gestationWeeks: "20" })],
    ["safeguardingConcern", "category", "must be one of", concernLine("S-1", "P-1", { category: "NEGLECT" })],
    ["safeguardingConcern", "raisedAt", "must not be in the future", concernLine("S-1", "P-1", { raisedAt: "2030-01-01T00:00:00Z" })],
    ["safeguardingConcern", "raisedAt", "ISO 8601", concernLine("S-1", "P-1", { raisedAt: undefined })],
  ])("%s: %s %s", (name, field, reason, value) => {
    const error = rejection(name, value);
    expect(error.field).toBe(field);
    expect(error.reason).toContain(reason);
  });

  it("defaults the encounter flags to false, and its signals to none", () => {
    expect(importType("encounter").parse(encounterLine("E-1", "P-1"), now)).toMatchObject({ injury: false, disclosedAbuse: false, signals: [], gestationWeeks: undefined });
    expect(importType("encounter").parse(encounterLine("E-1", "P-1", { signals: null }), now)).toMatchObject({ signals: [] });
  });

  it("keeps each signal once, in one order, so the same facts are always stored alike", () => {
    const row = importType("encounter").parse(encounterLine("E-1", "P-1", { signals: ["SELF_HARM", "OVERDOSE", "SELF_HARM", "NON_FATAL_STRANGULATION"] }), now);
    expect(row.signals).toEqual(["OVERDOSE", "SELF_HARM", "NON_FATAL_STRANGULATION"]);
  });

  it("reads a gestation in weeks as a pregnancy: PREGNANT is added, not required", () => {
    expect(importType("encounter").parse(encounterLine("E-1", "P-1", { gestationWeeks: 33 }), now)).toMatchObject({ gestationWeeks: 33, signals: ["PREGNANT"] });
    expect(importType("encounter").parse(encounterLine("E-1", "P-1", { gestationWeeks: 1, signals: ["PREGNANT", "OVERDOSE"] }), now)).toMatchObject({ gestationWeeks: 1, signals: ["PREGNANT", "OVERDOSE"] });
    expect(importType("encounter").parse(encounterLine("E-1", "P-1", { gestationWeeks: 45 }), now)).toMatchObject({ gestationWeeks: 45 });
  });

  it("requires an id in the import, while a mutation mints one before parsing", () => {
    const { id: _id, ...withoutId } = patientLine("unused");
    expect(() => importType("patient").parse(withoutId, now)).toThrow("id: is required");
    const assigned = importType("patient").parse(withMintedId({ ...withoutId, id: undefined }), now) as { id: string };
    expect(assigned.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("names each record's references for the import's reference check", () => {
    const encounter = importType("encounter").parse(encounterLine("E-1", "P-1", { allegedPerpetratorPatientId: "P-2" }), now);
    expect(importType("encounter").references!(encounter)).toEqual([
      { type: "patient", field: "patientId", id: "P-1" },
      { type: "patient", field: "allegedPerpetratorPatientId", id: "P-2" },
    ]);
    const concern = importType("safeguardingConcern").parse(concernLine("S-1", "P-1", { encounterId: "E-1" }), now);
    expect(importType("safeguardingConcern").references!(concern)).toEqual([
      { type: "patient", field: "patientId", id: "P-1" },
      { type: "encounter", field: "encounterId", id: "E-1" },
    ]);
  });
});

describe("saving health records", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
  });
  afterAll(() => database.drop());

  const save = (name: string, ...values: Record<string, unknown>[]) =>
    database.dataSource.transaction((manager) =>
      importType(name).save(
        manager,
        values.map(({ type: _type, ...fields }) => importType(name).parse(fields, now)),
      ),
    );

  it("saves each record type and queues one registration carrying only the minimal identifiers", async () => {
    await save("patient", patientLine("NVH-P-1", { nhsNumber: "9434765919", registeredPractice: "Y01234" }));
    await save("encounter", encounterLine("NVH-E-1", "NVH-P-1", { injury: true, injuryDescription: "Bruising to left forearm" }));
    await save("safeguardingConcern", concernLine("NVH-S-1", "NVH-P-1", { encounterId: "NVH-E-1", summary: "IDVA referral offered" }));

    expect(await rowCounts(database.dataSource)).toEqual({ patient: 1, encounter: 1, safeguarding_concern: 1, identity_outbox: 1 });
    const [queued] = await database.dataSource.query(`SELECT local_id, registration FROM identity_outbox`);
    expect(queued.local_id).toBe("NVH-P-1");
    expect(queued.registration).toEqual({
      agency: "health",
      localId: "NVH-P-1",
      area: "NVH",
      givenNames: "Penelope",
      familyName: "Ashworth",
      dateOfBirth: "1991-03-14",
      sex: "FEMALE",
      postcode: "NM1 4QT",
      nhsNumber: "9434765919",
    });
    const [stored] = await database.dataSource.query(`SELECT date_of_birth::text AS dob, injury, injury_description FROM patient JOIN encounter ON encounter.patient_id = patient.id`);
    expect(stored).toEqual({ dob: "1991-03-14", injury: true, injury_description: "Bruising to left forearm" });
  });

  it("saves an unchanged record again without touching it or re-registering it", async () => {
    const before = await rowCounts(database.dataSource);
    const [{ updated_at: firstSaved }] = await database.dataSource.query(`SELECT updated_at FROM patient WHERE id = 'NVH-P-1'`);
    await save("patient", patientLine("NVH-P-1", { nhsNumber: "9434765919", registeredPractice: "Y01234" }));
    expect(await rowCounts(database.dataSource)).toEqual(before);
    const [{ updated_at: secondSaved }] = await database.dataSource.query(`SELECT updated_at FROM patient WHERE id = 'NVH-P-1'`);
    expect(secondSaved).toEqual(firstSaved);
  });

  it("updates a changed record in place and re-registers the person", async () => {
    await save("patient", patientLine("NVH-P-1", { nhsNumber: "9434765919", postcode: "NM2 1AB" }));
    const [row] = await database.dataSource.query(`SELECT postcode, registered_practice FROM patient WHERE id = 'NVH-P-1'`);
    expect(row).toEqual({ postcode: "NM2 1AB", registered_practice: null });
    const registrations = await database.dataSource.query(`SELECT registration->>'postcode' AS postcode FROM identity_outbox ORDER BY id`);
    expect(registrations).toEqual([{ postcode: "NM1 4QT" }, { postcode: "NM2 1AB" }]);
  });

  it("keeps the later of two rows with the same id in one batch", async () => {
    await save("encounter", encounterLine("NVH-E-2", "NVH-P-1", { setting: "GP" }), encounterLine("NVH-E-2", "NVH-P-1", { setting: "MATERNITY" }));
    const rows = await database.dataSource.query(`SELECT setting FROM encounter WHERE id = 'NVH-E-2'`);
    expect(rows).toEqual([{ setting: "MATERNITY" }]);
  });

  it("accepts the same NHS number on a record at another trust: a person who moved has a record at each", async () => {
    await save("patient", patientLine("EVH-P-1", { trust: "EVH", nhsNumber: "9434765919" }));
    const rows = await database.dataSource.query(`SELECT trust FROM patient WHERE nhs_number = '9434765919' ORDER BY trust`);
    expect(rows).toEqual([{ trust: "EVH" }, { trust: "NVH" }]);
  });

  it("rejects an NHS number already on another patient record of the same trust, naming nhsNumber, and writes nothing", async () => {
    const before = await rowCounts(database.dataSource);
    await expect(save("patient", patientLine("NVH-P-9", { nhsNumber: "9434765919" }))).rejects.toMatchObject({ field: "nhsNumber" });
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it("reports which referenced ids exist", async () => {
    await seed(database.dataSource, [patientLine("NVH-P-2")]);
    expect(await importType("patient").existing(database.dataSource.manager, ["NVH-P-1", "NVH-P-2", "NVH-P-404"])).toEqual(new Set(["NVH-P-1", "NVH-P-2"]));
    expect(await importType("encounter").existing(database.dataSource.manager, ["NVH-E-1", "NVH-E-404"])).toEqual(new Set(["NVH-E-1"]));
    expect(await importType("safeguardingConcern").existing(database.dataSource.manager, [])).toEqual(new Set());
  });

  it("migrates down and up again cleanly (last: it empties the tables)", async () => {
    const tables = async () =>
      (await database.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('patient', 'encounter', 'safeguarding_concern') ORDER BY 1`)).map((row: { tablename: string }) => row.tablename);
    const signalColumns = async () =>
      (await database.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'encounter' AND column_name IN ('signals', 'gestation_weeks') ORDER BY 1`)).map((row: { column_name: string }) => row.column_name);
    // The encounter's signals are the last migration, the access log the one before, the health tables the one before that.
    await database.dataSource.undoLastMigration({ transaction: "each" });
    expect(await signalColumns()).toEqual([]);
    expect(await tables()).toEqual(["encounter", "patient", "safeguarding_concern"]);
    await database.dataSource.undoLastMigration({ transaction: "each" });
    await database.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual([]);
    await database.dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(["encounter", "patient", "safeguarding_concern"]);
    expect(await signalColumns()).toEqual(["gestation_weeks", "signals"]);
  });
});
