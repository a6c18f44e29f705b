import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { loadAccessConfig, type AccessConfig } from "../accessConfig";
import type { Caller } from "../Caller";
import { DEV_ISSUER, issueDevToken, type DevTokenClaims } from "../devIssuer";
import { AuthenticationFailure, TokenVerifier } from "../TokenVerifier";

const OKAFOR: DevTokenClaims = { user: "u-okafor", name: "DS Okafor", agency: "police", roles: ["officer", "public_protection"], area: "NMC", purpose: "investigation" };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

/** A development issuer of the test's own, passed explicitly: nothing is read from process.env. */
function tempIssuer(): NodeJS.ProcessEnv {
  return { TESSERA_DEV_ISSUER_DIR: mkdtempSync(path.join(tmpdir(), "tessera-verifier-test-")) };
}

describe("TokenVerifier with the development issuer", () => {
  let env: NodeJS.ProcessEnv;
  let config: AccessConfig;
  let verifier: TokenVerifier;
  /** The development issuer's private key, for tokens issueDevToken would never make. */
  let devJwk: JWK;

  beforeAll(async () => {
    env = tempIssuer();
    // The first token creates the key; the config reads the key that was made.
    await issueDevToken(OKAFOR, {}, env);
    config = await loadAccessConfig(env);
    devJwk = JSON.parse(readFileSync(path.join(env.TESSERA_DEV_ISSUER_DIR!, "signing-key.jwk.json"), "utf8")) as JWK;
  });
  afterAll(() => rmSync(env.TESSERA_DEV_ISSUER_DIR!, { recursive: true, force: true }));
  beforeEach(() => (verifier = new TokenVerifier(config)));

  /** Signs these exact claims with the development key, with iss, aud and exp as a genuine token has them. */
  const signDev = async (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: devJwk.kid!, typ: "JWT" })
      .setSubject("u-okafor")
      .setIssuer(DEV_ISSUER)
      .setAudience("tessera")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(await importJWK(devJwk, "ES256"));

  const refusal = async (authorization: string | undefined): Promise<string> => {
    const error = await verifier.verify(authorization).then(
      (caller) => {
        throw new Error(`expected a refusal, got ${JSON.stringify(caller)}`);
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationFailure);
    return (error as Error).message;
  };

  it("turns a valid token into the caller it names", async () => {
    const token = await issueDevToken(OKAFOR, {}, env);
    const caller: Caller = await verifier.verify(`Bearer ${token}`);
    expect(caller).toEqual({ user: "u-okafor", name: "DS Okafor", agency: "police", roles: ["officer", "public_protection"], area: "NMC", purpose: "investigation" });
    expect(config).toMatchObject({ issuer: DEV_ISSUER, audience: "tessera", development: true });
    // The scheme is case-insensitive and surrounding space is ignored.
    expect(await verifier.verify(`  bearer ${token} `)).toEqual(caller);
  });

  it("refuses a request without an Authorization header", async () => {
    expect(await refusal(undefined)).toMatch(/Authentication required.*Bearer/);
    expect(await refusal("")).toMatch(/Authentication required/);
  });

  it("refuses an Authorization header that is not Bearer <token>", async () => {
    const token = await issueDevToken(OKAFOR, {}, env);
    expect(await refusal(`Basic ${Buffer.from("okafor:secret").toString("base64")}`)).toBe("The Authorization header must be Bearer <token>");
    expect(await refusal(token)).toBe("The Authorization header must be Bearer <token>");
    expect(await refusal(`Bearer ${token} extra`)).toBe("The Authorization header must be Bearer <token>");
  });

  it("refuses an expired token", async () => {
    expect(await refusal(`Bearer ${await issueDevToken(OKAFOR, { expiresIn: "-1h" }, env)}`)).toBe("Invalid token: it has expired");
  });

  it("refuses a token whose nbf is in the future", async () => {
    expect(await refusal(`Bearer ${await issueDevToken(OKAFOR, { notBeforeIn: 600 }, env)}`)).toBe("Invalid token: it is not valid yet");
  });

  it("refuses a token issued for another audience", async () => {
    expect(await refusal(`Bearer ${await issueDevToken(OKAFOR, { audience: "another-service" }, env)}`)).toBe("Invalid token: it is not issued for this audience");
  });

  it("refuses a token from another issuer", async () => {
    expect(await refusal(`Bearer ${await issueDevToken(OKAFOR, { issuer: "https://idp.elsewhere.example" }, env)}`)).toBe("Invalid token: it is not from the trusted issuer");
  });

  it("refuses a token signed by another development issuer's key", async () => {
    const other = tempIssuer();
    try {
      const token = await issueDevToken(OKAFOR, {}, other);
      expect(await refusal(`Bearer ${token}`)).toBe("Invalid token: it is signed by a key this service does not trust");
    } finally {
      rmSync(other.TESSERA_DEV_ISSUER_DIR!, { recursive: true, force: true });
    }
  });

  it("refuses a token signed by another key that claims the trusted key's kid", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ name: OKAFOR.name, agency: "police", roles: ["officer"], area: "NMC", purpose: "investigation" })
      .setProtectedHeader({ alg: "ES256", kid: devJwk.kid! })
      .setSubject("u-okafor")
      .setIssuer(DEV_ISSUER)
      .setAudience("tessera")
      .setExpirationTime("1h")
      .sign(privateKey);
    expect(await refusal(`Bearer ${forged}`)).toBe("Invalid token: its signature does not verify");
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const payload = { sub: "u-okafor", name: "DS Okafor", agency: "police", roles: ["officer"], area: "NMC", purpose: "investigation", iss: DEV_ISSUER, aud: "tessera", exp: now() + 3600 };
    const message = await refusal(`Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`);
    expect(message).toBe("Invalid token: its signing algorithm is not allowed");
  });

  it("refuses an HS256 token, whatever secret signed it (the public key included)", async () => {
    const claims = { name: "DS Okafor", agency: "police", roles: ["officer"], area: "NMC", purpose: "investigation" };
    const hs256 = (secret: Uint8Array) =>
      new SignJWT(claims).setProtectedHeader({ alg: "HS256", kid: devJwk.kid! }).setSubject("u-okafor").setIssuer(DEV_ISSUER).setAudience("tessera").setExpirationTime("1h").sign(secret);
    expect(await refusal(`Bearer ${await hs256(new TextEncoder().encode("a-shared-secret-of-32-characters!"))}`)).toBe("Invalid token: its signing algorithm is not allowed");
    const { d: _d, ...publicJwk } = devJwk;
    expect(await refusal(`Bearer ${await hs256(new TextEncoder().encode(JSON.stringify(publicJwk)))}`)).toBe("Invalid token: its signing algorithm is not allowed");
  });

  it("refuses a token that is not a JWT at all", async () => {
    expect(await refusal("Bearer not.a.jwt")).toBe("Invalid token: it is not a well-formed signed JWT");
  });

  it.each([
    ["without a purpose", { purpose: undefined }, "Invalid token: the token has no purpose claim"],
    ["with an unknown purpose", { purpose: "curiosity" }, 'Invalid token: the token\'s purpose "curiosity" is not one of investigation, safeguarding, direct_care, disclosure_scheme, audit'],
    ["whose roles is a string, not a list", { roles: "officer" }, "Invalid token: the token's roles claim must be a non-empty list of role names"],
    ["whose roles list is empty", { roles: [] }, "Invalid token: the token's roles claim must be a non-empty list of role names"],
    ["without an agency", { agency: undefined }, "Invalid token: the token has no agency claim"],
    ["without an area", { area: " " }, "Invalid token: the token has no area claim"],
  ])("refuses a validly signed token %s", async (_case, change, message) => {
    const claims: Record<string, unknown> = { name: "DS Okafor", agency: "police", roles: ["officer"], area: "NMC", purpose: "investigation", ...change };
    for (const [key, value] of Object.entries(claims)) if (value === undefined) delete claims[key];
    expect(await refusal(`Bearer ${await signDev(claims)}`)).toBe(message);
  });

  it("caches a verified token but still refuses it once it has expired", async () => {
    const token = await issueDevToken(OKAFOR, { expiresIn: "2s" }, env);
    expect((await verifier.verify(`Bearer ${token}`)).user).toBe("u-okafor");
    // Only the clock moves on (a minute: past exp and the 5 seconds' tolerance); timers stay real.
    jest.useFakeTimers({ now: Date.now() + 60_000, doNotFake: ["nextTick", "setImmediate", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask"] });
    try {
      expect(await refusal(`Bearer ${token}`)).toBe("Invalid token: it has expired");
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("loadAccessConfig", () => {
  it.each(["none", "ES256,none", "ES256, NONE", " , "])("refuses TESSERA_JWT_ALGORITHMS=%j", async (algorithms) => {
    await expect(loadAccessConfig({ TESSERA_DEV_ISSUER_DIR: path.join(tmpdir(), "tessera-never-created"), TESSERA_JWT_ALGORITHMS: algorithms })).rejects.toThrow("TESSERA_JWT_ALGORITHMS must list signing algorithms, and never none");
  });

  it("refuses a JWKS without the issuer whose keys they are", async () => {
    await expect(loadAccessConfig({ TESSERA_JWKS_FILE: "/nonexistent/jwks.json" })).rejects.toThrow(/TESSERA_JWT_ISSUER must name the issuer/);
  });

  it("refuses an issuer named without its keys, rather than expecting that name on development tokens", async () => {
    await expect(loadAccessConfig({ TESSERA_DEV_ISSUER_DIR: path.join(tmpdir(), "tessera-never-created"), TESSERA_JWT_ISSUER: "https://idp.example.org" })).rejects.toThrow(/without TESSERA_JWKS_URL or TESSERA_JWKS_FILE/);
  });

  describe("with an organisation's issuer (TESSERA_JWKS_FILE)", () => {
    const ISSUER = "https://idp.nmc.police.example";
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), "tessera-jwks-test-"));
      const pair = await generateKeyPair("RS256", { extractable: true });
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: "nmc-2025", alg: "RS256", use: "sig" };
      writeFileSync(path.join(dir, "jwks.json"), JSON.stringify({ keys: [jwk] }));
      // A dev issuer dir that is never used: a real issuer must not fall back to development keys.
      env = { TESSERA_JWKS_FILE: path.join(dir, "jwks.json"), TESSERA_JWT_ISSUER: ISSUER, TESSERA_DEV_ISSUER_DIR: path.join(dir, "dev-issuer") };
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const sign = (issuer = ISSUER) =>
      new SignJWT({ name: "Dr Idris", agency: "health", roles: ["clinician"], area: "NVH", purpose: "direct_care" })
        .setProtectedHeader({ alg: "RS256", kid: "nmc-2025" })
        .setSubject("u-idris")
        .setIssuer(issuer)
        .setAudience("tessera")
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);

    it("verifies tokens signed by that issuer's key, and refuses development tokens", async () => {
      const config = await loadAccessConfig(env);
      expect(config).toMatchObject({ issuer: ISSUER, audience: "tessera", development: false });
      const verifier = new TokenVerifier(config);
      expect(await verifier.verify(`Bearer ${await sign()}`)).toEqual({ user: "u-idris", name: "Dr Idris", agency: "health", roles: ["clinician"], area: "NVH", purpose: "direct_care" });
      await expect(verifier.verify(`Bearer ${await sign("https://idp.other.example")}`)).rejects.toThrow("Invalid token: it is not from the trusted issuer");
      const devEnv = tempIssuer();
      try {
        await expect(verifier.verify(`Bearer ${await issueDevToken(OKAFOR, { issuer: ISSUER }, devEnv)}`)).rejects.toThrow("Invalid token: it is signed by a key this service does not trust");
      } finally {
        rmSync(devEnv.TESSERA_DEV_ISSUER_DIR!, { recursive: true, force: true });
      }
    });

    it("accepts only the configured algorithms", async () => {
      const config = await loadAccessConfig({ ...env, TESSERA_JWT_ALGORITHMS: "ES256" });
      await expect(new TokenVerifier(config).verify(`Bearer ${await sign()}`)).rejects.toThrow("Invalid token: its signing algorithm is not allowed");
    });

    it("has no development gateway secret: TESSERA_GATEWAY_SECRET_<SERVICE> must be set", async () => {
      const config = await loadAccessConfig(env);
      expect(() => config.gatewaySecret("social-care")).toThrow("TESSERA_GATEWAY_SECRET_SOCIAL_CARE is not set");
      const configured = await loadAccessConfig({ ...env, TESSERA_GATEWAY_SECRET_SOCIAL_CARE: " s3cret-for-social-care " });
      expect(configured.gatewaySecret("social-care")).toBe("s3cret-for-social-care");
      expect(() => configured.gatewaySecret("police")).toThrow("TESSERA_GATEWAY_SECRET_POLICE is not set");
    });

    it("has no development service token: TESSERA_SERVICE_TOKEN_FILE must be set, and is read on every use", async () => {
      await expect((await loadAccessConfig(env)).serviceToken("police")).rejects.toThrow("TESSERA_SERVICE_TOKEN_FILE is not set");
      const file = path.join(dir, "service-token");
      writeFileSync(file, "first-token\n");
      const config = await loadAccessConfig({ ...env, TESSERA_SERVICE_TOKEN_FILE: file });
      expect(await config.serviceToken("police")).toBe("first-token");
      writeFileSync(file, "rotated-token\n");
      expect(await config.serviceToken("police")).toBe("rotated-token");
    });
  });

  it("in development, issues service tokens the development verifier accepts as the agency's service account", async () => {
    const env = tempIssuer();
    try {
      const config = await loadAccessConfig(env);
      const caller = await new TokenVerifier(config).verify(`Bearer ${await config.serviceToken("health")}`);
      expect(caller).toMatchObject({ user: "service:health", agency: "health", roles: ["service"] });
      expect(config.gatewaySecret("health")).toBe(config.gatewaySecret("health"));
      expect(config.gatewaySecret("health")).not.toBe(config.gatewaySecret("police"));
    } finally {
      rmSync(env.TESSERA_DEV_ISSUER_DIR!, { recursive: true, force: true });
    }
  });
});
