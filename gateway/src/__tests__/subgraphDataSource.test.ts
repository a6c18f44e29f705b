import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GatewaySignatureVerifier, NONCE_HEADER, SIGNATURE_HEADER, SUBGRAPH_KEEP_ALIVE_MS, TIMESTAMP_HEADER } from "@tessera/kit";
import { SUBGRAPH_IDLE_MS, SubgraphDataSource } from "../subgraphDataSource";

const SECRET = "police-gateway-secret-for-tests-0123456789";

/** A stand-in subgraph over real HTTP: keeps each request's headers and exact body bytes, and answers as told. */
class SubgraphStandIn {
  received: { headers: IncomingHttpHeaders; body: Buffer }[] = [];
  /** For each connection the gateway opened, whether the gateway has closed it. */
  connections: { closedByClient: boolean }[] = [];
  answer: { status: number; body: unknown } = { status: 200, body: { data: { __typename: "Query" } } };
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(this.answer.status, { "content-type": "application/json" }).end(JSON.stringify(this.answer.body));
      });
    });
    this.server.on("connection", (socket) => {
      const connection = { closedByClient: false };
      this.connections.push(connection);
      socket.on("end", () => (connection.closedByClient = true));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/graphql`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

/** What the gateway keeps of an incoming request (its context), with whatever headers the caller sent. */
const context = (headers: Record<string, string>) => ({ requestId: headers["x-request-id"] ?? "r-1", caller: {}, headers });

/** Runs one subgraph fetch as the gateway's executor does for an incoming operation. */
function fetchThrough(source: SubgraphDataSource, url: string, headers: Record<string, string>, query = "{ __typename }") {
  const request = { query, variables: { id: "S1" }, http: { method: "POST", url, headers: new Headers() } };
  return source.process({ kind: "incoming operation", request, context: context(headers), incomingRequestContext: {}, document: undefined } as never);
}

describe("SubgraphDataSource", () => {
  const send = (headers: Record<string, string>) => {
    const source = new SubgraphDataSource("police", "http://127.0.0.1:1/graphql", SECRET);
    const request = { http: { method: "POST", url: "", headers: new Headers() } };
    source.willSendRequest({ request, context: context(headers) } as never);
    return request.http.headers;
  };

  it("forwards the caller's Authorization header, the request id and the justification to the subgraph", () => {
    const headers = send({ authorization: "Bearer abc.def.ghi", "x-request-id": "r-1", "x-tessera-justification": "Section 47 enquiry, ref 2025/0142" });
    expect(headers.get("authorization")).toBe("Bearer abc.def.ghi");
    expect(headers.get("x-request-id")).toBe("r-1");
    expect(headers.get("x-tessera-justification")).toBe("Section 47 enquiry, ref 2025/0142");
  });

  it("forwards nothing else the caller sent: no self-declared user, no cookies", () => {
    const headers = send({ "x-request-id": "r-1", "x-tessera-user": "DS Okafor", cookie: "session=1" });
    expect([...headers.keys()]).toEqual(["x-request-id"]);
    expect(headers.get("x-tessera-user")).toBeNull();
    expect(headers.get("cookie")).toBeNull();
    expect(headers.get("authorization")).toBeNull();
  });

  describe("over HTTP", () => {
    let subgraph: SubgraphStandIn;
    beforeEach(async () => {
      subgraph = new SubgraphStandIn();
      await subgraph.start();
    });
    afterEach(() => subgraph.stop());

    const caller = { authorization: "Bearer abc.def.ghi", "x-request-id": "r-42", "x-tessera-justification": "Section 47 enquiry, ref 2025/0142", "x-tessera-user": "DS Okafor" };

    it("signs every request so that the subgraph's verifier accepts it over the exact bytes received", async () => {
      const source = new SubgraphDataSource("police", subgraph.url, SECRET);
      const response = await fetchThrough(source, subgraph.url, caller);
      expect(response.data).toEqual({ __typename: "Query" });

      const [{ headers, body }] = subgraph.received as [{ headers: IncomingHttpHeaders; body: Buffer }];
      expect(JSON.parse(body.toString("utf8"))).toMatchObject({ query: "{ __typename }", variables: { id: "S1" } });
      expect(headers).toMatchObject({ authorization: "Bearer abc.def.ghi", "x-request-id": "r-42", "x-tessera-justification": "Section 47 enquiry, ref 2025/0142" });
      expect(headers["x-tessera-user"]).toBeUndefined();
      expect(headers[SIGNATURE_HEADER]).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(headers[TIMESTAMP_HEADER]).toMatch(/^\d+$/);
      expect(headers[NONCE_HEADER]).toMatch(/^[0-9a-f]{32}$/);

      const header = (name: string) => headers[name] as string | undefined;
      expect(new GatewaySignatureVerifier("police", SECRET).check(header, body)).toBeNull();
      // Any other secret, or another subgraph's verifier, or other bytes: refused.
      expect(new GatewaySignatureVerifier("police", "another-secret-entirely-0123456789").check(header, body)).toBe("The gateway signature does not match this request");
      expect(new GatewaySignatureVerifier("health", SECRET).check(header, body)).toBe("The gateway signature does not match this request");
      expect(new GatewaySignatureVerifier("police", SECRET).check(header, Buffer.concat([body, Buffer.from(" ")]))).toBe("The gateway signature does not match this request");
    });

    it("signs each request afresh, so none is a replay of another", async () => {
      const source = new SubgraphDataSource("police", subgraph.url, SECRET);
      await fetchThrough(source, subgraph.url, caller);
      await fetchThrough(source, subgraph.url, caller);
      const verifier = new GatewaySignatureVerifier("police", SECRET);
      const [first, second] = subgraph.received;
      expect(first!.headers[NONCE_HEADER]).not.toBe(second!.headers[NONCE_HEADER]);
      for (const { headers, body } of [first!, second!]) expect(verifier.check((name) => headers[name] as string | undefined, body)).toBeNull();
    });

    it("signs a request without a token or justification too", async () => {
      const source = new SubgraphDataSource("police", subgraph.url, SECRET);
      await fetchThrough(source, subgraph.url, { "x-request-id": "r-7" });
      const [{ headers, body }] = subgraph.received as [{ headers: IncomingHttpHeaders; body: Buffer }];
      expect(headers.authorization).toBeUndefined();
      expect(new GatewaySignatureVerifier("police", SECRET).check((name) => headers[name] as string | undefined, body)).toBeNull();
    });

    it("names the subgraph that refused the gateway's request (401)", async () => {
      subgraph.answer = { status: 401, body: { errors: [{ message: "The gateway signature does not match this request", extensions: { code: "UNAUTHENTICATED" } }] } };
      await expect(fetchThrough(new SubgraphDataSource("police", subgraph.url, "a-stale-secret-0123456789"), subgraph.url, caller)).rejects.toMatchObject({
        message: "police refused the gateway's request: its data is missing from this answer",
        extensions: { code: "SUBGRAPH_REFUSED", serviceName: "police" },
      });
    });

    it("names a failing subgraph as unavailable (500)", async () => {
      subgraph.answer = { status: 500, body: { errors: [{ message: "boom" }] } };
      await expect(fetchThrough(new SubgraphDataSource("police", subgraph.url, SECRET), subgraph.url, caller)).rejects.toMatchObject({
        message: "police is unavailable: its data is missing from this answer",
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "police" },
      });
    });
  });

  it("closes an idle connection to a subgraph itself, before the subgraph would, and reuses a busy one", async () => {
    expect(SUBGRAPH_IDLE_MS).toBeLessThan(SUBGRAPH_KEEP_ALIVE_MS / 2);
    const subgraph = new SubgraphStandIn();
    await subgraph.start();
    try {
      const source = new SubgraphDataSource("police", subgraph.url, SECRET, 150);
      await fetchThrough(source, subgraph.url, { "x-request-id": "r-1" });
      await fetchThrough(source, subgraph.url, { "x-request-id": "r-2" });
      expect(subgraph.connections).toEqual([{ closedByClient: false }]);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(subgraph.connections).toEqual([{ closedByClient: true }]);
      await fetchThrough(source, subgraph.url, { "x-request-id": "r-3" });
      expect(subgraph.connections).toHaveLength(2);
    } finally {
      await subgraph.stop();
    }
  });

  it("names the subgraph that could not be reached", async () => {
    const source = new SubgraphDataSource("health", "http://127.0.0.1:1/graphql", SECRET);
    const error = await fetchThrough(source, "http://127.0.0.1:1/graphql", { "x-request-id": "r" }).then(
      () => null,
      (e: unknown) => e as { message: string; extensions: Record<string, unknown>; originalError?: { code?: string } },
    );
    expect(error).toMatchObject({ message: "health is unavailable: its data is missing from this answer", extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "health" } });
    // Unavailable because nothing answered, not for any other failure.
    expect(error!.originalError?.code).toBe("ECONNREFUSED");
  });
});
