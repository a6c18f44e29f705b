import { readFileSync } from "node:fs";
import path from "node:path";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { graphql, parse, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { LoaderRegistry } from "../../loaders/LoaderRegistry";
import type { ServiceContext } from "../../server/ServiceContext";
import { testCaller } from "../../testing/records";
import { parsePolicy, type AccessPolicy, type TypePolicy } from "../AccessPolicy";
import type { Caller } from "../Caller";
import { RequestAccess, type AccessRecord } from "../RequestAccess";
import { policyCoverageProblems, secureSchema } from "../secureSchema";

/**
 * A small police subgraph: occurrences (an entity, with its force as area), a nominal reached only
 * at detail level, a location, a subject entity with an @external field, and a mutation.
 */
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])
  type Query {
    occurrence(id: ID!): Occurrence
    occurrences: [Occurrence!]
    nominal(id: ID!): Nominal
  }
  type Mutation {
    recordOccurrence(force: String!, summary: String!): Occurrence
  }
  type Occurrence @key(fields: "id") {
    id: ID!
    force: String!
    summary: String
    victimAddress: String
    location: Location
  }
  type Location {
    description: String
    postcode: String
  }
  type Nominal {
    id: ID!
    familyName: String!
    force: String
  }
  type Subject @key(fields: "id") {
    id: ID!
    displayName: String @external
    greeting: String @requires(fields: "displayName")
  }
