import { ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from "../operationLimits";
import { supergraphFanOut } from "../supergraphFanOut";
import { useOperationLimits } from "../useOperationLimits";
import { CASELOAD_IDS, documentedQueries, nestedAssociates, SUPERGRAPH_SDL, TWO_HUNDRED_ALIASES } from "./documentedQueries";

const SUBJECT = "00000000-0000-4000-8000-000000000001";

/** The product's gateway over the real supergraph, whose subgraphs only count the requests they get. */
async function limitedGateway(limits: OperationLimits = DEFAULT_OPERATION_LIMITS) {
  const calls: string[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: SUPERGRAPH_SDL,
    buildService: ({ name }): GraphQLDataSource => ({
      async process() {
        calls.push(name);
        return { data: null };
      },
    }),
  });
  const fanOut = supergraphFanOut(SUPERGRAPH_SDL);
  const limited = useOperationLimits({ limits, fanOut: () => fanOut });
  const server = new ApolloServer({
    gateway,
    parseOptions: limited.parseOptions,
    validationRules: limited.validationRules,
    formatError: limited.formatError,
    plugins: limited.plugins,
  });
  await server.start();
  return {
    calls,
    stop: () => server.stop(),
    async ask(query: string, variables: Record<string, unknown> = {}) {
      const response = await server.executeOperation({ query, variables });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      const { errors } = response.body.singleResult;
      return { status: response.http.status ?? 200, errors: errors ?? [], codes: (errors ?? []).map((error) => error.extensions?.code) };
    },
  };
}

describe("operation limits, enforced before the gateway plans", () => {
  let gateway: Awaited<ReturnType<typeof limitedGateway>>;
  beforeAll(async () => {
    gateway = await limitedGateway();
  });
  afterAll(() => gateway.stop());
  beforeEach(() => void gateway.calls.splice(0));

  it("the 10-level associates query is refused as too deep, naming the limit and its depth, and no subgraph is called", async () => {
    const { status, errors } = await gateway.ask(nestedAssociates(10));
    expect(status).toBe(400);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.extensions).toMatchObject({ code: "OPERATION_TOO_DEEP", limit: "depth", maximum: DEFAULT_OPERATION_LIMITS.maxDepth, value: 22 });
    expect(errors[0]!.message).toMatch(/depth is 22, over the depth limit of 9/);
    expect(gateway.calls).toEqual([]);
  });

  it("the 200-alias query is refused before any subgraph is called (its 2,600 tokens stop the parser first)", async () => {
    const { status, codes, errors } = await gateway.ask(TWO_HUNDRED_ALIASES);
    expect(status).toBe(400);
    expect(codes).toEqual(["TOO_MANY_TOKENS"]);
    expect(errors[0]!.extensions).toMatchObject({ limit: "tokens", maximum: DEFAULT_OPERATION_LIMITS.maxTokens, atLeast: true });
    expect(errors[0]!.extensions).not.toHaveProperty("http");
    expect(gateway.calls).toEqual([]);
  });

  it("with the token and alias limits lifted, the 200-alias query is still refused: it is too costly", async () => {
    const lax = await limitedGateway({ ...DEFAULT_OPERATION_LIMITS, maxTokens: 100_000, maxAliases: 1000, maxFields: 1000 });
    try {
      const { status, errors } = await lax.ask(TWO_HUNDRED_ALIASES);
      expect(status).toBe(400);
      expect(errors[0]!.extensions).toMatchObject({ code: "OPERATION_TOO_COSTLY", limit: "cost", maximum: DEFAULT_OPERATION_LIMITS.maxCost, atLeast: true });
      expect(lax.calls).toEqual([]);
    } finally {
      await lax.stop();
    }
  });

  it("more aliases than allowed are refused with TOO_MANY_ALIASES and their count", async () => {
    const query = `{ ${Array.from({ length: 11 }, (_, n) => `n${n}: subject(id: "${SUBJECT}") { displayName }`).join(" ")} }`;
    const { status, errors } = await gateway.ask(query);
    expect(status).toBe(400);
    expect(errors[0]!.extensions).toMatchObject({ code: "TOO_MANY_ALIASES", limit: "aliases", maximum: 10, value: 11 });
    expect(gateway.calls).toEqual([]);
  });

  it("more directives than allowed are refused with TOO_MANY_DIRECTIVES", async () => {
    const query = `query($yes: Boolean = true) { subject(id: "${SUBJECT}") { ${Array.from({ length: 11 }, () => "displayName @include(if: $yes)").join(" ")} } }`;
    const { status, errors } = await gateway.ask(query);
    expect(status).toBe(400);
    expect(errors[0]!.extensions).toMatchObject({ code: "TOO_MANY_DIRECTIVES", limit: "directives", maximum: 10, value: 11 });
    expect(gateway.calls).toEqual([]);
  });

  it("four people's risk by aliases is refused as too costly, with the estimate", async () => {
    const query = `{ ${[1, 2, 3, 4].map((n) => `p${n}: subject(id: "${SUBJECT}") { riskAssessment { level } }`).join(" ")} }`;
    const { status, errors } = await gateway.ask(query);
    expect(status).toBe(400);
    expect(errors[0]!.extensions).toMatchObject({ code: "OPERATION_TOO_COSTLY", limit: "cost", maximum: 25, atLeast: true });
    expect(errors[0]!.message).toMatch(/estimated cost is more than 25 subgraph fetches/);
    expect(gateway.calls).toEqual([]);
  });

  it("a caseload's events fanned out at a limit the operation defaults to 1000 is refused as if written out", async () => {
    const query = `query($ids: [ID!]!, $l: Int = 1000) { subjects(ids: $ids) { policeEvents(limit: $l) { counterparts { person { subject { healthEvents(limit: $l) { id } } } } } } }`;
    const { status, errors } = await gateway.ask(query, { ids: CASELOAD_IDS });
    expect(status).toBe(400);
    expect(errors[0]!.extensions).toMatchObject({ code: "OPERATION_TOO_COSTLY", limit: "cost", atLeast: true });
    expect(gateway.calls).toEqual([]);
  });

  it("a fragment that doubles at each level is refused as too many fields where the depth limit allows its nesting", async () => {
    const deep = await limitedGateway({ ...DEFAULT_OPERATION_LIMITS, maxDepth: 100 });
    try {
      const fragments = Array.from({ length: 20 }, (_, n) => `fragment F${n} on Subject { displayName ${n < 19 ? `...F${n + 1} ...F${n + 1}` : ""} }`).join(" ");
      const { status, codes } = await deep.ask(`{ subject(id: "${SUBJECT}") { ...F0 } } ${fragments}`);
      expect(status).toBe(400);
      expect(codes).toEqual(["TOO_MANY_FIELDS"]);
      expect(deep.calls).toEqual([]);
    } finally {
      await deep.stop();
    }
  });

  it("a refused document stays refused when Apollo serves it from its document cache", async () => {
    expect((await gateway.ask(nestedAssociates(10))).codes).toEqual(["OPERATION_TOO_DEEP"]);
    expect((await gateway.ask(nestedAssociates(10))).codes).toEqual(["OPERATION_TOO_DEEP"]);
  });

  it.each(documentedQueries().map(({ name, query, variables }) => [name, query, variables] as const))("the documented %s passes every limit and reaches the subgraphs", async (_name, query, variables) => {
    const { codes } = await gateway.ask(query, variables);
    expect(codes.filter((code) => code !== undefined && /TOO_|OPERATION_TOO/.test(String(code)))).toEqual([]);
    expect(gateway.calls.length).toBeGreaterThan(0);
  });
});
