import { loadDeclaredCallers, type Caller } from "@tessera/kit";
import { createTestDatabase, executeGraphQL, testCaller, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { subgraph } from "../index";
import { dashAnswers, rowCounts } from "./support/policeFixtures";

let database: TestDatabase;
let schema: GraphQLSchema;

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  schema = (await subgraph.buildSchema()).schema;
});
afterAll(() => database.drop());

const run = (source: string, variables?: Record<string, unknown>) => executeGraphQL(schema, database.dataSource, source, variables);

const RECORD_NOMINAL = `mutation($input: NominalInput!) { recordNominal(input: $input) { id force givenNames familyName dateOfBirth sex pncId addresses { line1 postcode from to } } }`;
const RECORD_OCCURRENCE = `mutation($input: OccurrenceInput!) { recordOccurrence(input: $input) { id force category domesticAbuse occurredAt reportedAt location { description postcode } summary markers } }`;
const RECORD_INVOLVEMENT = `mutation($input: InvolvementInput!) { recordInvolvement(input: $input) { occurrenceId nominalId role } }`;
const RECORD_DASH = `mutation($input: DashAssessmentInput!) { recordDashAssessment(input: $input) { id occurrenceId victimNominalId assessedAt tool answers yesCount officerGrading } }`;
const RECORD_RELATIONSHIP = `mutation($input: OccurrenceRelationshipInput!) { recordRelationship(input: $input) { occurrenceId nominalId otherNominalId relationship } }`;
const RECORD_MARAC = `mutation($input: MaracReferralInput!) { recordMaracReferral(input: $input) { id victimNominalId occurrenceId referredAt criterion } }`;
const NOMINAL = `query($id: ID!) { nominal(id: $id) { id givenNames familyName dateOfBirth sex pncId addresses { line1 postcode from to } } }`;

