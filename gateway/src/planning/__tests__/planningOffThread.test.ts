import { Worker } from "node:worker_threads";
import { ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { QueryPlanner } from "@apollo/query-planner";
import { ApolloServer } from "@apollo/server";
import { nestedAssociates, SUPERGRAPH_SDL } from "../../limits/__tests__/documentedQueries";
import { PlanCache } from "../PlanCache";
import { PlannerRejected, PlanningBusy, PlanningDeadlineExceeded, PlanningPool, PlanningUnavailable, type PlanningOptions } from "../PlanningPool";
import { usePlanningOffThread } from "../usePlanningOffThread";

const CROSS_AGENCY = `query CrossAgency { searchSubjects(name: "Penelope Ashworth") { nodes { id policeEvents { kind } healthEvents { kind } careEvents { kind } } } }`;
/** Plans in several hundred milliseconds (bench:planner). */
const SLOW_TO_PLAN = nestedAssociates(5);
/** Plans in seconds (8 levels took 2 s in the measurements, 10 levels 63 s): far past the deadline below. */
const RUNAWAY = nestedAssociates(9);
/** Long enough for a cold thread's first plan of the cross-agency query on a loaded host, far short of RUNAWAY's. */
const DEADLINE_MS = 2000;

/** The supergraph messages sent to planning threads (each one a whole build of the supergraph on that thread). */
function supergraphBuilds(spy: jest.SpyInstance): number {
  return spy.mock.calls.filter(([message]) => (message as { kind?: string }).kind === "supergraph").length;
}

describe("planning off the gateway's thread", () => {
  const pools: PlanningPool[] = [];
  const newPool = (options: Partial<PlanningOptions> = {}, sdl: string = SUPERGRAPH_SDL) => {
    const pool = new PlanningPool({ threads: 1, deadlineMs: DEADLINE_MS, ...options });
    pool.load(sdl);
    pools.push(pool);
    return pool;
  };
  /** A pool whose one thread is busy with SLOW_TO_PLAN (already loaded and planning). */
  const busyPool = async (options: Partial<PlanningOptions> = {}) => {
    const pool = newPool({ deadlineMs: 60_000, ...options });
    await pool.plan(CROSS_AGENCY);
    const slow = pool.plan(SLOW_TO_PLAN);
    return { pool, slow };
  };
  afterAll(() => Promise.all(pools.map((pool) => pool.stop())));
  afterEach(() => jest.restoreAllMocks());

  it("the gateway executes the plan made on a planning thread and plans nothing on its own thread", async () => {
    const cache = new PlanCache();
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
    const server = new ApolloServer({ gateway, plugins: [usePlanningOffThread({ pool: newPool({ deadlineMs: 30_000 }), cache })] });
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
    const pool = newPool();
    await expect(pool.plan(RUNAWAY)).rejects.toBeInstanceOf(PlanningDeadlineExceeded);
    const { plan } = await pool.plan(CROSS_AGENCY);
    expect(plan.kind).toBe("QueryPlan");
  });

  it("the event loop never stalls while a slow plan is made: no gap between 5 ms ticks reaches 100 ms", async () => {
    const pool = newPool({ deadlineMs: 60_000 });
    await pool.plan(CROSS_AGENCY);
    const ticks: number[] = [performance.now()];
    const ticking = setInterval(() => ticks.push(performance.now()), 5);
    try {
      await pool.plan(SLOW_TO_PLAN);
    } finally {
      clearInterval(ticking);
    }
    ticks.push(performance.now());
    const gaps = ticks.slice(1).map((tick, index) => tick - ticks[index]!);
    expect(ticks.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(100);
  });

  it("a refused plan answers 400 OPERATION_TOO_COMPLEX naming the deadline", async () => {
    const cache = new PlanCache();
    const pool = newPool();
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

  it("a new planning thread builds the supergraph once, not twice", async () => {
    const posted = jest.spyOn(Worker.prototype, "postMessage");
    const pool = newPool({ threads: 2 });
    expect(supergraphBuilds(posted)).toBe(2);
    await pool.plan(CROSS_AGENCY);
    expect(supergraphBuilds(posted)).toBe(2);
    pool.load(SUPERGRAPH_SDL);
    expect(supergraphBuilds(posted)).toBe(4);
  });

  it("a request that gives up while its operation waits for a thread takes it out of the queue", async () => {
    const { pool, slow } = await busyPool();
    const posted = jest.spyOn(Worker.prototype, "postMessage");
    const request = new AbortController();
    const waiting = pool.plan(CROSS_AGENCY, undefined, { signal: request.signal });
    expect(pool.queued).toBe(1);
    const reason = new Error("the caller closed the connection");
    request.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(pool.queued).toBe(0);
    await slow;
    expect(posted.mock.calls.filter(([message]) => (message as { kind?: string }).kind === "plan")).toHaveLength(0);
  });

  it("a request already given up on is not queued at all", async () => {
    const pool = newPool();
    await expect(pool.plan(CROSS_AGENCY, undefined, { signal: AbortSignal.abort(new Error("gone")) })).rejects.toThrow("gone");
    expect(pool.queued).toBe(0);
  });

  it("the queue has a size: one more waiting operation is refused at once as busy", async () => {
    const { pool, slow } = await busyPool({ maxQueued: 2 });
    const waiting = [pool.plan(`{ a: subjects(ids: []) { id } }`), pool.plan(`{ b: subjects(ids: []) { id } }`)];
    await expect(pool.plan(`{ c: subjects(ids: []) { id } }`)).rejects.toBeInstanceOf(PlanningBusy);
    await Promise.all([slow, ...waiting]);
  });

  it("an operation waits for a thread no longer than the deadline, then is refused as busy", async () => {
    const pool = newPool({ deadlineMs: 1500 });
    await pool.plan(CROSS_AGENCY);
    const runaway = pool.plan(RUNAWAY).catch((error: unknown) => error);
    const started = performance.now();
    await expect(pool.plan(CROSS_AGENCY)).rejects.toBeInstanceOf(PlanningBusy);
    expect(performance.now() - started).toBeLessThan(1500 + 500);
    expect(await runaway).toBeInstanceOf(PlanningDeadlineExceeded);
  });

  it("requests for one document at the same time share one plan", async () => {
    const { pool, slow } = await busyPool();
    const posted = jest.spyOn(Worker.prototype, "postMessage");
    const together = [1, 2, 3].map(() => pool.plan(CROSS_AGENCY, "CrossAgency", { key: "cross-agency" }));
    expect(pool.queued).toBe(1);
    const plans = await Promise.all(together);
    await slow;
    expect(new Set(plans.map(({ plan }) => plan)).size).toBe(1);
    expect(posted.mock.calls.filter(([message]) => (message as { kind?: string }).kind === "plan")).toHaveLength(1);
  });

  it("a shared plan goes on for the requests still waiting when one of them gives up", async () => {
    const { pool, slow } = await busyPool();
    const leaving = new AbortController();
    const left = pool.plan(CROSS_AGENCY, undefined, { key: "k", signal: leaving.signal });
    const staying = pool.plan(CROSS_AGENCY, undefined, { key: "k" });
    leaving.abort(new Error("gone"));
    await expect(left).rejects.toThrow("gone");
    expect(pool.queued).toBe(1);
    await expect(staying).resolves.toMatchObject({ plan: { kind: "QueryPlan" } });
    await slow;
  });

  it("a plan finished for a supergraph no longer served is made again for the one served", async () => {
    const pool = newPool({ deadlineMs: 60_000 });
    await pool.plan(CROSS_AGENCY);
    const planning = pool.plan(SLOW_TO_PLAN);
    pool.load(SUPERGRAPH_SDL);
    const { generation } = await planning;
    expect(generation).toBe(pool.generation);
  });

  it("the planner's own refusal of an operation is told apart from the pool failing", async () => {
    const pool = newPool();
    await expect(pool.plan(`{ noSuchField }`)).rejects.toBeInstanceOf(PlannerRejected);
  });

  it("says when it is settled: once a thread holds the supergraph, or planning is refused — so the gateway opens only then", async () => {
    const posted = jest.spyOn(Worker.prototype, "postMessage");
    const pool = newPool();
    await pool.settled();
    // Settled means built: the first plan is made without waiting for a build.
    expect(supergraphBuilds(posted)).toBe(1);
    await expect(pool.plan(CROSS_AGENCY)).resolves.toMatchObject({ plan: { kind: "QueryPlan" } });
    const broken = newPool({}, "this is not a supergraph");
    await broken.settled();
    await expect(broken.plan(CROSS_AGENCY)).rejects.toBeInstanceOf(PlanningUnavailable);
  });

  it("a supergraph a thread cannot build refuses planning as unavailable, without crashing the thread, until a good one is loaded", async () => {
    const posted = jest.spyOn(Worker.prototype, "postMessage");
    const pool = newPool({}, "this is not a supergraph");
    await expect(pool.plan(CROSS_AGENCY)).rejects.toBeInstanceOf(PlanningUnavailable);
    await expect(pool.plan(CROSS_AGENCY)).rejects.toBeInstanceOf(PlanningUnavailable);
    // One thread, one build: no crash, no respawn.
    expect(supergraphBuilds(posted)).toBe(1);
    pool.load(SUPERGRAPH_SDL);
    await expect(pool.plan(CROSS_AGENCY)).resolves.toMatchObject({ plan: { kind: "QueryPlan" } });
  });

  it("a thread that runs out of its heap fails its plan as unavailable, and a crash loop is refused and backs off rather than respawning at once forever", async () => {
    const spawned = jest.spyOn(PlanningPool.prototype as unknown as { spawn(): unknown }, "spawn");
    const pool = newPool({ heapMb: 4 });
    await expect(pool.plan(CROSS_AGENCY)).rejects.toBeInstanceOf(PlanningUnavailable);
    await expect(pool.plan(CROSS_AGENCY)).rejects.toBeInstanceOf(PlanningUnavailable);
    const soon = spawned.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spawned.mock.calls.length - soon).toBeLessThanOrEqual(2);
    await pool.stop();
  });

  it("a stopped pool refuses as unavailable", async () => {
    const pool = newPool();
    await pool.stop();
    await expect(pool.plan(CROSS_AGENCY)).rejects.toBeInstanceOf(PlanningUnavailable);
  });
});
