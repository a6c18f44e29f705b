import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import type { Caller } from "./Caller";
import { toLowS } from "./canonicalSignature";

/** The development identity provider's issuer and the audience every Tessera token is for by default. */
export const DEV_ISSUER = "tessera-dev-issuer";
export const DEFAULT_AUDIENCE = "tessera";
const DEV_ALGORITHM = "ES256";

/**
 * Where the development issuer keeps its signing key and the gateway's per-subgraph secrets:
 * `TESSERA_DEV_ISSUER_DIR`, else `.tessera/dev-issuer` in the repository (git-ignored).
 */
export function devIssuerDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.TESSERA_DEV_ISSUER_DIR ?? path.resolve(__dirname, "..", "..", "..", "..", ".tessera", "dev-issuer");
}

/**
 * Reads a file, creating it with `create()` first if it does not exist. Several services start at
 * once on a fresh machine: the file is linked into place, so the first writer wins and every other
 * process reads what it wrote.
 */
function readOrCreate(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8");
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, create(), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, "utf8");
}

/** Keys being generated, per issuer directory: generation is async and happens once per process. */
const pendingKeys = new Map<string, Promise<JWK>>();

async function devSigningJwk(env: NodeJS.ProcessEnv): Promise<JWK> {
  const file = path.join(devIssuerDir(env), "signing-key.jwk.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as JWK;
  let pending = pendingKeys.get(file);
  if (!pending) {
    pending = generateKeyPair(DEV_ALGORITHM, { extractable: true }).then(async ({ privateKey }) => {
      const jwk = await exportJWK(privateKey);
      return { ...jwk, alg: DEV_ALGORITHM, use: "sig", kid: `dev-${randomBytes(6).toString("hex")}` };
    });
    pendingKeys.set(file, pending);
  }
  const generated = await pending;
  pendingKeys.delete(file);
  return JSON.parse(readOrCreate(file, () => JSON.stringify(generated))) as JWK;
}

/** The development issuer's public keys as a JWKS, which services trust when no issuer is configured. */
export async function devJwks(env: NodeJS.ProcessEnv = process.env): Promise<{ keys: JWK[] }> {
  const { d: _private, ...publicJwk } = await devSigningJwk(env);
  return { keys: [publicJwk] };
}

export interface DevTokenOptions {
  /** A jose time span: `8h` (the default: a working shift); `-1h` makes a token that has expired. */
  expiresIn?: string;
  /** Seconds from now before which the token is not valid. */
  notBeforeIn?: number;
  audience?: string;
  issuer?: string;
}

export type DevTokenClaims = Omit<Caller, "justification">;

/** Signs a token for these claims with the development key. Never for production: the key is on disk. */
export async function issueDevToken(claims: DevTokenClaims, options: DevTokenOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const jwk = await devSigningJwk(env);
  const key = await importJWK(jwk, DEV_ALGORITHM);
  const now = Math.floor(Date.now() / 1000);
  const token = new SignJWT({ name: claims.name, agency: claims.agency, roles: [...claims.roles], area: claims.area, purpose: claims.purpose })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: jwk.kid!, typ: "JWT" })
    .setSubject(claims.user)
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? env.TESSERA_JWT_AUDIENCE ?? DEFAULT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(options.expiresIn ?? "8h");
  if (options.notBeforeIn) token.setNotBefore(now + options.notBeforeIn);
  return toLowS(await token.sign(key));
}

/** The development secret the gateway signs one subgraph's requests with. */
export function devGatewaySecret(service: string, env: NodeJS.ProcessEnv = process.env): string {
  return readOrCreate(path.join(devIssuerDir(env), `gateway-${service}.secret`), () => randomBytes(32).toString("base64url")).trim();
}

/** The development scraper's token for every service's `/metrics`, where tests and benches read it. */
export function devMetricsToken(env: NodeJS.ProcessEnv = process.env): string {
  return readOrCreate(path.join(devIssuerDir(env), "metrics.token"), () => randomBytes(32).toString("base64url")).trim();
}
