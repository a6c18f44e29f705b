import type { GraphQLSchema } from "graphql";
import { createTestDatabase, executeGraphQL, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../index";
import { concernLine, encounterLine, patientLine, rowCounts, seed } from "./support/healthFixtures";

const RECORD_PATIENT = `mutation($input: PatientInput!) {
  recordPatient(input: $input) { id trust nhsNumber givenNames familyName dateOfBirth sex postcode registeredPractice }
}`;
const RECORD_ENCOUNTER = `mutation($input: EncounterInput!) {
  recordEncounter(input: $input) { id patientId trust setting occurredAt injury injuryDescription disclosedAbuse allegedPerpetratorName allegedPerpetratorPatientId }
}`;
const RECORD_CONCERN = `mutation($input: SafeguardingConcernInput!) {
  recordSafeguardingConcern(input: $input) { id patientId encounterId raisedAt category summary }
}`;

const patientInput = { id: "NVH-P-1", trust: "NVH", nhsNumber: "943 476 5919", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "nm1 4qt", registeredPractice: "Y01234" };

describe("health mutations and the patient query", () => {
  let database: TestDatabase;
  let schema: GraphQLSchema;
  const run = (query: string, variables?: Record<string, unknown>) => executeGraphQL(schema, database.dataSource, query, variables);

  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
    schema = (await subgraph.buildSchema()).schema;
  });
  afterAll(() => database.drop());

  async function expectRejected(query: string, input: Record<string, unknown>, field: string) {
    const before = await rowCounts(database.dataSource);
    const result = await run(query, { input });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await rowCounts(database.dataSource)).toEqual(before);
  }

  it("recordPatient saves a patient, normalised, and queues a registration of its minimal identifiers", async () => {
    const result = await run(RECORD_PATIENT, { input: patientInput });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ recordPatient: { ...patientInput, nhsNumber: "9434765919", postcode: "NM1 4QT" } });
    const queued = await database.dataSource.query(`SELECT registration FROM identity_outbox WHERE local_id = 'NVH-P-1'`);
    expect(queued).toEqual([
      {
        registration: { agency: "health", localId: "NVH-P-1", area: "NVH", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", nhsNumber: "9434765919" },
      },
    ]);
  });

  it("recordPatient assigns a UUID when no id is given", async () => {
    const result = await run(RECORD_PATIENT, { input: { trust: "NVH", givenNames: "Dan", familyName: "Mercer" } });
    expect(result.errors).toBeUndefined();
    const { id } = (result.data as { recordPatient: { id: string } }).recordPatient;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await database.dataSource.query(`SELECT id FROM patient WHERE id = $1`, [id])).toHaveLength(1);
  });

  it.each([
    ["input.nhsNumber", "NHS number 9434765918 fails the check", { ...patientInput, id: "NVH-P-2", nhsNumber: "9434765918" }],
    ["input.nhsNumber", "the NHS number is already on another record", { ...patientInput, id: "NVH-P-2" }],
    ["input.dateOfBirth", "a date of birth in the future", { ...patientInput, id: "NVH-P-2", nhsNumber: null, dateOfBirth: "2999-01-01" }],
    ["input.givenNames", "no given names", { ...patientInput, id: "NVH-P-2", nhsNumber: null, givenNames: "" }],
    ["input.postcode", "not a postcode", { ...patientInput, id: "NVH-P-2", nhsNumber: null, postcode: "not a postcode" }],
  ])("recordPatient rejects bad input naming %s (%s) and writes nothing", (field, _case, input) => expectRejected(RECORD_PATIENT, input, field));

  it("recordEncounter saves an encounter with its alleged perpetrator", async () => {
    await seed(database.dataSource, [patientLine("NVH-P-3", { givenNames: "Dan", familyName: "Mercer", sex: "MALE" })]);
    const input = { id: "NVH-E-1", patientId: "NVH-P-1", trust: "NVH", setting: "EMERGENCY_DEPARTMENT", occurredAt: "2024-03-02T01:10:00Z", injury: true, injuryDescription: "Bruising to left forearm", disclosedAbuse: true, allegedPerpetratorName: "Dan", allegedPerpetratorPatientId: "NVH-P-3" };
    const result = await run(RECORD_ENCOUNTER, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ recordEncounter: { ...input, occurredAt: "2024-03-02T01:10:00.000Z" } });
    expect(await database.dataSource.query(`SELECT alleged_perpetrator_patient_id AS perpetrator FROM encounter WHERE id = 'NVH-E-1'`)).toEqual([{ perpetrator: "NVH-P-3" }]);
  });

  const encounterInput = { id: "NVH-E-2", patientId: "NVH-P-1", trust: "NVH", setting: "GP", occurredAt: "2024-04-01T09:00:00Z" };
  it.each([
    ["input.patientId", "an unknown patient", { ...encounterInput, patientId: "NVH-P-404" }],
    ["input.allegedPerpetratorPatientId", "an unknown perpetrator patient", { ...encounterInput, allegedPerpetratorPatientId: "NVH-P-404" }],
    ["input.allegedPerpetratorPatientId", "the patient named as their own perpetrator", { ...encounterInput, allegedPerpetratorPatientId: "NVH-P-1" }],
    ["input.occurredAt", "a time in the future", { ...encounterInput, occurredAt: "2999-01-01T00:00:00Z" }],
    ["input.trust", "a blank trust", { ...encounterInput, trust: " " }],
    ["input.trust", "a trust name rather than its code", { ...encounterInput, trust: "Northmoor Valley" }],
  ])("recordEncounter rejects bad input naming %s (%s) and writes nothing", (field, _case, input) => expectRejected(RECORD_ENCOUNTER, input, field));

  it("an unknown setting is refused by the schema itself, and nothing is written", async () => {
    const before = await rowCounts(database.dataSource);
    const result = await run(RECORD_ENCOUNTER, { input: { ...encounterInput, setting: "WARD" } });
    expect(result.errors?.[0]?.message).toContain("EncounterSetting");
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  const RECORD_CODED_ENCOUNTER = `mutation($input: EncounterInput!) { recordEncounter(input: $input) { id setting signals gestationWeeks } }`;

  it("recordEncounter saves the coded signals and the gestation through the same record type as the import, PREGNANT implied", async () => {
    await seed(database.dataSource, [patientLine("NVH-P-30", { givenNames: "Clara", familyName: "Hughes", dateOfBirth: "1995-11-30" })]);
    const input = { ...encounterInput, id: "NVH-E-20", patientId: "NVH-P-30", setting: "EMERGENCY_DEPARTMENT", signals: ["NON_FATAL_STRANGULATION", "OVERDOSE"], gestationWeeks: 33 };
    const result = await run(RECORD_CODED_ENCOUNTER, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ recordEncounter: { id: "NVH-E-20", setting: "EMERGENCY_DEPARTMENT", signals: ["PREGNANT", "OVERDOSE", "NON_FATAL_STRANGULATION"], gestationWeeks: 33 } });
    const read = await run(`query { patient(id: "NVH-P-30") { encounters { id signals gestationWeeks } } }`);
    expect(read.data).toEqual({ patient: { encounters: [{ id: "NVH-E-20", signals: ["PREGNANT", "OVERDOSE", "NON_FATAL_STRANGULATION"], gestationWeeks: 33 }] } });
  });

  describe("a pregnancy or a birth the patient's record rules out", () => {
    beforeAll(() =>
      seed(database.dataSource, [patientLine("NVH-P-8", { givenNames: "Lily", dateOfBirth: "2015-06-01" }), patientLine("NVH-P-70", { givenNames: "Edith", dateOfBirth: "1953-06-01" })]),
    );

    it.each([
      ["input.signals", "PREGNANT for a patient recorded as MALE", { ...encounterInput, id: "NVH-E-21", patientId: "NVH-P-3", signals: ["PREGNANT"] }, "patient NVH-P-3's recorded sex (MALE)"],
      ["input.gestationWeeks", "a gestation for a patient aged 8", { ...encounterInput, id: "NVH-E-21", patientId: "NVH-P-8", gestationWeeks: 12 }, "aged 8 at the encounter"],
      ["input.signals", "POSTNATAL for a patient aged 70", { ...encounterInput, id: "NVH-E-21", patientId: "NVH-P-70", signals: ["POSTNATAL"] }, "aged 70 at the encounter"],
    ])("recordEncounter refuses naming %s (%s) and writes nothing", async (field, _case, input, reason) => {
      await expectRejected(RECORD_CODED_ENCOUNTER, input, field);
      expect((await run(RECORD_CODED_ENCOUNTER, { input })).errors![0]!.message).toContain(reason);
    });

    it("records a MATERNITY encounter without a pregnancy flag for anyone: the setting is where a newborn boy is checked too", async () => {
      const result = await run(RECORD_CODED_ENCOUNTER, { input: { ...encounterInput, id: "NVH-E-24", patientId: "NVH-P-3", setting: "MATERNITY" } });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ recordEncounter: { id: "NVH-E-24", setting: "MATERNITY", signals: [], gestationWeeks: null } });
    });

    it("records the same patients' other signals: an overdose for him, self-harm for her", async () => {
      const him = await run(RECORD_CODED_ENCOUNTER, { input: { ...encounterInput, id: "NVH-E-22", patientId: "NVH-P-3", signals: ["OVERDOSE"] } });
      const her = await run(RECORD_CODED_ENCOUNTER, { input: { ...encounterInput, id: "NVH-E-23", patientId: "NVH-P-8", signals: ["SELF_HARM"] } });
      expect([him.errors, her.errors]).toEqual([undefined, undefined]);
      expect([him.data, her.data]).toEqual([
        { recordEncounter: { id: "NVH-E-22", setting: "GP", signals: ["OVERDOSE"], gestationWeeks: null } },
        { recordEncounter: { id: "NVH-E-23", setting: "GP", signals: ["SELF_HARM"], gestationWeeks: null } },
      ]);
    });
  });

  it("recordEncounter refuses a gestation outside 1 to 45 weeks naming input.gestationWeeks, and writes nothing", () =>
    expectRejected(RECORD_CODED_ENCOUNTER, { ...encounterInput, id: "NVH-E-24", gestationWeeks: 46 }, "input.gestationWeeks"));

  it("an unknown signal code is refused by the schema itself, and nothing is written", async () => {
    const before = await rowCounts(database.dataSource);
    const result = await run(RECORD_CODED_ENCOUNTER, { input: { ...encounterInput, id: "NVH-E-25", signals: ["HEADACHE"] } });
    expect(result.errors?.[0]?.message).toMatch(/"HEADACHE" does not exist in "HealthSignal" enum/);
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it("recordSafeguardingConcern saves a concern raised from an encounter", async () => {
    const input = { id: "NVH-S-1", patientId: "NVH-P-1", encounterId: "NVH-E-1", raisedAt: "2024-03-02T03:00:00Z", category: "DOMESTIC_ABUSE", summary: "IDVA referral offered" };
    const result = await run(RECORD_CONCERN, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ recordSafeguardingConcern: { ...input, raisedAt: "2024-03-02T03:00:00.000Z" } });
  });

  const concernInput = { id: "NVH-S-2", patientId: "NVH-P-1", raisedAt: "2024-03-03T10:00:00Z", category: "ADULT_SAFEGUARDING" };
  it.each([
    ["input.encounterId", "an unknown encounter", { ...concernInput, encounterId: "NVH-E-404" }],
    ["input.patientId", "an unknown patient", { ...concernInput, patientId: "NVH-P-404" }],
    ["input.raisedAt", "a time in the future", { ...concernInput, raisedAt: "2999-01-01T00:00:00Z" }],
    ["input.id", "an id with spaces", { ...concernInput, id: "has spaces" }],
  ])("recordSafeguardingConcern rejects bad input naming %s (%s) and writes nothing", (field, _case, input) => expectRejected(RECORD_CONCERN, input, field));

  it("recording the same patient id again updates the record in place", async () => {
    const result = await run(RECORD_PATIENT, { input: { ...patientInput, registeredPractice: "Y09999" } });
    expect(result.errors).toBeUndefined();
    expect(await database.dataSource.query(`SELECT count(*)::int AS n, max(registered_practice) AS practice FROM patient WHERE id = 'NVH-P-1'`)).toEqual([{ n: 1, practice: "Y09999" }]);
  });

  it.each([
    ["a patient", RECORD_PATIENT, { ...patientInput, trust: "EVT", nhsNumber: null, givenNames: "Someone", familyName: "Else" }, "patient NVH-P-1"],
    ["an encounter", RECORD_ENCOUNTER, { ...encounterInput, id: "NVH-E-1", trust: "EVT" }, "encounter NVH-E-1"],
  ])("recording %s under an id another trust holds is refused on input.id, naming the trust, and writes nothing", async (_case, mutation, input, record) => {
    const held = await database.dataSource.query(`SELECT p.trust, p.given_names, p.updated_at, e.trust AS encounter_trust, e.setting FROM patient p, encounter e WHERE p.id = 'NVH-P-1' AND e.id = 'NVH-E-1'`);
    await expectRejected(mutation, input, "input.id");
    const result = await run(mutation, { input });
    expect(result.errors![0]!.message).toBe(`input.id: is already used by trust NVH: ${record} stays with the trust that recorded it`);
    expect(await database.dataSource.query(`SELECT p.trust, p.given_names, p.updated_at, e.trust AS encounter_trust, e.setting FROM patient p, encounter e WHERE p.id = 'NVH-P-1' AND e.id = 'NVH-E-1'`)).toEqual(held);
  });

  it("patient(id) returns the patient with encounters and concerns newest first, and null for an unknown id", async () => {
    await seed(database.dataSource, [encounterLine("NVH-E-3", "NVH-P-1", { setting: "GP", occurredAt: "2024-01-10T10:00:00Z" }), concernLine("NVH-S-3", "NVH-P-1", { raisedAt: "2024-05-01T10:00:00Z", category: "ADULT_SAFEGUARDING" })]);
    const result = await run(`query {
      patient(id: "NVH-P-1") { id nhsNumber sex encounters { id setting } safeguardingConcerns { id category encounterId } }
      missing: patient(id: "NVH-P-404") { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      patient: {
        id: "NVH-P-1",
        nhsNumber: "9434765919",
        sex: "FEMALE",
        encounters: [
          { id: "NVH-E-1", setting: "EMERGENCY_DEPARTMENT" },
          { id: "NVH-E-3", setting: "GP" },
        ],
        safeguardingConcerns: [
          { id: "NVH-S-3", category: "ADULT_SAFEGUARDING", encounterId: null },
          { id: "NVH-S-1", category: "DOMESTIC_ABUSE", encounterId: "NVH-E-1" },
        ],
      },
      missing: null,
    });
  });

  it("patient(id) loads many patients, their encounters and concerns in one statement each", async () => {
    const query = (ids: string[]) => `query { ${ids.map((id, i) => `p${i}: patient(id: "${id}") { id encounters { id } safeguardingConcerns { id } }`).join(" ")} }`;
    const statements = async (ids: string[]) => {
      const before = database.counter.statements;
      const result = await run(query(ids));
      expect(result.errors).toBeUndefined();
      return database.counter.statements - before;
    };
    expect(await statements(["NVH-P-1"])).toBe(3);
    expect(await statements(["NVH-P-1", "NVH-P-3", "NVH-P-404", "NVH-P-1"])).toBe(3);
  });
});
