import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { metricsToken, MIN_METRICS_TOKEN_LENGTH, useMetricsAccess } from "../metricsAccess";

describe("metricsToken", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "tessera-metrics-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("is TESSERA_METRICS_TOKEN when set, with the development issuer or a real one", () => {
    const env = { TESSERA_METRICS_TOKEN: " scraper-token-0123456789 ", TESSERA_DEV_ISSUER_DIR: dir };
    expect(metricsToken(true, env)).toBe("scraper-token-0123456789");
    expect(metricsToken(false, env)).toBe("scraper-token-0123456789");
  });

  it("refuses a configured token too short to be a secret", () => {
    expect(() => metricsToken(false, { TESSERA_METRICS_TOKEN: "x".repeat(MIN_METRICS_TOKEN_LENGTH - 1) })).toThrow(/at least 16 characters/);
  });

  it("in development, is generated once beside the issuer's key, where tests and benches read it", () => {
    const env = { TESSERA_DEV_ISSUER_DIR: dir };
    const token = metricsToken(true, env)!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(metricsToken(true, env)).toBe(token);
    expect(readFileSync(path.join(dir, "metrics.token"), "utf8")).toBe(token);
  });

  it("with a real issuer and none configured, is undefined: /metrics is off", () => {
    expect(metricsToken(false, { TESSERA_DEV_ISSUER_DIR: dir })).toBeUndefined();
  });
});

describe("useMetricsAccess", () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

  async function metricsUrl(token: string | undefined): Promise<string> {
    const app = express();
    app.get("/metrics", useMetricsAccess(token), (_req, res) => void res.type("text/plain").send("tessera_graphql_requests_total 7\n"));
    const server = createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  }

  const TOKEN = "scraper-token-0123456789";

  it("serves the scraper's bearer token, however the scheme is cased", async () => {
    const url = await metricsUrl(TOKEN);
    for (const authorization of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`]) {
      const response = await fetch(url, { headers: { authorization } });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("tessera_graphql_requests_total 7\n");
    }
  });

  it("refuses anything else with 401 and WWW-Authenticate, showing no metric", async () => {
    const url = await metricsUrl(TOKEN);
    const wrongOfSameLength = TOKEN.replace(/.$/, "X");
    for (const headers of [{}, { authorization: `Bearer ${wrongOfSameLength}` }, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` }, { authorization: TOKEN }] as Record<string, string>[]) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      const text = await response.text();
      expect(text).not.toContain("tessera_graphql_requests_total");
      expect(JSON.parse(text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers 404 to everyone when no token is configured", async () => {
    const url = await metricsUrl(undefined);
    const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("tessera_graphql_requests_total");
  });
});
