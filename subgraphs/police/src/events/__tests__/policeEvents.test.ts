import { loadAccessPolicy, RequestAccess, secureSchema } from "@tessera/kit";
import { createTestDatabase, executeGraphQL, subjectEntitiesQuery, testCaller, type NdjsonRecord, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { subgraph } from "../../index";
import { dashAnswers, dashYesTo, involvementLine, nominalLine, occurrenceLine, relationshipLine, seed } from "../../__tests__/support/policeFixtures";

let database: TestDatabase;
let schema: GraphQLSchema;

/*
 * Penelope is held by two forces (NMC-N-1, SYP-N-7); Daniel (NMC-N-3) is the suspect or offender in
 * her occurrences and in Ruth's (NMC-N-5), where a counter-allegation also names him as a victim.
 */
beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  schema = (await subgraph.buildSchema()).schema;
  await seed(database.dataSource, [
    nominalLine("NMC-N-1"),
    nominalLine("SYP-N-7", { force: "SYP", givenNames: "Penny", addresses: [{ postcode: "S1 2AB" }] }),
    nominalLine("NMC-N-3", { givenNames: "Daniel", familyName: "Crowther", sex: "MALE" }),
    nominalLine("NMC-N-4", { givenNames: "Mary", familyName: "Holt" }),
    nominalLine("NMC-N-5", { givenNames: "Ruth", familyName: "Okafor" }),
    occurrenceLine("NMC-O-1", "2024-02-10T21:40:00Z", { reportedAt: "2024-02-10T22:05:00Z", location: { postcode: "NM1 4QT" }, summary: "Verbal argument reported by neighbour" }),
    occurrenceLine("SYP-O-2", "2024-05-20T01:00:00Z", { force: "SYP", category: "ASSAULT_OCCASIONING_ABH" }),
    occurrenceLine("NMC-O-3", "2023-01-01T12:00:00Z", { category: "CRIMINAL_DAMAGE", domesticAbuse: false }),
    occurrenceLine("NMC-O-4", "2024-03-01T18:00:00Z", { category: "COMMON_ASSAULT" }),
    involvementLine("NMC-O-1", "NMC-N-1", "VICTIM"),
    involvementLine("NMC-O-1", "NMC-N-3", "SUSPECT"),
    involvementLine("NMC-O-1", "NMC-N-4", "WITNESS"),
    involvementLine("SYP-O-2", "SYP-N-7", "VICTIM"),
    involvementLine("SYP-O-2", "NMC-N-3", "OFFENDER"),
    involvementLine("NMC-O-3", "NMC-N-1", "WITNESS"),
    involvementLine("NMC-O-4", "NMC-N-5", "VICTIM"),
    involvementLine("NMC-O-4", "NMC-N-3", "SUSPECT"),
    involvementLine("NMC-O-4", "NMC-N-3", "VICTIM"),
    { type: "dashAssessment", id: "NMC-D-1", occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-10T23:00:00Z", tool: "DASH", answers: dashAnswers(9), officerGrading: "STANDARD" },
    { type: "dashAssessment", id: "NMC-D-2", occurrenceId: "NMC-O-1", victimNominalId: "NMC-N-1", assessedAt: "2024-02-12T10:00:00Z", tool: "DARA", answers: ["YES", "NO"], officerGrading: "MEDIUM" },
    { type: "dashAssessment", id: "SYP-D-1", occurrenceId: "SYP-O-2", victimNominalId: "SYP-N-7", assessedAt: "2024-05-20T03:00:00Z", tool: "DASH", answers: dashAnswers(14), officerGrading: "HIGH" },
    { type: "maracReferral", id: "NMC-M-1", victimNominalId: "NMC-N-1", occurrenceId: "NMC-O-1", referredAt: "2024-06-01T09:00:00Z", criterion: "PROFESSIONAL_JUDGEMENT" },
  ]);
});
afterAll(() => database.drop());

