import { ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { QueryPlanner } from "@apollo/query-planner";
import { ApolloServer, type BaseContext } from "@apollo/server";
import { SUPERGRAPH_SDL } from "../../limits/__tests__/documentedQueries";
import { RequestDeadlineExceeded } from "../../fetchDeadline";
import { PlanCache } from "../PlanCache";
import { PlannerRejected, PlanningBusy, PlanningDeadlineExceeded, PlanningUnavailable, type PlanRequest } from "../PlanningPool";
import { usePlanningOffThread } from "../usePlanningOffThread";

const QUERY = `query Names { subjects(ids: []) { displayName } }`;

/**
 * The product's gateway over the real supergraph, planning through `plan` (a stand-in for the
 * planning pool, failing as the pool fails), with a spy on the planner of the gateway's own thread.
 */
async function gatewayPlanningWith(plan: (query: string, operationName: string | undefined, request: PlanRequest) => Promise<never>) {
  const cache = new PlanCache();
  const asked: PlanRequest[] = [];
  const gateway = new ApolloGateway({ supergraphSdl: SUPERGRAPH_SDL, queryPlannerConfig: { cache }, buildService: (): GraphQLDataSource => ({ process: async () => ({ data: null }) }) });
  const pool = {
    generation: 1,
    plan: (query: string, operationName?: string, request: PlanRequest = {}) => {
      asked.push(request);
      return plan(query, operationName, request);
    },
  };
  const server = new ApolloServer<BaseContext & { deadline?: AbortSignal }>({ gateway, plugins: [usePlanningOffThread({ pool, cache })] });
  await server.start();
  const onThisThread = jest.spyOn(QueryPlanner.prototype, "buildQueryPlan");
  return {
    asked,
    onThisThread,
    stop: () => server.stop(),
    async ask(contextValue: { deadline?: AbortSignal } = {}) {
      const response = await server.executeOperation({ query: QUERY, operationName: "Names" }, { contextValue });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return { status: response.http.status ?? 200, retryAfter: response.http.headers.get("retry-after"), errors: response.body.singleResult.errors ?? [] };
    },
  };
}

describe("what the caller is told when an operation cannot be planned off the gateway's thread — never planned on it instead", () => {
  afterEach(() => jest.restoreAllMocks());

  it("the planner's own refusal reaches the caller as Apollo's error for a failed plan, and is remembered for the document", async () => {
    const gateway = await gatewayPlanningWith(() => Promise.reject(new PlannerRejected("Query planning failed: no way to plan", { code: "QUERY_PLANNING_FAILED" })));
    try {
      const first = await gateway.ask();
      expect(first.errors).toEqual([expect.objectContaining({ message: "Query planning failed: no way to plan", extensions: expect.objectContaining({ code: "QUERY_PLANNING_FAILED" }) })]);
      expect(await gateway.ask()).toEqual(first);
      expect(gateway.asked).toHaveLength(1);
      expect(gateway.onThisThread).not.toHaveBeenCalled();
    } finally {
      await gateway.stop();
    }
  });

  it.each([
    ["a planning thread crashed or ran out of memory", new PlanningUnavailable("a planning thread failed: out of memory"), "PLANNING_UNAVAILABLE"],
    ["the pool is stopped", new PlanningUnavailable("the planning pool is stopped"), "PLANNING_UNAVAILABLE"],
    ["anything else went wrong in the pool", new Error("the worker exited"), "PLANNING_UNAVAILABLE"],
    ["too many operations wait for a thread", new PlanningBusy("16 operations are already waiting to be planned"), "PLANNING_BUSY"],
  ])("when %s: 503 with its code and Retry-After", async (_when, error, code) => {
    const gateway = await gatewayPlanningWith(() => Promise.reject(error));
    try {
      const { status, retryAfter, errors } = await gateway.ask();
      expect(status).toBe(503);
      expect(retryAfter).toBe("1");
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code }) })]);
      // Why a thread failed is the operator's business, not the caller's.
      expect(errors[0]!.message).not.toMatch(/memory|worker/);
      expect(gateway.onThisThread).not.toHaveBeenCalled();
    } finally {
      await gateway.stop();
    }
  });

  it("a plan past the planning deadline is 400 OPERATION_TOO_COMPLEX", async () => {
    const gateway = await gatewayPlanningWith(() => Promise.reject(new PlanningDeadlineExceeded(2000)));
    try {
      const { status, errors } = await gateway.ask();
      expect(status).toBe(400);
      expect(errors[0]!.extensions).toEqual({ code: "OPERATION_TOO_COMPLEX", limit: "planning", maximum: 2000 });
      expect(gateway.onThisThread).not.toHaveBeenCalled();
    } finally {
      await gateway.stop();
    }
  });

  it("the request's deadline signal goes to the pool with a key per document, and its passing while waiting is 503 REQUEST_DEADLINE_EXCEEDED", async () => {
    const gateway = await gatewayPlanningWith(
      (_query, _name, { signal }) => new Promise<never>((_resolve, reject) => signal!.addEventListener("abort", () => reject(signal!.reason), { once: true })),
    );
    try {
      const deadline = new AbortController();
      setTimeout(() => deadline.abort(new RequestDeadlineExceeded(50)), 50);
      const { status, errors } = await gateway.ask({ deadline: deadline.signal });
      expect(gateway.asked).toEqual([{ key: expect.any(String), signal: deadline.signal }]);
      expect(status).toBe(503);
      expect(errors[0]!.extensions).toEqual({ code: "REQUEST_DEADLINE_EXCEEDED", deadlineMs: 50 });
      expect(gateway.onThisThread).not.toHaveBeenCalled();
    } finally {
      await gateway.stop();
    }
  });
});
