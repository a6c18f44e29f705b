import { existsSync } from "node:fs";
import path from "node:path";
import { issueDevToken, type AccessConfig, type DevTokenClaims } from "@tessera/kit";
import express, { type Router } from "express";
import { DEMO_ROLES } from "./demoRoles";
import type { TrustedDocumentsOptions } from "../trustedDocuments/useTrustedDocuments";
import { DEV_TOKEN_PATH, EXPLORER_CONFIG_PATH, type ExplorerConfig } from "../../explorer/src/ExplorerConfig";

/** Where `npm run explorer:build` writes the page (git-ignored; built by `npm install`'s postinstall). */
export const DEFAULT_EXPLORER_DIR = path.resolve(__dirname, "..", "..", "explorer", "dist");

/**
 * The same lifetime as `npm run token`'s default and the tokens `npm start` prints: a working shift.
 */
export const DEFAULT_DEV_TOKEN_LIFETIME = "8h";

/**
 * The page's scripts, workers, fonts and requests come from the gateway alone. Styles may be inline
 * because Monaco and GraphiQL's animations insert `<style>` elements at run time and support no
 * nonce; scripts may not, and nothing may be framed, posted elsewhere or loaded from another origin.
 */
export const EXPLORER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE_HEADERS = {
  "content-security-policy": EXPLORER_CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
};

export interface ExplorerOptions {
  /** The built page. Default: DEFAULT_EXPLORER_DIR. */
  dir?: string;
  /**
   * The demonstration roles the page offers, each minted by the development issuer on request. Give
   * them only when tokens come from the development issuer (AccessConfig.development): with a real
   * issuer the page offers none and the token endpoint does not exist.
   */
  developmentRoles?: { label: string; claims: DevTokenClaims }[];
  /** Lifetime of a token minted for a demonstration role. Default: DEFAULT_DEV_TOKEN_LIFETIME. */
  devTokenLifetime?: string;
  /** In trusted-documents mode, the manifest's operations: the only ones the page offers. */
  trustedDocuments?: ExplorerConfig["trustedDocuments"];
  log?: (line: string) => void;
}

/**
 * `TESSERA_EXPLORER=off` serves no explorer (a deployment with no analysts' browsers); on by default.
 * The demonstration roles only with the development issuer; in trusted-documents mode, its operations.
 */
export function explorerFromEnv(access: AccessConfig, trusted: TrustedDocumentsOptions | undefined, env: NodeJS.ProcessEnv = process.env): ExplorerOptions | undefined {
  const setting = (env.TESSERA_EXPLORER ?? "on").trim().toLowerCase();
  if (setting !== "on" && setting !== "off") throw new Error(`TESSERA_EXPLORER must be on or off, not ${JSON.stringify(env.TESSERA_EXPLORER)}`);
  if (setting === "off") return undefined;
  return {
    developmentRoles: access.development ? DEMO_ROLES : [],
    trustedDocuments: trusted ? trusted.manifest.operations.map(({ id, name, body }) => ({ id, name, body })) : null,
  };
}

/**
 * GraphiQL at `/`, built offline into static files, with a strict Content-Security-Policy. It calls
 * the gateway's own `/graphql`, so the same limits, policy and access log apply as for any client.
 */
export function serveExplorer(options: ExplorerOptions = {}): Router {
  const dir = options.dir ?? DEFAULT_EXPLORER_DIR;
  const router = express.Router();

  const roles = options.developmentRoles ?? [];
  const config: ExplorerConfig = { development: roles.length > 0, roles: roles.map((role) => role.label), trustedDocuments: options.trustedDocuments ?? null };
  router.get(EXPLORER_CONFIG_PATH, (_req, res) => {
    res.set(PAGE_HEADERS).set("cache-control", "no-store").json(config);
  });
  if (roles.length > 0) {
    const lifetime = options.devTokenLifetime ?? DEFAULT_DEV_TOKEN_LIFETIME;
    // JSON only: a page on another origin cannot send it without a CORS preflight, which this route never answers.
    router.post(DEV_TOKEN_PATH, express.json({ limit: "4kb", type: "application/json" }), async (req, res) => {
      const label: unknown = req.body?.role;
      const role = roles.find((r) => r.label === label);
      if (!role) {
        res.status(400).json({ error: "unknown demonstration role", roles: config.roles });
        return;
      }
      res.set(PAGE_HEADERS).set("cache-control", "no-store").json({ token: await issueDevToken(role.claims, { expiresIn: lifetime }) });
    });
  }

  if (!existsSync(path.join(dir, "index.html"))) {
    options.log?.(`explorer not built (no ${path.join(dir, "index.html")}): GET / answers 503 until npm run explorer:build`);
    router.get("/", (_req, res) => {
      res.status(503).type("text/plain").send("The explorer is not built: run npm run explorer:build, then restart the gateway.\n");
    });
    return router;
  }
  // Headers on the page's own files only: the router sits beside /graphql and /health, which keep theirs.
  router.use(express.static(dir, { index: "index.html", redirect: false, setHeaders: (res) => res.set(PAGE_HEADERS) }));
  return router;
}
