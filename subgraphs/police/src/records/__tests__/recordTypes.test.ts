import { writeRecord } from "@tessera/kit";
import { OCCURRENCE_MARKERS } from "../../occurrences/occurrenceMarkers";
import { createTestDatabase, testContext, type TestDatabase } from "@tessera/kit/testing";
import { GraphQLError } from "graphql";
import { subgraph } from "../../index";
import { recordTypes } from "..";
import { dashAnswers, involvementLine, nominalLine, occurrenceLine, relationshipLine, rowCounts, seed } from "../../__tests__/support/policeFixtures";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  await seed(database.dataSource, [
    nominalLine("NMC-N-1"),
    nominalLine("NMC-N-2", { givenNames: "Daniel", familyName: "Crowther", sex: "MALE", dateOfBirth: "1988-11-02", addresses: [] }),
    nominalLine("NMC-N-3", { givenNames: "Mary", familyName: "Holt" }),
    occurrenceLine("NMC-O-1", "2024-02-10T21:40:00Z"),
    involvementLine("NMC-O-1", "NMC-N-1", "VICTIM"),
    involvementLine("NMC-O-1", "NMC-N-2", "SUSPECT"),
  ]);
});
afterAll(() => database.drop());

/** Writes through the path mutations use; the input has no `type`, as in GraphQL. */
function write(type: string, line: Record<string, unknown>) {
  const { type: _ignored, ...input } = line;
  return writeRecord<Record<string, unknown>>(testContext(database.dataSource), recordTypes, type, input);
}

async function rejection(type: string, line: Record<string, unknown>): Promise<GraphQLError> {
  const error = await write(type, line).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof GraphQLError)) throw new Error(`expected a GraphQLError, got ${String(error)}`);
  return error;
}

