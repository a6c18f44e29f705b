import { createTestDatabase, executeGraphQL, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { buildSchema, subgraph } from "../index";
import { rowCounts } from "./support/socialCareFixtures";

const RECORD_CLIENT = `mutation($input: ClientInput!) { recordClient(input: $input) { id council nhsNumber givenNames familyName dateOfBirth sex postcode } }`;
const RECORD_EPISODE = `mutation($input: EpisodeInput!) { recordEpisode(input: $input) { id kind startedAt endedAt category client { id givenNames } } }`;
const RECORD_INVOLVEMENT = `mutation($input: EpisodeInvolvementInput!) { recordEpisodeInvolvement(input: $input) { episodeId role client { id } } }`;
const RECORD_HOUSEHOLD_MEMBER = `mutation($input: HouseholdMemberInput!) { recordHouseholdMember(input: $input) { relationship client { id } member { id } } }`;
const CLIENT_WITH_HOUSEHOLD = `query($id: ID!) { client(id: $id) { id givenNames household { relationship client { id } member { id givenNames } } } }`;

const mother = { id: "NMB-C-1", council: "NMB", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "nm1 4qt", nhsNumber: "999 000 0115" };

describe("social care mutations", () => {
  let database: TestDatabase;
  let schema: GraphQLSchema;
  const run = (source: string, variables?: Record<string, unknown>) => executeGraphQL(schema, database.dataSource, source, variables);
  const outbox = () => database.dataSource.query(`SELECT local_id, registration FROM identity_outbox ORDER BY id`);

  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
    ({ schema } = await buildSchema());
  });
  afterAll(() => database.drop());

  it("records a client and queues its registration with only the minimal identifiers", async () => {
    const result = await run(RECORD_CLIENT, { input: mother });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordClient).toEqual({ ...mother, postcode: "NM1 4QT", nhsNumber: "9990000115" });

    expect(await outbox()).toEqual([
      {
        local_id: "NMB-C-1",
        registration: {
          agency: "social-care",
          localId: "NMB-C-1",
          area: "NMB",
          givenNames: "Penelope",
          familyName: "Ashworth",
          dateOfBirth: "1991-03-14",
          sex: "FEMALE",
          postcode: "NM1 4QT",
          nhsNumber: "9990000115",
        },
      },
    ]);
  });

  it("re-registers a client only when who they are changes", async () => {
    await run(RECORD_CLIENT, { input: mother });
    expect(await outbox()).toHaveLength(1);

    const moved = await run(RECORD_CLIENT, { input: { ...mother, postcode: "NM2 7AB" } });
    expect(moved.errors).toBeUndefined();
    const queued = await outbox();
    expect(queued).toHaveLength(2);
    expect(queued[1].registration.postcode).toBe("NM2 7AB");
  });

  it("assigns a UUID to a client recorded without an id", async () => {
    const result = await run(RECORD_CLIENT, { input: { council: "NMB", givenNames: "Lily", familyName: "Ashworth", dateOfBirth: "2016-07-01" } });
    expect(result.errors).toBeUndefined();
    const { id } = result.data?.recordClient as { id: string };
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [saved] = await database.dataSource.query(`SELECT given_names FROM client WHERE id = $1`, [id]);
    expect(saved.given_names).toBe("Lily");
  });

  it("records an episode, an involvement and a household member, and shows the household from both sides", async () => {
    await run(RECORD_CLIENT, { input: { id: "NMB-C-2", council: "NMB", givenNames: "Lily", familyName: "Ashworth" } });
    const episode = await run(RECORD_EPISODE, {
      input: { id: "NMB-EP-1", council: "NMB", clientId: "NMB-C-2", kind: "CHILD_PROTECTION_PLAN", startedAt: "2024-05-01T09:00:00Z", endedAt: "2024-11-01T09:00:00Z", category: "EMOTIONAL_ABUSE" },
    });
    expect(episode.errors).toBeUndefined();
    expect(episode.data?.recordEpisode).toEqual({
      id: "NMB-EP-1",
      kind: "CHILD_PROTECTION_PLAN",
      startedAt: "2024-05-01T09:00:00.000Z",
      endedAt: "2024-11-01T09:00:00.000Z",
      category: "EMOTIONAL_ABUSE",
      client: { id: "NMB-C-2", givenNames: "Lily" },
    });

    const involvement = await run(RECORD_INVOLVEMENT, { input: { episodeId: "NMB-EP-1", clientId: "NMB-C-1", role: "PARENT_OR_CARER" } });
    expect(involvement.data?.recordEpisodeInvolvement).toEqual({ episodeId: "NMB-EP-1", role: "PARENT_OR_CARER", client: { id: "NMB-C-1" } });

    const link = await run(RECORD_HOUSEHOLD_MEMBER, { input: { clientId: "NMB-C-1", memberClientId: "NMB-C-2", relationship: "PARENT_OF" } });
    expect(link.data?.recordHouseholdMember).toEqual({ relationship: "PARENT_OF", client: { id: "NMB-C-1" }, member: { id: "NMB-C-2" } });

    const expected = [{ relationship: "PARENT_OF", client: { id: "NMB-C-1" }, member: { id: "NMB-C-2", givenNames: "Lily" } }];
    const parent = await run(CLIENT_WITH_HOUSEHOLD, { id: "NMB-C-1" });
    expect((parent.data?.client as { household: unknown }).household).toEqual(expected);
    const child = await run(CLIENT_WITH_HOUSEHOLD, { id: "NMB-C-2" });
    expect((child.data?.client as { household: unknown }).household).toEqual(expected);
  });

  it("records an episode about an unborn child, and says so", async () => {
    const result = await run(`mutation($input: EpisodeInput!) { recordEpisode(input: $input) { id kind unbornChild } }`, {
      input: { id: "NMB-EP-U", council: "NMB", clientId: "NMB-C-1", kind: "CHILD_PROTECTION_PLAN", startedAt: "2024-02-01T09:00:00Z", unbornChild: true },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordEpisode).toEqual({ id: "NMB-EP-U", kind: "CHILD_PROTECTION_PLAN", unbornChild: true });
    expect(await database.dataSource.query(`SELECT id, unborn_child FROM episode ORDER BY id`)).toEqual([
      { id: "NMB-EP-1", unborn_child: false },
      { id: "NMB-EP-U", unborn_child: true },
    ]);
  });

  it("answers null for a client the council does not hold", async () => {
    const result = await run(CLIENT_WITH_HOUSEHOLD, { id: "NMB-C-404" });
    expect(result.errors).toBeUndefined();
    expect(result.data?.client).toBeNull();
  });

  it.each([
    ["a client", RECORD_CLIENT, { ...mother, council: "EVC", nhsNumber: null, givenNames: "Someone", familyName: "Else" }, "client NMB-C-1"],
    ["an episode", RECORD_EPISODE, { id: "NMB-EP-1", council: "EVC", clientId: "NMB-C-2", kind: "CHILD_IN_NEED", startedAt: "2024-06-01T09:00:00Z" }, "episode NMB-EP-1"],
  ])("refuses %s under an id another council holds, on input.id naming the council, writing nothing", async (_case, mutation, input, record) => {
    const heldRecords = () =>
      database.dataSource.query(`SELECT row_to_json(c) AS client, row_to_json(e) AS episode FROM client c, episode e WHERE c.id = 'NMB-C-1' AND e.id = 'NMB-EP-1'`);
    const held = await heldRecords();
    const before = await rowCounts(database.dataSource);
    const result = await run(mutation, { input });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.id" });
    expect(result.errors?.[0]?.message).toBe(`input.id: is already used by council NMB: ${record} stays with the council that recorded it`);
    expect(await rowCounts(database.dataSource)).toEqual(before);
    expect(await heldRecords()).toEqual(held);
  });

  it.each([
    ["a client with a wrong NHS number check digit", RECORD_CLIENT, { ...mother, id: "NMB-C-3", nhsNumber: "9990000116" }, "input.nhsNumber"],
    ["a client born in the future", RECORD_CLIENT, { ...mother, id: "NMB-C-3", dateOfBirth: "2999-01-01" }, "input.dateOfBirth"],
    ["a client whose council is a name, not a code", RECORD_CLIENT, { ...mother, id: "NMB-C-3", council: "Northmoor Borough Council" }, "input.council"],
    ["an episode ending before it started", RECORD_EPISODE, { id: "NMB-EP-2", council: "NMB", clientId: "NMB-C-2", kind: "REFERRAL", startedAt: "2024-05-01T09:00:00Z", endedAt: "2024-04-01T09:00:00Z" }, "input.endedAt"],
    ["an episode starting in the future", RECORD_EPISODE, { id: "NMB-EP-2", council: "NMB", clientId: "NMB-C-2", kind: "REFERRAL", startedAt: "2999-05-01T09:00:00Z" }, "input.startedAt"],
    ["an episode about an unknown client", RECORD_EPISODE, { id: "NMB-EP-2", council: "NMB", clientId: "NMB-C-99", kind: "REFERRAL", startedAt: "2024-05-01T09:00:00Z" }, "input.clientId"],
    ["an involvement in an unknown episode", RECORD_INVOLVEMENT, { episodeId: "NMB-EP-99", clientId: "NMB-C-1", role: "OTHER" }, "input.episodeId"],
    ["a client as their own household member", RECORD_HOUSEHOLD_MEMBER, { clientId: "NMB-C-1", memberClientId: "NMB-C-1", relationship: "PARTNER_OF" }, "input.memberClientId"],
  ])("rejects %s with BAD_USER_INPUT naming the field, writing nothing", async (_case, mutation, input, field) => {
    const before = await rowCounts(database.dataSource);
    const result = await run(mutation, { input });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field });
    expect(await rowCounts(database.dataSource)).toEqual(before);
  });
});
