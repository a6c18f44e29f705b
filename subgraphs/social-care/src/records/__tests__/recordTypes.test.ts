import { writeRecord } from "@tessera/kit";
import { createTestDatabase, testContext, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLError } from "graphql";
import { recordTypes, subgraph } from "../../index";
import { rowCounts } from "../../__tests__/support/socialCareFixtures";

const mother = { id: "NMB-C-1", council: "NMB", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "nm1 4qt", nhsNumber: "999 000 0115" };
const child = { id: "NMB-C-2", council: "NMB", givenNames: "Lily", familyName: "Ashworth", dateOfBirth: "2016-07-01", sex: "FEMALE" };
const referral = { id: "NMB-EP-1", council: "NMB", clientId: "NMB-C-2", kind: "REFERRAL", startedAt: "2024-03-05T10:00:00Z", summary: "School reports child disclosed shouting at home" };
const involvement = { episodeId: "NMB-EP-1", clientId: "NMB-C-1", role: "PARENT_OR_CARER" };
const household = { clientId: "NMB-C-1", memberClientId: "NMB-C-2", relationship: "PARENT_OF" };

describe("social care record types", () => {
  let database: TestDatabase;
  const write = (type: string, input: object) => writeRecord(testContext(database.dataSource), recordTypes, type, input);

  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
  });
  afterAll(() => database.drop());

  it("saves a valid record of each type, normalising identifiers", async () => {
    await write("client", mother);
    await write("client", child);
    await write("episode", referral);
    await write("episodeInvolvement", involvement);
    await write("householdMember", household);

    expect(await rowCounts(database.dataSource)).toEqual({ client: 2, episode: 1, episode_involvement: 1, household_member: 1, identity_outbox: 2 });
    const [saved] = await database.dataSource.query(`SELECT nhs_number, postcode, date_of_birth::text AS dob FROM client WHERE id = 'NMB-C-1'`);
    expect(saved).toEqual({ nhs_number: "9990000115", postcode: "NM1 4QT", dob: "1991-03-14" });
  });

  it("upserts: writing records again changes nothing, a changed record is updated in place", async () => {
    const before = await rowCounts(database.dataSource);
    await write("client", mother);
    await write("episodeInvolvement", involvement);
    await write("episode", { ...referral, endedAt: "2024-03-20T12:00:00Z", outcome: "Progressed to assessment" });
    await write("householdMember", { ...household, relationship: "OTHER_ADULT" });

    expect(await rowCounts(database.dataSource)).toEqual(before);
    const [episode] = await database.dataSource.query(`SELECT outcome, ended_at FROM episode WHERE id = 'NMB-EP-1'`);
    expect(episode).toEqual({ outcome: "Progressed to assessment", ended_at: new Date("2024-03-20T12:00:00Z") });
    const [link] = await database.dataSource.query(`SELECT relationship FROM household_member`);
    expect(link.relationship).toBe("OTHER_ADULT");
  });

  it("records whether an episode is about an unborn child, false unless it says so", async () => {
    await write("episode", { ...referral, id: "NMB-EP-U", clientId: "NMB-C-1", kind: "SECTION_47_ENQUIRY", unbornChild: true });
    expect(await database.dataSource.query(`SELECT id, unborn_child FROM episode ORDER BY id`)).toEqual([
      { id: "NMB-EP-1", unborn_child: false },
      { id: "NMB-EP-U", unborn_child: true },
    ]);
  });

  it.each([
    ["client: wrong NHS number check digit", "client", { ...mother, nhsNumber: "9990000116" }, "input.nhsNumber"],
    ["client: date of birth in the future", "client", { ...mother, dateOfBirth: "2999-01-01" }, "input.dateOfBirth"],
    ["client: family name missing", "client", { ...mother, familyName: undefined }, "input.familyName"],
    ["client: blank council", "client", { ...mother, council: "  " }, "input.council"],
    ["client: lower-case council", "client", { ...mother, council: "nmb" }, "input.council"],
    ["episode: council code too long", "episode", { ...referral, council: "NORTHMOORBC" }, "input.council"],
    ["client: unknown sex", "client", { ...mother, sex: "F" }, "input.sex"],
    ["client: not a postcode", "client", { ...mother, postcode: "12345" }, "input.postcode"],
    ["client: malformed id", "client", { ...mother, id: "NMB C 1" }, "input.id"],
    ["client: id missing", "client", { ...mother, id: undefined }, "input.id"],
    ["episode: unknown kind", "episode", { ...referral, kind: "ASSESSMENT" }, "input.kind"],
    ["episode: start in the future", "episode", { ...referral, startedAt: "2999-01-01T00:00:00Z" }, "input.startedAt"],
    ["episode: start not ISO 8601", "episode", { ...referral, startedAt: "5 March 2024" }, "input.startedAt"],
    ["episode: end before start", "episode", { ...referral, endedAt: "2024-03-01T00:00:00Z" }, "input.endedAt"],
    ["episode: unknown category", "episode", { ...referral, category: "FINANCIAL_ABUSE" }, "input.category"],
    ["episode: unbornChild not true or false", "episode", { ...referral, unbornChild: "yes" }, "input.unbornChild"],
    ["episode: unknown client", "episode", { ...referral, id: "NMB-EP-2", clientId: "NMB-C-99" }, "input.clientId"],
    ["involvement: unknown role", "episodeInvolvement", { ...involvement, role: "VICTIM" }, "input.role"],
    ["involvement: unknown episode", "episodeInvolvement", { ...involvement, episodeId: "NMB-EP-99" }, "input.episodeId"],
    ["involvement: unknown client", "episodeInvolvement", { ...involvement, clientId: "NMB-C-99" }, "input.clientId"],
    ["household member: unknown relationship", "householdMember", { ...household, relationship: "FRIEND_OF" }, "input.relationship"],
    ["household member: the client themself", "householdMember", { ...household, memberClientId: "NMB-C-1" }, "input.memberClientId"],
    ["household member: unknown member", "householdMember", { ...household, memberClientId: "NMB-C-99" }, "input.memberClientId"],
  ])("rejects %s, naming the field and writing nothing", async (_case, type, input, field) => {
    const before = await rowCounts(database.dataSource);
    const error = (await write(type, input).catch((e: unknown) => e)) as GraphQLError;
    expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });
});