const penelope = { id: "NMC-N-1", force: "NMC", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", pncId: "19/12345G", addresses: [{ line1: "4 Mill Lane", postcode: "nm1 4qt", from: "2019-05-01" }] };
const occurrence = { id: "NMC-O-1", force: "NMC", category: "DOMESTIC_INCIDENT", domesticAbuse: true, occurredAt: "2024-02-10T21:40:00Z", reportedAt: "2024-02-10T22:05:00Z", location: { description: "home address", postcode: "NM1 4QT" }, summary: "Verbal argument reported by neighbour", markers: ["STALKING", "SEPARATION"] };
const DASH_INPUT = { occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-10T23:00:00Z", tool: "DASH", answers: dashAnswers(15) };

describe("the police mutations", () => {
  it("record a nominal, an occurrence, an involvement, a DASH assessment and a MARAC referral, answering with what was stored", async () => {
    expect(await run(RECORD_NOMINAL, { input: penelope })).toEqual({
      data: { recordNominal: { ...penelope, pncId: "19/0012345G", addresses: [{ line1: "4 Mill Lane", postcode: "NM1 4QT", from: "2019-05-01", to: null }] } },
    });
    expect(await run(RECORD_OCCURRENCE, { input: occurrence })).toEqual({ data: { recordOccurrence: { ...occurrence, occurredAt: "2024-02-10T21:40:00.000Z", reportedAt: "2024-02-10T22:05:00.000Z" } } });
    expect(await run(RECORD_INVOLVEMENT, { input: { occurrenceId: "NMC-O-1", nominalId: "NMC-N-1", role: "VICTIM" } })).toEqual({
      data: { recordInvolvement: { occurrenceId: "NMC-O-1", nominalId: "NMC-N-1", role: "VICTIM" } },
    });
    const dash = await run(RECORD_DASH, { input: { id: "NMC-D-1", occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-10T23:00:00Z", tool: "DASH", answers: dashAnswers(15), officerGrading: "HIGH" } });
    expect(dash.errors).toBeUndefined();
    expect(dash.data?.recordDashAssessment).toMatchObject({ id: "NMC-D-1", tool: "DASH", yesCount: 15, officerGrading: "HIGH" });
    expect(await run(RECORD_MARAC, { input: { id: "NMC-M-1", victimNominalId: "NMC-N-1", occurrenceId: "NMC-O-1", referredAt: "2024-02-12T09:00:00Z", criterion: "VISIBLE_HIGH_RISK" } })).toEqual({
      data: { recordMaracReferral: { id: "NMC-M-1", victimNominalId: "NMC-N-1", occurrenceId: "NMC-O-1", referredAt: "2024-02-12T09:00:00.000Z", criterion: "VISIBLE_HIGH_RISK" } },
    });
    expect(await rowCounts(database.dataSource)).toEqual({ nominal: 1, nominal_address: 1, occurrence: 1, involvement: 1, relationship: 0, dash_assessment: 1, marac_referral: 1, identity_outbox: 1 });
  });

  it("record how two nominals of an occurrence are related, answering with the pair as given", async () => {
    await run(RECORD_NOMINAL, { input: { ...penelope, id: "NMC-N-20", givenNames: "Daniel", familyName: "Crowther", sex: "MALE", pncId: null } });
    await run(RECORD_INVOLVEMENT, { input: { occurrenceId: "NMC-O-1", nominalId: "NMC-N-20", role: "SUSPECT" } });
    await run(RECORD_NOMINAL, { input: { ...penelope, id: "NMC-N-21", givenNames: "Mary", familyName: "Holt", pncId: null } }); // in no occurrence
    expect(await run(RECORD_RELATIONSHIP, { input: { occurrenceId: "NMC-O-1", nominalId: "NMC-N-20", otherNominalId: "NMC-N-1", relationship: "EX_PARTNER" } })).toEqual({
      data: { recordRelationship: { occurrenceId: "NMC-O-1", nominalId: "NMC-N-20", otherNominalId: "NMC-N-1", relationship: "EX_PARTNER" } },
    });
    expect(await database.dataSource.query(`SELECT nominal_id, other_nominal_id, relationship FROM relationship`)).toEqual([{ nominal_id: "NMC-N-1", other_nominal_id: "NMC-N-20", relationship: "EX_PARTNER" }]);
  });

  it("assign a UUID when no id is given, and a DARA checklist answers with no yes-count", async () => {
    const result = await run(RECORD_DASH, { input: { occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-11T10:00:00Z", tool: "DARA", answers: ["YES", "NO", "NOT_KNOWN"] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordDashAssessment).toMatchObject({ tool: "DARA", answers: ["YES", "NO", "NOT_KNOWN"], yesCount: null, officerGrading: null });
    expect((result.data?.recordDashAssessment as { id: string }).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ["a wrong PNC check letter", RECORD_NOMINAL, { ...penelope, id: "NMC-N-2", pncId: "19/12345A" }, "input.pncId"],
    ["a date of birth in the future", RECORD_NOMINAL, { ...penelope, id: "NMC-N-2", dateOfBirth: "2999-01-01" }, "input.dateOfBirth"],
    ["an occurrence in the future", RECORD_OCCURRENCE, { ...occurrence, id: "NMC-O-2", occurredAt: "2999-01-01T00:00:00Z", reportedAt: null }, "input.occurredAt"],
    ["an unknown nominal", RECORD_INVOLVEMENT, { occurrenceId: "NMC-O-1", nominalId: "NMC-N-404", role: "SUSPECT" }, "input.nominalId"],
    ["a DASH checklist of 24 answers (the partner version)", RECORD_DASH, { ...DASH_INPUT, answers: dashAnswers(15).slice(3) }, "input.answers"],
    ["a DASH checklist of 26 answers", RECORD_DASH, { ...DASH_INPUT, answers: dashAnswers(15).slice(1) }, "input.answers"],
    ["a MARAC referral from an unknown occurrence", RECORD_MARAC, { victimNominalId: "NMC-N-1", occurrenceId: "NMC-O-404", referredAt: "2024-02-12T09:00:00Z", criterion: "REPEAT" }, "input.occurrenceId"],
    ["a relationship with a nominal not involved in the occurrence", RECORD_RELATIONSHIP, { occurrenceId: "NMC-O-1", nominalId: "NMC-N-21", otherNominalId: "NMC-N-1", relationship: "OTHER" }, "input.nominalId"],
    ["a probation marker no officer records on an occurrence", RECORD_OCCURRENCE, { ...occurrence, id: "NMC-O-2", markers: ["STRANGULATION", "HIGH_RISK_OF_SERIOUS_HARM"] }, "input.markers"],
    ["a relationship of one nominal with itself", RECORD_RELATIONSHIP, { occurrenceId: "NMC-O-1", nominalId: "NMC-N-1", otherNominalId: "NMC-N-1", relationship: "OTHER" }, "input.otherNominalId"],
  ])("reject %s with BAD_USER_INPUT naming the field, writing nothing", async (_name, mutation, input, field) => {
    const before = await rowCounts(database.dataSource);
    const result = await run(mutation, { input });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });

  it.each([
    ["an unknown sex", RECORD_NOMINAL, { ...penelope, id: "NMC-N-2", sex: "UNKNOWN" }, "Sex"],
    ["an unknown category", RECORD_OCCURRENCE, { ...occurrence, id: "NMC-O-2", category: "ARSON" }, "OccurrenceCategory"],
    ["an unknown role", RECORD_INVOLVEMENT, { occurrenceId: "NMC-O-1", nominalId: "NMC-N-1", role: "PERPETRATOR" }, "InvolvementRole"],
    ["an unknown checklist", RECORD_DASH, { ...DASH_INPUT, tool: "SAFELIVES" }, "DashTool"],
    ["an unknown answer among 27", RECORD_DASH, { ...DASH_INPUT, answers: [...dashAnswers(15).slice(1), "MAYBE"] }, "DashAnswer"],
    ["an unknown officer grading", RECORD_DASH, { ...DASH_INPUT, officerGrading: "VERY_HIGH" }, "DashOfficerGrading"],
    ["an unknown marker", RECORD_OCCURRENCE, { ...occurrence, id: "NMC-O-2", markers: ["STRANGULATION", "CHOKING"] }, "SafeguardingMarker"],
    ["an unknown relationship", RECORD_RELATIONSHIP, { occurrenceId: "NMC-O-1", nominalId: "NMC-N-20", otherNominalId: "NMC-N-1", relationship: "NEIGHBOUR" }, "Relationship"],
    ["an unknown MARAC criterion", RECORD_MARAC, { victimNominalId: "NMC-N-1", referredAt: "2024-02-12T09:00:00Z", criterion: "THREE_INCIDENTS" }, "MaracReferralCriterion"],
  ])("refuse %s in the schema itself, before anything runs, writing nothing", async (_name, mutation, input, enumName) => {
    const before = await rowCounts(database.dataSource);
    const result = await run(mutation, { input });
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toContain(enumName);
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });
});

describe("one force's write to an id another force holds", () => {
  const heldRecords = () =>
    database.dataSource.query(`SELECT (SELECT row_to_json(n) FROM nominal n WHERE id = 'NMC-N-1') AS nominal, (SELECT row_to_json(o) FROM occurrence o WHERE id = 'NMC-O-1') AS occurrence`);

  it.each([
    ["a nominal", RECORD_NOMINAL, { ...penelope, force: "EVP", givenNames: "Someone", familyName: "Else" }, "nominal NMC-N-1"],
    ["an occurrence", RECORD_OCCURRENCE, { ...occurrence, force: "EVP", summary: "Eastvale's own occurrence" }, "occurrence NMC-O-1"],
  ])("is refused for %s with BAD_USER_INPUT on input.id naming the force that holds it, writing nothing", async (_case, mutation, input, record) => {
    const before = await rowCounts(database.dataSource);
    const held = await heldRecords();
    const result = await run(mutation, { input });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
    expect(result.errors![0]!.message).toBe(`input.id: is already used by force NMC: ${record} stays with the force that recorded it`);
    expect(await rowCounts(database.dataSource)).toEqual(before);
    expect(await heldRecords()).toEqual(held);
  });

  it("is refused for a force code that is not 2 to 10 capital letters and digits", async () => {
    const result = await run(RECORD_NOMINAL, { input: { ...penelope, id: "NMC-N-5", force: "Northmoor" } });
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.force" });
  });
});

describe("writes by area: a caller records in their own force only", () => {
  const callers = loadDeclaredCallers({});
  const eastvale = testCaller({ area: "EVP" });
  const as = (caller: Caller, source: string, variables: Record<string, unknown>) => executeGraphQL(schema, database.dataSource, source, variables, { caller, callers });
  const held = () => database.dataSource.query(`SELECT (SELECT row_to_json(n) FROM nominal n WHERE id = 'NMC-N-1') AS nominal, (SELECT count(*)::int FROM dash_assessment) AS dash`);

  it.each([
    ["another force's code in the input", RECORD_NOMINAL, { ...penelope, id: "EVP-N-10", force: "NMC" }, "input.force", "input.force: EVP staff may not record for force NMC"],
    ["its own code over another force's nominal", RECORD_NOMINAL, { ...penelope, force: "EVP", familyName: "Else" }, "input.id", "input.id: nominal NMC-N-1 belongs to force NMC: only its own staff may change it"],
    ["a DASH checklist on another force's occurrence", RECORD_DASH, { ...DASH_INPUT, id: "EVP-D-1" }, "input.occurrenceId", "input.occurrenceId: occurrence NMC-O-1 belongs to force NMC, not to EVP"],
    ["a change to a DASH checklist another force holds", RECORD_DASH, { ...DASH_INPUT, id: "NMC-D-1" }, "input.occurrenceId", "input.occurrenceId: occurrence NMC-O-1 belongs to force NMC, not to EVP"],
    ["a relationship in another force's occurrence", RECORD_RELATIONSHIP, { occurrenceId: "NMC-O-1", nominalId: "NMC-N-20", otherNominalId: "NMC-N-1", relationship: "OTHER" }, "input.occurrenceId", "input.occurrenceId: occurrence NMC-O-1 belongs to force NMC, not to EVP"],
    ["a MARAC referral of another force's victim", RECORD_MARAC, { id: "EVP-M-1", victimNominalId: "NMC-N-1", referredAt: "2024-02-12T09:00:00Z", criterion: "REPEAT" }, "input.victimNominalId", "input.victimNominalId: nominal NMC-N-1 belongs to force NMC, not to EVP"],
  ])("refuses %s with FORBIDDEN naming the field, writing nothing", async (_name, mutation, input, field, message) => {
    const before = await rowCounts(database.dataSource);
    const records = await held();
    const result = await as(eastvale, mutation, { input });
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({ message, extensions: { code: "FORBIDDEN", field } })]);
    expect(await rowCounts(database.dataSource)).toEqual(before);
    expect(await held()).toEqual(records);
  });

  it("refuses an area nobody declared as BAD_USER_INPUT, before anything else", async () => {
    const result = await as(testCaller({ area: "NMC" }), RECORD_NOMINAL, { input: { ...penelope, id: "ZZZ-N-1", force: "ZZZ" } });
    expect(result.errors).toEqual([expect.objectContaining({ message: "input.force: ZZZ is not an area declared to Tessera", extensions: { code: "BAD_USER_INPUT", field: "input.force" } })]);
  });

  it("a DASH checklist another force holds cannot be moved to one's own occurrence", async () => {
    await as(eastvale, RECORD_NOMINAL, { input: { ...penelope, id: "EVP-N-11", force: "EVP" } });
    await as(eastvale, RECORD_OCCURRENCE, { input: { ...occurrence, id: "EVP-O-11", force: "EVP" } });
    const result = await as(eastvale, RECORD_DASH, { input: { ...DASH_INPUT, id: "NMC-D-1", occurrenceId: "EVP-O-11", victimNominalId: "EVP-N-11" } });
    expect(result.errors).toEqual([expect.objectContaining({ message: "input.id: dashAssessment NMC-D-1 belongs to force NMC: only its own staff may change it", extensions: { code: "FORBIDDEN", field: "input.id" } })]);
  });

  it("admits the force's own writes, new and changed", async () => {
    const northmoor = testCaller({ area: "NMC" });
    const result = await as(northmoor, RECORD_DASH, { input: { ...DASH_INPUT, id: "NMC-D-1", officerGrading: "STANDARD" } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordDashAssessment).toMatchObject({ id: "NMC-D-1", officerGrading: "STANDARD" });
    expect((await as(eastvale, RECORD_NOMINAL, { input: { ...penelope, id: "EVP-N-12", force: "EVP" } })).errors).toBeUndefined();
  });
});

describe("the nominal query", () => {
  it("returns a stored nominal with its addresses in order, and null for an unknown id", async () => {
    await run(RECORD_NOMINAL, { input: { ...penelope, id: "NMC-N-3", sex: null, pncId: null, addresses: [{ postcode: "NM9 9ZZ", from: "2015-01-01", to: "2019-04-30" }, { line1: "4 Mill Lane", postcode: "NM1 4QT", from: "2019-05-01" }] } });
    expect(await run(NOMINAL, { id: "NMC-N-3" })).toEqual({
      data: {
        nominal: {
          id: "NMC-N-3",
          givenNames: "Penelope",
          familyName: "Ashworth",
          dateOfBirth: "1991-03-14",
          sex: null,
          pncId: null,
          addresses: [
            { line1: null, postcode: "NM9 9ZZ", from: "2015-01-01", to: "2019-04-30" },
            { line1: "4 Mill Lane", postcode: "NM1 4QT", from: "2019-05-01", to: null },
          ],
        },
      },
    });
    expect(await run(NOMINAL, { id: "NMC-N-404" })).toEqual({ data: { nominal: null } });
  });

  it("loads many nominals with their addresses in two statements, however many are asked for, through the request's DataLoader", async () => {
    const query = (ids: string[]) => `query { ${ids.map((id, i) => `n${i}: nominal(id: "${id}") { id addresses { postcode } }`).join(" ")} }`;
    const statements = async (ids: string[]) => {
      const before = database.counter.statements;
      const result = await run(query(ids));
      expect(result.errors).toBeUndefined();
      return { statements: database.counter.statements - before, data: result.data };
    };
    expect((await statements(["NMC-N-1"])).statements).toBe(2);
    const many = await statements(["NMC-N-1", "NMC-N-3", "NMC-N-404", "NMC-N-1"]);
    expect(many.statements).toBe(2);
    expect(many.data).toEqual({
      n0: { id: "NMC-N-1", addresses: [{ postcode: "NM1 4QT" }] },
      n1: { id: "NMC-N-3", addresses: [{ postcode: "NM9 9ZZ" }, { postcode: "NM1 4QT" }] },
      n2: null,
      n3: { id: "NMC-N-1", addresses: [{ postcode: "NM1 4QT" }] },
    });
  });
});
