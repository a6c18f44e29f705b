import { createTestDatabase, executeGraphQL, subjectEntitiesQuery, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { subgraph } from "../../index";
import { nhsNumberFor, person, register } from "../../__tests__/people";

let database: TestDatabase;
let schema: GraphQLSchema;
/** Ten people, each with a police nominal and a health patient linked by name and date of birth. */
let subjectIds: string[];

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  schema = (await subgraph.buildSchema()).schema;
  const results = await register(
    database.dataSource,
    Array.from({ length: 10 }, (_, i) => [
      person({ agency: "police", localId: `NMC-N-${i}`, givenNames: "Alex", familyName: `Tester${"abcdefghij"[i]}`, dateOfBirth: `1990-01-${String(i + 1).padStart(2, "0")}` }),
      person({ agency: "health", localId: `NVH-P-${i}`, givenNames: "Alex", familyName: `Tester${"abcdefghij"[i]}`, dateOfBirth: `1990-01-${String(i + 1).padStart(2, "0")}`, nhsNumber: nhsNumberFor(i * 10) }),
    ]).flat(),
  );
  subjectIds = [...new Set(results.map((result) => result.subjectId))];
});

afterAll(() => database.drop());

const SUBJECT_FIELDS = `displayName knownNames datesOfBirth records { agency localId area evidence { rule matchedRecord { agency localId } linkedAt explanation } }`;
const PERSON_REFS = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on PersonRef { agency localId subject { id displayName records { agency localId } } } } }`;

describe("Subject", () => {
  it("is found by id with its records and evidence; unknown and malformed ids give null without an error", async () => {
    const query = `query($a: ID!, $b: ID!, $c: ID!) { a: subject(id: $a) { id ${SUBJECT_FIELDS} } b: subject(id: $b) { id } c: subject(id: $c) { id } }`;
    const result = await executeGraphQL<any>(schema, database.dataSource, query, { a: subjectIds[0], b: "00000000-0000-4000-8000-000000000000", c: "not-a-uuid'; DROP TABLE subject; --" });
    expect(result.errors).toBeUndefined();
    expect(result.data.b).toBeNull();
    expect(result.data.c).toBeNull();
    expect(result.data.a).toMatchObject({
      id: subjectIds[0],
      displayName: "Alex Testera",
      datesOfBirth: ["1990-01-01"],
      records: [
        { agency: "health", localId: "NVH-P-0", area: "NVH", evidence: { rule: "MODEL", matchedRecord: { agency: "police", localId: "NMC-N-0" } } },
        { agency: "police", localId: "NMC-N-0", area: "NMC", evidence: { rule: "MODEL", matchedRecord: { agency: "health", localId: "NVH-P-0" } } },
      ],
    });
    expect(Number.isNaN(Date.parse(result.data.a.records[0].evidence.linkedAt))).toBe(false);
  });

  it("resolves several _entities representations in order, null for an unknown subject", async () => {
    const representations = [subjectIds[2], "00000000-0000-4000-8000-000000000000", subjectIds[1]].map((id) => ({ __typename: "Subject", id }));
    const result = await executeGraphQL<any>(schema, database.dataSource, subjectEntitiesQuery("displayName records { agency localId }"), { representations });
    expect(result.errors).toBeUndefined();
    expect(result.data._entities).toEqual([
      { id: subjectIds[2], displayName: "Alex Testerc", records: [{ agency: "health", localId: "NVH-P-2" }, { agency: "police", localId: "NMC-N-2" }] },
      null,
      { id: subjectIds[1], displayName: "Alex Testerb", records: [{ agency: "health", localId: "NVH-P-1" }, { agency: "police", localId: "NMC-N-1" }] },
    ]);
  });

  it("loads 1 or 10 subjects with the same number of SQL statements", async () => {
    const load = (ids: string[]) => () =>
      executeGraphQL(schema, database.dataSource, subjectEntitiesQuery(SUBJECT_FIELDS), { representations: ids.map((id) => ({ __typename: "Subject", id })) });
    const one = await database.statementsDuring(load(subjectIds.slice(0, 1)));
    const ten = await database.statementsDuring(load(subjectIds));
    expect(subjectIds).toHaveLength(10);
    expect(one).toBe(1);
    expect(ten).toBe(one);
  });
});

describe("PersonRef", () => {
  it("resolves agency records to their subjects, and an unknown record to a null subject", async () => {
    const representations = [
      { __typename: "PersonRef", agency: "police", localId: "NMC-N-3" },
      { __typename: "PersonRef", agency: "health", localId: "NVH-P-3" },
      { __typename: "PersonRef", agency: "police", localId: "NMC-N-404" },
    ];
    const result = await executeGraphQL<any>(schema, database.dataSource, PERSON_REFS, { representations });
    expect(result.errors).toBeUndefined();
    const [police, health, unknown] = result.data._entities;
    expect(police).toMatchObject({ agency: "police", localId: "NMC-N-3", subject: { id: subjectIds[3], displayName: "Alex Testerd" } });
    expect(health.subject.id).toBe(subjectIds[3]);
    expect(unknown).toEqual({ agency: "police", localId: "NMC-N-404", subject: null });
  });

  it("resolves 1 or 10 counterparts with the same number of SQL statements", async () => {
    const load = (count: number) => () =>
      executeGraphQL(schema, database.dataSource, PERSON_REFS, {
        representations: Array.from({ length: count }, (_, i) => ({ __typename: "PersonRef", agency: "police", localId: `NMC-N-${i}` })),
      });
    const one = await database.statementsDuring(load(1));
    const ten = await database.statementsDuring(load(10));
    expect(one).toBe(2);
    expect(ten).toBe(one);
  });
});