const EVENTS = `policeEvents(from: $from, to: $to, kinds: $kinds, limit: $limit) {
  id agency area occurredAt kind role classification reportedAt domesticAbuse locationPostcode summary maracCriterion recordId markers
  counterparts { role person { agency localId } relationship }
  dash { id tool yesCount officerGrading }
  victimRisk { dashYesCount officerGrading maracReferred }
}`;
const QUERY = subjectEntitiesQuery(EVENTS).replace("query($representations: [_Any!]!)", "query($representations: [_Any!]!, $from: DateTimeISO, $to: DateTimeISO, $kinds: [String!], $limit: Int)");

const penelope = { __typename: "Subject", id: "subject-penelope", records: [{ agency: "police", localId: "NMC-N-1" }, { agency: "police", localId: "SYP-N-7" }, { agency: "health", localId: "NMC-N-3" }] };
const daniel = { __typename: "Subject", id: "subject-daniel", records: [{ agency: "police", localId: "NMC-N-3" }] };
const healthOnly = { __typename: "Subject", id: "subject-health", records: [{ agency: "health", localId: "NMC-N-5" }] };

interface Event {
  id: string;
  kind: string;
  role: string;
  area: string;
  classification: string;
  recordId: string;
  markers: string[];
  counterparts: { role: string; person: { agency: string; localId: string }; relationship: string | null }[];
  dash: { id: string; tool: string; yesCount: number | null; officerGrading: string } | null;
  victimRisk: { dashYesCount: number | null; officerGrading: string | null; maracReferred: boolean } | null;
  [field: string]: unknown;
}
type Entities = { _entities: { id: string; policeEvents: Event[] }[] };

const query = (representations: object[], args: Record<string, unknown> = {}) => executeGraphQL<Entities>(schema, database.dataSource, QUERY, { representations, ...args });

async function events(representations: object[], args: Record<string, unknown> = {}): Promise<Event[][]> {
  const result = await query(representations, args);
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((subject) => subject.policeEvents);
}

