import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from "jose";
import { withHighS } from "../../testing/highS";
import { loadAccessConfig, type AccessConfig } from "../accessConfig";
import { checkLowS, toLowS } from "../canonicalSignature";
import { parsePolicy } from "../AccessPolicy";
import { checkPolicyAgencies, DEFAULT_CALLERS_FILE, loadDeclaredCallers, parseDeclaredCallers } from "../DeclaredCallers";
import { DEV_ISSUER, issueDevToken, type DevTokenClaims } from "../devIssuer";
import { DEFAULT_JUSTIFICATION_RULES, justificationHeader, parseJustification } from "../justification";
import { requestCaller } from "../requestCaller";
import { TokenVerifier } from "../TokenVerifier";
import { reloadingTrustedKeys, remoteTrustedKeys } from "../TrustedKeys";

const OFFICER: DevTokenClaims = { user: "u-marsh", name: "PC Marsh", agency: "police", roles: ["officer"], area: "EVP", purpose: "safeguarding" };
/** The smallest policy parsePolicy accepts: one agency's staff read and write, nobody audits. */
const PROBATION_POLICY = {
  agency: "probation",
  version: 1,
  roles: {},
  levels: {
    signal: [{ rule: "probation/own", description: "Probation staff.", agencies: ["probation"], purposes: ["safeguarding"] }],
    detail: [],
    restricted: [],
    write: [],
    audit: [],
  },
  types: {},
};
/** What a header value looks like to Node when a client sent this text as UTF-8. */
const asHeader = (text: string) => Buffer.from(text, "utf8").toString("latin1");

