import { once } from "node:events";
import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import express from "express";
import { DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT_PER_CALLER, DEFAULT_RETRY_AFTER_SECONDS, InFlightCap, loadInFlightCapOptions, useInFlightCap } from "../inFlightCap";

const admitted = (entry: ReturnType<InFlightCap["enter"]>) => {
  if ("refused" in entry) throw new Error(`refused by the ${entry.refused} limit`);
  return entry;
};

describe("InFlightCap", () => {
  it("admits a caller's requests up to their limit, then refuses naming the caller's limit, and admits again once one is released", () => {
    const cap = new InFlightCap({ perCaller: 2, overall: 10 });
    const first = admitted(cap.enter("iss alice"));
    admitted(cap.enter("iss alice"));
    expect(cap.enter("iss alice")).toEqual({ refused: "caller", limit: 2 });
    first.release();
    admitted(cap.enter("iss alice"));
    expect(cap.inFlight("iss alice")).toBe(2);
  });

  it("keeps callers apart: one at their limit does not hold back another", () => {
    const cap = new InFlightCap({ perCaller: 1, overall: 10 });
    admitted(cap.enter("iss alice"));
    expect(cap.enter("iss alice")).toEqual({ refused: "caller", limit: 1 });
    admitted(cap.enter("iss bob"));
    expect(cap.inFlight()).toBe(2);
  });

  it("refuses everyone, callers unknown included, once the gateway's overall limit is reached", () => {
    const cap = new InFlightCap({ perCaller: 5, overall: 3 });
    admitted(cap.enter("iss alice"));
    admitted(cap.enter("iss bob"));
    const unknown = admitted(cap.enter(undefined));
    expect(cap.enter("iss carol")).toEqual({ refused: "gateway", limit: 3 });
    expect(cap.enter(undefined)).toEqual({ refused: "gateway", limit: 3 });
    unknown.release();
    admitted(cap.enter("iss carol"));
  });

  it("counts a release once, however often it is called (a response both finishes and closes)", () => {
    const cap = new InFlightCap({ perCaller: 2, overall: 2 });
    const entry = admitted(cap.enter("iss alice"));
    entry.release();
    entry.release();
    expect(cap.inFlight()).toBe(0);
    expect(cap.inFlight("iss alice")).toBe(0);
    admitted(cap.enter("iss alice"));
    admitted(cap.enter("iss alice"));
    expect(cap.enter("iss alice")).toEqual({ refused: "caller", limit: 2 });
  });

  it("does not count a refused request", () => {
    const cap = new InFlightCap({ perCaller: 1, overall: 1 });
    admitted(cap.enter("iss alice"));
    cap.enter("iss alice");
    cap.enter("iss bob");
    expect(cap.inFlight()).toBe(1);
    expect(cap.inFlight("iss bob")).toBe(0);
  });
});

describe("in-flight cap settings", () => {
  it("default to the documented values and read the environment", () => {
    expect(loadInFlightCapOptions({})).toEqual({ perCaller: DEFAULT_MAX_IN_FLIGHT_PER_CALLER, overall: DEFAULT_MAX_IN_FLIGHT, retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS });
    expect(loadInFlightCapOptions({ TESSERA_MAX_IN_FLIGHT_PER_CALLER: "2", TESSERA_MAX_IN_FLIGHT: "100", TESSERA_RETRY_AFTER_SECONDS: "5" })).toEqual({ perCaller: 2, overall: 100, retryAfterSeconds: 5 });
  });

  it("refuse a limit of zero or a non-number at start, naming the variable", () => {
    expect(() => loadInFlightCapOptions({ TESSERA_MAX_IN_FLIGHT: "0" })).toThrow('TESSERA_MAX_IN_FLIGHT must be a whole number ≥ 1, not "0"');
    expect(() => loadInFlightCapOptions({ TESSERA_MAX_IN_FLIGHT_PER_CALLER: "four" })).toThrow('TESSERA_MAX_IN_FLIGHT_PER_CALLER must be a whole number ≥ 1, not "four"');
  });
});

describe("useInFlightCap", () => {
  it("answers a request over the cap 429 with Retry-After and a JSON GraphQL error before the handler runs, and gives the place back when a request ends or its caller hangs up", async () => {
    let handled = 0;
    const release: (() => void)[] = [];
    const app = express()
      .use(useInFlightCap({ perCaller: 1, overall: 10, retryAfterSeconds: 3, callerOf: async (req) => req.header("x-caller") }))
      .get("/hold", (_req, res) => {
        handled += 1;
        release.push(() => res.json({ ok: true }));
      })
      .get("/quick", (_req, res) => void res.json({ ok: true }));
    const server = createServer(app);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const as = (caller: string, signal?: AbortSignal, path = "hold") => fetch(url + path, { headers: { "x-caller": caller }, ...(signal ? { signal } : {}) });
    const waitFor = async (condition: () => boolean) => {
      while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
    };

    const first = as("alice");
    await waitFor(() => handled === 1);
    const refused = await as("alice");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("3");
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: "Too many requests in flight: you already have 1. Wait for an answer, then retry after 3 s",
          extensions: { code: "TOO_MANY_REQUESTS", scope: "caller", limit: 1, retryAfterSeconds: 3 },
        },
      ],
    });
    expect(handled).toBe(1);

    release.shift()!();
    expect((await first).status).toBe(200);
    const hangingUp = new AbortController();
    const abandoned = as("alice", hangingUp.signal).catch(() => "hung up");
    await waitFor(() => handled === 2);
    hangingUp.abort();
    expect(await abandoned).toBe("hung up");
    // The place the abandoned request held is given back once its connection closes.
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt += 1) {
      status = (await as("alice", undefined, "quick")).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toBe(200);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("gives the place back when the caller hangs up while their token is still being verified", async () => {
    // callerOf takes 50 ms; the client closes its socket after 15 ms, before the cap admits it.
    const app = express()
      .use(useInFlightCap({ perCaller: 1, overall: 1, retryAfterSeconds: 1, callerOf: (req) => new Promise((resolve) => setTimeout(() => resolve(req.header("x-caller")), 50)) }))
      .get("/", (_req, res) => void res.json({ ok: true }));
    const server = createServer(app);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const hangUp = async (caller: string | undefined) => {
      const socket = connect(port, "127.0.0.1");
      await once(socket, "connect");
      socket.write(`GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n${caller ? `x-caller: ${caller}\r\n` : ""}\r\n`);
      await new Promise((resolve) => setTimeout(resolve, 15));
      socket.destroy();
    };
    await hangUp("alice");
    // An unauthenticated caller's hang-up must not eat the gateway's overall places either.
    await hangUp(undefined);
    // Past callerOf's 50 ms: the abandoned requests have been through the cap.
    await new Promise((resolve) => setTimeout(resolve, 120));
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-caller": "alice" } });
      expect(answer.status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
