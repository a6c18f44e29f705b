import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { loadAccessConfig, SERVICE_NAMES, type DevTokenClaims } from "@tessera/kit";
import { DEFAULT_REQUEST_DEADLINE_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS, type DeadlineSettings } from "../../gateway/src/deadlineSettings";
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT_PER_CALLER, DEFAULT_RETRY_AFTER_SECONDS } from "../../gateway/src/inFlightCap";
import { startGateway, type RunningGateway } from "../../gateway/src/startGateway";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type GraphQLAnswer, type StackFixture } from "./stackFixture";

/**
 * A frozen agency and a greedy caller, on one running stack: police stopped with SIGSTOP (its
 * process alive, its port open, nothing answered) costs police's data only, within police's
 * timeout (or a request deadline that passes first), and the gateway's /ready says so; after SIGCONT
 * the whole answer is back and police refused nothing as stale. One caller over the in-flight cap is
 * told 429 while another caller is still served. The stack's own gateway keeps the default timeouts
 * (after SIGCONT police works through the requests it was sent while stopped, which takes a loaded
 * machine a while); the tests that wait for police's timeout use gateways of their own with short ones.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const ACROSS_AGENCIES = readFileSync(path.join(ROOT, "docs", "queries", "penelope-across-agencies.graphql"), "utf8");
/** Short, so the tests with police stopped wait little; only their own gateway has it. */
const POLICE_TIMEOUT_MS = 1_500;
/** The defaults, but police's short timeout. */
const SHORT_POLICE_TIMEOUT: DeadlineSettings = { subgraphTimeoutMs: DEFAULT_SUBGRAPH_TIMEOUT_MS, subgraphTimeoutsMs: { police: POLICE_TIMEOUT_MS }, requestDeadlineMs: DEFAULT_REQUEST_DEADLINE_MS };
const HEALTH_ONLY = `{ searchSubjects(name: "Penelope Ashworth") { nodes { id healthEvents { occurredAt kind } } } }`;

type Nodes = { searchSubjects: { nodes: Record<string, unknown[]>[] } };

