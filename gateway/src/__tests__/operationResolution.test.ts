import { ApolloServer, type ApolloServerOptionsWithGateway, type BaseContext } from "@apollo/server";
import { buildSchema } from "graphql";
import { useOperationResolution } from "../operationResolution";

const schema = buildSchema(`type Query { subject: String }`);

/**
 * A gateway as Apollo Server sees one: a schema and an executor. Like @apollo/gateway's, the
 * executor fails (a 500) when the request's operation cannot be found in its document.
 */
const gateway: ApolloServerOptionsWithGateway<BaseContext>["gateway"] = {
  async load() {
    return {
      executor: async ({ operation }) => {
        if (!operation) throw new Error(`Unknown operation named "…"`);
        return { data: { subject: "S1" } };
      },
    };
  },
  onSchemaLoadOrUpdate(callback) {
    callback({ apiSchema: schema, coreSupergraphSdl: "" });
    return () => undefined;
  },
  async stop() {},
};

async function run(withPlugin: boolean, query: string, operationName?: string) {
  const server = new ApolloServer({ gateway, plugins: withPlugin ? [useOperationResolution()] : [] });
  await server.start();
  try {
    const response = await server.executeOperation({ query, ...(operationName ? { operationName } : {}) });
    const body = response.body as { kind: "single"; singleResult: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } };
    return { status: response.http.status, ...body.singleResult };
  } finally {
    await server.stop();
  }
}

describe("useOperationResolution", () => {
  const TWO = `query A { subject } query B { subject }`;

  it("refuses an operationName the document does not have with 400 OPERATION_RESOLUTION_FAILURE", async () => {
    const answer = await run(true, `query A { subject }`, "Caseload");
    expect(answer.status).toBe(400);
    expect(answer.errors).toEqual([{ message: `Unknown operation named "Caseload".`, extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }]);
  });

  it("refuses a document of several operations with no name given, naming the rule", async () => {
    const answer = await run(true, TWO);
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]).toEqual({ message: "Must provide operation name if query contains multiple operations.", extensions: { code: "OPERATION_RESOLUTION_FAILURE" } });
  });

  it("lets a named operation that exists through to the gateway", async () => {
    const answer = await run(true, TWO, "B");
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ subject: "S1" });
  });

  it("is what stands between such a request and a 500", async () => {
    expect((await run(false, `query A { subject }`, "Caseload")).status).toBe(500);
  });
});
