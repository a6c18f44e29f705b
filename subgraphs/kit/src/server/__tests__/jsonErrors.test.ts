import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import express from "express";
import { requestRefusal, useJsonErrors, type JsonErrorsOptions } from "../jsonErrors";

/** An Express app as the services assemble one: a JSON body parser, a route, the kit's handler last. */
async function serve(options: Partial<JsonErrorsOptions> = {}): Promise<{ url: string; logged: string[]; close(): Promise<void> }> {
  const logged: string[] = [];
  const app = express();
  app.post("/graphql", express.json({ limit: "1kb" }), (req, res) => {
    if (req.body?.fail) throw new Error(`relation "person_record" does not exist (SELECT * FROM person_record WHERE family_name = 'Ashworth')`);
    res.json({ received: req.body });
  });
  app.use(useJsonErrors({ service: "police", log: (line) => logged.push(line), ...options }));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    logged,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function post(url: string, body: string | Buffer, headers: Record<string, string> = { "content-type": "application/json" }) {
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("useJsonErrors", () => {
  let service: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => (service = await serve()));
  afterAll(() => service.close());

  it("answers malformed JSON with 400 BAD_REQUEST in GraphQL's error shape, no stack", async () => {
    const answer = await post(service.url, `{"query": `);
    expect(answer).toMatchObject({ status: 400, type: expect.stringMatching(/^application\/json/) });
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
  });

  it("answers a body over the limit with 413 PAYLOAD_TOO_LARGE naming the limit", async () => {
    const answer = await post(service.url, JSON.stringify({ query: "x".repeat(2000) }));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: "The request body is larger than this service accepts (1024 bytes).", extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  });

  it("answers a charset or content encoding it cannot read with 415, without echoing it", async () => {
    const charset = await post(service.url, "{}", { "content-type": "application/json; charset=x-evil-<script>" });
    expect(charset.status).toBe(415);
    expect(JSON.parse(charset.text).errors[0].extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(charset.text).not.toContain("evil");
    const encoding = await post(service.url, "{}", { "content-type": "application/json", "content-encoding": "x-evil" });
    expect(encoding.status).toBe(415);
    expect(encoding.text).not.toContain("evil");
  });

  it("still reads what it can: a gzipped body", async () => {
    const answer = await post(service.url, gzipSync(JSON.stringify({ query: "{ a }" })), { "content-type": "application/json", "content-encoding": "gzip" });
    expect(answer).toMatchObject({ status: 200, text: JSON.stringify({ received: { query: "{ a }" } }) });
  });

  it("answers an internal error with 500 and a reference, and logs the cause with that reference", async () => {
    const answer = await post(service.url, JSON.stringify({ fail: true }));
    expect(answer.status).toBe(500);
    const { errors } = JSON.parse(answer.text);
    expect(errors).toEqual([{ message: expect.stringMatching(/^Internal error in police \(reference [0-9a-f-]{36}\)$/), extensions: { code: "INTERNAL_SERVER_ERROR", reference: expect.any(String) } }]);
    // The SQL, the surname and the stack stay in the service's log.
    expect(answer.text).not.toMatch(/person_record|Ashworth|\n\s+at /);
    const line = JSON.parse(service.logged.at(-1)!);
    expect(line).toMatchObject({ level: "error", service: "police", reference: errors[0].extensions.reference, message: expect.stringContaining("person_record") });
    expect(line.stack).toMatch(/\n\s+at /);
  });

  it("sends the body a route asks for (identity's registration batches)", async () => {
    const own = await serve({ body: ({ message }) => ({ errors: [{ index: null, field: "body", reason: message }] }) });
    try {
      expect(JSON.parse((await post(own.url, "[")).text)).toEqual({ errors: [{ index: null, field: "body", reason: "The request body is not valid JSON." }] });
    } finally {
      await own.close();
    }
  });
});

describe("requestRefusal", () => {
  it("tells body-parser's other client errors as 400, and leaves anything unknown internal", () => {
    expect(requestRefusal({ type: "request.aborted", status: 400, expose: true })).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect(requestRefusal({ type: "request.size.invalid", status: 400, expose: true })).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect(requestRefusal({ status: 405, expose: true, message: "/work/x" })).toEqual({ status: 405, code: "METHOD_NOT_ALLOWED", message: "The request was refused before it reached GraphQL." });
    // A 4xx nobody marked as fit to show, a 5xx, or a plain Error: internal.
    expect(requestRefusal({ status: 400, expose: false })).toBeUndefined();
    expect(requestRefusal({ type: "stream.not.readable", status: 500, expose: false })).toBeUndefined();
    expect(requestRefusal(new Error("boom"))).toBeUndefined();
    expect(requestRefusal(undefined)).toBeUndefined();
  });
});
