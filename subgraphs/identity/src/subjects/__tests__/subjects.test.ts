import { randomUUID } from "node:crypto";
import { runSubgraph, type AccessLogEntry, type RunningService } from "@tessera/kit";
import { createTestDatabase, executeGraphQL, gatewayRequest, testCaller, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { subgraph } from "../../index";
import { person, register } from "../../__tests__/people";
import { MAX_SUBJECT_IDS } from "../subjectId";

let database: TestDatabase;
let schema: GraphQLSchema;
/** Fifty people, a subject each: distinct family names and dates of birth, one police record apiece. */
let subjectIds: string[];

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  schema = (await subgraph.buildSchema()).schema;
  const results = await register(
    database.dataSource,
    Array.from({ length: 50 }, (_, i) =>
      person({ agency: "police", localId: `CL-${i}`, givenNames: "Robin", familyName: `Caseload${i}`, dateOfBirth: `19${50 + i}-0${(i % 9) + 1}-1${i % 10}` }),
    ),
  );
  subjectIds = results.map((result) => result.subjectId);
});

afterAll(() => database.drop());

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const SUBJECTS = `query($ids: [ID!]!) { subjects(ids: $ids) { id displayName records { agency localId } } }`;

async function subjects(ids: string[], query = SUBJECTS) {
  return executeGraphQL<any>(schema, database.dataSource, query, { ids });
}

