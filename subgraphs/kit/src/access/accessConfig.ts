import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import type { JSONWebKeySet } from "jose";
import { integerSetting } from "../config/integerSetting";
import { envPrefix } from "../config/services";
import { loadDeclaredCallers, type DeclaredCallers } from "./DeclaredCallers";
import { DEFAULT_AUDIENCE, DEV_ISSUER, devGatewaySecret, devJwks, issueDevToken } from "./devIssuer";
import { DEFAULT_JUSTIFICATION_RULES, type JustificationRules } from "./justification";
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from "./tokenLifetime";
import { DEFAULT_KEY_COOLDOWN_MS, DEFAULT_KEY_MAX_AGE_MS, reloadingTrustedKeys, remoteTrustedKeys, type TrustedKeys } from "./TrustedKeys";

/** How every Tessera process decides whether a token is genuine. */
export interface AccessConfig {
  issuer: string;
  audience: string;
  /** Only these; `none` can never be among them. */
  algorithms: string[];
  /** Re-read on an unknown key id and when old, so that the issuer can rotate its keys without a restart. */
  keys: TrustedKeys;
  /** The longest a token may live (exp − iat), and the furthest its exp may be from now. */
  maxTokenLifetimeSeconds: number;
  /** The agencies and areas a token may name. */
  callers: DeclaredCallers;
  /** What a request's justification must be. */
  justification: JustificationRules;
  /** True when tokens come from the development issuer (`npm run token`), never in production. */
  development: boolean;
  /** The secret the gateway signs a subgraph's requests with. */
  gatewaySecret(service: string): string;
  /** A service account token for an agency's own calls to identity (its registration relay). */
  serviceToken(agency: string): Promise<string>;
}

const DEFAULT_ALGORITHMS = ["ES256", "RS256", "PS256", "EdDSA"];

/**
 * From the environment:
 * - `TESSERA_JWKS_URL` (the organisation's identity provider) or `TESSERA_JWKS_FILE` (a JWKS on
 *   disk), with `TESSERA_JWT_ISSUER`; none of them: the development issuer's key.
 * - `TESSERA_JWT_AUDIENCE` (default `tessera`), `TESSERA_JWT_ALGORITHMS` (comma-separated),
 *   `TESSERA_JWT_MAX_LIFETIME_SECONDS`; `TESSERA_JWKS_COOLDOWN_SECONDS` and
 *   `TESSERA_JWKS_MAX_AGE_SECONDS` (how the keys are re-read, see TrustedKeys).
 * - `TESSERA_CALLERS_FILE`: the declared agencies and areas (see DeclaredCallers).
 * - `TESSERA_JUSTIFICATION_MIN_WORDS`, `TESSERA_JUSTIFICATION_MIN_LETTERS` (see justification).
 * - `TESSERA_GATEWAY_SECRET_<SERVICE>`: the secret the gateway and that subgraph share.
 * - `TESSERA_SERVICE_TOKEN_FILE`: an agency service's own token, re-read on every use so that the
 *   provider can rotate it; `{agency}` in the path is replaced by the agency's name.
 * With a real issuer configured, nothing falls back to development keys: a missing secret or service
 * token is an error at the point of use.
 */
export async function loadAccessConfig(env: NodeJS.ProcessEnv = process.env): Promise<AccessConfig> {
  const audience = env.TESSERA_JWT_AUDIENCE?.trim() || DEFAULT_AUDIENCE;
  const algorithms = (env.TESSERA_JWT_ALGORITHMS ?? DEFAULT_ALGORITHMS.join(","))
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
  if (algorithms.length === 0 || algorithms.some((a) => a.toLowerCase() === "none")) {
    throw new Error("TESSERA_JWT_ALGORITHMS must list signing algorithms, and never none");
  }
  const jwksUrl = env.TESSERA_JWKS_URL?.trim();
  const jwksFile = env.TESSERA_JWKS_FILE?.trim();
  const development = !jwksUrl && !jwksFile;
  if (development && env.TESSERA_JWT_ISSUER?.trim()) {
    throw new Error("TESSERA_JWT_ISSUER is set without TESSERA_JWKS_URL or TESSERA_JWKS_FILE: name the issuer's keys too, or unset it to use the development issuer");
  }
  const issuer = env.TESSERA_JWT_ISSUER?.trim() || (development ? DEV_ISSUER : undefined);
  if (!issuer) throw new Error("TESSERA_JWT_ISSUER must name the issuer whose keys TESSERA_JWKS_URL or TESSERA_JWKS_FILE gives");
  const reloading = { cooldownMs: integerSetting(env, "TESSERA_JWKS_COOLDOWN_SECONDS", DEFAULT_KEY_COOLDOWN_MS / 1000) * 1000, maxAgeMs: integerSetting(env, "TESSERA_JWKS_MAX_AGE_SECONDS", DEFAULT_KEY_MAX_AGE_MS / 1000) * 1000 };
  const keys = jwksUrl
    ? remoteTrustedKeys(new URL(jwksUrl), reloading)
    : await reloadingTrustedKeys(jwksFile ? async () => JSON.parse(await readFile(jwksFile, "utf8")) as JSONWebKeySet : async () => (await devJwks(env)) as JSONWebKeySet, reloading);
  return {
    issuer,
    audience,
    algorithms,
    keys,
    maxTokenLifetimeSeconds: integerSetting(env, "TESSERA_JWT_MAX_LIFETIME_SECONDS", DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
    callers: loadDeclaredCallers(env),
    justification: {
      ...DEFAULT_JUSTIFICATION_RULES,
      minWords: integerSetting(env, "TESSERA_JUSTIFICATION_MIN_WORDS", DEFAULT_JUSTIFICATION_RULES.minWords),
      minLetters: integerSetting(env, "TESSERA_JUSTIFICATION_MIN_LETTERS", DEFAULT_JUSTIFICATION_RULES.minLetters),
    },
    development,
    gatewaySecret(service) {
      const configured = env[`TESSERA_GATEWAY_SECRET_${envPrefix(service)}`]?.trim();
      if (configured) return configured;
      if (!development) throw new Error(`TESSERA_GATEWAY_SECRET_${envPrefix(service)} is not set: the gateway and ${service} need a shared secret`);
      return devGatewaySecret(service, env);
    },
    async serviceToken(agency) {
      const file = env.TESSERA_SERVICE_TOKEN_FILE?.trim();
      // `{agency}` lets services that share one environment (`npm start`) each read their own token.
      if (file) return readFileSync(file.replaceAll("{agency}", agency), "utf8").trim();
      if (!development) throw new Error("TESSERA_SERVICE_TOKEN_FILE is not set: an agency service needs its own token to register people with identity");
      return issueDevToken({ user: `service:${agency}`, name: `${agency} service`, agency, roles: ["service"], area: agency, purpose: "safeguarding" }, { expiresIn: "10m" }, env);
    },
  };
}