describe("the declared callers (config/callers.json)", () => {
  const callers = loadDeclaredCallers({});

  it("declare the demonstration's forces, trusts and councils, a partner, and identity's and risk's own areas", () => {
    for (const [agency, area] of [["police", "NMC"], ["police", "SRP"], ["health", "NVH"], ["social-care", "EVC"], ["probation", "EVPR"]] as const) {
      expect(() => callers.check({ agency, area, roles: ["any"] })).not.toThrow();
    }
    for (const agency of ["identity", "risk"]) expect(() => callers.check({ agency, area: agency, roles: ["auditor"] })).not.toThrow();
  });

  it("give Tessera's own services auditors only: an identity or risk 'officer' is not read as a partner", () => {
    expect(() => callers.check({ agency: "identity", area: "identity", roles: ["officer"] })).toThrow('the token\'s role "officer" is not one agency identity declares (auditor)');
    expect(() => callers.check({ agency: "risk", area: "risk", roles: ["auditor", "analyst"] })).toThrow(/role "analyst" is not one agency risk declares/);
  });

  it("refuse an undeclared agency, the words policies reserve, and an area of another agency", () => {
    expect(() => callers.check({ agency: "mi5", area: "NMC", roles: ["officer"] })).toThrow('the token\'s agency "mi5" is not an agency declared to Tessera');
    expect(() => callers.check({ agency: "partners", area: "NMC", roles: ["officer"] })).toThrow(/not an agency declared/);
    expect(() => callers.check({ agency: "*", area: "NMC", roles: ["officer"] })).toThrow(/not an agency declared/);
    expect(() => callers.check({ agency: "police", area: "ZZZ", roles: ["officer"] })).toThrow('the token\'s area "ZZZ" is not an area declared for agency police');
    expect(() => callers.check({ agency: "police", area: "NVH", roles: ["officer"] })).toThrow(/area "NVH" is not an area declared for agency police/);
  });

  it("let a service account, and only a service account, name its agency as its area", () => {
    expect(() => callers.check({ agency: "health", area: "health", roles: ["service"] })).not.toThrow();
    expect(() => callers.check({ agency: "health", area: "health", roles: ["clinician"] })).toThrow(/area "health" is not an area declared for agency health/);
    expect(() => callers.check({ agency: "health", area: "police", roles: ["service"] })).toThrow(/area "police"/);
  });

  it("hold every policy to them: an owner or a rule's agency nobody declared stops the subgraph", () => {
    const policy = parsePolicy(PROBATION_POLICY, "probation.json");
    expect(() => checkPolicyAgencies(policy, callers, "probation.json")).not.toThrow();
    const typo = { ...policy, levels: { ...policy.levels, signal: [{ ...policy.levels.signal[0]!, agencies: ["probaton"] }] } };
    expect(() => checkPolicyAgencies({ ...typo, agency: "mi5" }, callers, "probation.json")).toThrow(
      "probation.json: the access policy names agencies the callers declaration does not:\n  - the policy's agency mi5 is not declared\n  - levels.signal rule probation/own: agency probaton is not declared",
    );
  });

  it("are checked whole at start: every problem in one error", () => {
    const bad = {
      version: "one",
      description: "",
      agencies: {
        partners: { description: "reserved", areas: { PRT: "x" } },
        police: { description: "Forces", areas: { NMC: "Northmoor", $own: "no" } },
        health: { description: "", areas: { NMC: "Taken already" } },
        probation: { description: "no areas", areas: {} },
        risk: { description: "Risk", areas: { risk: "Risk" }, roles: [] },
      },
    };
    expect(() => parseDeclaredCallers(bad, "callers.json")).toThrow(
      [
        "callers.json: the callers declaration is not valid:",
        "  - version must be an integer",
        "  - description must say what the file declares",
        '  - agency "partners": must be lower-case letters, digits and hyphens, and not a word policies reserve (*, partners, $own)',
        '  - agency police: area "$own" must be 2 to 40 letters, digits or hyphens',
        "  - agency health: needs a description",
        "  - area NMC is declared by both police and health",
        "  - agency probation: areas must declare at least one area",
        "  - agency risk: roles, when given, must list at least one role name",
      ].join("\n"),
    );
  });

  it("come from TESSERA_CALLERS_FILE when it is set, and a file that cannot be read stops the service", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tessera-callers-"));
    try {
      const file = path.join(dir, "callers.json");
      writeFileSync(file, JSON.stringify({ version: 1, description: "One force", agencies: { police: { description: "A force", areas: { XYZ: "Xyz Police" } } } }));
      const own = loadDeclaredCallers({ TESSERA_CALLERS_FILE: file });
      expect(own.agencies).toEqual(["police"]);
      expect(own.isArea("NMC")).toBe(false);
      expect(() => loadDeclaredCallers({ TESSERA_CALLERS_FILE: path.join(dir, "missing.json") })).toThrow(/missing\.json: the callers declaration cannot be read/);
      expect(JSON.parse(readFileSync(DEFAULT_CALLERS_FILE, "utf8")).version).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the justification", () => {
  it("is decoded as UTF-8 and kept exactly as written", () => {
    const reason = "Safeguarding concern — Zoë, référence MARAC 12";
    expect(parseJustification(asHeader(reason))).toBe(reason);
    expect(requestCaller({ ...OFFICER }, asHeader(reason)).justification).toBe(reason);
    expect(requestCaller({ ...OFFICER }, "").justification).toBeUndefined();
  });

  it.each([
    ["a single repeated letter", "aaaaaaaaaa", "must give a reason in words: at least 3 words of two or more letters or digits, 10 letters in all"],
    ["two words", "Safeguarding concern", "must give a reason in words"],
    ["three short words", "a b cdefgh", "must give a reason in words"],
    ["single letters spaced out", "a b c d e f g h i j k", "must give a reason in words: at least 3 words of two or more letters or digits"],
    ["a tab", "Strategy\tmeeting today", "holds a control or invisible character (U+0009)"],
    ["a zero-width space", asHeader("Strategy meeting\u200B today"), "(U+200B)"],
    ["a zero-width joiner", asHeader("Strategy meeting\u200D today"), "(U+200D)"],
    ["a bidi override", asHeader("Strategy meeting \u202Etoday"), "(U+202E)"],
    ["a bidi isolate", asHeader("Strategy meeting \u2066today"), "(U+2066)"],
    ["a byte-order mark", asHeader("\uFEFFStrategy meeting today"), "(U+FEFF)"],
    ["Hangul fillers, which count as letters", asHeader("\u3164\u3164\u3164 \u3164\u3164\u3164 \u3164\u3164\u3164\u3164"), "(U+3164)"],
    ["half-width Hangul fillers among words", asHeader("Strategy meeting \uFFA0\uFFA0\uFFA0\uFFA0"), "(U+FFA0)"],
    ["a soft hyphen", asHeader("Strategy meet\u00ADing today"), "(U+00AD)"],
    ["a letter buried under combining marks", asHeader(`Strategy meeting to${"\u0301".repeat(900)}day`), "stacks more than 4 combining marks on one letter"],
    ["invalid UTF-8", "Strategy meeting \xc3( today", "is not valid UTF-8"],
    ["too short", "MARAC", "must give a reason of 10 to 1000 characters"],
    ["too long", "Strategy meeting ".repeat(60), "must give a reason of 10 to 1000 characters"],
  ])("refuses %s", (_name, header, message) => {
    expect(() => parseJustification(header)).toThrow(message);
  });

  it("is read from one header only: a repeated header is refused, not joined", () => {
    expect(justificationHeader({})).toBeUndefined();
    expect(justificationHeader({ "x-tessera-justification": ["Strategy meeting today"] })).toBe("Strategy meeting today");
    expect(() => justificationHeader({ "x-tessera-justification": ["Strategy meeting", "today"] })).toThrow(/sent 2 times: send one reason/);
  });

  it("takes a statutory reference as a word: Section 47 enquiry passes", () => {
    expect(parseJustification("Section 47 enquiry")).toBe("Section 47 enquiry");
  });

  it("keeps the combining marks real scripts use: Vietnamese and Devanagari reasons pass", () => {
    for (const reason of ["Gặp gỡ chiến lược hôm nay về an toàn", "आज सुरक्षा रणनीति बैठक निर्धारित"]) {
      expect(parseJustification(asHeader(reason.normalize("NFD")))).toBe(reason.normalize("NFD"));
    }
  });

  it("counts characters, not bytes: 1000 accented letters in words pass", () => {
    const reason = `${"é".repeat(330)} ${"ë".repeat(330)} ${"ï".repeat(338)}`;
    expect([...reason]).toHaveLength(1000);
    expect(parseJustification(asHeader(reason), DEFAULT_JUSTIFICATION_RULES)).toBe(reason);
  });
});

describe("canonical ECDSA signatures", () => {
  it("a token and its high-S twin both verify with the key; only the low-S one passes checkLowS", async () => {
    const env = { TESSERA_DEV_ISSUER_DIR: mkdtempSync(path.join(tmpdir(), "tessera-lows-")) };
    try {
      const token = await issueDevToken(OFFICER, {}, env);
      expect(() => checkLowS(token)).not.toThrow();
      const high = withHighS(token);
      expect(high).not.toBe(token);
      expect(() => checkLowS(high)).toThrow("its ECDSA signature is not in canonical low-S form (s must not exceed n/2)");
      expect(toLowS(high)).toBe(token);
      const verifier = new TokenVerifier(await loadAccessConfig(env));
      expect((await verifier.verify(`Bearer ${token}`)).user).toBe("u-marsh");
      await expect(verifier.verify(`Bearer ${high}`)).rejects.toThrow("Invalid token: its ECDSA signature is not in canonical low-S form");
    } finally {
      rmSync(env.TESSERA_DEV_ISSUER_DIR, { recursive: true, force: true });
    }
  });

  it.each(["ES384", "ES512"])("%s too", async (alg) => {
    const { privateKey } = await generateKeyPair(alg);
    const token = toLowS(await new SignJWT({}).setProtectedHeader({ alg }).sign(privateKey));
    expect(() => checkLowS(token)).not.toThrow();
    expect(() => checkLowS(withHighS(token))).toThrow(/low-S/);
  });
});

describe("the token lifetime", () => {
  let env: NodeJS.ProcessEnv;
  let config: AccessConfig;
  let jwk: JWK;
  beforeAll(async () => {
    env = { TESSERA_DEV_ISSUER_DIR: mkdtempSync(path.join(tmpdir(), "tessera-lifetime-")) };
    await issueDevToken(OFFICER, {}, env);
    config = await loadAccessConfig(env);
    jwk = JSON.parse(readFileSync(path.join(env.TESSERA_DEV_ISSUER_DIR!, "signing-key.jwk.json"), "utf8")) as JWK;
  });
  afterAll(() => rmSync(env.TESSERA_DEV_ISSUER_DIR!, { recursive: true, force: true }));

  const sign = async (times: { iat?: number; exp: number }) =>
    toLowS(
      await new SignJWT({ name: "PC Marsh", agency: "police", roles: ["officer"], area: "EVP", purpose: "safeguarding", ...times })
        .setProtectedHeader({ alg: "ES256", kid: jwk.kid! })
        .setSubject("u-marsh")
        .setIssuer(DEV_ISSUER)
        .setAudience("tessera")
        .sign(await importJWK(jwk, "ES256")),
    );
  const now = () => Math.floor(Date.now() / 1000);

  it("is 12 hours by default: a 12-hour token passes, a 13-hour one and one without iat do not", async () => {
    const verifier = new TokenVerifier(config);
    expect(config.maxTokenLifetimeSeconds).toBe(12 * 3600);
    expect((await verifier.verify(`Bearer ${await sign({ iat: now(), exp: now() + 12 * 3600 })}`)).user).toBe("u-marsh");
    await expect(verifier.verify(`Bearer ${await sign({ iat: now(), exp: now() + 13 * 3600 })}`)).rejects.toThrow("Invalid token: its lifetime (exp − iat) of 13 h is longer than the maximum of 12 h");
    await expect(verifier.verify(`Bearer ${await sign({ exp: now() + 3600 })}`)).rejects.toThrow("Invalid token: its iat claim is missing");
    await expect(verifier.verify(`Bearer ${await sign({ iat: now() + 3600, exp: now() + 7200 })}`)).rejects.toThrow("Invalid token: it was issued in the future");
  });

  it("is configurable (TESSERA_JWT_MAX_LIFETIME_SECONDS), and a value that is not a whole number stops the service", async () => {
    const verifier = new TokenVerifier(await loadAccessConfig({ ...env, TESSERA_JWT_MAX_LIFETIME_SECONDS: "3600" }));
    await expect(verifier.verify(`Bearer ${await sign({ iat: now(), exp: now() + 7200 })}`)).rejects.toThrow("longer than the maximum of 1 h");
    await expect(loadAccessConfig({ ...env, TESSERA_JWT_MAX_LIFETIME_SECONDS: "12h" })).rejects.toThrow('TESSERA_JWT_MAX_LIFETIME_SECONDS must be a whole number ≥ 1, not "12h"');
  });
});

describe("trusted keys re-read from a JWKS file", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tessera-keys-"));
    file = path.join(dir, "jwks.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function keyPair(kid: string): Promise<{ publicJwk: JWK; sign(): Promise<string> }> {
    const { privateKey, publicKey } = await generateKeyPair("ES256");
    return {
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256" },
      sign: async () => toLowS(await new SignJWT({}).setProtectedHeader({ alg: "ES256", kid }).sign(privateKey)),
    };
  }
  const header = (token: string) => JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8"));
  const write = (keys: JWK[]) => writeFileSync(file, JSON.stringify({ keys }));

  it("on an unknown kid, at most once per cooldown however many bogus kids arrive; and when older than the maximum age", async () => {
    const first = await keyPair("k1");
    const second = await keyPair("k2");
    write([first.publicJwk]);
    let clock = 1_000_000;
    let reads = 0;
    const keys = await reloadingTrustedKeys(
      async () => {
        reads += 1;
        return JSON.parse(readFileSync(file, "utf8")) as JSONWebKeySet;
      },
      { cooldownMs: 30_000, maxAgeMs: 600_000, now: () => clock },
    );
    const token = await second.sign();
    write([first.publicJwk, second.publicJwk]);
    // Within the cooldown of the first read: refused without a read.
    await expect(keys.getKey(header(token), { payload: "", signature: "" } as never)).rejects.toThrow(/no applicable key/);
    expect(reads).toBe(1);
    clock += 30_000;
    await keys.getKey(header(token), {} as never);
    expect(reads).toBe(2);
    expect(keys.version).toBe(1);
    // A flood of made-up key ids: one read per cooldown.
    for (let i = 0; i < 50; i += 1) await expect(keys.getKey({ alg: "ES256", kid: `bogus-${i}` }, {} as never)).rejects.toThrow(/no applicable key/);
    expect(reads).toBe(2);
    // The key withdrawn: once the keys are older than their maximum age they are read again.
    write([second.publicJwk]);
    await keys.getKey(header(await first.sign()), {} as never);
    clock += 600_000;
    expect(keys.fresh).toBe(false);
    await expect(keys.getKey(header(await first.sign()), {} as never)).rejects.toThrow(/no applicable key/);
    expect(reads).toBe(3);
  });

  it("keeps the keys it holds when a re-read fails (a half-written file), and says so", async () => {
    const first = await keyPair("k1");
    write([first.publicJwk]);
    let clock = 0;
    const errors: string[] = [];
    const keys = await reloadingTrustedKeys(async () => JSON.parse(readFileSync(file, "utf8")) as JSONWebKeySet, { cooldownMs: 1, maxAgeMs: 10, now: () => clock, onReloadError: (error) => errors.push(error.message) });
    writeFileSync(file, '{"keys": [');
    clock += 20;
    await expect(keys.getKey(header(await first.sign()), {} as never)).resolves.toBeDefined();
    expect(errors).toHaveLength(1);
  });
});

describe("trusted keys re-fetched from a JWKS URL (jose's remote key set)", () => {
  let server: Server;
  let url: URL;
  let served: JSONWebKeySet = { keys: [] };
  let fetches = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader("content-type", "application/json").end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("fetches on an unknown kid once per cooldown, and counts each fetch as a new version of the keys", async () => {
    const first = await generateKeyPair("ES256");
    const second = await generateKeyPair("ES256");
    const jwk = async (publicKey: Parameters<typeof exportJWK>[0], kid: string): Promise<JWK> => ({ ...(await exportJWK(publicKey)), kid, alg: "ES256" });
    served = { keys: [await jwk(first.publicKey, "k1")] };
    const keys = remoteTrustedKeys(url, { cooldownMs: 60_000, maxAgeMs: 600_000 });
    await keys.getKey({ alg: "ES256", kid: "k1" }, {} as never);
    expect({ fetches, version: keys.version, fresh: keys.fresh }).toEqual({ fetches: 1, version: 1, fresh: true });
    served = { keys: [await jwk(first.publicKey, "k1"), await jwk(second.publicKey, "k2")] };
    // Within jose's cooldown: a new kid is not fetched for, however many arrive.
    for (let i = 0; i < 20; i += 1) await expect(keys.getKey({ alg: "ES256", kid: `k2` }, {} as never)).rejects.toThrow(/no applicable key/);
    expect(fetches).toBe(1);
    const rotated = remoteTrustedKeys(url, { cooldownMs: 0, maxAgeMs: 600_000 });
    await rotated.getKey({ alg: "ES256", kid: "k1" }, {} as never);
    served = { keys: [await jwk(second.publicKey, "k3")] };
    await rotated.getKey({ alg: "ES256", kid: "k3" }, {} as never);
    expect(rotated.version).toBe(2);
    await expect(rotated.getKey({ alg: "ES256", kid: "k1" }, {} as never)).rejects.toThrow(/no applicable key/);
  });
});