describe("subjects(ids)", () => {
  it("answers in the order given, with null in place of an unknown subject", async () => {
    const ids = [subjectIds[7]!, UNKNOWN, subjectIds[2]!, subjectIds[0]!.toUpperCase()];
    const { data, errors } = await subjects(ids);
    expect(errors).toBeUndefined();
    expect(data.subjects).toEqual([
      { id: subjectIds[7], displayName: "Robin Caseload7", records: [{ agency: "police", localId: "CL-7" }] },
      null,
      { id: subjectIds[2], displayName: "Robin Caseload2", records: [{ agency: "police", localId: "CL-2" }] },
      { id: subjectIds[0], displayName: "Robin Caseload0", records: [{ agency: "police", localId: "CL-0" }] },
    ]);
  });

  it("answers a merged-away subject with null, as subject(id) does", async () => {
    const [left, right] = await register(database.dataSource, [
      person({ agency: "police", localId: "MG-1", givenNames: "Jo", familyName: "Hartley", dateOfBirth: "1970-02-02" }),
      person({ agency: "health", localId: "MG-2", givenNames: "Joanne", familyName: "Pryce", dateOfBirth: "1971-03-03" }),
    ]);
    expect(left!.subjectId).not.toBe(right!.subjectId);
    const merge = await executeGraphQL<any>(
      schema,
      database.dataSource,
      `mutation($a: ID!, $b: ID!) { mergeSubjects(subjectId: $a, otherSubjectId: $b, reason: "Same person, married name") { subjects { id } } }`,
      { a: left!.subjectId, b: right!.subjectId },
      { caller: testCaller({ roles: ["identity_reviewer"] }) },
    );
    expect(merge.errors).toBeUndefined();
    const kept: string = merge.data.mergeSubjects.subjects[0].id;
    const gone = kept === left!.subjectId ? right!.subjectId : left!.subjectId;
    const { data, errors } = await executeGraphQL<any>(schema, database.dataSource, `query($ids: [ID!]!, $gone: ID!) { subjects(ids: $ids) { id } subject(id: $gone) { id } }`, {
      ids: [gone, kept],
      gone,
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ subjects: [null, { id: kept }], subject: null });
  });

  it("answers a repeated id in each place it is asked", async () => {
    const ids = [subjectIds[3]!, subjectIds[4]!, subjectIds[3]!, UNKNOWN, UNKNOWN];
    const { data, errors } = await subjects(ids, `query($ids: [ID!]!) { subjects(ids: $ids) { id } }`);
    expect(errors).toBeUndefined();
    expect(data.subjects).toEqual([{ id: subjectIds[3] }, { id: subjectIds[4] }, { id: subjectIds[3] }, null, null]);
  });

  it(`takes ${MAX_SUBJECT_IDS} ids and refuses ${MAX_SUBJECT_IDS + 1} as BAD_USER_INPUT, before any SQL`, async () => {
    const atLimit = await subjects(Array.from({ length: MAX_SUBJECT_IDS }, (_, i) => subjectIds[i % subjectIds.length]!));
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data.subjects).toHaveLength(MAX_SUBJECT_IDS);
    let refused: Awaited<ReturnType<typeof subjects>> | undefined;
    const sent = await database.statementsDuring(async () => {
      refused = await subjects(Array.from({ length: MAX_SUBJECT_IDS + 1 }, () => randomUUID()));
    });
    expect(sent).toBe(0);
    expect(refused!.data).toEqual({ subjects: null });
    expect(refused!.errors).toHaveLength(1);
    expect(refused!.errors![0]!.message).toBe(`ids: at most ${MAX_SUBJECT_IDS} ids, not ${MAX_SUBJECT_IDS + 1}`);
    expect(refused!.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", field: "ids" });
  });

  it("refuses an id that is not a subject id as BAD_USER_INPUT, naming its place, before any SQL", async () => {
    for (const malformed of ["not-a-uuid'; DROP TABLE subject; --", "", "12345"]) {
      let refused: Awaited<ReturnType<typeof subjects>> | undefined;
      const sent = await database.statementsDuring(async () => {
        refused = await subjects([subjectIds[0]!, malformed, subjectIds[1]!]);
      });
      expect(sent).toBe(0);
      expect(refused!.data).toEqual({ subjects: null });
      expect(refused!.errors).toHaveLength(1);
      expect(refused!.errors![0]!.message).toBe("ids: the id at index 1 is not a subject id (a UUID)");
      expect(refused!.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", field: "ids" });
    }
  });

  it("loads 2 or 50 subjects, with their records and link confidence, with the same number of SQL statements", async () => {
    const query = `query($ids: [ID!]!) { subjects(ids: $ids) { id displayName knownNames datesOfBirth records { agency localId area linkedBy linkProbability linkedAcrossAreas evidence { rule explanation } } linkConfidence { level support } } }`;
    const load = (ids: string[]) => async () => {
      const { data, errors } = await subjects(ids, query);
      expect(errors).toBeUndefined();
      expect(data.subjects.map((subject: { id: string }) => subject.id)).toEqual(ids);
    };
    const two = await database.statementsDuring(load(subjectIds.slice(0, 2)));
    const fifty = await database.statementsDuring(load(subjectIds));
    expect(new Set(subjectIds).size).toBe(50);
    // One for every subject's records, one for every subject's cluster facts.
    expect(two).toBe(2);
    expect(fifty).toBe(two);
  });
});

describe("subjects(ids) in the access log", () => {
  let running: RunningService;

  beforeAll(async () => {
    running = await runSubgraph(subgraph, { port: 0, databaseUrl: database.url, log: () => undefined });
  });

  afterAll(() => running.stop());

  /** Asks identity as the gateway would, and returns the access-log entry the request left. */
  async function logged(query: string, variables: Record<string, unknown>, as = testCaller(), refused = false): Promise<AccessLogEntry> {
    const { status, body, headers } = await gatewayRequest({ url: `${running.url}/graphql`, service: "identity", as, query, variables });
    expect(status).toBe(200);
    if (refused) expect(body.errors?.map((e: { extensions?: { code?: string } }) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    else expect(body.errors).toBeUndefined();
    const rows: { entry: string }[] = await database.dataSource.query(`SELECT entry FROM access_log WHERE entry::jsonb ->> 'requestId' = $1`, [headers["x-request-id"]]);
    expect(rows).toHaveLength(1);
    return JSON.parse(rows[0]!.entry) as AccessLogEntry;
  }

  it("lists every subject read and every id asked for, as the same reads by subject(id) would", async () => {
    const ids = [subjectIds[9]!, UNKNOWN, subjectIds[5]!, subjectIds[9]!, subjectIds[6]!];
    const entry = await logged(`query($ids: [ID!]!) { subjects(ids: $ids) { displayName } }`, { ids });
    expect(entry.subjects).toEqual([subjectIds[5], subjectIds[6], subjectIds[9]].sort());
    expect(entry.records).toEqual([...new Set(ids)].map((id) => `Subject:${id}`).sort());
    expect(entry.fields).toEqual(["Query.subjects", "Subject.displayName"]);

    const one = await Promise.all([...new Set(ids)].map((id) => logged(`query($id: ID!) { subject(id: $id) { displayName } }`, { id })));
    expect(entry.subjects).toEqual([...new Set(one.flatMap((e) => e.subjects))].sort());
    expect(entry.records).toEqual([...new Set(one.flatMap((e) => e.records))].sort());
  });

  it("logs the ids a refused caseload read asked for, though nothing was read", async () => {
    const ids = [subjectIds[1]!, UNKNOWN];
    const entry = await logged(`query($ids: [ID!]!) { subjects(ids: $ids) { displayName } }`, { ids }, testCaller({ purpose: "audit" }), true);
    expect(entry.outcome).toBe("denied");
    expect(entry.records).toEqual(ids.map((id) => `Subject:${id}`).sort());
    expect(entry.subjects).toEqual([]);
  });
});
