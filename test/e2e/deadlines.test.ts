import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { loadAccessConfig, SERVICE_NAMES } from "@tessera/kit";
import { DEFAULT_MAX_IN_FLIGHT_PER_CALLER } from "../../gateway/src/inFlightCap";
import { startGateway } from "../../gateway/src/startGateway";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type GraphQLAnswer, type StackFixture } from "./stackFixture";

/**
 * A frozen agency and a greedy caller, on one running stack: police stopped with SIGSTOP (its
 * process alive, its port open, nothing answered) costs police's data only, within police's
 * timeout (or a request deadline that passes first), and the gateway's /ready says so; after SIGCONT
 * the whole answer is back and police refused nothing as stale. One caller over the in-flight cap is told 429 while another caller is
 * still served.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const ACROSS_AGENCIES = readFileSync(path.join(ROOT, "docs", "queries", "penelope-across-agencies.graphql"), "utf8");
/** Short, so the test waits little; the stack's other subgraphs keep the default. */
const POLICE_TIMEOUT_MS = 1_500;
const HEALTH_ONLY = `{ searchSubjects(name: "Penelope Ashworth") { nodes { id healthEvents { occurredAt kind } } } }`;

type Nodes = { searchSubjects: { nodes: Record<string, unknown[]>[] } };

describe("deadlines and back-pressure at the gateway", () => {
  let fixture: StackFixture;
  let dir: string;
  let policeStopped = false;

  beforeAll(async () => {
    fixture = await startStackFixture({ env: { POLICE_TIMEOUT_MS: String(POLICE_TIMEOUT_MS) } });
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
    beforeAll(async () => {
      tokens = await Promise.all(Array.from({ length: DEFAULT_MAX_IN_FLIGHT_PER_CALLER + 2 }, (_, i) => fixture.token(CALLERS.officerForceB, { expiresIn: `${60 + i}m` })));
      stopPolice();
    });
    afterAll(() => continuePolice());

    it("the cross-agency query answers within about police's timeout, with health and social care data and a SUBGRAPH_TIMEOUT error naming police", async () => {
      const started = performance.now();
      const answer = await fixture.query<Nodes>(CALLERS.officerForceB, ACROSS_AGENCIES);
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

    it("a gateway whose request deadline passes before police's timeout answers at the deadline with what had arrived and REQUEST_DEADLINE_EXCEEDED naming police", async () => {
      const deadlineMs = 1_000;
      const gateway = await startGateway({
        port: 0,
        host: "127.0.0.1",
        access: await loadAccessConfig(fixture.stack.env),
        subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((service) => [service, fixture.stack.urls[service]])),
        deadlines: { subgraphTimeoutMs: 10_000, subgraphTimeoutsMs: {}, requestDeadlineMs: deadlineMs },
        log: () => undefined,
      });
      try {
        const started = performance.now();
        const response = await fetch(`${gateway.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${await fixture.token(CALLERS.officerForceB)}` },
          body: JSON.stringify({ query: ACROSS_AGENCIES }),
        });
        const answer = { status: response.status, ...((await response.json()) as object) } as GraphQLAnswer<Nodes>;
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
      } finally {
        await gateway.stop();
      }
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
      const greedy = Array.from({ length: copies }, (_, i) =>
        fetch(fixture.stack.gatewayUrl, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${tokens[i]}` },
          body: JSON.stringify({ query: ACROSS_AGENCIES }),
        }),
      );
      const other = fixture.query<Nodes>(CALLERS.clinicianSafeguarding, HEALTH_ONLY);
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
      const again = await fixture.query<Nodes>(CALLERS.officerForceB, HEALTH_ONLY);
      expect(again.status).toBe(200);
    });

  });

  it("after SIGCONT the same query answers whole, and police refused no request as stale", async () => {
    const answer = await fixture.query<Nodes>(CALLERS.officerForceB, ACROSS_AGENCIES);
    expect(answer.errors).toBeUndefined();
    expect(penelope(answer).policeEvents!.length).toBeGreaterThan(0);
    expect(penelope(answer).healthEvents!.length).toBeGreaterThan(0);
    const ready = await fetch(`${fixture.stack.urls.gateway}/ready`);
    expect(ready.status).toBe(200);
    // Police logs every gateway request it refuses; none was outside the signature's window.
    expect(fixture.logs.filter((line) => line.startsWith("[police]") && line.includes("refused a gateway request"))).toEqual([]);
  });
});