`;

const OCCURRENCES: Record<string, Record<string, unknown>> = {
  O1: { id: "O1", force: "NMC", summary: "Neighbour dispute, both parties spoken to", victimAddress: "1 Refuge Row", subjectId: "S1", location: { description: "Street", postcode: "NM1 4QT" } },
  O2: { id: "O2", force: "EVP", summary: "Domestic incident reported by a neighbour", victimAddress: "2 Hidden Lane", subjectId: "S2", location: null },
};

/** Resolver calls, to show a denied or unauthenticated field's resolver never runs. */
const calls: string[] = [];

function buildSchema(sdl = SDL): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      Query: {
        occurrence: (_: unknown, { id }: { id: string }) => (calls.push("Query.occurrence"), OCCURRENCES[id] ?? null),
        occurrences: () => (calls.push("Query.occurrences"), Object.values(OCCURRENCES)),
        nominal: (_: unknown, { id }: { id: string }) => (calls.push("Query.nominal"), { id, familyName: "Quill", force: "NMC" }),
      },
      Mutation: {
        recordOccurrence: (_: unknown, args: { force: string; summary: string }) => (calls.push("Mutation.recordOccurrence"), { id: "O9", victimAddress: null, ...args }),
      },
      Occurrence: { __resolveReference: (reference: { id: string }) => OCCURRENCES[reference.id] ?? null },
      Subject: { greeting: (subject: { displayName?: string }) => `Hello ${subject.displayName ?? "?"}` },
    } as never,
  });
}

/** The police policy's rules, with types for the small schema above. */
function types(): Record<string, TypePolicy> {
  return {
    Query: { fields: { occurrence: "signal", occurrences: "signal", nominal: "detail" } },
    Mutation: { fields: { recordOccurrence: "write" } },
    Occurrence: { area: "force", record: "id", subject: "subjectId", fields: { id: "signal", force: "signal", summary: "detail", victimAddress: "restricted", location: "signal" } },
    Location: { fields: { description: "signal", postcode: "detail" } },
    Nominal: { area: "force", record: "id", fields: { id: "detail", familyName: "detail", force: "detail" } },
    Subject: { subject: "id", fields: { id: "signal", greeting: "signal" } },
  };
}

function policy(change: (types: Record<string, TypePolicy>) => void = () => undefined): AccessPolicy {
  const police = JSON.parse(readFileSync(path.resolve(__dirname, "..", "..", "..", "..", "police", "access-policy.json"), "utf8"));
  const t = types();
  change(t);
  return parsePolicy({ ...police, types: t }, "test-policy.json");
}

describe("policyCoverageProblems", () => {
  it("finds none when every field has a level, leaving out federation's fields and @external ones", () => {
    expect(policyCoverageProblems(buildSchema(), policy())).toEqual([]);
  });

  it("names a field the policy does not list (default deny), and secureSchema refuses the schema", () => {
    const incomplete = policy((t) => delete t.Occurrence!.fields.summary);
    expect(policyCoverageProblems(buildSchema(), incomplete)).toEqual(["Occurrence.summary has no entry in the police access policy"]);
    expect(() => secureSchema(buildSchema(), incomplete)).toThrow("The police access policy does not cover its schema:\n  - Occurrence.summary has no entry in the police access policy");
  });

  it("names a type the policy does not list at all", () => {
    const problems = policyCoverageProblems(buildSchema(), policy((t) => delete t.Location));
    expect(problems).toEqual(["Location.description has no entry in the police access policy", "Location.postcode has no entry in the police access policy"]);
  });

  it("names a field or a type in the policy that the schema does not have", () => {
    const stale = policy((t) => {
      t.Occurrence!.fields.colour = "signal";
      t.Vehicle = { fields: { registration: "detail" } };
    });
    expect(policyCoverageProblems(buildSchema(), stale)).toEqual([
      "the police access policy names Occurrence.colour, which the schema does not have",
      "the police access policy names Vehicle.registration, which the schema does not have",
    ]);
  });

  it("names a non-null field at a higher level than the lowest level its type is reached at", () => {
    // Location is reached through Occurrence.location at signal level: a denied postcode must null the postcode alone.
    const problems = policyCoverageProblems(buildSchema(SDL.replace("postcode: String\n", "postcode: String!\n")), policy());
    expect(problems).toEqual(["Location.postcode is non-null at detail level, but Location can be reached at signal level: make it nullable"]);
  });

  it("allows a non-null field at its type's entry level (Nominal is reached only at detail)", () => {
    // Nominal.familyName is String! at detail: fine, since Query.nominal is itself detail.
    expect(policyCoverageProblems(buildSchema(), policy())).toEqual([]);
    const reachedAtSignal = policy((t) => (t.Query!.fields.nominal = "signal"));
    expect(policyCoverageProblems(buildSchema(), reachedAtSignal)).toEqual([
      "Nominal.id is non-null at detail level, but Nominal can be reached at signal level: make it nullable",
      "Nominal.familyName is non-null at detail level, but Nominal can be reached at signal level: make it nullable",
    ]);
  });

  it("treats an entity as reachable at signal level, whatever leads to it (anyone may ask _entities)", () => {
    // Every field leading to Occurrence is at detail or write; only _entities reaches it lower.
    const problems = policyCoverageProblems(
      buildSchema(),
      policy((t) => {
        t.Query!.fields.occurrence = "detail";
        t.Query!.fields.occurrences = "detail";
        t.Occurrence!.fields.force = "detail";
      }),
    );
    expect(problems).toEqual(["Occurrence.force is non-null at detail level, but Occurrence can be reached at signal level: make it nullable"]);
    // Nominal, no entity, may have non-null detail fields under the same conditions.
    const nonNullForce = SDL.replace(/(type Nominal \{[^}]*force: String)/, "$1!");
    expect(nonNullForce).toContain("familyName: String!\n    force: String!");
    expect(policyCoverageProblems(buildSchema(nonNullForce), policy())).toEqual([]);
  });

  it("names a non-null Query field", () => {
    const problems = policyCoverageProblems(buildSchema(SDL.replace("nominal(id: ID!): Nominal", "nominal(id: ID!): Nominal!")), policy());
    expect(problems).toEqual(["Query.nominal is non-null, but a policy can deny any root field: make it nullable"]);
  });
});

describe("secureSchema", () => {
  let schema: GraphQLSchema;
  let police: AccessPolicy;

  beforeAll(() => {
    police = policy();
    schema = secureSchema(buildSchema(), police);
  });
  beforeEach(() => (calls.length = 0));

  const run = async (
    caller: Caller | null,
    source: string,
    variableValues?: Record<string, unknown>,
    logWrite?: (record: AccessRecord) => Promise<void>,
  ): Promise<{ result: ExecutionResult<any>; access: RequestAccess | undefined }> => {
    const access = caller ? new RequestAccess(police, caller, logWrite) : undefined;
    const contextValue: ServiceContext = { requestId: "r-1", db: undefined as unknown as DataSource, loaders: new LoaderRegistry(), ...(caller ? { caller, access } : {}) };
    const result = await graphql({ schema, source, contextValue, ...(variableValues ? { variableValues } : {}) });
    return { result, access };
  };

  const officer = testCaller({ user: "u-okafor", agency: "police", roles: ["officer"], area: "NMC", purpose: "investigation" });
  const ppu = testCaller({ user: "u-price", agency: "police", roles: ["public_protection"], area: "NMC", purpose: "safeguarding" });
  const nurse = testCaller({ user: "u-idris", agency: "health", roles: ["clinician"], area: "NVH", purpose: "safeguarding" });

  it("resolves the fields the caller may see, and nulls a denied field alone with a FORBIDDEN error naming field and rule", async () => {
    const { result } = await run(officer, `{ occurrence(id: "O1") { id force summary victimAddress location { postcode } } }`);
    expect(result.data).toEqual({ occurrence: { id: "O1", force: "NMC", summary: "Neighbour dispute, both parties spoken to", victimAddress: null, location: { postcode: "NM1 4QT" } } });
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors!;
    expect(error!.path).toEqual(["occurrence", "victimAddress"]);
    expect(error!.message).toBe(
      "Forbidden: the police access policy puts Occurrence.victimAddress at restricted level, and rule police/own-force-public-protection needs role public_protection",
    );
    expect(error!.extensions).toEqual({
      code: "FORBIDDEN",
      agency: "police",
      field: "Occurrence.victimAddress",
      level: "restricted",
      rule: "police/own-force-public-protection",
      unmet: [{ rule: "police/own-force-public-protection", needs: "role public_protection" }],
    });
  });

  it("lets a partner see signal but not detail, unless the request is justified", async () => {
    const query = `{ occurrence(id: "O1") { id force summary location { description postcode } } }`;
    const { result } = await run(nurse, query);
    expect(result.data).toEqual({ occurrence: { id: "O1", force: "NMC", summary: null, location: { description: "Street", postcode: null } } });
    expect(result.errors!.map((e) => [e.path!.join("."), e.extensions!.code, e.extensions!.rule])).toEqual([
      ["occurrence.summary", "FORBIDDEN", "police/partner-detail-with-justification"],
      ["occurrence.location.postcode", "FORBIDDEN", "police/partner-detail-with-justification"],
    ]);
    expect(result.errors![0]!.message).toContain("rule police/partner-detail-with-justification needs a justification (x-tessera-justification header)");

    const justified = await run({ ...nurse, justification: "Strategy discussion under s47 today" }, query);
    expect(justified.result.errors).toBeUndefined();
    expect(justified.result.data!.occurrence.summary).toBe("Neighbour dispute, both parties spoken to");
  });

  it("decides $own-area fields per record: the caller's own force's record only", async () => {
    const { result } = await run(ppu, `{ occurrences { id force victimAddress } }`);
    expect(result.data!.occurrences).toEqual([
      { id: "O1", force: "NMC", victimAddress: "1 Refuge Row" },
      { id: "O2", force: "EVP", victimAddress: null },
    ]);
    expect(result.errors!.map((e) => e.path)).toEqual([["occurrences", 1, "victimAddress"]]);
    expect(result.errors![0]!.extensions!.unmet).toEqual([{ rule: "police/own-force-public-protection", needs: "a record of the caller's own area" }]);
  });

  it("denies a root field without running its resolver, while sibling root fields resolve", async () => {
    const { result } = await run(nurse, `{ nominal(id: "N1") { id familyName } occurrence(id: "O2") { id } }`);
    expect(result.data).toEqual({ nominal: null, occurrence: { id: "O2" } });
    expect(result.errors!.map((e) => [e.path, e.extensions!.field])).toEqual([[["nominal"], "Query.nominal"]]);
    expect(calls).toEqual(["Query.occurrence"]);
  });

  it("checks entities fetched through _entities like any other read", async () => {
    const { result } = await run(nurse, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Occurrence { id summary } } }`, { r: [{ __typename: "Occurrence", id: "O2" }] });
    expect(result.data).toEqual({ _entities: [{ id: "O2", summary: null }] });
    expect(result.errors!.map((e) => e.extensions!.field)).toEqual(["Occurrence.summary"]);
  });

  it("reads nothing for a request without a verified caller", async () => {
    const { result } = await run(null, `{ occurrence(id: "O1") { id summary } occurrences { id } }`);
    expect(result.data).toEqual({ occurrence: null, occurrences: null });
    expect(result.errors!.map((e) => [e.message, e.extensions!.code])).toEqual([
      ["Not authenticated", "UNAUTHENTICATED"],
      ["Not authenticated", "UNAUTHENTICATED"],
    ]);
    expect(calls).toEqual([]);
  });

  it("records what a read disclosed: fields, records as Type:id, subjects, and what was denied", async () => {
    const { access } = await run(officer, `{ occurrences { id force summary victimAddress } }`);
    expect(access!.record()).toEqual({
      action: "read",
      fields: ["Occurrence.force", "Occurrence.id", "Occurrence.summary", "Query.occurrences"],
      records: ["Occurrence:O1", "Occurrence:O2"],
      subjects: ["S1", "S2"],
      denied: [{ field: "Occurrence.victimAddress", rule: "police/own-force-public-protection" }],
    });
  });

  it("records each value's record once however many of its fields are read, and again when the same value is read as another type", () => {
    const access = new RequestAccess(policy(), officer);
    const shared = { id: "X1", force: "NMC", subjectId: "S9" };
    for (const field of ["id", "force"]) access.check("Occurrence", field, "signal", policy().types.Occurrence!, shared, false);
    access.check("Nominal", "id", "detail", policy().types.Nominal!, shared, false);
    expect(access.record()).toMatchObject({ records: ["Nominal:X1", "Occurrence:X1"], subjects: ["S9"], fields: ["Nominal.id", "Occurrence.force", "Occurrence.id"] });
  });

  it("records a refused request's denials and the record it asked for, and nothing for a request that touched no policed field", async () => {
    const refused = await run({ ...nurse, purpose: "direct_care" }, `{ occurrence(id: "O1") { id } }`);
    expect(refused.access!.record()).toEqual({ action: "read", fields: [], records: ["Occurrence:O1"], subjects: [], denied: [{ field: "Query.occurrence", rule: "police/partner-safeguarding-signal" }] });
    const nothing = await run(officer, `{ __typename }`);
    expect(nothing.access!.record()).toBeNull();
  });

  it("lets a writer write and records the request as a write; refuses a caller without a writing role", async () => {
    const mutation = `mutation { recordOccurrence(force: "NMC", summary: "Criminal damage to a car") { id summary } }`;
    const written = await run(officer, mutation);
    expect(written.result.errors).toBeUndefined();
    expect(written.result.data).toEqual({ recordOccurrence: { id: "O9", summary: "Criminal damage to a car" } });
    expect(written.access!.record()).toMatchObject({ action: "write", fields: ["Mutation.recordOccurrence", "Occurrence.id", "Occurrence.summary"], records: ["Occurrence:O9"] });

    const analyst = await run({ ...officer, roles: ["analyst"] }, mutation);
    expect(analyst.result.data).toEqual({ recordOccurrence: null });
    expect(analyst.result.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", field: "Mutation.recordOccurrence", rule: "police/police-write", unmet: [{ rule: "police/police-write", needs: "role officer or public_protection" }] });
    expect(analyst.access!.record()).toEqual({ action: "write", fields: [], records: [], subjects: [], denied: [{ field: "Mutation.recordOccurrence", rule: "police/police-write" }] });
    expect(calls).toEqual(["Mutation.recordOccurrence"]);
  });

  it("logs a write before it is made, and the record it wrote even when the caller selects none of its fields", async () => {
    const ahead: AccessRecord[] = [];
    const logWrite = async (record: AccessRecord) => {
      expect(calls).toEqual([]);
      ahead.push(record);
    };
    const written = await run(officer, `mutation { recordOccurrence(force: "NMC", summary: "Criminal damage to a car") { __typename } }`, undefined, logWrite);
    expect(written.result.errors).toBeUndefined();
    expect(ahead).toEqual([{ action: "write", fields: ["Mutation.recordOccurrence"], records: [], subjects: [], denied: [] }]);
    expect(written.access!.record()).toMatchObject({ action: "write", records: ["Occurrence:O9"] });
  });

  it("makes no write when its access-log entry cannot be written first", async () => {
    const refused = await run(officer, `mutation { recordOccurrence(force: "NMC", summary: "Criminal damage to a car") { id } }`, undefined, async () => {
      throw new Error("access log unavailable");
    });
    expect(refused.result.data).toEqual({ recordOccurrence: null });
    expect(refused.result.errors![0]!.message).toContain("access log unavailable");
    expect(calls).toEqual([]);
  });
});
