import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { CallerWentAway, RequestDeadlineExceeded } from "../fetchDeadline";
import { useRequestDeadline } from "../requestDeadline";
import { SUBGRAPH_IDLE_MS, SubgraphDataSource } from "../subgraphDataSource";

const SECRET = "police-gateway-secret-for-tests-0123456789";

/** A subgraph that reads each request and never answers (a frozen process), counting the connections the gateway hangs up. */
class FrozenSubgraph {
  received = 0;
  closedByGateway = 0;
  private readonly held: ServerResponse[] = [];
  private server: Server | undefined;
  url = "";

  async start(answer?: (req: IncomingMessage, res: ServerResponse) => void): Promise<void> {
    this.server = createServer((req, res) => {
      this.received += 1;
      req.resume();
      if (answer) answer(req, res);
      else this.held.push(res);
    });
    // Counted on the connection, so a fetch aborted before its request was read counts too.
    this.server.on("connection", (socket) => {
      let closed = false;
      const close = () => void (closed || ((closed = true), (this.closedByGateway += 1)));
      socket.on("end", close);
      socket.on("error", close);
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server!.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}

function fetchThrough(source: SubgraphDataSource, url: string, deadline?: AbortSignal) {
  const request = { query: "{ __typename }", http: { method: "POST", url, headers: new Headers() } };
  const context = { requestId: "r-1", headers: { authorization: "Bearer abc.def.ghi" }, deadline };
  return source.process({ kind: "incoming operation", request, context, incomingRequestContext: {}, document: undefined } as never);
}

const eventually = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
};

describe("a subgraph fetch under a deadline", () => {
  const subgraph = new FrozenSubgraph();
  beforeAll(() => subgraph.start());
  afterAll(() => subgraph.stop());

  it("is aborted after its subgraph's timeout, its connection closed, with SUBGRAPH_TIMEOUT naming the agency", async () => {
    // Long enough that the request reaches the subgraph first even on a loaded machine.
    const source = new SubgraphDataSource("police", subgraph.url, SECRET, SUBGRAPH_IDLE_MS, 1_000);
    const closedBefore = subgraph.closedByGateway;
    const started = performance.now();
    const failure = await fetchThrough(source, subgraph.url).catch((error: unknown) => error);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(failure).toMatchObject({
      message: "police did not answer within 1000 ms: its data is missing from this answer",
      extensions: { code: "SUBGRAPH_TIMEOUT", serviceName: "police", timeoutMs: 1000 },
    });
    expect(await eventually(() => subgraph.closedByGateway === closedBefore + 1)).toBe(true);
  });

  it("is aborted when the request's deadline passes first, with REQUEST_DEADLINE_EXCEEDED naming the agency", async () => {
    const source = new SubgraphDataSource("health", subgraph.url, SECRET, SUBGRAPH_IDLE_MS, 10_000);
    const request = new AbortController();
    const [closedBefore, receivedBefore] = [subgraph.closedByGateway, subgraph.received];
    const pending = fetchThrough(source, subgraph.url, request.signal).catch((error: unknown) => error);
    expect(await eventually(() => subgraph.received > receivedBefore)).toBe(true);
    request.abort(new RequestDeadlineExceeded(1234));
    expect(await pending).toMatchObject({
      message: "health had not answered when the request's 1234 ms deadline passed: its data is missing from this answer",
      extensions: { code: "REQUEST_DEADLINE_EXCEEDED", serviceName: "health", deadlineMs: 1234 },
    });
    expect(await eventually(() => subgraph.closedByGateway === closedBefore + 1)).toBe(true);
  });

  it("is not sent at all once the request's deadline has passed", async () => {
    const source = new SubgraphDataSource("risk", subgraph.url, SECRET, SUBGRAPH_IDLE_MS, 10_000);
    const receivedBefore = subgraph.received;
    const failure = await fetchThrough(source, subgraph.url, AbortSignal.abort(new RequestDeadlineExceeded(50))).catch((error: unknown) => error);
    expect(failure).toMatchObject({ extensions: { code: "REQUEST_DEADLINE_EXCEEDED", serviceName: "risk" } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(subgraph.received).toBe(receivedBefore);
  });
});

describe("a subgraph fetch that answers in time", () => {
  const subgraph = new FrozenSubgraph();
  beforeAll(() => subgraph.start((_req, res) => void setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"__typename":"Query"}}'), 50)));
  afterAll(() => subgraph.stop());

  it("returns the answer, and failures other than a deadline keep their own mapping", async () => {
    const source = new SubgraphDataSource("police", subgraph.url, SECRET, SUBGRAPH_IDLE_MS, 2_000);
    expect((await fetchThrough(source, subgraph.url, new AbortController().signal)).data).toEqual({ __typename: "Query" });
    const unreachable = new SubgraphDataSource("police", "http://127.0.0.1:1/graphql", SECRET, SUBGRAPH_IDLE_MS, 2_000);
    expect(await fetchThrough(unreachable, "http://127.0.0.1:1/graphql").catch((error: unknown) => error)).toMatchObject({ extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "police" } });
  });
});

describe("useRequestDeadline", () => {
  /** An app whose one route waits for the request's signal and answers with the reason it aborted, if the caller is still there. */
  async function app(deadlineMs: number, seen: unknown[], handler?: (req: express.Request, res: express.Response) => void): Promise<{ url: string; close(): Promise<void> }> {
    const deadline = useRequestDeadline({ deadlineMs });
    const server = createServer(
      express()
        .use(deadline.middleware)
        .get("/", (req, res) => {
          const signal = deadline.signalOf(res)!;
          if (handler) return handler(req, res);
          signal.addEventListener("abort", () => {
            seen.push(signal.reason);
            if (!res.destroyed) res.json({ reason: (signal.reason as Error).name });
          });
        }),
    );
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      close: () => {
        server.closeAllConnections();
        return new Promise((resolve) => server.close(() => resolve()));
      },
    };
  }

  it("aborts the request's signal with RequestDeadlineExceeded when the deadline passes", async () => {
    const seen: unknown[] = [];
    const served = await app(100, seen);
    expect(await (await fetch(served.url)).json()).toEqual({ reason: "RequestDeadlineExceeded" });
    expect((seen[0] as RequestDeadlineExceeded).deadlineMs).toBe(100);
    await served.close();
  });

  it("aborts it with CallerWentAway when the caller hangs up before the answer", async () => {
    const seen: unknown[] = [];
    const served = await app(10_000, seen);
    await fetch(served.url, { signal: AbortSignal.timeout(100) }).catch(() => undefined);
    expect(await eventually(() => seen.length === 1)).toBe(true);
    expect(seen[0]).toBeInstanceOf(CallerWentAway);
    await served.close();
  });

  it("leaves it alone once the answer is sent", async () => {
    const signals: AbortSignal[] = [];
    const deadline = useRequestDeadline({ deadlineMs: 100 });
    const server = createServer(
      express()
        .use(deadline.middleware)
        .get("/", (_req, res) => {
          signals.push(deadline.signalOf(res)!);
          res.json({ ok: true });
        }),
    );
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)).json();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(signals[0]!.aborted).toBe(false);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
