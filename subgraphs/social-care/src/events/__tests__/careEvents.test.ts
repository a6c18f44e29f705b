import { Classification, loadAccessPolicy, RequestAccess, secureSchema } from "@tessera/kit";
import { createTestDatabase, executeGraphQL, subjectEntitiesQuery, testCaller, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { EpisodeCategory } from "../../episodes/EpisodeCategory";
import { EpisodeKind } from "../../episodes/EpisodeKind";
import { buildSchema, subgraph } from "../../index";
import { ofType, seed } from "../../__tests__/support/socialCareFixtures";
import { classifyEpisode } from "../classifyEpisode";

interface EventResult {
  id: string;
  role: string;
  counterparts?: { role: string; person: { agency: string; localId: string } }[];
  [field: string]: unknown;
}
interface EntitiesResult {
  _entities: { id: string; careEvents: EventResult[] }[];
}

const client = (id: string, givenNames: string) => ({ id, council: "NMB", givenNames, familyName: "Ashworth" });
const subject = (id: string, ...records: [agency: string, localId: string][]) => ({
  __typename: "Subject",
  id,
  records: records.map(([agency, localId]) => ({ agency, localId })),
});

describe("Subject.careEvents", () => {
  let database: TestDatabase;
  let schema: GraphQLSchema;
  const entities = (selection: string, representations: object[]) =>
    executeGraphQL<EntitiesResult>(schema, database.dataSource, subjectEntitiesQuery(selection), { representations });
  const eventIds = (result: { data?: EntitiesResult | null }, index = 0) => result.data?._entities[index]?.careEvents.map((event) => event.id);

  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
    ({ schema } = await buildSchema());
    // A mother (C-1), her child (C-2), her partner (C-3), another child (C-4), and an adult at risk (C-5).
    await seed(database.dataSource, ofType("client", [client("C-1", "Penelope"), client("C-2", "Lily"), client("C-3", "Dan"), client("C-4", "Rose"), client("C-5", "Edith")]));
    await seed(database.dataSource, ofType("episode", [
      { id: "EP-1", council: "NMB", clientId: "C-2", kind: "REFERRAL", startedAt: "2024-03-05T10:00:00Z", summary: "School reports shouting at home" },
      { id: "EP-2", council: "NMB", clientId: "C-2", kind: "SECTION_47_ENQUIRY", startedAt: "2024-04-01T10:00:00Z" },
      { id: "EP-3", council: "NMB", clientId: "C-2", kind: "CHILD_PROTECTION_PLAN", startedAt: "2024-05-01T10:00:00Z", endedAt: "2024-11-01T10:00:00Z", category: "EMOTIONAL_ABUSE", outcome: "Plan ended" },
      { id: "EP-4", council: "NMA", clientId: "C-4", kind: "CHILD_IN_NEED", startedAt: "2023-01-10T10:00:00Z" },
      { id: "EP-5", council: "NMB", clientId: "C-5", kind: "SECTION_42_ENQUIRY", startedAt: "2024-06-01T10:00:00Z" },
    ]));
    await seed(database.dataSource, ofType("episodeInvolvement", [
      { episodeId: "EP-1", clientId: "C-1", role: "PARENT_OR_CARER" },
      { episodeId: "EP-1", clientId: "C-3", role: "HOUSEHOLD_MEMBER" },
      { episodeId: "EP-1", clientId: "C-3", role: "ALLEGED_PERPETRATOR" },
      { episodeId: "EP-2", clientId: "C-1", role: "PARENT_OR_CARER" },
      { episodeId: "EP-3", clientId: "C-1", role: "PARENT_OR_CARER" },
      { episodeId: "EP-3", clientId: "C-3", role: "ALLEGED_PERPETRATOR" },
      { episodeId: "EP-4", clientId: "C-1", role: "PARENT_OR_CARER" },
      { episodeId: "EP-5", clientId: "C-3", role: "ALLEGED_PERPETRATOR" },
    ]));
  });
  afterAll(() => database.drop());

  it("lists each subject's episodes newest first, with the part the subject played, ignoring other agencies' records", async () => {
    const result = await entities("careEvents { id role }", [
      // C-5 is also a social care id, but this record is police's: EP-5 must not appear.
      subject("S-mother", ["social-care", "C-1"], ["police", "C-5"]),
      subject("S-partner", ["social-care", "C-3"]),
      subject("S-child", ["social-care", "C-2"]),
      subject("S-police-only", ["police", "C-2"]),
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "S-mother",
        careEvents: [
          { id: "EP-3", role: "PARENT_OR_CARER" },
          { id: "EP-2", role: "PARENT_OR_CARER" },
          { id: "EP-1", role: "PARENT_OR_CARER" },
          { id: "EP-4", role: "PARENT_OR_CARER" },
        ],
      },
      {
        id: "S-partner",
        careEvents: [
          { id: "EP-5", role: "ALLEGED_PERPETRATOR" },
          { id: "EP-3", role: "ALLEGED_PERPETRATOR" },
          // Household member and alleged perpetrator in EP-1: one event, the part that matters most to risk.
          { id: "EP-1", role: "ALLEGED_PERPETRATOR" },
        ],
      },
      {
        id: "S-child",
        careEvents: [
          { id: "EP-3", role: "SUBJECT_OF_CONCERN" },
          { id: "EP-2", role: "SUBJECT_OF_CONCERN" },
          { id: "EP-1", role: "SUBJECT_OF_CONCERN" },
        ],
      },
      { id: "S-police-only", careEvents: [] },
    ]);
  });

  it("carries the common event shape and the episode's own detail", async () => {
    const result = await entities(
      "careEvents(kinds: [\"CHILD_PROTECTION_PLAN\", \"CHILD_IN_NEED\", \"REFERRAL\"]) { id agency area occurredAt kind classification startedAt endedAt outcome category summary }",
      [subject("S-mother", ["social-care", "C-1"])],
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]?.careEvents).toEqual([
      { id: "EP-3", agency: "social-care", area: "NMB", occurredAt: "2024-05-01T10:00:00.000Z", kind: "CHILD_PROTECTION_PLAN", classification: "OFFICIAL_SENSITIVE", startedAt: "2024-05-01T10:00:00.000Z", endedAt: "2024-11-01T10:00:00.000Z", outcome: "Plan ended", category: "EMOTIONAL_ABUSE", summary: null },
      { id: "EP-1", agency: "social-care", area: "NMB", occurredAt: "2024-03-05T10:00:00.000Z", kind: "REFERRAL", classification: "OFFICIAL", startedAt: "2024-03-05T10:00:00.000Z", endedAt: null, outcome: null, category: null, summary: "School reports shouting at home" },
      { id: "EP-4", agency: "social-care", area: "NMA", occurredAt: "2023-01-10T10:00:00.000Z", kind: "CHILD_IN_NEED", classification: "OFFICIAL", startedAt: "2023-01-10T10:00:00.000Z", endedAt: null, outcome: null, category: null, summary: null },
    ]);
  });

  it.each([
    ["from and to (inclusive, on the start)", `careEvents(from: "2024-03-05T10:00:00Z", to: "2024-04-01T10:00:00Z")`, ["EP-2", "EP-1"]],
    ["kinds", `careEvents(kinds: ["REFERRAL", "CHILD_IN_NEED"])`, ["EP-1", "EP-4"]],
    ["limit, keeping the newest", `careEvents(limit: 2)`, ["EP-3", "EP-2"]],
  ])("honours %s", async (_case, field, expected) => {
    const result = await entities(`${field} { id role }`, [subject("S-mother", ["social-care", "C-1"])]);
    expect(result.errors).toBeUndefined();
    expect(eventIds(result)).toEqual(expected);
  });

  it.each([
    ["an unknown kind", `careEvents(kinds: ["ASSESSMENT"])`, "kinds"],
    ["limit 0", `careEvents(limit: 0)`, "limit"],
  ])("rejects %s with BAD_USER_INPUT", async (_case, field, expectedField) => {
    const result = await entities(`${field} { id }`, [subject("S-mother", ["social-care", "C-1"])]);
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: expectedField });
  });

  it("gives everyone else in the episode as counterparts, with their parts, never the subject's own record", async () => {
    const result = await entities("careEvents(kinds: [\"REFERRAL\"]) { id counterparts { role person { agency localId } } }", [
      subject("S-mother", ["social-care", "C-1"]),
      subject("S-child", ["social-care", "C-2"]),
    ]);
    expect(result.errors).toBeUndefined();
    const counterparts = (index: number) => result.data?._entities[index]?.careEvents[0]?.counterparts?.map((c) => `${c.person.agency}/${c.person.localId} ${c.role}`);
    expect(counterparts(0)).toEqual(["social-care/C-2 SUBJECT_OF_CONCERN", "social-care/C-3 ALLEGED_PERPETRATOR", "social-care/C-3 HOUSEHOLD_MEMBER"]);
    expect(counterparts(1)).toEqual(["social-care/C-1 PARENT_OR_CARER", "social-care/C-3 ALLEGED_PERPETRATOR", "social-care/C-3 HOUSEHOLD_MEMBER"]);
  });

  describe("markers, children in the household and the record", () => {
    /**
     * Maya (H-M) is referred while pregnant (an unborn child's referral, October 2023). By the plan for
     * her daughter Amy (H-K1, born 2016) in March 2024, her baby Ben (H-K2) is six weeks old. Her son
     * Kit (H-K3) has no recorded date of birth; Sam (H-S), her grown son, and Tia (H-T), who turns 18
     * the day the plan starts, live with her too. Her partner Joe (H-P) has no household recorded.
     * All synthetic.
     */
    beforeAll(async () => {
      const person = (id: string, givenNames: string, dateOfBirth?: string) => ({ id, council: "NMB", givenNames, familyName: "Okafor", ...(dateOfBirth ? { dateOfBirth } : {}) });
      await seed(database.dataSource, [
        ...ofType("client", [person("H-M", "Maya", "1992-05-05"), person("H-P", "Joe", "1990-01-01"), person("H-K1", "Amy", "2016-09-09"), person("H-K2", "Ben", "2024-01-15"), person("H-K3", "Kit"), person("H-S", "Sam", "2000-02-02"), person("H-T", "Tia", "2006-03-01")]),
        ...ofType("episode", [
          { id: "H-EP-U", council: "NMB", clientId: "H-M", kind: "REFERRAL", startedAt: "2023-10-01T10:00:00Z", unbornChild: true },
          { id: "H-EP-CP", council: "NMB", clientId: "H-K1", kind: "CHILD_PROTECTION_PLAN", startedAt: "2024-03-01T10:00:00Z", category: "EMOTIONAL_ABUSE" },
          { id: "H-EP-1Y", council: "NMB", clientId: "H-M", kind: "CHILD_IN_NEED", startedAt: "2025-01-15T10:00:00Z" },
        ]),
        ...ofType("episodeInvolvement", [
          { episodeId: "H-EP-CP", clientId: "H-M", role: "PARENT_OR_CARER" },
          { episodeId: "H-EP-CP", clientId: "H-P", role: "ALLEGED_PERPETRATOR" },
          { episodeId: "H-EP-U", clientId: "H-P", role: "HOUSEHOLD_MEMBER" },
        ]),
        ...ofType("householdMember", [
          { clientId: "H-M", memberClientId: "H-K1", relationship: "PARENT_OF" },
          { clientId: "H-M", memberClientId: "H-K2", relationship: "PARENT_OF" },
          // Recorded on the child's side: Kit is Maya's child.
          { clientId: "H-K3", memberClientId: "H-M", relationship: "CHILD_OF" },
          { clientId: "H-M", memberClientId: "H-S", relationship: "PARENT_OF" },
          { clientId: "H-T", memberClientId: "H-M", relationship: "CHILD_OF" },
        ]),
      ]);
    });

    const careEvents = async (id: string, selection = "id recordId markers childrenInHousehold") => {
      const result = await entities(`careEvents { ${selection} }`, [subject(`S-${id}`, ["social-care", id])]);
      expect(result.errors).toBeUndefined();
      return result.data!._entities[0]!.careEvents;
    };

    it("counts the children at home when each episode started, and marks a new baby, a pregnancy and a child protection plan", async () => {
      expect(await careEvents("H-M")).toEqual([
        // Ben turned one the day this started: still three children, no longer a new baby.
        { id: "H-EP-1Y", recordId: "H-M", markers: ["CHILDREN_IN_HOUSEHOLD"], childrenInHousehold: 3 },
        // Amy, Ben (under one) and Kit; Tia turned 18 that day, Sam is grown.
        { id: "H-EP-CP", recordId: "H-M", markers: ["NEW_BABY", "CHILDREN_IN_HOUSEHOLD", "CHILD_HARMED_OR_THREATENED"], childrenInHousehold: 3 },
        // Before Ben was born: Amy, Kit and Tia (17). The referral is about her unborn child.
        { id: "H-EP-U", recordId: "H-M", markers: ["PREGNANCY", "CHILDREN_IN_HOUSEHOLD"], childrenInHousehold: 3 },
      ]);
    });

    it("reads the household of the record the subject is in the episode through: the child's own, and none recorded for the partner", async () => {
      // Amy's household is her mother, an adult: known, and without children.
      expect(await careEvents("H-K1")).toEqual([{ id: "H-EP-CP", recordId: "H-K1", markers: ["CHILD_HARMED_OR_THREATENED"], childrenInHousehold: 0 }]);
      // The episode's own markers hold for everyone in it; an unrecorded household is unknown, not empty.
      expect(await careEvents("H-P")).toEqual([
        { id: "H-EP-CP", recordId: "H-P", markers: ["CHILD_HARMED_OR_THREATENED"], childrenInHousehold: null },
        { id: "H-EP-U", recordId: "H-P", markers: ["PREGNANCY"], childrenInHousehold: null },
      ]);
    });

    it("names as recordId each record of a subject with two, and never lists that record as its own counterpart", async () => {
      const result = await entities("careEvents(kinds: [\"CHILD_PROTECTION_PLAN\"]) { id recordId counterparts { person { localId } } }", [subject("S-both", ["social-care", "H-M"], ["social-care", "C-4"])]);
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities[0]!.careEvents).toEqual([
        { id: "H-EP-CP", recordId: "H-M", counterparts: [{ person: { localId: "H-K1" } }, { person: { localId: "H-P" } }] },
      ]);
    });

    it("shows markers, childrenInHousehold and recordId to a partner at the signal level, without a justification", async () => {
      const policy = loadAccessPolicy(subgraph.policyFile!, "social-care");
      expect(policy.types.CareEvent!.fields).toMatchObject({ markers: "signal", recordId: "signal", childrenInHousehold: "signal" });
      expect(policy.types.Counterpart!.fields).toMatchObject({ relationship: "signal" });
      expect(policy.types.Episode!.fields).toMatchObject({ unbornChild: "detail" });
      const secured = secureSchema((await buildSchema()).schema, policy);
      const caller = testCaller({ agency: "health", roles: ["clinician"], area: "NVH", purpose: "safeguarding" });
      const result = await executeGraphQL<EntitiesResult>(secured, database.dataSource, subjectEntitiesQuery(`careEvents(kinds: ["REFERRAL"]) { id recordId markers childrenInHousehold }`), { representations: [subject("S-H-M", ["social-care", "H-M"])] }, { caller, access: new RequestAccess(policy, caller) });
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities[0]!.careEvents).toEqual([{ id: "H-EP-U", recordId: "H-M", markers: ["PREGNANCY", "CHILDREN_IN_HOUSEHOLD"], childrenInHousehold: 3 }]);
    });
  });

  it("loads events and counterparts for 10 subjects in as many SQL statements as for 1", async () => {
    const clients = Array.from({ length: 10 }, (_, i) => client(`L-${i}`, `Person${i}`));
    await seed(database.dataSource, ofType("client", clients));
    await seed(database.dataSource, ofType("episode", clients.map((c, i) => ({ id: `LEP-${i}`, council: "NMB", clientId: c.id, kind: "REFERRAL", startedAt: `2024-01-${String(i + 10)}T10:00:00Z` }))));
    await seed(database.dataSource, ofType("episodeInvolvement", clients.map((_c, i) => ({ episodeId: `LEP-${i}`, clientId: `L-${(i + 1) % 10}`, role: "HOUSEHOLD_MEMBER" }))));
    const selection = "careEvents { id role recordId markers childrenInHousehold counterparts { role person { localId } } }";
    const statements = async (count: number) => {
      const representations = clients.slice(0, count).map((c) => subject(`S-${c.id}`, ["social-care", c.id]));
      const before = database.counter.statements;
      const result = await entities(selection, representations);
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities.every((entity) => entity.careEvents.length === 2 && entity.careEvents.every((e) => e.counterparts?.length === 1))).toBe(true);
      return database.counter.statements - before;
    };
    const forOne = await statements(1);
    expect(forOne).toBe(2);
    expect(await statements(10)).toBe(forOne);
  });
});

describe("classifyEpisode", () => {
  it.each([
    [EpisodeKind.SECTION_47_ENQUIRY, null, Classification.OFFICIAL_SENSITIVE],
    [EpisodeKind.CHILD_PROTECTION_PLAN, null, Classification.OFFICIAL_SENSITIVE],
    [EpisodeKind.SECTION_42_ENQUIRY, null, Classification.OFFICIAL_SENSITIVE],
    [EpisodeKind.REFERRAL, EpisodeCategory.SEXUAL_ABUSE, Classification.OFFICIAL_SENSITIVE],
    [EpisodeKind.REFERRAL, null, Classification.OFFICIAL],
    [EpisodeKind.CHILD_IN_NEED, null, Classification.OFFICIAL],
  ])("marks %s with category %s as %s", (kind, category, expected) => {
    expect(classifyEpisode(kind, category)).toBe(expected);
  });
});
