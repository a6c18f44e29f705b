import { ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { QueryPlanner, type QueryPlan } from "@apollo/query-planner";
import { ApolloServer } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { nestedAssociates, SUPERGRAPH_SDL } from "../../limits/__tests__/documentedQueries";
import { PlanningDeadlineExceeded, PlanningPool } from "../PlanningPool";
import { usePlanningOffThread } from "../usePlanningOffThread";

const CROSS_AGENCY = `query CrossAgency { searchSubjects(name: "Penelope Ashworth") { nodes { id policeEvents { kind } healthEvents { kind } careEvents { kind } } } }`;
/** Plans in several hundred milliseconds (bench:planner). */
const SLOW_TO_PLAN = nestedAssociates(5);
/** Plans in seconds (8 levels took 2 s in the measurements, 10 levels 63 s): far past the deadline below. */
const RUNAWAY = nestedAssociates(9);
/** Long enough for a cold thread's first plan of the cross-agency query on a loaded host, far short of RUNAWAY's. */
const DEADLINE_MS = 2000;

describe("planning off the gateway's thread", () => {
  const pools: PlanningPool[] = [];
  const newPool = (deadlineMs: number) => {
    const pool = new PlanningPool({ threads: 1, deadlineMs });
    pool.load(SUPERGRAPH_SDL);
    pools.push(pool);
    return pool;
  };
  afterAll(() => Promise.all(pools.map((pool) => pool.stop())));
  afterEach(() => jest.restoreAllMocks());

  it("the gateway executes the plan made on a planning thread and plans nothing on its own thread", async () => {
    const cache = new InMemoryLRUCache<QueryPlan>();
    const calls: string[] = [];
    const gateway = new ApolloGateway({
      supergraphSdl: SUPERGRAPH_SDL,
      queryPlannerConfig: { cache },
      buildService: ({ name }): GraphQLDataSource => ({
        async process() {
          calls.push(name);
          return { data: null };
        },
      }),
    });
    const server = new ApolloServer({ gateway, plugins: [usePlanningOffThread({ pool: newPool(30_000), cache })] });
    await server.start();
    try {
      const onThisThread = jest.spyOn(QueryPlanner.prototype, "buildQueryPlan");
      await server.executeOperation({ query: CROSS_AGENCY, operationName: "CrossAgency" });
      expect(onThisThread).not.toHaveBeenCalled();
      expect(calls).toContain("identity");
      expect(cache.keys()).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it("a plan that overruns the deadline is refused, and the next plan is made on a fresh thread", async () => {
    const pool = newPool(DEADLINE_MS);
    await expect(pool.plan(RUNAWAY)).rejects.toBeInstanceOf(PlanningDeadlineExceeded);
    const { plan } = await pool.plan(CROSS_AGENCY);
    expect(plan.kind).toBe("QueryPlan");
  });

  it("the event loop goes on turning while a slow plan is made", async () => {
    const pool = newPool(60_000);
    await pool.plan(CROSS_AGENCY);
    let turns = 0;
    const ticking = setInterval(() => void (turns += 1), 5);
    try {
      await pool.plan(SLOW_TO_PLAN);
    } finally {
      clearInterval(ticking);
    }
    expect(turns).toBeGreaterThan(5);
  });

  it("a refused plan answers 400 OPERATION_TOO_COMPLEX naming the deadline", async () => {
    const cache = new InMemoryLRUCache<QueryPlan>();
    const pool = newPool(DEADLINE_MS);
    const gateway = new ApolloGateway({ supergraphSdl: SUPERGRAPH_SDL, queryPlannerConfig: { cache }, buildService: (): GraphQLDataSource => ({ process: async () => ({ data: null }) }) });
    const server = new ApolloServer({ gateway, plugins: [usePlanningOffThread({ pool, cache })] });
    await server.start();
    try {
      const response = await server.executeOperation({ query: RUNAWAY });
      expect(response.http.status).toBe(400);
      expect(response.body.kind === "single" && response.body.singleResult.errors).toEqual([
        expect.objectContaining({ extensions: { code: "OPERATION_TOO_COMPLEX", limit: "planning", maximum: DEADLINE_MS } }),
      ]);
    } finally {
      await server.stop();
    }
  });
});