describe("deadlines and back-pressure at the gateway", () => {
  let fixture: StackFixture;
  let dir: string;
  let policeStopped = false;

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = await importDemoData(fixture, { seed: 11, subjects: 20 });
  }, 180_000);

  afterAll(async () => {
    // close() continues a stopped member before it stops it; this keeps the order explicit.
    if (policeStopped) fixture.stack.signalMember("police", "SIGCONT");
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const stopPolice = () => {
    fixture.stack.signalMember("police", "SIGSTOP");
    policeStopped = true;
  };
  const continuePolice = () => {
    fixture.stack.signalMember("police", "SIGCONT");
    policeStopped = false;
  };
  const penelope = (answer: GraphQLAnswer<Nodes>) => answer.data!.searchSubjects.nodes[0]!;
  /** A gateway of this test's own in front of the stack's subgraphs, with the default in-flight caps. */
  const gatewayWith = async (deadlines: DeadlineSettings): Promise<RunningGateway> =>
    startGateway({
      port: 0,
      host: "127.0.0.1",
      access: await loadAccessConfig(fixture.stack.env),
      subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((service) => [service, fixture.stack.urls[service]])),
      deadlines,
      inFlight: { perCaller: DEFAULT_MAX_IN_FLIGHT_PER_CALLER, overall: DEFAULT_MAX_IN_FLIGHT, retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS },
      log: () => undefined,
    });
  const post = async <T>(gateway: RunningGateway, token: string, query: string): Promise<{ response: Response; answer: GraphQLAnswer<T> }> => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { response, answer: { status: response.status, ...((await response.clone().json()) as object) } as GraphQLAnswer<T> };
  };
  const queryAt = async <T>(gateway: RunningGateway, as: DevTokenClaims, query: string) => (await post<T>(gateway, await fixture.token(as), query)).answer;
  /**
   * Has a new gateway answer the cross-agency query whole while police still answers, as a running
   * gateway has: its plan is then cached. A cold planning thread on a loaded machine can take seconds,
   * which would count against the short waits these tests measure.
   */
  const warmUp = async (gateway: RunningGateway) => {
    let last: GraphQLAnswer<Nodes> | undefined;
    for (let attempt = 0; attempt < 10 && !(last?.status === 200 && last.errors === undefined); attempt += 1) {
      last = await queryAt<Nodes>(gateway, CALLERS.officerForceB, ACROSS_AGENCIES);
    }
    expect({ status: last?.status, errors: last?.errors }).toEqual({ status: 200, errors: undefined });
  };

  it("with every agency answering, the cross-agency query has police, health and social care data and no errors", async () => {
    const answer = await fixture.query<Nodes>(CALLERS.officerForceB, ACROSS_AGENCIES);
    expect(answer.errors).toBeUndefined();
    expect(penelope(answer).policeEvents!.length).toBeGreaterThan(0);
    expect(penelope(answer).healthEvents!.length).toBeGreaterThan(0);
    expect(penelope(answer).careEvents!.length).toBeGreaterThan(0);
  });

  describe("police stopped (SIGSTOP)", () => {
    /** Distinct tokens of one user: the cap counts the person (the token's subject), not the token. */
    let tokens: string[] = [];
    /** Police's timeout short, everything else the default. */
    let gateway: RunningGateway;
    const deadlineMs = 1_000;
    /** A request deadline that passes before police's (long) timeout. */
    let short: RunningGateway;
    beforeAll(async () => {
      tokens = await Promise.all(Array.from({ length: DEFAULT_MAX_IN_FLIGHT_PER_CALLER + 2 }, (_, i) => fixture.token(CALLERS.officerForceB, { expiresIn: `${60 + i}m` })));
      gateway = await gatewayWith(SHORT_POLICE_TIMEOUT);
      short = await gatewayWith({ subgraphTimeoutMs: 10_000, subgraphTimeoutsMs: {}, requestDeadlineMs: deadlineMs });
      await warmUp(gateway);
      await warmUp(short);
      stopPolice();
    }, 120_000);
    afterAll(async () => {
      continuePolice();
      await gateway?.stop();
      await short?.stop();
    });

    it("the cross-agency query answers within about police's timeout, with health and social care data and a SUBGRAPH_TIMEOUT error naming police", async () => {
      const started = performance.now();
      const answer = await queryAt<Nodes>(gateway, CALLERS.officerForceB, ACROSS_AGENCIES);
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(200);
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: `police did not answer within ${POLICE_TIMEOUT_MS} ms: its data is missing from this answer`,
          extensions: expect.objectContaining({ code: "SUBGRAPH_TIMEOUT", serviceName: "police", timeoutMs: POLICE_TIMEOUT_MS }),
        }),
      ]);
      expect(penelope(answer).policeEvents).toBeNull();
      expect(penelope(answer).healthEvents!.length).toBeGreaterThan(0);
      expect(penelope(answer).careEvents!.length).toBeGreaterThan(0);
      // Police's timeout was waited, and not much more: before, the query waited as long as police was stopped.
      expect(elapsed).toBeGreaterThanOrEqual(POLICE_TIMEOUT_MS);
      expect(elapsed).toBeLessThan(POLICE_TIMEOUT_MS + 3_000);
    });

    it("risk answers on what did arrive, as a lower bound that names police as not seen, without an internal error", async () => {
      type Risk = { searchSubjects: { nodes: { riskAssessment: { level: string; completeness: string; headline: string; summary: string; basis: { agenciesNotSeen: { agency: string }[] } } | null }[] } };
      const answer = await queryAt<Risk>(
        gateway,
        CALLERS.officerForceB,
        `{ searchSubjects(name: "Penelope Ashworth") { nodes { riskAssessment(asAt: "2026-11-22T00:00:00Z") { level completeness headline summary basis { agenciesNotSeen { agency } } } } } }`,
      );
      const risk = answer.data!.searchSubjects.nodes[0]!.riskAssessment!;
      expect(risk.completeness).toBe("PARTIAL");
      expect(risk.basis.agenciesNotSeen.map((source) => source.agency)).toEqual(["police"]);
      expect(risk.headline).toMatch(new RegExp(`^At least ${risk.level} — police not seen`));
      expect(risk.summary).toMatch(new RegExp(`^At least ${risk.level} — police were not visible and could raise it`));
      expect((answer.errors ?? []).map((error) => error.extensions?.code)).not.toContain("INTERNAL_SERVER_ERROR");
      expect(fixture.logs.filter((line) => line.startsWith("[risk]") && /Cannot read properties/.test(line))).toEqual([]);
    });

    it("a gateway whose request deadline passes before police's timeout answers at the deadline with what had arrived and REQUEST_DEADLINE_EXCEEDED naming police", async () => {
      const started = performance.now();
      const answer = await queryAt<Nodes>(short, CALLERS.officerForceB, ACROSS_AGENCIES);
      const elapsed = performance.now() - started;
      expect(answer.status).toBe(200);
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: `police had not answered when the request's ${deadlineMs} ms deadline passed: its data is missing from this answer`,
          extensions: expect.objectContaining({ code: "REQUEST_DEADLINE_EXCEEDED", serviceName: "police", deadlineMs }),
        }),
      ]);
      expect(penelope(answer).policeEvents).toBeNull();
      expect(penelope(answer).healthEvents!.length).toBeGreaterThan(0);
      expect(penelope(answer).careEvents!.length).toBeGreaterThan(0);
      expect(elapsed).toBeLessThan(deadlineMs + 3_000);
    });

    it("the gateway's /ready answers 503 naming police while /health answers ok", async () => {
      const ready = await fetch(`${fixture.stack.urls.gateway}/ready`);
      const body = (await ready.json()) as { status: string; notReady: string[]; subgraphs: Record<string, { ready: boolean; error?: string }> };
      expect(ready.status).toBe(503);
      expect(body.status).toBe("not ready");
      expect(body.notReady).toEqual(["police"]);
      expect(body.subgraphs.police).toEqual({ ready: false, error: expect.stringMatching(/^no answer within \d+ ms$/) });
      for (const service of ["identity", "health", "social-care", "risk"]) expect(body.subgraphs[service]).toEqual({ ready: true, status: 200 });

      const health = await fetch(`${fixture.stack.urls.gateway}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", service: "gateway" });
    });

    it("one caller over the in-flight cap is answered 429 with Retry-After, while another caller is still served", async () => {
      // Each of these waits police's timeout at the gateway, so all are in flight together.
      const copies = DEFAULT_MAX_IN_FLIGHT_PER_CALLER + 2;
      expect(new Set(tokens).size).toBe(copies);
      const greedy = Array.from({ length: copies }, (_, i) => post<Nodes>(gateway, tokens[i]!, ACROSS_AGENCIES).then(({ response }) => response));
      const other = queryAt<Nodes>(gateway, CALLERS.clinicianSafeguarding, HEALTH_ONLY);
      const responses = await Promise.all(greedy);
      const refused = responses.filter((response) => response.status === 429);
      const served = responses.filter((response) => response.status === 200);
      expect(refused).toHaveLength(copies - DEFAULT_MAX_IN_FLIGHT_PER_CALLER);
      expect(served).toHaveLength(DEFAULT_MAX_IN_FLIGHT_PER_CALLER);
      for (const response of refused) {
        expect(response.headers.get("retry-after")).toMatch(/^[1-9][0-9]*$/);
        expect(response.headers.get("content-type")).toMatch(/^application\/json/);
        expect(await response.json()).toEqual({
          errors: [
            expect.objectContaining({
              message: expect.stringContaining(`Too many requests in flight: you already have ${DEFAULT_MAX_IN_FLIGHT_PER_CALLER}.`),
              extensions: expect.objectContaining({ code: "TOO_MANY_REQUESTS", scope: "caller", limit: DEFAULT_MAX_IN_FLIGHT_PER_CALLER }),
            }),
          ],
        });
      }
      for (const response of served) {
        const body = (await response.json()) as GraphQLAnswer<Nodes>;
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual(["SUBGRAPH_TIMEOUT"]);
      }
      const answer = await other;
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(penelope(answer).healthEvents!.length).toBeGreaterThan(0);

      // The places are given back: the same caller is served again once its requests have answered.
      const again = await queryAt<Nodes>(gateway, CALLERS.officerForceB, HEALTH_ONLY);
      expect(again.status).toBe(200);
    });

  });

  it("after SIGCONT the same query answers whole, and police refused no request as stale", async () => {
    const answer = await fixture.query<Nodes>(CALLERS.officerForceB, ACROSS_AGENCIES);
    expect(answer.errors).toBeUndefined();
    expect(penelope(answer).policeEvents!.length).toBeGreaterThan(0);
    expect(penelope(answer).healthEvents!.length).toBeGreaterThan(0);
    // Police may still be working through what it was sent while stopped: ready again within seconds.
    let ready = 0;
    for (const started = performance.now(); ready !== 200 && performance.now() - started < 15_000; ) {
      ready = (await fetch(`${fixture.stack.urls.gateway}/ready`)).status;
      if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
    expect(ready).toBe(200);
    // Police writes the first gateway request it refuses at once (and counts those that follow): none was refused.
    expect(fixture.logs.filter((line) => line.startsWith("[police]") && /refused (a|\d+ more) gateway request/.test(line))).toEqual([]);
  });
});
