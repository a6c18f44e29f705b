import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEV_ISSUER, devGatewaySecret, devJwks, envPrefix, loadAccessConfig, SERVICE_NAMES } from "@tessera/kit";
import { corsOptionsFromEnv, DEFAULT_CORS_ALLOWED_HEADERS } from "../../gateway/src/corsForBrowserClients";
import type { ExplorerConfig } from "../../gateway/explorer/src/ExplorerConfig";
import { EXPLORER_CONTENT_SECURITY_POLICY, explorerFromEnv } from "../../gateway/src/explorer/serveExplorer";
import { startGateway, type GatewayOptions, type RunningGateway } from "../../gateway/src/startGateway";
import { readManifest, type TrustedDocumentManifest } from "../../gateway/src/trustedDocuments/manifest";
import { Client } from "pg";
import { exited, spawnTs } from "../../scripts/stack";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type StackFixture } from "./stackFixture";

/**
 * What a browser meets at the gateway: the explorer's page and its development-only token endpoint,
 * CORS for the allowed origins alone with Apollo's CSRF prevention kept, and the trusted-documents
 * mode in which only a manifest's operations run. One stack of real subgraphs; each gateway
 * configuration under test is a gateway of its own in front of it, over HTTP.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const PENELOPE = readFileSync(path.join(ROOT, "docs", "queries", "penelope-across-agencies.graphql"), "utf8");
const ALLOWED = "https://case-app.example";
const FOREIGN = "https://elsewhere.example";

describe("browser clients at the gateway", () => {
  let fixture: StackFixture;
  let dir: string;
  let work: string;
  const gateways: RunningGateway[] = [];
  let manifest: TrustedDocumentManifest;
  let manifestFile: string;

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = await importDemoData(fixture, { seed: 11, subjects: 20 });
    work = mkdtempSync(path.join(tmpdir(), "tessera-browser-clients-"));
    manifestFile = path.join(work, "manifest.json");
    const output: string[] = [];
    const code = await exited(spawnTs("scripts/trustedDocumentsManifest.ts", fixture.stack.env, (line) => output.push(line), ["docs/queries", "--out", manifestFile]));
    if (code !== 0) throw new Error(`trusted-documents failed:\n${output.join("\n")}`);
    manifest = readManifest(manifestFile);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await fixture?.close();
    for (const folder of [dir, work]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Another gateway in front of the stack's subgraphs, with the stack's development issuer unless `access` says otherwise. */
  async function gatewayWith(options: GatewayOptions): Promise<RunningGateway> {
    const subgraphUrls = Object.fromEntries(SERVICE_NAMES.map((service) => [service, fixture.stack.urls[service]]));
    const gateway = await startGateway({
      port: 0,
      host: "127.0.0.1",
      subgraphUrls,
      access: await loadAccessConfig(fixture.stack.env),
      cors: { origins: [] },
      trustedDocuments: null,
      log: () => undefined,
      ...options,
    });
    gateways.push(gateway);
    return gateway;
  }

  async function post(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }> {
    const response = await fetch(url, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text.startsWith("{") ? JSON.parse(text) : text };
  }

  const bearer = async (caller = CALLERS.officerForceB) => ({ authorization: `Bearer ${await fixture.token(caller)}` });
  const corsHeaders = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith("access-control-"));

  describe("the explorer", () => {
    it("serves the page at / with a Content-Security-Policy of its own origin only, and leaves /health's headers alone", async () => {
      const page = await fetch(`${fixture.stack.urls.gateway}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
      expect(page.headers.get("content-security-policy")).toBe(EXPLORER_CONTENT_SECURITY_POLICY);
      expect(EXPLORER_CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'/);
      expect(EXPLORER_CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
      const html = await page.text();
      // Every script and stylesheet the page names is one of the gateway's own paths.
      const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources) expect(source).toMatch(/^\/assets\//);
      const script = await fetch(`${fixture.stack.urls.gateway}/assets/explorer.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get("content-security-policy")).toBe(EXPLORER_CONTENT_SECURITY_POLICY);
      const health = await fetch(`${fixture.stack.urls.gateway}/health`);
      expect(health.headers.get("content-security-policy")).toBeNull();
    });

    it("with the development issuer, mints a working token for a demonstration role, and none for an unknown role", async () => {
      const config = (await (await fetch(`${fixture.stack.urls.gateway}/explorer/config.json`)).json()) as ExplorerConfig;
      expect(config.development).toBe(true);
      expect(config.roles).toContain("police officer, EVP, safeguarding");
      expect(config.trustedDocuments).toBeNull();

      const minted = await post(`${fixture.stack.urls.gateway}/explorer/dev-token`, { role: "police officer, EVP, safeguarding" }, { "content-type": "application/json" });
      expect(minted.status).toBe(200);
      const answer = await post(fixture.stack.gatewayUrl, { query: PENELOPE }, { "content-type": "application/json", authorization: `Bearer ${minted.body.token}` });
      expect(answer.status).toBe(200);
      expect(answer.body.data.searchSubjects.nodes[0].policeEvents.length).toBeGreaterThan(0);

      const unknown = await post(`${fixture.stack.urls.gateway}/explorer/dev-token`, { role: "chief constable" }, { "content-type": "application/json" });
      expect(unknown.status).toBe(400);
      expect(unknown.body.token).toBeUndefined();
    });

    it("with a real issuer, offers no demonstration roles and has no token endpoint", async () => {
      // The stack's own keys, but configured as an organisation's issuer would be: a JWKS file.
      const jwksFile = path.join(work, "jwks.json");
      writeFileSync(jwksFile, JSON.stringify(await devJwks(fixture.stack.env)));
      const env: NodeJS.ProcessEnv = { TESSERA_JWKS_FILE: jwksFile, TESSERA_JWT_ISSUER: DEV_ISSUER };
      for (const service of SERVICE_NAMES) env[`TESSERA_GATEWAY_SECRET_${envPrefix(service)}`] = devGatewaySecret(service, fixture.stack.env);
      const access = await loadAccessConfig(env);
      expect(access.development).toBe(false);
      const gateway = await gatewayWith({ access });

      const config = (await (await fetch(`${gateway.url}/explorer/config.json`)).json()) as ExplorerConfig;
      expect(config).toMatchObject({ development: false, roles: [] });
      const minted = await post(`${gateway.url}/explorer/dev-token`, { role: "police officer, EVP, safeguarding" }, { "content-type": "application/json" });
      expect(minted.status).toBe(404);
      expect(JSON.stringify(minted.body)).not.toMatch(/eyJ/);
      // The page itself is still there for pasted tokens.
      expect((await fetch(`${gateway.url}/`)).status).toBe(200);
    });

    it("TESSERA_EXPLORER=off serves no page", async () => {
      const access = await loadAccessConfig(fixture.stack.env);
      expect(() => explorerFromEnv(access, undefined, { TESSERA_EXPLORER: "maybe" })).toThrow(/TESSERA_EXPLORER must be on or off/);
      const gateway = await gatewayWith({ explorer: explorerFromEnv(access, undefined, { TESSERA_EXPLORER: "off" }) ?? null });
      expect((await fetch(`${gateway.url}/`)).status).toBe(404);
      expect((await fetch(`${gateway.url}/explorer/config.json`)).status).toBe(404);
    });
  });

  describe("CORS and CSRF", () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await gatewayWith({ cors: corsOptionsFromEnv({ TESSERA_CORS_ORIGINS: ` ${ALLOWED} , http://127.0.0.1:8080` }) });
    });

    it("answers an allowed origin's preflight with the headers the gateway needs, and its request with the origin", async () => {
      const preflight = await fetch(`${gateway.url}/graphql`, {
        method: "OPTIONS",
        headers: { origin: ALLOWED, "access-control-request-method": "POST", "access-control-request-headers": DEFAULT_CORS_ALLOWED_HEADERS.join(",") },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
      const allowedHeaders = preflight.headers.get("access-control-allow-headers")!.split(",");
      for (const header of ["authorization", "content-type", "x-tessera-justification", "x-request-id", "apollo-require-preflight"]) expect(allowedHeaders).toContain(header);
      expect(preflight.headers.get("access-control-allow-credentials")).toBeNull();
      expect(preflight.headers.get("vary")).toMatch(/origin/i);

      const answer = await post(`${gateway.url}/graphql`, { query: PENELOPE }, { origin: ALLOWED, "content-type": "application/json", ...(await bearer()) });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("access-control-allow-origin")).toBe(ALLOWED);
      expect(answer.body.data.searchSubjects.nodes).toHaveLength(1);
    });

    it("gives a foreign origin no CORS header at all, on the preflight or the request", async () => {
      const preflight = await fetch(`${gateway.url}/graphql`, {
        method: "OPTIONS",
        headers: { origin: FOREIGN, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
      });
      expect(corsHeaders(preflight.headers)).toEqual([]);
      const answer = await post(`${gateway.url}/graphql`, { query: PENELOPE }, { origin: FOREIGN, "content-type": "application/json", ...(await bearer()) });
      expect(corsHeaders(answer.headers)).toEqual([]);
      // Lookalikes of an allowed origin are foreign too.
      for (const origin of [`${ALLOWED}.evil.example`, ALLOWED.replace("https", "http"), `${ALLOWED}:443`, "null"]) {
        const lookalike = await fetch(`${gateway.url}/graphql`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST" } });
        expect(corsHeaders(lookalike.headers)).toEqual([]);
      }
    });

    it("allows no origin when TESSERA_CORS_ORIGINS is unset (the stack's gateway)", async () => {
      const preflight = await fetch(fixture.stack.gatewayUrl, { method: "OPTIONS", headers: { origin: ALLOWED, "access-control-request-method": "POST" } });
      expect(corsHeaders(preflight.headers)).toEqual([]);
    });

    it("keeps Apollo's CSRF prevention: a simple request from an allowed origin is refused and runs nothing", async () => {
      const log = await policeAccessLogRows();
      const textPlain = await post(`${gateway.url}/graphql`, JSON.stringify({ query: PENELOPE }), { origin: ALLOWED, "content-type": "text/plain", ...(await bearer()) });
      expect(textPlain.status).toBe(400);
      expect(JSON.stringify(textPlain.body)).toMatch(/Cross-Site Request Forgery/);
      expect(textPlain.body.data).toBeUndefined();
      const get = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent(PENELOPE)}`, { headers: { origin: ALLOWED, ...(await bearer()) } });
      expect(get.status).toBe(400);
      expect(await get.text()).toMatch(/Cross-Site Request Forgery/);
      expect(await policeAccessLogRows()).toBe(log);
    });

    it("refuses an origin list with a path, a wildcard or null at start", () => {
      for (const value of [`${ALLOWED}/`, "*", "null", "case-app.example"]) expect(() => corsOptionsFromEnv({ TESSERA_CORS_ORIGINS: value })).toThrow(/TESSERA_CORS_ORIGINS/);
      expect(corsOptionsFromEnv({}).origins).toEqual([]);
    });
  });

  describe("trusted documents", () => {
    let gateway: RunningGateway;
    let penelope: { id: string; body: string };
    beforeAll(async () => {
      gateway = await gatewayWith({ trustedDocuments: { manifest } });
      penelope = manifest.operations.find((operation) => operation.name === "PenelopeAcrossAgencies")!;
    });

    it("builds the manifest from docs/queries: one operation per file, each id the SHA-256 of its body", () => {
      expect(manifest.format).toBe("apollo-persisted-query-manifest");
      expect(manifest.operations.map((operation) => operation.name)).toContain("PenelopeAcrossAgencies");
      expect(manifest.operations).toHaveLength(9);
      for (const operation of manifest.operations) expect(operation.id).toBe(createHash("sha256").update(operation.body).digest("hex"));
    });

    it("runs a manifest operation sent by documentId or by extensions.persistedQuery.sha256Hash, with the same answer as its text elsewhere", async () => {
      const expected = await fixture.query(CALLERS.officerForceB, PENELOPE);
      expect(expected.data!.searchSubjects.nodes[0].policeEvents.length).toBeGreaterThan(0);
      const byDocumentId = await post(`${gateway.url}/graphql`, { documentId: penelope.id }, { "content-type": "application/json", ...(await bearer()) });
      expect(byDocumentId.status).toBe(200);
      expect(byDocumentId.body.data).toEqual(expected.data);
      const byHash = await post(
        `${gateway.url}/graphql`,
        { operationName: "PenelopeAcrossAgencies", extensions: { persistedQuery: { version: 1, sha256Hash: penelope.id } } },
        { "content-type": "application/json", ...(await bearer()) },
      );
      expect(byHash.status).toBe(200);
      expect(byHash.body.data).toEqual(expected.data);
    });

    it("refuses operation text, even the manifest's own, with 400 TRUSTED_DOCUMENT_REQUIRED, and writes nothing to the access log", async () => {
      const log = await policeAccessLogRows();
      for (const query of [penelope.body, "{ __typename }"]) {
        const answer = await post(`${gateway.url}/graphql`, { query }, { "content-type": "application/json", ...(await bearer()) });
        expect(answer.status).toBe(400);
        expect(answer.body.errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
        expect(answer.body.data).toBeUndefined();
      }
      const get = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { "apollo-require-preflight": "1", ...(await bearer()) } });
      expect(get.status).toBe(400);
      expect(((await get.json()) as any).errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_REQUIRED");
      expect(await policeAccessLogRows()).toBe(log);
    });

    it("refuses an unknown id with 400 TRUSTED_DOCUMENT_UNKNOWN, whichever way it is sent", async () => {
      const unknown = createHash("sha256").update("{ subjects(ids: []) { id } }").digest("hex");
      for (const body of [{ documentId: unknown }, { extensions: { persistedQuery: { version: 1, sha256Hash: unknown } } }, { documentId: 42 }]) {
        const answer = await post(`${gateway.url}/graphql`, body, { "content-type": "application/json", ...(await bearer()) });
        expect(answer.status).toBe(400);
        expect(answer.body.errors[0].extensions.code).toBe("TRUSTED_DOCUMENT_UNKNOWN");
      }
    });

    it("still requires a valid token for a trusted document", async () => {
      const answer = await post(`${gateway.url}/graphql`, { documentId: penelope.id }, { "content-type": "application/json" });
      expect(answer.status).toBe(401);
      expect(answer.body.data).toBeUndefined();
    });

    it("offers the explorer the manifest's operations alone", async () => {
      const config = (await (await fetch(`${gateway.url}/explorer/config.json`)).json()) as ExplorerConfig;
      expect(config.trustedDocuments!.map((doc) => doc.id).sort()).toEqual(manifest.operations.map((operation) => operation.id).sort());
    });

    it("refuses to start with a manifest whose body is not the operation it names", () => {
      const broken = path.join(work, "broken.json");
      const tampered = { ...manifest, operations: [{ ...penelope, name: "PenelopeAcrossAgencies", type: "query", body: "query Other { __typename }" }] };
      writeFileSync(broken, JSON.stringify(tampered));
      expect(() => readManifest(broken)).toThrow(/exactly one query named PenelopeAcrossAgencies/);
      writeFileSync(broken, JSON.stringify({ operations: [] }));
      expect(() => readManifest(broken)).toThrow(/not a manifest/);
    });
  });

  /** Rows in police's access log: a request that reached police's data wrote one. */
  async function policeAccessLogRows(): Promise<number> {
    const client = new Client({ connectionString: fixture.databaseUrls.police });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM access_log`);
      return rows[0].n;
    } finally {
      await client.end();
    }
  }
});
