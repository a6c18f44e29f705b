import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Request } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); playwright-core never downloads a browser. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Quiet and sandbox-free (CI runs as root); nothing phones home for updates, sync or field trials. */
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"];

export interface OfflineChromium {
  context: BrowserContext;
  /** Every request the browser attempted, loopback or not, in order. */
  requests: Request[];
  /** Requests to anywhere but 127.0.0.1, each aborted. */
  blocked: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile, on a network where only 127.0.0.1 answers: every other
 * request is aborted and recorded, as a secure network without internet access would leave it.
 */
export async function launchOfflineChromium(): Promise<OfflineChromium> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "tessera-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.TESSERA_CHROMIUM ?? DEFAULT_CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 1200 },
  });
  const requests: Request[] = [];
  const blocked: string[] = [];
  context.on("request", (request) => requests.push(request));
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    blocked.push(url.href);
    return route.abort("internetdisconnected");
  });
  return {
    context,
    requests,
    blocked,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