const future = new Date(Date.now() + 86_400_000).toISOString();
const futureDate = future.slice(0, 10);
const dash = { type: "dashAssessment", id: "NMC-D-9", occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-10T23:00:00Z", tool: "DASH", answers: dashAnswers(3) };
const marac = { type: "maracReferral", id: "NMC-M-9", victimNominalId: "NMC-N-1", occurrenceId: "NMC-O-1", referredAt: "2024-06-01T09:00:00Z", criterion: "REPEAT" };

describe("bad input is rejected naming the field, and nothing is written", () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ["nominal without an id", "nominal", nominalLine(""), "input.id"],
    ["nominal with a malformed id", "nominal", nominalLine("bad id with spaces"), "input.id"],
    ["nominal without a family name", "nominal", nominalLine("NMC-N-9", { familyName: " " }), "input.familyName"],
    ["nominal with a lower-case force", "nominal", nominalLine("NMC-N-9", { force: "nmc" }), "input.force"],
    ["nominal born in the future", "nominal", nominalLine("NMC-N-9", { dateOfBirth: futureDate }), "input.dateOfBirth"],
    ["nominal born on 31 February", "nominal", nominalLine("NMC-N-9", { dateOfBirth: "1990-02-31" }), "input.dateOfBirth"],
    ["nominal with an unknown sex", "nominal", nominalLine("NMC-N-9", { sex: "F" }), "input.sex"],
    ["nominal with a wrong PNC check letter", "nominal", nominalLine("NMC-N-9", { pncId: "2019/0012345A" }), "input.pncId"],
    ["address without a postcode", "nominal", nominalLine("NMC-N-9", { addresses: [{ line1: "4 Mill Lane" }] }), "input.addresses.0.postcode"],
    ["address with a bad postcode", "nominal", nominalLine("NMC-N-9", { addresses: [{ postcode: "NM1 4QT" }, { postcode: "12345" }] }), "input.addresses.1.postcode"],
    ["address ending before it starts", "nominal", nominalLine("NMC-N-9", { addresses: [{ postcode: "NM1 4QT", from: "2020-01-01", to: "2019-01-01" }] }), "input.addresses.0.to"],
    ["occurrence with an unknown category", "occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { category: "BURGLARY" }), "input.category"],
    ["occurrence in the future", "occurrence", occurrenceLine("NMC-O-9", future), "input.occurredAt"],
    ["occurrence time without a zone", "occurrence", occurrenceLine("NMC-O-9", "10/02/2024 21:40"), "input.occurredAt"],
    ["occurrence reported before it occurred", "occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { reportedAt: "2024-02-10T21:00:00Z" }), "input.reportedAt"],
    ["occurrence with a bad location postcode", "occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { location: { postcode: "nowhere" } }), "input.location.postcode"],
    ["occurrence with a text domestic-abuse flag", "occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { domesticAbuse: "yes" }), "input.domesticAbuse"],
    ["occurrence with an unknown marker", "occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { markers: ["STRANGULATION", "CHOKING"] }), "input.markers"],
    ["occurrence with a probation marker no officer records", "occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { markers: ["WEAPON", "HIGH_RISK_OF_SERIOUS_HARM"] }), "input.markers"],
    ["occurrence with markers that are not a list", "occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { markers: "WEAPON" }), "input.markers"],
    ["involvement with an unknown role", "involvement", involvementLine("NMC-O-1", "NMC-N-1", "BYSTANDER"), "input.role"],
    ["involvement of an unknown nominal", "involvement", involvementLine("NMC-O-1", "NMC-N-404", "VICTIM"), "input.nominalId"],
    ["involvement in an unknown occurrence", "involvement", involvementLine("NMC-O-404", "NMC-N-1", "VICTIM"), "input.occurrenceId"],
    ["relationship with an unknown code", "relationship", relationshipLine("NMC-O-1", "NMC-N-1", "NMC-N-2", "NEIGHBOUR"), "input.relationship"],
    ["relationship without a code", "relationship", relationshipLine("NMC-O-1", "NMC-N-1", "NMC-N-2", ""), "input.relationship"],
    ["relationship of a nominal with itself", "relationship", relationshipLine("NMC-O-1", "NMC-N-1", "NMC-N-1", "OTHER"), "input.otherNominalId"],
    ["relationship of a nominal not involved in the occurrence", "relationship", relationshipLine("NMC-O-1", "NMC-N-3", "NMC-N-1", "EX_PARTNER"), "input.nominalId"],
    ["relationship to a nominal not involved in the occurrence", "relationship", relationshipLine("NMC-O-1", "NMC-N-1", "NMC-N-3", "EX_PARTNER"), "input.otherNominalId"],
    ["relationship to an unknown nominal", "relationship", relationshipLine("NMC-O-1", "NMC-N-1", "NMC-N-404", "EX_PARTNER"), "input.otherNominalId"],
    ["relationship in an unknown occurrence", "relationship", relationshipLine("NMC-O-404", "NMC-N-1", "NMC-N-2", "EX_PARTNER"), "input.occurrenceId"],
    ["DASH with 26 answers", "dashAssessment", { ...dash, answers: dashAnswers(3).slice(1) }, "input.answers"],
    ["DASH with an unknown answer", "dashAssessment", { ...dash, answers: [...dashAnswers(3).slice(1), "MAYBE"] }, "input.answers.26"],
    ["DASH with an unknown tool", "dashAssessment", { ...dash, tool: "RIC" }, "input.tool"],
    ["DASH with an unknown grading", "dashAssessment", { ...dash, officerGrading: "VERY_HIGH" }, "input.officerGrading"],
    ["DASH assessed in the future", "dashAssessment", { ...dash, assessedAt: future }, "input.assessedAt"],
    ["DASH of an unknown victim", "dashAssessment", { ...dash, victimNominalId: "NMC-N-404" }, "input.victimNominalId"],
    ["DARA without answers", "dashAssessment", { ...dash, tool: "DARA", answers: [] }, "input.answers"],
    ["MARAC referral with an unknown criterion", "maracReferral", { ...marac, criterion: "HIGH_DASH" }, "input.criterion"],
    ["MARAC referral without a victim", "maracReferral", { ...marac, victimNominalId: undefined }, "input.victimNominalId"],
    ["MARAC referral from an unknown occurrence", "maracReferral", { ...marac, occurrenceId: "NMC-O-404" }, "input.occurrenceId"],
  ];

  it.each(cases)("%s", async (_name, type, line, field) => {
    const before = await rowCounts(database.dataSource);
    const error = await rejection(type, line);
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });
});

describe("valid records save", () => {
  it("stores a nominal with its postcode and PNC ID normalised, and replaces its addresses on update", async () => {
    await write("nominal", nominalLine("NMC-N-10", { pncId: "19/12345G", addresses: [{ line1: "4 Mill Lane", postcode: "nm14qt", from: "2019-05-01", to: "2023-08-31" }, { postcode: "NM2 7BD", from: "2023-09-01" }] }));
    expect(await database.dataSource.query(`SELECT pnc_id, date_of_birth::text AS dob FROM nominal WHERE id = 'NMC-N-10'`)).toEqual([{ pnc_id: "19/0012345G", dob: "1991-03-14" }]);
    expect(await database.dataSource.query(`SELECT position, postcode, valid_from::text, valid_to::text FROM nominal_address WHERE nominal_id = 'NMC-N-10' ORDER BY position`)).toEqual([
      { position: 0, postcode: "NM1 4QT", valid_from: "2019-05-01", valid_to: "2023-08-31" },
      { position: 1, postcode: "NM2 7BD", valid_from: "2023-09-01", valid_to: null },
    ]);

    await write("nominal", nominalLine("NMC-N-10", { familyName: "Ashworth-Kane", addresses: [{ postcode: "NM3 1AA" }] }));
    expect(await database.dataSource.query(`SELECT family_name, pnc_id FROM nominal WHERE id = 'NMC-N-10'`)).toEqual([{ family_name: "Ashworth-Kane", pnc_id: null }]);
    expect(await database.dataSource.query(`SELECT position, postcode FROM nominal_address WHERE nominal_id = 'NMC-N-10'`)).toEqual([{ position: 0, postcode: "NM3 1AA" }]);
  });

  it("stores an occurrence with its location, defaulting the domestic-abuse flag to false", async () => {
    await write("occurrence", occurrenceLine("NMC-O-10", "2024-03-01T20:00:00Z", { category: "CRIMINAL_DAMAGE", domesticAbuse: undefined, reportedAt: "2024-03-01T21:30:00+01:00", location: { description: "car park", postcode: "nm1 4qt" }, summary: "Car window broken" }));
    expect(await database.dataSource.query(`SELECT category, domestic_abuse, reported_at, location_description, location_postcode, summary FROM occurrence WHERE id = 'NMC-O-10'`)).toEqual([
      { category: "CRIMINAL_DAMAGE", domestic_abuse: false, reported_at: new Date("2024-03-01T20:30:00Z"), location_description: "car park", location_postcode: "NM1 4QT", summary: "Car window broken" },
    ]);
  });

  it("stores an occurrence's markers once each, in the vocabulary's order, and none when the field is absent", async () => {
    const saved = await write("occurrence", occurrenceLine("NMC-O-11", "2024-03-02T20:00:00Z", { markers: ["WEAPON", "STRANGULATION", "WEAPON", "HONOUR_BASED_ABUSE"] }));
    expect(saved.markers).toEqual(["STRANGULATION", "WEAPON", "HONOUR_BASED_ABUSE"]);
    expect(await database.dataSource.query(`SELECT markers FROM occurrence WHERE id = 'NMC-O-11'`)).toEqual([{ markers: ["STRANGULATION", "WEAPON", "HONOUR_BASED_ABUSE"] }]);

    // A record saved again replaces what was held, markers too: the later line is the whole record.
    await write("occurrence", occurrenceLine("NMC-O-11", "2024-03-02T20:00:00Z"));
    expect(await database.dataSource.query(`SELECT markers FROM occurrence WHERE id = 'NMC-O-11'`)).toEqual([{ markers: [] }]);
  });

  it("refuses a kit marker that is not an officer's to record on an occurrence, naming every one that is", async () => {
    const error = await rejection("occurrence", occurrenceLine("NMC-O-9", "2024-02-10T21:40:00Z", { markers: ["HIGH_RISK_OF_SERIOUS_HARM"] }));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.markers" });
    expect(error.message).toContain(OCCURRENCE_MARKERS.join(", "));
    expect(OCCURRENCE_MARKERS).not.toContain("HIGH_RISK_OF_SERIOUS_HARM");
  });

  it("stores every marker it accepts on an occurrence: the parser's list is the database constraint's", async () => {
    const saved = await write("occurrence", occurrenceLine("NMC-O-12", "2024-03-03T20:00:00Z", { markers: [...OCCURRENCE_MARKERS] }));
    expect(saved.markers).toEqual([...OCCURRENCE_MARKERS]);
    expect(await database.dataSource.query(`SELECT markers FROM occurrence WHERE id = 'NMC-O-12'`)).toEqual([{ markers: [...OCCURRENCE_MARKERS] }]);
  });

  it("stores a relationship once per pair, whichever way round it is recorded, the later recording replacing the earlier", async () => {
    const saved = await write("relationship", relationshipLine("NMC-O-1", "NMC-N-2", "NMC-N-1", "CURRENT_PARTNER"));
    expect(saved).toEqual({ occurrenceId: "NMC-O-1", nominalId: "NMC-N-2", otherNominalId: "NMC-N-1", relationship: "CURRENT_PARTNER" });
    await write("relationship", relationshipLine("NMC-O-1", "NMC-N-1", "NMC-N-2", "EX_PARTNER"));
    expect(await database.dataSource.query(`SELECT occurrence_id, nominal_id, other_nominal_id, relationship FROM relationship`)).toEqual([
      { occurrence_id: "NMC-O-1", nominal_id: "NMC-N-1", other_nominal_id: "NMC-N-2", relationship: "EX_PARTNER" },
    ]);
  });

  it("stores an involvement once however often it is recorded, and the same nominal in another role beside it", async () => {
    await write("involvement", involvementLine("NMC-O-1", "NMC-N-1", "VICTIM"));
    await write("involvement", involvementLine("NMC-O-1", "NMC-N-1", "VICTIM"));
    await write("involvement", involvementLine("NMC-O-1", "NMC-N-1", "WITNESS"));
    expect(await database.dataSource.query(`SELECT role FROM involvement WHERE occurrence_id = 'NMC-O-1' AND nominal_id = 'NMC-N-1' ORDER BY role`)).toEqual([{ role: "VICTIM" }, { role: "WITNESS" }]);
  });

  it("computes the yes-count of a DASH checklist, ignoring any yes-count given", async () => {
    const saved = await write("dashAssessment", { ...dash, answers: dashAnswers(14), yesCount: 2, officerGrading: "HIGH" });
    expect(saved).toMatchObject({ yesCount: 14, officerGrading: "HIGH" });
    expect(await database.dataSource.query(`SELECT yes_count, cardinality(answers) AS n, answers[1] AS first FROM dash_assessment WHERE id = 'NMC-D-9'`)).toEqual([{ yes_count: 14, n: 27, first: "YES" }]);
  });

  it("stores a DARA checklist's answers but never sums them", async () => {
    await write("dashAssessment", { ...dash, id: "NMC-D-10", tool: "DARA", answers: ["YES", "YES", "NO", "NOT_KNOWN"], officerGrading: "MEDIUM" });
    expect(await database.dataSource.query(`SELECT yes_count, answers FROM dash_assessment WHERE id = 'NMC-D-10'`)).toEqual([{ yes_count: null, answers: ["YES", "YES", "NO", "NOT_KNOWN"] }]);
  });

  it("stores a MARAC referral, with or without the occurrence that prompted it", async () => {
    await write("maracReferral", marac);
    await write("maracReferral", { ...marac, id: "NMC-M-10", occurrenceId: null, criterion: "PROFESSIONAL_JUDGEMENT" });
    expect(await database.dataSource.query(`SELECT id, occurrence_id, criterion FROM marac_referral WHERE id LIKE 'NMC-M-%' ORDER BY id`)).toEqual([
      { id: "NMC-M-10", occurrence_id: null, criterion: "PROFESSIONAL_JUDGEMENT" },
      { id: "NMC-M-9", occurrence_id: "NMC-O-1", criterion: "REPEAT" },
    ]);
  });
});

describe("a nominal write registers the person with identity through the outbox", () => {
  const outbox = (localId: string) =>
    database.dataSource.query(`SELECT registration, delivered_at FROM identity_outbox WHERE local_id = $1 ORDER BY id`, [localId]) as Promise<{ registration: Record<string, unknown>; delivered_at: Date | null }[]>;

  it("queues only the minimal identifiers, with the current address's postcode", async () => {
    await write("nominal", nominalLine("NMC-N-20", { pncId: "2019/0012345G", addresses: [{ postcode: "NM9 9ZZ", from: "2015-01-01", to: "2019-04-30" }, { postcode: "nm1 4qt", from: "2019-05-01" }] }));
    expect(await outbox("NMC-N-20")).toEqual([
      {
        registration: { agency: "police", localId: "NMC-N-20", area: "NMC", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", pncId: "2019/0012345G" },
        delivered_at: null,
      },
    ]);
  });

  it("queues nothing more when the same nominal is saved unchanged, and re-registers when an identifier changes", async () => {
    await write("nominal", nominalLine("NMC-N-20", { pncId: "2019/0012345G", addresses: [{ postcode: "NM9 9ZZ", from: "2015-01-01", to: "2019-04-30" }, { postcode: "NM1 4QT", from: "2019-05-01" }] }));
    expect(await outbox("NMC-N-20")).toHaveLength(1);

    await write("nominal", nominalLine("NMC-N-20", { pncId: "2019/0012345G", addresses: [{ postcode: "NM2 7BD", from: "2024-01-01" }] }));
    const queued = await outbox("NMC-N-20");
    expect(queued).toHaveLength(2);
    expect(queued[1]!.registration.postcode).toBe("NM2 7BD");
  });

  it("sends no event data, and writes nothing to the outbox for events", async () => {
    const before = (await rowCounts(database.dataSource)).identity_outbox;
    await write("occurrence", occurrenceLine("NMC-O-20", "2024-04-01T12:00:00Z", { summary: "Sensitive narrative" }));
    expect((await rowCounts(database.dataSource)).identity_outbox).toBe(before);
    const all = await database.dataSource.query(`SELECT registration::text AS text FROM identity_outbox`);
    expect(all.map((row: { text: string }) => row.text).join()).not.toMatch(/Sensitive|addresses|line1|Mill Lane/);
  });
});