describe("Subject.policeEvents through _entities", () => {
  it("lists each subject's occurrences and MARAC referrals across forces, newest first, ignoring other agencies' records", async () => {
    const [ofPenelope, ofDaniel, ofHealthOnly] = await events([penelope, daniel, healthOnly]);
    expect(ofPenelope!.map((e) => [e.id, e.kind, e.role, e.area])).toEqual([
      ["NMC-M-1", "MARAC_REFERRAL", "VICTIM", "NMC"],
      ["SYP-O-2", "ASSAULT_OCCASIONING_ABH", "VICTIM", "SYP"],
      ["NMC-O-1", "DOMESTIC_INCIDENT", "VICTIM", "NMC"],
      ["NMC-O-3", "CRIMINAL_DAMAGE", "WITNESS", "NMC"],
    ]);
    // Daniel is both suspect and (counter-allegation) victim in NMC-O-4: one event, as victim.
    expect(ofDaniel!.map((e) => [e.id, e.role])).toEqual([["SYP-O-2", "OFFENDER"], ["NMC-O-4", "VICTIM"], ["NMC-O-1", "SUSPECT"]]);
    expect(ofHealthOnly).toEqual([]);
  });

  it("names the subject's own nominal each event is theirs through, in whichever force", async () => {
    const [ofPenelope, ofDaniel] = await events([penelope, daniel]);
    expect(ofPenelope!.map((e) => [e.id, e.recordId])).toEqual([
      ["NMC-M-1", "NMC-N-1"],
      ["SYP-O-2", "SYP-N-7"],
      ["NMC-O-1", "NMC-N-1"],
      ["NMC-O-3", "NMC-N-1"],
    ]);
    expect(ofDaniel!.map((e) => e.recordId)).toEqual(["NMC-N-3", "NMC-N-3", "NMC-N-3"]);
  });

  it("carries the police detail of an occurrence and of a MARAC referral, and classifies them", async () => {
    const [ofPenelope] = await events([penelope]);
    const byId = new Map(ofPenelope!.map((event) => [event.id, event]));
    expect(byId.get("NMC-O-1")).toMatchObject({
      agency: "police",
      occurredAt: "2024-02-10T21:40:00.000Z",
      reportedAt: "2024-02-10T22:05:00.000Z",
      domesticAbuse: true,
      locationPostcode: "NM1 4QT",
      summary: "Verbal argument reported by neighbour",
      maracCriterion: null,
      classification: "OFFICIAL_SENSITIVE",
    });
    expect(byId.get("NMC-M-1")).toMatchObject({ reportedAt: null, domesticAbuse: true, maracCriterion: "PROFESSIONAL_JUDGEMENT", classification: "OFFICIAL_SENSITIVE" });
    expect(byId.get("NMC-O-3")).toMatchObject({ domesticAbuse: false, classification: "OFFICIAL" });
  });

  it("returns the other people in each occurrence as counterparts with their roles, never the subject's own record", async () => {
    const [ofPenelope, ofDaniel] = await events([penelope, daniel]);
    const counterparts = (list: Event[], id: string) => list.find((e) => e.id === id)!.counterparts.map((c) => [c.person.agency, c.person.localId, c.role]);
    expect(counterparts(ofPenelope!, "NMC-O-1")).toEqual([["police", "NMC-N-3", "SUSPECT"], ["police", "NMC-N-4", "WITNESS"]]);
    expect(counterparts(ofPenelope!, "NMC-M-1")).toEqual([["police", "NMC-N-3", "SUSPECT"], ["police", "NMC-N-4", "WITNESS"]]);
    expect(counterparts(ofPenelope!, "SYP-O-2")).toEqual([["police", "NMC-N-3", "OFFENDER"]]);
    expect(counterparts(ofDaniel!, "NMC-O-1")).toEqual([["police", "NMC-N-1", "VICTIM"], ["police", "NMC-N-4", "WITNESS"]]);
    expect(counterparts(ofDaniel!, "NMC-O-4")).toEqual([["police", "NMC-N-5", "VICTIM"]]);
  });

  it("gives the latest DASH or DARA assessment of the subject's nominal as victim, and none to a suspect", async () => {
    const [ofPenelope, ofDaniel] = await events([penelope, daniel]);
    const dash = (list: Event[], id: string) => list.find((e) => e.id === id)!.dash;
    expect(dash(ofPenelope!, "NMC-O-1")).toEqual({ id: "NMC-D-2", tool: "DARA", yesCount: null, officerGrading: "MEDIUM" });
    expect(dash(ofPenelope!, "NMC-M-1")).toEqual({ id: "NMC-D-2", tool: "DARA", yesCount: null, officerGrading: "MEDIUM" });
    expect(dash(ofPenelope!, "SYP-O-2")).toEqual({ id: "SYP-D-1", tool: "DASH", yesCount: 14, officerGrading: "HIGH" });
    expect(dash(ofPenelope!, "NMC-O-3")).toBeNull();
    expect(ofDaniel!.map((e) => e.dash)).toEqual([null, null, null]);
  });

  it("honours from, to, kinds and limit", async () => {
    const ids = async (args: Record<string, unknown>) => (await events([penelope], args))[0]!.map((e) => e.id);
    expect(await ids({ from: "2024-02-10T21:40:00Z", to: "2024-05-20T01:00:00Z" })).toEqual(["SYP-O-2", "NMC-O-1"]);
    expect(await ids({ from: "2024-05-21T00:00:00Z" })).toEqual(["NMC-M-1"]);
    expect(await ids({ to: "2023-12-31T23:59:59Z" })).toEqual(["NMC-O-3"]);
    expect(await ids({ kinds: ["MARAC_REFERRAL"] })).toEqual(["NMC-M-1"]);
    expect(await ids({ kinds: ["DOMESTIC_INCIDENT", "CRIMINAL_DAMAGE"] })).toEqual(["NMC-O-1", "NMC-O-3"]);
    expect(await ids({ limit: 2 })).toEqual(["NMC-M-1", "SYP-O-2"]);
  });

  it.each([
    ["an unknown kind", { kinds: ["DOMESTIC_INCIDENT", "BURGLARY"] }, "kinds"],
    ["limit 0", { limit: 0 }, "limit"],
    ["from after to", { from: "2024-06-01T00:00:00Z", to: "2024-01-01T00:00:00Z" }, "from"],
  ])("rejects %s with BAD_USER_INPUT", async (_name, args, field) => {
    const result = await query([penelope], args);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});

/*
 * Alice (MK-N-1) and Carol (MK-N-3), her sister, are victims of Bob (MK-N-2), Alice's ex-partner, in
 * MK-O-1, which Wendy (MK-N-4) witnessed; Eve (MK-N-5) is the victim of his threats to kill in MK-O-2.
 */
describe("what a police event says about its occurrence: markers, relationships, how its victims were assessed", () => {
  beforeAll(async () => {
    await seed(database.dataSource, [
      nominalLine("MK-N-1", { givenNames: "Alice" }),
      nominalLine("MK-N-2", { givenNames: "Bob", sex: "MALE" }),
      nominalLine("MK-N-3", { givenNames: "Carol" }),
      nominalLine("MK-N-4", { givenNames: "Wendy" }),
      nominalLine("MK-N-5", { givenNames: "Eve" }),
      occurrenceLine("MK-O-1", "2024-07-01T22:00:00Z", { markers: ["HONOUR_BASED_ABUSE", "WEAPON"] }),
      occurrenceLine("MK-O-2", "2024-08-01T22:00:00Z", { category: "THREATS_TO_KILL" }),
      involvementLine("MK-O-1", "MK-N-1", "VICTIM"),
      involvementLine("MK-O-1", "MK-N-3", "VICTIM"),
      involvementLine("MK-O-1", "MK-N-2", "SUSPECT"),
      involvementLine("MK-O-1", "MK-N-4", "WITNESS"),
      involvementLine("MK-O-2", "MK-N-5", "VICTIM"),
      involvementLine("MK-O-2", "MK-N-2", "SUSPECT"),
      relationshipLine("MK-O-1", "MK-N-1", "MK-N-2", "EX_PARTNER"),
      relationshipLine("MK-O-1", "MK-N-2", "MK-N-3", "FAMILY_MEMBER"),
      // Alice: a first DASH with strangulation (Q18) and 13 yes answers, then a reassessment of 5 with an injury (Q1).
      { type: "dashAssessment", id: "MK-D-1", occurrenceId: "MK-O-1", victimNominalId: "MK-N-1", assessedAt: "2024-07-01T23:00:00Z", tool: "DASH", answers: dashYesTo([2, 3, 4, 5, 7, 18, 20, 21, 22, 23, 24, 25, 27]), officerGrading: "HIGH" },
      { type: "dashAssessment", id: "MK-D-2", occurrenceId: "MK-O-1", victimNominalId: "MK-N-1", assessedAt: "2024-07-03T10:00:00Z", tool: "DASH", answers: dashYesTo([1, 2, 3, 4, 5]), officerGrading: "STANDARD" },
      // Carol: a DASH of 11 with pregnancy (Q9), then a DARA graded MEDIUM whose answers are never read, even its 17th.
      { type: "dashAssessment", id: "MK-D-3", occurrenceId: "MK-O-1", victimNominalId: "MK-N-3", assessedAt: "2024-07-02T09:00:00Z", tool: "DASH", answers: dashYesTo([9, 2, 3, 4, 5, 7, 20, 21, 22, 23, 24]), officerGrading: "STANDARD" },
      { type: "dashAssessment", id: "MK-D-4", occurrenceId: "MK-O-1", victimNominalId: "MK-N-3", assessedAt: "2024-07-04T09:00:00Z", tool: "DARA", answers: Array(27).fill("YES"), officerGrading: "MEDIUM" },
      { type: "maracReferral", id: "MK-M-1", victimNominalId: "MK-N-1", occurrenceId: "MK-O-1", referredAt: "2024-07-05T09:00:00Z", criterion: "PROFESSIONAL_JUDGEMENT" },
      { type: "maracReferral", id: "MK-M-2", victimNominalId: "MK-N-5", referredAt: "2024-08-05T09:00:00Z", criterion: "PROFESSIONAL_JUDGEMENT" },
    ]);
  });

  const subject = (nominal: string) => ({ __typename: "Subject", id: `subject-${nominal}`, records: [{ agency: "police", localId: nominal }] });
  const byId = (list: Event[]) => new Map(list.map((event) => [event.id, event]));

  it("gives an occurrence the markers recorded on it, those its category implies, and those the yes answers of a DASH give — to a victim her own DASH's, to anyone else every victim's — each once, in the vocabulary's order", async () => {
    const [alice, bob, eve] = (await events([subject("MK-N-1"), subject("MK-N-2"), subject("MK-N-5")])).map(byId);
    // WEAPON and HONOUR_BASED_ABUSE recorded; STRANGULATION from Alice's first DASH, INJURY from her second,
    // PREGNANCY from Carol's; nothing from Carol's DARA, though it answers YES to every question.
    // Carol's pregnancy is not Alice's: only Bob, the suspect, is given every victim's answers.
    expect(alice!.get("MK-O-1")!.markers).toEqual(["INJURY", "STRANGULATION", "WEAPON", "HONOUR_BASED_ABUSE"]);
    expect(bob!.get("MK-O-1")!.markers).toEqual(["INJURY", "STRANGULATION", "WEAPON", "PREGNANCY", "HONOUR_BASED_ABUSE"]);
    expect(bob!.get("MK-O-2")!.markers).toEqual(["THREATS_TO_KILL"]);
    // A MARAC referral carries its occurrence's markers as its victim's event does, or none without one.
    expect(alice!.get("MK-M-1")!.markers).toEqual(["INJURY", "STRANGULATION", "WEAPON", "HONOUR_BASED_ABUSE"]);
    expect(eve!.get("MK-M-2")!.markers).toEqual([]);
  });

  it("never reads another victim's DASH answers as the subject's own: a mother, her daughter and the son who is suspect for both", async () => {
    await seed(database.dataSource, [
      nominalLine("FAM-N-1", { givenNames: "Joan", dateOfBirth: "1965-02-01" }),
      nominalLine("FAM-N-2", { givenNames: "Lucy", dateOfBirth: "1998-06-01" }),
      nominalLine("FAM-N-3", { givenNames: "Kevin", dateOfBirth: "1994-09-01", sex: "MALE" }),
      occurrenceLine("FAM-O-1", "2024-09-01T20:00:00Z"),
      involvementLine("FAM-O-1", "FAM-N-1", "VICTIM"),
      involvementLine("FAM-O-1", "FAM-N-2", "VICTIM"),
      involvementLine("FAM-O-1", "FAM-N-3", "SUSPECT"),
      // The mother answers yes to one question only (Q2, which gives no marker); the daughter is pregnant (Q9) and was strangled (Q18).
      { type: "dashAssessment", id: "FAM-D-1", occurrenceId: "FAM-O-1", victimNominalId: "FAM-N-1", assessedAt: "2024-09-01T22:00:00Z", tool: "DASH", answers: dashYesTo([2]) },
      { type: "dashAssessment", id: "FAM-D-2", occurrenceId: "FAM-O-1", victimNominalId: "FAM-N-2", assessedAt: "2024-09-01T22:30:00Z", tool: "DASH", answers: dashYesTo([9, 18]) },
    ]);
    const [mother, daughter, son] = (await events([subject("FAM-N-1"), subject("FAM-N-2"), subject("FAM-N-3")])).map(byId);
    expect(mother!.get("FAM-O-1")!.markers).toEqual([]);
    expect(daughter!.get("FAM-O-1")!.markers).toEqual(["STRANGULATION", "PREGNANCY"]);
    expect(son!.get("FAM-O-1")!.markers).toEqual(["STRANGULATION", "PREGNANCY"]);
  });

  it("tells every party to an occurrence how its victims were assessed — the highest of their latest checklists — and whether a MARAC referral names it", async () => {
    const [alice, bob, eve] = (await events([subject("MK-N-1"), subject("MK-N-2"), subject("MK-N-5")])).map(byId);
    // Alice's latest DASH is 5 (her first, 13, was superseded), Carol's 11; Carol's latest grading is her DARA's MEDIUM.
    const assault = { dashYesCount: 11, officerGrading: "MEDIUM", maracReferred: true };
    expect(alice!.get("MK-O-1")!.victimRisk).toEqual(assault);
    expect(bob!.get("MK-O-1")!.victimRisk).toEqual(assault);
    expect(bob!.get("MK-O-2")!.victimRisk).toEqual({ dashYesCount: null, officerGrading: null, maracReferred: false });
    expect(alice!.get("MK-M-1")!.victimRisk).toBeNull();
    expect(eve!.get("MK-M-2")!.victimRisk).toBeNull();
  });

  it("says how each counterpart is related to the subject's nominal, read either way round, and null where the force recorded nothing", async () => {
    const [alice, bob, wendy] = (await events([subject("MK-N-1"), subject("MK-N-2"), subject("MK-N-4")])).map(byId);
    const counterparts = (event: Event) => event.counterparts.map((c) => [c.person.localId, c.role, c.relationship]);
    expect(counterparts(alice!.get("MK-O-1")!)).toEqual([["MK-N-2", "SUSPECT", "EX_PARTNER"], ["MK-N-3", "VICTIM", null], ["MK-N-4", "WITNESS", null]]);
    expect(counterparts(alice!.get("MK-M-1")!)).toEqual([["MK-N-2", "SUSPECT", "EX_PARTNER"], ["MK-N-3", "VICTIM", null], ["MK-N-4", "WITNESS", null]]);
    expect(counterparts(bob!.get("MK-O-1")!)).toEqual([["MK-N-1", "VICTIM", "EX_PARTNER"], ["MK-N-3", "VICTIM", "FAMILY_MEMBER"], ["MK-N-4", "WITNESS", null]]);
    expect(counterparts(bob!.get("MK-O-2")!)).toEqual([["MK-N-5", "VICTIM", null]]);
    expect(counterparts(wendy!.get("MK-O-1")!)).toEqual([["MK-N-2", "SUSPECT", null], ["MK-N-1", "VICTIM", null], ["MK-N-3", "VICTIM", null]]);
  });

  it("gives events recorded before markers and relationships existed none, and a victim risk from their DASH alone", async () => {
    const [ofPenelope] = await events([penelope]);
    const event = byId(ofPenelope!).get("NMC-O-3")!;
    expect(event).toMatchObject({ markers: [], victimRisk: { dashYesCount: null, officerGrading: null, maracReferred: false } });
    expect(event.counterparts).toEqual([]);
    expect(byId(ofPenelope!).get("SYP-O-2")!).toMatchObject({ victimRisk: { dashYesCount: 14, officerGrading: "HIGH", maracReferred: false } });
    expect(byId(ofPenelope!).get("SYP-O-2")!.counterparts).toEqual([{ role: "OFFENDER", person: { agency: "police", localId: "NMC-N-3" }, relationship: null }]);
  });
});

describe("Subject.policeCounterparts through _entities", () => {
  const COUNTERPARTS = subjectEntitiesQuery("policeCounterparts(roles: $roles) { agency localId }").replace(
    "query($representations: [_Any!]!)",
    "query($representations: [_Any!]!, $roles: [SubjectRole!])",
  );

  async function counterpartsOf(representations: object[], roles?: string[]): Promise<string[][]> {
    const before = database.counter.statements;
    const result = await executeGraphQL<{ _entities: { policeCounterparts: { agency: string; localId: string }[] }[] }>(schema, database.dataSource, COUNTERPARTS, {
      representations,
      ...(roles ? { roles } : {}),
    });
    expect(result.errors).toBeUndefined();
    // One statement for every subject of the fetch: the point of the field is to cost nothing per person.
    expect(database.counter.statements - before).toBe(1);
    return result.data!._entities.map((subject) => subject.policeCounterparts.map((person) => `${person.agency}/${person.localId}`));
  }

  it("lists everyone a subject shares an occurrence with, once each, across the subject's nominals in every force", async () => {
    expect(await counterpartsOf([penelope, daniel, healthOnly])).toEqual([
      ["police/NMC-N-3", "police/NMC-N-4"],
      ["police/NMC-N-1", "police/NMC-N-4", "police/NMC-N-5", "police/SYP-N-7"],
      [],
    ]);
  });

  it("keeps only people recorded in one of the given roles in some shared occurrence", async () => {
    expect(await counterpartsOf([penelope, daniel], ["SUSPECT", "OFFENDER"])).toEqual([["police/NMC-N-3"], []]);
    expect(await counterpartsOf([daniel], ["VICTIM"])).toEqual([["police/NMC-N-1", "police/NMC-N-5", "police/SYP-N-7"]]);
  });

  it("logs the occurrences the people it lists were found in, as reading those occurrences' counterparts would", async () => {
    const secured = secureSchema((await subgraph.buildSchema()).schema, loadAccessPolicy(subgraph.policyFile!, "police"));
    const caller = testCaller({ agency: "police", roles: ["officer"], area: "NMC", purpose: "safeguarding" });
    const access = new RequestAccess(loadAccessPolicy(subgraph.policyFile!, "police"), caller);
    const result = await executeGraphQL(secured, database.dataSource, COUNTERPARTS, { representations: [penelope], roles: ["SUSPECT", "OFFENDER"] }, { caller, access });
    expect(result.errors).toBeUndefined();
    // NMC-O-1 (Daniel, suspect) and SYP-O-2 (Daniel, offender); not NMC-O-3, where she was alone.
    expect(access.record()).toMatchObject({ records: ["Occurrence:NMC-O-1", "Occurrence:SYP-O-2"], subjects: ["subject-penelope"] });
  });

  it("never lists a subject's own nominals, even when two of them share an occurrence", async () => {
    const linkedWithHerAbuser = { ...penelope, records: [...penelope.records, { agency: "police", localId: "NMC-N-3" }] };
    expect(await counterpartsOf([linkedWithHerAbuser])).toEqual([["police/NMC-N-4", "police/NMC-N-5"]]);
  });
});

describe("the DataLoader promise", () => {
  beforeAll(async () => {
    const lines: NdjsonRecord[] = [];
    for (let n = 1; n <= 10; n += 1) {
      lines.push(
        nominalLine(`BULK-N-${n}`, { givenNames: `Victim${n}` }),
        occurrenceLine(`BULK-O-${n}`, `2024-04-${String(n).padStart(2, "0")}T10:00:00Z`),
        involvementLine(`BULK-O-${n}`, `BULK-N-${n}`, "VICTIM"),
        involvementLine(`BULK-O-${n}`, "NMC-N-3", "SUSPECT"),
        { type: "dashAssessment", id: `BULK-D-${n}`, occurrenceId: `BULK-O-${n}`, victimNominalId: `BULK-N-${n}`, assessedAt: `2024-04-${String(n).padStart(2, "0")}T12:00:00Z`, tool: "DASH", answers: dashAnswers(n) },
        { type: "maracReferral", id: `BULK-M-${n}`, victimNominalId: `BULK-N-${n}`, occurrenceId: `BULK-O-${n}`, referredAt: `2024-04-${String(n).padStart(2, "0")}T15:00:00Z`, criterion: "REPEAT" },
      );
    }
    await seed(database.dataSource, lines);
  });

  const subject = (n: number) => ({ __typename: "Subject", id: `subject-bulk-${n}`, records: [{ agency: "police", localId: `BULK-N-${n}` }] });

  async function statementsFor(representations: object[]): Promise<number> {
    const before = database.counter.statements;
    const loaded = await events(representations);
    expect(loaded.every((list) => list.length === 2 && list.every((e) => e.counterparts.length > 0 && e.dash !== null))).toBe(true);
    return database.counter.statements - before;
  }

  it("loads events, counterparts and DASH assessments for 10 subjects in as many statements as for 1", async () => {
    const one = await statementsFor([subject(1)]);
    const ten = await statementsFor(Array.from({ length: 10 }, (_, i) => subject(i + 1)));
    expect(ten).toBe(one);
    expect(one).toBe(3); // events (occurrences UNION ALL referrals), counterparts, DASH
  });
});
