import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { loadAccessConfig, SERVICE_NAMES } from "@tessera/kit";
import { Client } from "pg";
import type { Page } from "playwright-core";
import { startGateway } from "../../gateway/src/startGateway";
import { manifestFromFolder } from "../../gateway/src/trustedDocuments/manifest";
import { CALLERS } from "../e2e/callers";
import { importDemoData, startStackFixture, type StackFixture } from "../e2e/stackFixture";
import { launchOfflineChromium, type OfflineChromium } from "./offlineChromium";

/**
 * The explorer as an analyst on a secure network meets it: a real Chromium that can reach nothing
 * but the gateway on 127.0.0.1, a token pasted or picked, the README's Penelope Ashworth query run
 * from the ready examples, and the answer on screen — through the same /graphql, policy and access
 * log as any client.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const PENELOPE = readFileSync(path.join(ROOT, "docs", "queries", "penelope-across-agencies.graphql"), "utf8");
const SCREENSHOTS = path.join(ROOT, ".tessera", "browser");

describe("the explorer in an offline Chromium", () => {
  let fixture: StackFixture;
  let dir: string;
  let browser: OfflineChromium;
  /** What the gateway answers the same caller for the same query, read over HTTP without the page. */
  let expected: { id: string; policeEvents: { area: string; kind: string }[] };
  const problems: string[] = [];

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = await importDemoData(fixture, { seed: 11, subjects: 20 });
    const answer = await fixture.query(CALLERS.officerForceB, PENELOPE);
    expected = answer.data!.searchSubjects.nodes[0];
    expect(expected.policeEvents.length).toBeGreaterThan(0);
    browser = await launchOfflineChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function openExplorer(gatewayUrl = fixture.stack.urls.gateway): Promise<Page> {
    const page = await browser.context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    // Chromium reports each Content-Security-Policy violation on the console.
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    const response = await page.goto(`${gatewayUrl}/`);
    expect(response!.status()).toBe(200);
    await page.waitForSelector(".graphiql-container .graphiql-execute-button", { timeout: 60_000 });
    return page;
  }

  /** The response pane's text as rendered (Monaco draws spaces as no-break spaces). */
  async function renderedResponse(page: Page, containing: string): Promise<string> {
    const pane = page.locator(".graphiql-response");
    // Playwright's text matching treats no-break spaces as spaces.
    await pane.filter({ hasText: containing }).waitFor({ timeout: 60_000 });
    return (await pane.innerText()).replace(/\u00a0/g, " ");
  }

  async function accessLogRows(service: string, user: string): Promise<number> {
    const client = new Client({ connectionString: fixture.databaseUrls[service] });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM access_log WHERE user_id = $1`, [user]);
      return rows[0].n;
    } finally {
      await client.end();
    }
  }

  it("loads with nothing but 127.0.0.1, runs the Penelope Ashworth example with a pasted token and justification, and shows the answer", async () => {
    const loggedBefore = await accessLogRows("police", CALLERS.officerForceB.user);
    const page = await openExplorer();
    const token = await fixture.token(CALLERS.officerForceB);
    const justification = "Strategy meeting for the referral, section 47";
    await page.fill("input[name=token]", token);
    await page.fill("input[name=justification]", justification);

    // The README's query is the first of the ready examples.
    await expect(page.locator(".graphiql-tab-active").innerText()).resolves.toContain("PenelopeAcrossAgencies");
    const sent = page.waitForRequest((request) => request.url().endsWith("/graphql") && (request.postData() ?? "").includes("PenelopeAcrossAgencies"));
    await page.click(".graphiql-execute-button");
    const request = await sent;
    const headers = await request.allHeaders();
    expect(headers.authorization).toBe(`Bearer ${token}`);
    expect(headers["x-tessera-justification"]).toBe(justification);

    const shown = await renderedResponse(page, `"id": "${expected.id}"`);
    expect(shown).toContain(`"searchSubjects"`);
    expect(shown).toContain(`"kind": "${expected.policeEvents[0]!.kind}"`);
    expect(shown).toContain(`"area": "${expected.policeEvents[0]!.area}"`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "explorer-penelope.png") });

    // The page's query went through the gateway's /graphql like any other: police logged it for this user.
    expect(await accessLogRows("police", CALLERS.officerForceB.user)).toBeGreaterThan(loggedBefore);
    // GraphiQL, Monaco and its workers all came from the gateway.
    const fetched = browser.requests.map((r) => new URL(r.url()).pathname);
    expect(fetched).toEqual(expect.arrayContaining(["/", "/assets/explorer.js", "/assets/explorer.css", "/assets/graphql.worker.js", "/graphql"]));
    expect(browser.blocked).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("with the development issuer, a picked demonstration role gets a token, and the schema's docs are browsable", async () => {
    const page = await openExplorer();
    await page.selectOption("select[name=role]", { label: "police officer, EVP, safeguarding" });
    // A JWT: three base64url parts.
    await page.locator("input[name=token]").and(page.locator('[value^="eyJ"]')).waitFor({ timeout: 30_000 });

    await page.click(".graphiql-execute-button");
    await renderedResponse(page, `"id": "${expected.id}"`);

    // The schema came from introspection as this caller: the documentation lists the root fields.
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.click(".graphiql-doc-explorer a:has-text('Query')");
    await page.waitForSelector(".graphiql-doc-explorer :text('searchSubjects')", { timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, "explorer-docs.png") });

    expect(browser.blocked).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("in trusted-documents mode, runs the manifest's operations by id and shows the refusal of edited text", async () => {
    const manifest = manifestFromFolder(path.join(ROOT, "docs", "queries"));
    const gateway = await startGateway({
      port: 0,
      host: "127.0.0.1",
      subgraphUrls: Object.fromEntries(SERVICE_NAMES.map((service) => [service, fixture.stack.urls[service]])),
      access: await loadAccessConfig(fixture.stack.env),
      trustedDocuments: { manifest },
      cors: { origins: [] },
      log: () => undefined,
    });
    try {
      const page = await openExplorer(gateway.url);
      await page.fill("input[name=token]", await fixture.token(CALLERS.officerForceB));
      await page.click(".graphiql-tab:has-text('PenelopeAcrossAgencies')");
      const sent = page.waitForRequest((request) => request.url().endsWith("/graphql"));
      await page.click(".graphiql-execute-button");
      const body = JSON.parse((await sent).postData()!);
      expect(body.documentId).toBe(manifest.operations.find((operation) => operation.name === "PenelopeAcrossAgencies")!.id);
      expect(body.query).toBeUndefined();
      expect(body.operationName).toBe("PenelopeAcrossAgencies");
      await renderedResponse(page, `"id": "${expected.id}"`);

      // Edited text is no longer a trusted document: the gateway's refusal is what the analyst sees.
      await page.click(".graphiql-query-editor .view-lines");
      await page.keyboard.press("Control+End");
      await page.keyboard.type("\n# edited");
      await page.click(".graphiql-execute-button");
      await renderedResponse(page, "TRUSTED_DOCUMENT_REQUIRED");

      expect(browser.blocked).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await gateway.stop();
    }
  });
});
