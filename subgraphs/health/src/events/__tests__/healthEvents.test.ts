import type { GraphQLSchema } from "graphql";
import { loadAccessPolicy, RequestAccess, secureSchema } from "@tessera/kit";
import { createTestDatabase, executeGraphQL, subjectEntitiesQuery, testCaller, type NdjsonRecord, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { concernLine, encounterLine, patientLine, seed } from "../../__tests__/support/healthFixtures";

interface Counterpart {
  role: string;
  person: { agency: string; localId: string };
}
interface EventResult {
  id: string;
  agency: string;
  area: string;
  occurredAt: string;
  kind: string;
  role: string;
  classification: string;
  counterparts: Counterpart[];
  [detail: string]: unknown;
}
interface EntitiesResult {
  _entities: { id: string; healthEvents: EventResult[] }[];
}

const EVENT_FIELDS = `id agency area occurredAt kind role classification counterparts { role person { agency localId } }
  setting presentingComplaint injury injuryDescription disclosedAbuse allegedPerpetratorName concernCategory summary`;

const subject = (id: string, ...records: [agency: string, localId: string][]) => ({
  __typename: "Subject",
  id,
  records: records.map(([agency, localId]) => ({ agency, localId })),
});

/**
 * Penelope (P-1) attends ED disclosing abuse by Dan (P-2), who is also a patient; a concern is raised
 * from that attendance. Clara (P-3), at another trust's SARC, names Dan too. Dan has two patient
 * records (P-2, and P-5 at another trust). A child protection concern about Clara's newborn (P-6)
 * is raised from Clara's maternity encounter. All synthetic.
 */
const SCENARIO: NdjsonRecord[] = [
  patientLine("P-1"),
  patientLine("P-2", { givenNames: "Dan", familyName: "Mercer", sex: "MALE", dateOfBirth: "1988-07-01" }),
  patientLine("P-3", { givenNames: "Clara", familyName: "Hughes", dateOfBirth: "1995-11-30" }),
  patientLine("P-5", { trust: "WYT", givenNames: "Daniel", familyName: "Mercer", sex: "MALE", dateOfBirth: "1988-07-01" }),
  encounterLine("E-1", "P-1", { presentingComplaint: "Fall at home", injury: true, injuryDescription: "Bruising to left forearm", disclosedAbuse: true, allegedPerpetratorName: "Dan", allegedPerpetratorPatientId: "P-2" }),
  encounterLine("E-2", "P-1", { setting: "GP", occurredAt: "2024-01-15T09:30:00Z", presentingComplaint: "Headaches" }),
  concernLine("S-1", "P-1", { encounterId: "E-1", summary: "IDVA referral offered" }),
  encounterLine("E-3", "P-3", { trust: "WYT", setting: "SEXUAL_ASSAULT_REFERRAL_CENTRE", occurredAt: "2024-05-01T22:00:00Z", allegedPerpetratorPatientId: "P-2" }),
  concernLine("S-2", "P-3", { raisedAt: "2024-05-02T08:00:00Z", category: "SEXUAL_VIOLENCE" }),
  encounterLine("E-4", "P-2", { setting: "MINOR_INJURY_UNIT", occurredAt: "2024-02-01T12:00:00Z", injury: true, injuryDescription: "Cut to right hand" }),
  encounterLine("E-5", "P-5", { trust: "WYT", setting: "GP", occurredAt: "2023-11-20T10:00:00Z" }),
  patientLine("P-6", { givenNames: "Baby", familyName: "Hughes", dateOfBirth: "2024-04-10", sex: "NOT_KNOWN" }),
  encounterLine("E-6", "P-3", { trust: "WYT", setting: "MATERNITY", occurredAt: "2024-04-10T06:00:00Z", presentingComplaint: "Delivery" }),
  concernLine("S-3", "P-6", { encounterId: "E-6", raisedAt: "2024-04-10T12:00:00Z", category: "CHILD_PROTECTION" }),
];

describe("Subject.healthEvents", () => {
  let database: TestDatabase;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
    schema = (await subgraph.buildSchema()).schema;
    await seed(database.dataSource, SCENARIO);
  });
  afterAll(() => database.drop());

  async function events(representations: object[], args = "", selection = EVENT_FIELDS) {
    const result = await executeGraphQL<EntitiesResult>(schema, database.dataSource, subjectEntitiesQuery(`healthEvents${args} { ${selection} }`), { representations });
    expect(result.errors).toBeUndefined();
    return result.data!._entities.map((entity) => entity.healthEvents);
  }
  const ids = (list: EventResult[]) => list.map((event) => event.id);

  it("returns each subject's encounters and concerns newest first, ignoring other agencies' records", async () => {
    const [penelope, clara] = await events([subject("S-PEN", ["health", "P-1"], ["police", "P-3"], ["social-care", "P-2"]), subject("S-CLA", ["health", "P-3"])]);
    expect(ids(penelope!)).toEqual(["S-1", "E-1", "E-2"]);
    expect(ids(clara!)).toEqual(["S-2", "E-3", "E-6"]);
  });

  it("describes an encounter with its detail, its trust as area and a sensitive classification when abuse is disclosed", async () => {
    const [penelope] = await events([subject("S-PEN", ["health", "P-1"])]);
    expect(penelope![1]).toEqual({
      id: "E-1",
      agency: "health",
      area: "NVH",
      occurredAt: "2024-03-02T01:10:00.000Z",
      kind: "EMERGENCY_DEPARTMENT",
      role: "PATIENT",
      classification: "OFFICIAL_SENSITIVE",
      counterparts: [{ role: "ALLEGED_PERPETRATOR", person: { agency: "health", localId: "P-2" } }],
      setting: "EMERGENCY_DEPARTMENT",
      presentingComplaint: "Fall at home",
      injury: true,
      injuryDescription: "Bruising to left forearm",
      disclosedAbuse: true,
      allegedPerpetratorName: "Dan",
      concernCategory: null,
      summary: null,
    });
    expect(penelope![2]).toMatchObject({ id: "E-2", kind: "GP", classification: "OFFICIAL", counterparts: [], injury: false, disclosedAbuse: false });
  });

  it("describes a concern with its category, the raising encounter's trust and perpetrator, always OFFICIAL-SENSITIVE", async () => {
    const [penelope, clara] = await events([subject("S-PEN", ["health", "P-1"]), subject("S-CLA", ["health", "P-3"])]);
    expect(penelope![0]).toEqual({
      id: "S-1",
      agency: "health",
      area: "NVH",
      occurredAt: "2024-03-02T03:00:00.000Z",
      kind: "SAFEGUARDING_CONCERN",
      role: "PATIENT",
      classification: "OFFICIAL_SENSITIVE",
      counterparts: [{ role: "ALLEGED_PERPETRATOR", person: { agency: "health", localId: "P-2" } }],
      setting: null,
      presentingComplaint: null,
      injury: false,
      injuryDescription: null,
      disclosedAbuse: false,
      allegedPerpetratorName: null,
      concernCategory: "DOMESTIC_ABUSE",
      summary: "IDVA referral offered",
    });
    // Raised without an encounter: the area is the trust holding the patient record.
    expect(clara![0]).toMatchObject({ id: "S-2", area: "NVH", counterparts: [], concernCategory: "SEXUAL_VIOLENCE" });
    // A SARC attendance is sexual-violence related, so sensitive, and at its own trust.
    expect(clara![1]).toMatchObject({ id: "E-3", area: "WYT", classification: "OFFICIAL_SENSITIVE" });
    // No disclosure at the maternity encounter, but a concern was raised from it: sensitive.
    expect(clara![2]).toMatchObject({ id: "E-6", kind: "MATERNITY", disclosedAbuse: false, classification: "OFFICIAL_SENSITIVE" });
  });

  it("shows a concern raised from another patient's encounter under the patient it is about, at that encounter's trust", async () => {
    const [baby] = await events([subject("S-BABY", ["health", "P-6"])]);
    expect(baby).toEqual([expect.objectContaining({ id: "S-3", area: "WYT", kind: "SAFEGUARDING_CONCERN", concernCategory: "CHILD_PROTECTION", counterparts: [] })]);
  });

  it("merges the events of every patient record linked to one subject", async () => {
    const [dan] = await events([subject("S-DAN", ["health", "P-2"], ["health", "P-5"])]);
    expect(dan!.map((event) => [event.id, event.area, event.kind])).toEqual([
      ["E-4", "NVH", "MINOR_INJURY_UNIT"],
      ["E-5", "WYT", "GP"],
    ]);
  });

  it("lets the graph walk from a victim to the alleged perpetrator's other victims' events", async () => {
    const [penelope, clara] = await events([subject("S-PEN", ["health", "P-1"]), subject("S-CLA", ["health", "P-3"])], "", "id counterparts { role person { agency localId } }");
    const perpetrators = (list: EventResult[]) => new Set(list.flatMap((event) => event.counterparts.map((c) => `${c.role}:${c.person.localId}`)));
    expect(perpetrators(penelope!)).toEqual(new Set(["ALLEGED_PERPETRATOR:P-2"]));
    expect(perpetrators(clara!)).toEqual(new Set(["ALLEGED_PERPETRATOR:P-2"]));
  });

  describe("markers, the record and the gestation", () => {
    /**
     * Maya (M-1) is strangled while 33 weeks pregnant, books in at maternity, has her baby (M-2), and
     * later overdoses; she also has a record at another trust (M-3). All synthetic.
     */
    beforeAll(() =>
      seed(database.dataSource, [
        patientLine("M-1", { givenNames: "Maya", familyName: "Okafor", dateOfBirth: "1993-05-05" }),
        patientLine("M-2", { givenNames: "Baby", familyName: "Okafor", dateOfBirth: "2024-04-10", sex: "NOT_KNOWN" }),
        patientLine("M-3", { trust: "WYT", givenNames: "Maya", familyName: "Okafor", dateOfBirth: "1993-05-05" }),
        encounterLine("M-E-1", "M-1", { occurredAt: "2024-02-01T22:00:00Z", injury: true, disclosedAbuse: true, signals: ["NON_FATAL_STRANGULATION"], gestationWeeks: 33 }),
        encounterLine("M-E-2", "M-1", { setting: "MATERNITY", occurredAt: "2023-10-01T09:00:00Z", presentingComplaint: "Booking appointment" }),
        encounterLine("M-E-3", "M-1", { setting: "MATERNITY", occurredAt: "2024-04-20T09:00:00Z", signals: ["POSTNATAL"] }),
        encounterLine("M-E-4", "M-1", { setting: "GP", occurredAt: "2024-06-01T09:00:00Z", signals: ["MENTAL_HEALTH_CRISIS", "SELF_HARM", "OVERDOSE"] }),
        encounterLine("M-E-5", "M-1", { setting: "GP", occurredAt: "2024-07-01T09:00:00Z" }),
        encounterLine("M-E-6", "M-3", { trust: "WYT", setting: "MINOR_INJURY_UNIT", occurredAt: "2024-08-01T09:00:00Z", injury: true }),
        concernLine("M-S-1", "M-1", { encounterId: "M-E-1", raisedAt: "2024-02-02T09:00:00Z", category: "DOMESTIC_ABUSE" }),
        concernLine("M-S-2", "M-1", { encounterId: "M-E-4", raisedAt: "2024-06-02T09:00:00Z", category: "ADULT_SAFEGUARDING" }),
        concernLine("M-S-3", "M-1", { raisedAt: "2024-06-03T09:00:00Z", category: "SEXUAL_VIOLENCE" }),
        concernLine("M-S-4", "M-1", { raisedAt: "2024-06-04T09:00:00Z", category: "CHILD_PROTECTION" }),
        concernLine("M-S-5", "M-2", { encounterId: "M-E-3", raisedAt: "2024-04-20T12:00:00Z", category: "CHILD_PROTECTION" }),
        // A baby boy checked on the maternity unit the day he was born, and a concern raised at that check;
        // a woman of 70 and a patient of unknown sex and age each seen there too.
        patientLine("N-1", { givenNames: "Leo", familyName: "Okafor", dateOfBirth: "2024-04-10", sex: "MALE" }),
        encounterLine("N-E-1", "N-1", { setting: "MATERNITY", occurredAt: "2024-04-10T15:00:00Z", presentingComplaint: "Newborn examination" }),
        concernLine("N-S-1", "N-1", { encounterId: "N-E-1", raisedAt: "2024-04-10T16:00:00Z", category: "CHILD_PROTECTION" }),
        patientLine("N-2", { givenNames: "Edith", dateOfBirth: "1954-01-10" }),
        encounterLine("N-E-2", "N-2", { setting: "MATERNITY", occurredAt: "2024-04-10T15:00:00Z" }),
        patientLine("N-3", { givenNames: "Sam", sex: "NOT_KNOWN", dateOfBirth: null }),
        encounterLine("N-E-3", "N-3", { setting: "MATERNITY", occurredAt: "2024-04-10T15:00:00Z" }),
      ]),
    );
    const maya = subject("S-MAYA", ["health", "M-1"], ["health", "M-3"]);
    const byId = (list: EventResult[]) => Object.fromEntries(list.map(({ id, ...rest }) => [id, rest]));

    it("gives each encounter the markers of what was recorded at it, in the vocabulary's order", async () => {
      const [mayas] = await events([maya], "", "id markers gestationWeeks");
      expect(byId(mayas!)).toMatchObject({
        // Strangled at 33 weeks, injured, disclosing: the gestation is a pregnancy.
        "M-E-1": { markers: ["INJURY", "STRANGULATION", "PREGNANCY", "DISCLOSURE_OF_ABUSE"], gestationWeeks: 33 },
        // A maternity booking is a pregnancy without a code for it; postnatal care is a new baby instead.
        "M-E-2": { markers: ["PREGNANCY"], gestationWeeks: null },
        "M-E-3": { markers: ["NEW_BABY"], gestationWeeks: null },
        "M-E-4": { markers: ["OVERDOSE", "SELF_HARM", "MENTAL_HEALTH_CRISIS"], gestationWeeks: null },
        "M-E-5": { markers: [], gestationWeeks: null },
        "M-E-6": { markers: ["INJURY"], gestationWeeks: null },
      });
    });

    it("takes a MATERNITY setting for a pregnancy only in a patient who could be pregnant: not a newborn boy, nor a woman of 70; an unknown sex and age still could", async () => {
      const [leo, edith, sam] = await events([subject("S-LEO", ["health", "N-1"]), subject("S-EDITH", ["health", "N-2"]), subject("S-SAM", ["health", "N-3"])], "", "id markers");
      expect(byId(leo!)).toEqual({ "N-S-1": { markers: [] }, "N-E-1": { markers: [] } });
      expect(byId(edith!)).toEqual({ "N-E-2": { markers: [] } });
      expect(byId(sam!)).toEqual({ "N-E-3": { markers: ["PREGNANCY"] } });
    });

    it("gives a concern a disclosure for domestic abuse or sexual violence, and the markers of the patient's own encounter it was raised from", async () => {
      const [mayas] = await events([maya], "", "id markers gestationWeeks");
      expect(byId(mayas!)).toMatchObject({
        "M-S-1": { markers: ["INJURY", "STRANGULATION", "PREGNANCY", "DISCLOSURE_OF_ABUSE"], gestationWeeks: null },
        "M-S-2": { markers: ["OVERDOSE", "SELF_HARM", "MENTAL_HEALTH_CRISIS"] },
        "M-S-3": { markers: ["DISCLOSURE_OF_ABUSE"] },
        "M-S-4": { markers: [] },
      });
    });

    it("does not give a baby's concern the markers of the mother's encounter it was raised from: they describe her", async () => {
      const [baby] = await events([subject("S-BABY-M", ["health", "M-2"])], "", "id markers recordId");
      expect(baby).toEqual([{ id: "M-S-5", markers: [], recordId: "M-2" }]);
    });

    it("names as recordId the patient record through which the subject is in each event", async () => {
      const [mayas] = await events([maya], "", "id recordId");
      expect(Object.fromEntries(mayas!.map((event) => [event.id, event.recordId]))).toEqual({
        "M-E-6": "M-3",
        "M-E-5": "M-1",
        "M-S-4": "M-1",
        "M-S-3": "M-1",
        "M-S-2": "M-1",
        "M-E-4": "M-1",
        "M-E-3": "M-1",
        "M-S-1": "M-1",
        "M-E-1": "M-1",
        "M-E-2": "M-1",
      });
    });

    it("shows markers and recordId to a partner at the signal level, and withholds the gestation, a clinical detail, without a justification", async () => {
      const policy = loadAccessPolicy(subgraph.policyFile!, "health");
      expect(policy.types.HealthEvent!.fields).toMatchObject({ markers: "signal", recordId: "signal", gestationWeeks: "detail" });
      expect(policy.types.Counterpart!.fields).toMatchObject({ relationship: "signal" });
      const secured = secureSchema((await subgraph.buildSchema()).schema, policy);
      const caller = testCaller({ agency: "police", roles: ["officer"], area: "NMC", purpose: "safeguarding" });
      const result = await executeGraphQL<EntitiesResult>(secured, database.dataSource, subjectEntitiesQuery(`healthEvents(kinds: ["EMERGENCY_DEPARTMENT"]) { id recordId markers gestationWeeks }`), { representations: [maya] }, { caller, access: new RequestAccess(policy, caller) });
      expect(result.data!._entities[0]!.healthEvents).toEqual([{ id: "M-E-1", recordId: "M-1", markers: ["INJURY", "STRANGULATION", "PREGNANCY", "DISCLOSURE_OF_ABUSE"], gestationWeeks: null }]);
      expect(result.errors?.map((error) => [error.path?.join("."), error.extensions?.code])).toEqual([["_entities.0.healthEvents.0.gestationWeeks", "FORBIDDEN"]]);
    });
  });

  it.each([
    ['(kinds: ["EMERGENCY_DEPARTMENT", "GP"])', ["E-1", "E-2"]],
    ['(kinds: ["SAFEGUARDING_CONCERN"])', ["S-1"]],
    ['(from: "2024-02-01T00:00:00Z")', ["S-1", "E-1"]],
    ['(to: "2024-03-02T01:10:00Z")', ["E-1", "E-2"]],
    ['(from: "2024-03-01T00:00:00Z", to: "2024-03-02T02:00:00Z")', ["E-1"]],
    ["(limit: 1)", ["S-1"]],
    ['(kinds: ["GP"], limit: 5)', ["E-2"]],
    ['(from: "2025-01-01T00:00:00Z")', []],
  ])("filters with %s", async (args, expected) => {
    const [penelope] = await events([subject("S-PEN", ["health", "P-1"])], args, "id");
    expect(ids(penelope!)).toEqual(expected);
  });

  it("returns no events for a subject with no health records", async () => {
    expect(await events([subject("S-NONE", ["police", "P-1"]), subject("S-EMPTY")])).toEqual([[], []]);
  });

  it.each([
    ['(kinds: ["RAPE"])', "kinds"],
    ["(limit: 0)", "limit"],
    ['(from: "2024-05-01T00:00:00Z", to: "2024-01-01T00:00:00Z")', "from"],
  ])("rejects %s as BAD_USER_INPUT naming %s", async (args, field) => {
    const result = await executeGraphQL(schema, database.dataSource, subjectEntitiesQuery(`healthEvents${args} { id }`), {
      representations: [subject("S-PEN", ["health", "P-1"])],
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  describe("the DataLoader promise", () => {
    const MANY = 10;
    beforeAll(async () => {
      const crowd: NdjsonRecord[] = [];
      for (let i = 0; i < MANY; i += 1) {
        crowd.push(patientLine(`C-${i}`, { givenNames: `Person${i}`, dateOfBirth: "1990-01-01" }));
        crowd.push(encounterLine(`C-E-${i}`, `C-${i}`, { allegedPerpetratorPatientId: "P-2" }));
        crowd.push(concernLine(`C-S-${i}`, `C-${i}`, { encounterId: `C-E-${i}` }));
      }
      await seed(database.dataSource, crowd);
    });

    async function statementsFor(count: number, args: string): Promise<number> {
      const representations = Array.from({ length: count }, (_, i) => subject(`S-${i}`, ["health", `C-${i}`], ["health", "P-1"]));
      const before = database.counter.statements;
      const lists = await events(representations, args, "id kind recordId markers gestationWeeks counterparts { role person { localId } }");
      const spent = database.counter.statements - before;
      expect(lists).toHaveLength(count);
      for (const list of lists) expect(list.length).toBeGreaterThan(0);
      return spent;
    }

    it.each(["", '(kinds: ["EMERGENCY_DEPARTMENT", "SAFEGUARDING_CONCERN"], from: "2024-01-01T00:00:00Z")'])(
      "loads events, their markers and counterparts for 1 and for 10 subjects with the same number of statements %s",
      async (args) => {
        const one = await statementsFor(1, args);
        expect(one).toBe(1);
        expect(await statementsFor(MANY, args)).toBe(one);
      },
    );
  });
});
