import { makePncId } from "@tessera/kit";
import { createTestDatabase, executeGraphQL, type TestDatabase } from "@tessera/kit/testing";
import type { GraphQLSchema } from "graphql";
import { subgraph } from "../../index";
import { nhsNumberFor, person, register } from "../../__tests__/people";

let database: TestDatabase;
let schema: GraphQLSchema;
const PNC = makePncId(2009, 777);

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
  schema = (await subgraph.buildSchema()).schema;
  await register(database.dataSource, [
    person({ agency: "police", localId: "NMC-N-1", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", postcode: "NM1 4QT", pncId: PNC }),
    person({ agency: "police", localId: "EVP-N-1", area: "EVP", givenNames: "Penelope Jane", familyName: "Ashworth", pncId: PNC }),
    person({ agency: "health", localId: "NVH-P-1", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", nhsNumber: "9434765919" }),
    person({ agency: "police", localId: "NMC-N-2", givenNames: "Daniel", familyName: "Rourke", dateOfBirth: "1988-11-02", postcode: "NM2 1AB" }),
    person({ agency: "police", localId: "NMC-N-3", givenNames: "Siobhán", familyName: "O'Neill", dateOfBirth: "1975-07-07" }),
    // Seven Smiths on the same day, with different NHS numbers: seven subjects, for paging.
    ...Array.from({ length: 7 }, (_, i) => person({ agency: "health", localId: `NVH-P-S${i}`, givenNames: "John", familyName: "Smith", dateOfBirth: "1980-01-01", nhsNumber: nhsNumberFor(500 + i * 3) })),
  ]);
});

afterAll(() => database.drop());

const SEARCH = `query($name: String, $dateOfBirth: String, $nhsNumber: String, $pncId: String, $postcode: String, $first: Int, $after: String) {
  searchSubjects(name: $name, dateOfBirth: $dateOfBirth, nhsNumber: $nhsNumber, pncId: $pncId, postcode: $postcode, first: $first, after: $after) {
    totalCount nodes { id displayName records { agency localId } } pageInfo { hasNextPage endCursor } } }`;

async function search(variables: Record<string, unknown>): Promise<any> {
  const result = await executeGraphQL<any>(schema, database.dataSource, SEARCH, variables);
  expect(result.errors).toBeUndefined();
  return result.data.searchSubjects;
}

async function searchError(variables: Record<string, unknown>) {
  const result = await executeGraphQL<any>(schema, database.dataSource, SEARCH, variables);
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.extensions;
}

describe("searchSubjects", () => {
  it("matches every name token in any order and case, as whole words", async () => {
    const found = await search({ name: "ASHWORTH penelope" });
    expect(found.totalCount).toBe(1);
    expect(found.nodes[0].records).toHaveLength(3);
    expect((await search({ name: "jane ashworth" })).totalCount).toBe(1);
    expect((await search({ name: "pen ashworth" })).totalCount).toBe(0);
    expect((await search({ name: "siobhan oneill" })).nodes[0].displayName).toBe("Siobhán O'Neill");
  });

  it("requires one record to meet every criterion", async () => {
    expect((await search({ name: "ashworth", dateOfBirth: "1991-03-14" })).totalCount).toBe(1);
    expect((await search({ name: "ashworth", dateOfBirth: "1988-11-02" })).totalCount).toBe(0);
    // The NHS number is on the health record, "Jane" only on a police one.
    expect((await search({ name: "jane", nhsNumber: "9434765919" })).totalCount).toBe(0);
  });

  it("finds by date of birth, NHS number with spaces, PNC ID in short form and postcode in any spacing", async () => {
    expect((await search({ dateOfBirth: "1988-11-02" })).nodes[0].displayName).toBe("Daniel Rourke");
    expect((await search({ nhsNumber: "943 476 5919" })).nodes[0].displayName).toBe("Penelope Ashworth");
    expect((await search({ pncId: PNC.slice(2) })).totalCount).toBe(1);
    expect((await search({ postcode: "nm21ab" })).nodes[0].displayName).toBe("Daniel Rourke");
  });

  it("pages through matches in subject id order with opaque cursors and a constant totalCount", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: { count: number; hasNextPage: boolean; totalCount: number }[] = [];
    do {
      const page: any = await search({ name: "john smith", first: 3, after });
      pages.push({ count: page.nodes.length, hasNextPage: page.pageInfo.hasNextPage, totalCount: page.totalCount });
      seen.push(...page.nodes.map((node: { id: string }) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([
      { count: 3, hasNextPage: true, totalCount: 7 },
      { count: 3, hasNextPage: true, totalCount: 7 },
      { count: 1, hasNextPage: false, totalCount: 7 },
    ]);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(7);
  });

  it("answers an empty page for no match", async () => {
    expect(await search({ name: "nobody" })).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it.each([
    [{}, "name"],
    [{ name: "  " }, "name"],
    [{ name: "!!!" }, "name"],
    [{ name: "smith", first: 0 }, "first"],
    [{ name: "smith", first: 101 }, "first"],
    [{ name: "smith", after: "not-a-cursor" }, "after"],
    [{ name: "smith", after: Buffer.from("1; DROP TABLE subject").toString("base64") }, "after"],
    [{ dateOfBirth: "14/03/1991" }, "dateOfBirth"],
    [{ nhsNumber: "9434765918" }, "nhsNumber"],
    [{ pncId: "2011/0000001" }, "pncId"],
    [{ postcode: "nowhere" }, "postcode"],
  ])("rejects %j as bad input naming %s", async (variables, field) => {
    expect(await searchError(variables)).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
