import http from "node:http";
import net from "node:net";
import { issueDevToken, type DevTokenClaims } from "@tessera/kit";
import { startGateway, type RunningGateway } from "../startGateway";

/**
 * The gateway's own refusals, which come before any subgraph is asked (none runs here): who may take
 * a place in flight, which names the development gateway answers to, how much introspection one
 * operation may ask, and what an unknown path, a subscription or an automatic persisted query gets.
 */
const OFFICER: DevTokenClaims = { user: "pc-front-door", name: "PC Front Door", agency: "police", roles: ["officer"], area: "EVP", purpose: "safeguarding" };

describe("the gateway's front door", () => {
  let gateway: RunningGateway;
  let token: string;
  const previousTimeout = process.env.TESSERA_REQUEST_READ_TIMEOUT_MS;

  beforeAll(async () => {
    process.env.TESSERA_REQUEST_READ_TIMEOUT_MS = "1000";
    gateway = await startGateway({ port: 0, host: "127.0.0.1", explorer: null, log: () => undefined, inFlight: { perCaller: 4, overall: 8, retryAfterSeconds: 1 } });
    token = await issueDevToken(OFFICER);
  });

  afterAll(async () => {
    if (previousTimeout === undefined) delete process.env.TESSERA_REQUEST_READ_TIMEOUT_MS;
    else process.env.TESSERA_REQUEST_READ_TIMEOUT_MS = previousTimeout;
    await gateway?.stop();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gateway.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });

  /** Sends a request's headers and the first byte of a 1,000-byte body, then nothing more. */
  function halfSent(authorization?: string): Promise<{ socket: net.Socket; answer: Promise<string> }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(gateway.port, "127.0.0.1", () => {
        const auth = authorization ? `authorization: ${authorization}\r\n` : "";
        socket.write(`POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n${auth}\r\n{`);
        let received = "";
        const answer = new Promise<string>((done) => {
          socket.on("data", (chunk) => (received += chunk.toString()));
          socket.on("close", () => done(received));
          socket.on("error", () => done(received));
        });
        resolve({ socket, answer });
      });
      socket.on("error", reject);
    });
  }

  it("answers a request without a genuine token at once with 401, so half-sent bodies take no place in flight", async () => {
    const held = await Promise.all(Array.from({ length: 20 }, (_, i) => halfSent(i % 2 === 0 ? undefined : "Bearer not-a-jwt")));
    try {
      const answers = await Promise.all(held.map(({ answer }) => answer));
      for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 401/);
      // More half-sent requests than the gateway has places, and still a genuine caller is let in.
      const served = await post({ query: "{ __typename }" });
      expect(served.status).toBe(200);
      expect(await served.json()).toEqual({ data: { __typename: "Query" } });
    } finally {
      for (const { socket } of held) socket.destroy();
    }
  });

  it("closes a genuine caller's connection whose body never finishes, and gives its place back", async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => halfSent(`Bearer ${token}`)));
    // While all four of the caller's places are held (once the gateway has read their headers), a fifth request is refused.
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 429; attempt += 1) {
      status = (await post({ query: "{ __typename }" })).status;
      if (status !== 429) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe(429);
    // Node closes each within the read timeout (1 s here) and a second's check.
    const closed = await Promise.all(held.map(({ answer }) => answer));
    expect(closed.every((answer) => !answer.startsWith("HTTP/1.1 2"))).toBe(true);
    expect((await post({ query: "{ __typename }" })).status).toBe(200);
  });

  /** POSTs with a Host header of our choosing (fetch will not send one). */
  function postAs(host: string): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port: gateway.port, path: "/graphql", method: "POST", headers: { host, "content-type": "application/json", authorization: `Bearer ${token}` } },
        (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
        },
      );
      request.on("error", reject);
      request.end(JSON.stringify({ query: "{ __typename }" }));
    });
  }

  it("answers only requests addressed to this machine while it mints development tokens (DNS rebinding)", async () => {
    const rebound = await postAs("rebind.attacker.example");
    expect(rebound.status).toBe(421);
    expect(rebound.body.errors[0].extensions.code).toBe("MISDIRECTED_REQUEST");
    expect((await postAs(`localhost:${gateway.port}`)).status).toBe(200);
    expect((await postAs(`[::1]:${gateway.port}`)).status).toBe(200);
  });

  it("refuses a justification header sent twice: Node would join two halves that each fail into one that passes", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port: gateway.port, path: "/graphql", method: "POST" }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.setHeader("content-type", "application/json");
      request.setHeader("authorization", `Bearer ${token}`);
      request.setHeader("x-tessera-justification", ["Strategy meeting", "today pending"]);
      request.on("error", reject);
      request.end(JSON.stringify({ query: "{ __typename }" }));
    });
    expect(status).toBe(401);
    // Either half alone is no reason; joined ("Strategy meeting, today pending") they would be one.
    expect((await post({ query: "{ __typename }" }, { "x-tessera-justification": "Strategy meeting, today pending" })).status).toBe(200);
  });

  it("answers introspection once per operation, and refuses a second __schema or __type", async () => {
    const once = await post({ query: "{ __schema { queryType { name } } }" });
    expect(once.status).toBe(200);
    const twice = await post({ query: "{ a: __schema { queryType { name } } b: __type(name: \"Subject\") { name } }" });
    expect(twice.status).toBe(400);
    const body = (await twice.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.message).toMatch(/introspection \(__schema or __type\) more than once/);
    expect(body.errors[0]!.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses a subscription with 400 and a code, not a 500", async () => {
    const answer = await post({ query: "subscription { __typename }" });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("OPERATION_NOT_SUPPORTED");
  });

  it("serves no automatic persisted queries: a hash gets Apollo's own PERSISTED_QUERY_NOT_SUPPORTED, never an internal error", async () => {
    for (const body of [{ query: "{ __typename }" }, {}]) {
      const answer = await post({ ...body, extensions: { persistedQuery: { version: 1, sha256Hash: "f".repeat(64) } } });
      // Apollo answers persisted-query errors with 200, as APQ clients expect, to fall back to sending the text.
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe("PERSISTED_QUERY_NOT_SUPPORTED");
    }
  });

  it("answers a path nothing serves with JSON, not Express's HTML page", async () => {
    const answer = await fetch(`${gateway.url}/etc/passwd`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toMatch(/application\/json/);
    expect(await answer.json()).toEqual({ errors: [{ message: "Nothing is served at this path.", extensions: { code: "NOT_FOUND" } }] });
  });
});
