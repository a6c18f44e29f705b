import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AGENCY_NAMES, DEFAULT_AUDIENCE, DEV_ISSUER, devJwks, envPrefix, issueDevToken, JUSTIFICATION_HEADER, SERVICE_NAMES, signRequest, toLowS, type DevTokenClaims } from "@tessera/kit";
import { withHighS } from "@tessera/kit/testing";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type StackFixture } from "./stackFixture";

/**
 * Tokens and callers, on one stack that trusts an issuer's JWKS file (TESSERA_JWKS_FILE with
 * TESSERA_JWT_ISSUER) as an organisation's deployment does: the file starts with the development
 * key, so the stack's development tokens are trusted until the last test rotates the key. Each
 * attack that once succeeded against `npm start` is refused here with a clear reason, and what
 * should still be served is served.
 */
const PENELOPE_EVENTS = `{ searchSubjects(name: "Penelope Ashworth") { nodes { id policeEvents { id kind } } } }`;
/** Reaches identity, then police, health and social care for Penelope's events. */
const PENELOPE_EVERYWHERE = `{ searchSubjects(name: "Penelope Ashworth") { nodes { id policeEvents { id } healthEvents { id } careEvents { id } } } }`;
const HOUR = 3600;

describe("tokens and callers", () => {
  let fixture: StackFixture;
  let dir: string;
  let dataDir: string;
  let jwksFile: string;
  let devEnv: NodeJS.ProcessEnv;
  /** The development issuer's private key: the issuer's key until rotation. */
  let devJwk: JWK;
  const secrets: Record<string, string> = {};

  /** Replaces the JWKS file in one step, as a deployment's key rotation does (no reader sees half a file). */
  function writeJwks(keys: JWK[]): void {
    const temporary = `${jwksFile}.${randomBytes(4).toString("hex")}`;
    writeFileSync(temporary, JSON.stringify({ keys }));
    renameSync(temporary, jwksFile);
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tessera-e2e-callers-"));
    devEnv = { TESSERA_DEV_ISSUER_DIR: path.join(dir, "dev-issuer") };
    jwksFile = path.join(dir, "jwks.json");
    const { keys } = await devJwks(devEnv);
    writeJwks(keys);
    devJwk = JSON.parse(readFileSync(path.join(dir, "dev-issuer", "signing-key.jwk.json"), "utf8")) as JWK;
    const env: NodeJS.ProcessEnv = {
      ...devEnv,
      TESSERA_JWKS_FILE: jwksFile,
      TESSERA_JWT_ISSUER: DEV_ISSUER,
      TESSERA_SERVICE_TOKEN_FILE: path.join(dir, "service-{agency}.token"),
      // Short, so the rotation test need not wait out the 30 s default after the last read.
      TESSERA_JWKS_COOLDOWN_SECONDS: "1",
    };
    for (const service of SERVICE_NAMES) {
      secrets[service] = randomBytes(32).toString("base64url");
      env[`TESSERA_GATEWAY_SECRET_${envPrefix(service)}`] = secrets[service];
    }
    for (const agency of AGENCY_NAMES) {
      const token = await issueDevToken({ user: `service:${agency}`, name: `${agency} service`, agency, roles: ["service"], area: agency, purpose: "safeguarding" }, { expiresIn: "2h" }, devEnv);
      writeFileSync(path.join(dir, `service-${agency}.token`), token);
    }
    fixture = await startStackFixture({ env });
    dataDir = await importDemoData(fixture, { seed: 11, subjects: 20 });
  }, 240_000);

  afterAll(async () => {
    await fixture?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  const sql = (service: string) => fixture.sql(service);
  const logCount = (service: string) => fixture.accessLogRows(service);

  async function rawGateway(headers: Record<string, string>, query: string = PENELOPE_EVENTS, variables?: Record<string, unknown>): Promise<{ status: number; body: any }> {
    const response = await fetch(fixture.stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: await response.json() };
  }

  const claimsOf = (caller: DevTokenClaims) => ({ sub: caller.user, name: caller.name, agency: caller.agency, roles: [...caller.roles], area: caller.area, purpose: caller.purpose });

  /** A token with exactly these claims (iss and aud as a genuine one has them), signed by `jwk`: the development key unless another is given. */
  async function signed(payload: Record<string, unknown>, jwk: JWK = devJwk): Promise<string> {
    return toLowS(await new SignJWT({ iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, ...payload }).setProtectedHeader({ alg: "ES256", kid: jwk.kid!, typ: "JWT" }).sign(await importJWK(jwk, "ES256")));
  }
  const now = () => Math.floor(Date.now() / 1000);

  /** A 401 naming the reason, no data, and nothing logged by any agency (so no subgraph served it). */
  async function expectRefused(headers: Record<string, string>, reason: RegExp, query?: string): Promise<void> {
    const before = await Promise.all(AGENCY_NAMES.map(logCount));
    const { status, body } = await rawGateway(headers, query);
    expect({ status, message: body.errors?.[0]?.message }).toEqual({ status: 401, message: expect.stringMatching(reason) });
    expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(body.data ?? null).toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/Penelope|NMC-|EVP-/);
    expect(await Promise.all(AGENCY_NAMES.map(logCount))).toEqual(before);
  }

  describe("token lifetime", () => {
    it("a token signed by the trusted key, issued now and expiring in year 9999: 401, its lifetime too long", async () => {
      const token = await signed({ ...claimsOf(CALLERS.officerForceB), iat: now(), exp: Date.UTC(9999, 11, 31) / 1000 });
      await expectRefused({ authorization: `Bearer ${token}` }, /Invalid token: its lifetime \(exp − iat\) of .* h is longer than the maximum of 12 h/);
    });

    it("a token without iat: 401, iat required", async () => {
      const token = await signed({ ...claimsOf(CALLERS.officerForceB), exp: now() + HOUR });
      await expectRefused({ authorization: `Bearer ${token}` }, /Invalid token: its iat claim is missing/);
    });

    it("a token issued 30 minutes ago for 13 hours: 401; for 12 hours, served", async () => {
      const issued = now() - 30 * 60;
      await expectRefused({ authorization: `Bearer ${await signed({ ...claimsOf(CALLERS.officerForceB), iat: issued, exp: issued + 13 * HOUR })}` }, /longer than the maximum of 12 h/);
      const { status, body } = await rawGateway({ authorization: `Bearer ${await signed({ ...claimsOf(CALLERS.officerForceB), iat: issued, exp: issued + 12 * HOUR })}` });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data.searchSubjects.nodes[0].policeEvents.length).toBeGreaterThan(0);
    });

    it("a token whose iat is in the future, to stretch its expiry: 401", async () => {
      const issued = now() + 6 * HOUR;
      await expectRefused({ authorization: `Bearer ${await signed({ ...claimsOf(CALLERS.officerForceB), iat: issued, exp: issued + 8 * HOUR })}` }, /Invalid token: it was issued in the future/);
    });
  });

  describe("declared agencies and areas", () => {
    it.each([
      ["an unknown agency", { ...CALLERS.probationOfficer, agency: "mi5" }, /Invalid token: the token's agency "mi5" is not an agency declared to Tessera/],
      ["the agency *", { ...CALLERS.probationOfficer, agency: "*" }, /the token's agency "\*" is not an agency declared/],
      ["the agency partners", { ...CALLERS.probationOfficer, agency: "partners" }, /the token's agency "partners" is not an agency declared/],
      ["an undeclared area", { ...CALLERS.officerForceB, area: "ZZZ" }, /Invalid token: the token's area "ZZZ" is not an area declared for agency police/],
      ["another agency's area (a police officer of a health trust)", { ...CALLERS.officerForceB, area: "NVH" }, /the token's area "NVH" is not an area declared for agency police/],
      ["a person claiming the agency-wide area of a service account", { ...CALLERS.officerForceB, area: "police" }, /the token's area "police" is not an area declared for agency police/],
    ])("a genuine token naming %s: 401, nothing read or logged", async (_name, caller, reason) => {
      await expectRefused({ authorization: `Bearer ${await fixture.token(caller as DevTokenClaims)}` }, reason, PENELOPE_EVERYWHERE);
    });

    it("a declared partner (probation, EVPR) is still given the partners' signal data, and no detail", async () => {
      const { status, data, errors } = await fixture.query(CALLERS.probationOfficer, `{ searchSubjects(name: "Penelope Ashworth") { nodes { policeEvents { id kind summary } } } }`);
      expect(status).toBe(200);
      const events = data!.searchSubjects.nodes[0].policeEvents as { id: string; summary: string | null }[];
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((event) => event.summary === null)).toBe(true);
      expect(errors!.every((error) => error.extensions!.code === "FORBIDDEN" && error.extensions!.rule === "police/partner-detail-with-justification")).toBe(true);
    });
  });

  describe("canonical ECDSA signatures", () => {
    it("the same genuine token with s replaced by n − s (still a valid signature): 401; the canonical one is served", async () => {
      const token = await fixture.token(CALLERS.officerForceB);
      await expectRefused({ authorization: `Bearer ${withHighS(token)}` }, /Invalid token: its ECDSA signature is not in canonical low-S form/);
      const { status, body } = await rawGateway({ authorization: `Bearer ${token}` });
      expect(status).toBe(200);
      expect(body.data.searchSubjects.nodes[0].policeEvents.length).toBeGreaterThan(0);
    });

    it("a subgraph refuses a high-S token the gateway's signature covers: 401 from police itself", async () => {
      const body = JSON.stringify({ query: `{ nominal(id: "NMC-N-S1") { familyName } }` });
      const authorization = `Bearer ${withHighS(await fixture.token(CALLERS.officerForceA))}`;
      const response = await fetch(`${fixture.stack.urls.police}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization, ...signRequest(secrets.police!, { service: "police", body, authorization }) },
        body,
      });
      expect(response.status).toBe(401);
      expect(JSON.stringify(await response.json())).toMatch(/canonical low-S/);
    });
  });

  describe("the justification", () => {
    /** A header value carrying these UTF-8 bytes, as a client sends them (HTTP headers are bytes; fetch takes one character per byte). */
    const utf8Header = (text: string) => Buffer.from(text, "utf8").toString("latin1");
    const HEALTH_DETAIL = `query($id: ID!) { subject(id: $id) { healthEvents { id presentingComplaint } } }`;
    let penelopeId: string;

    beforeAll(async () => {
      penelopeId = (await fixture.query(CALLERS.officerForceB, PENELOPE_EVENTS)).data!.searchSubjects.nodes[0].id;
    });

    it("a UTF-8 reason unlocks health detail and is stored exactly as sent, in health's access log and as healthAccessLog returns it", async () => {
      const reason = "Safeguarding concern — Zoë, référence MARAC 12";
      const requestId = `callers-utf8-${randomBytes(4).toString("hex")}`;
      const { data, errors } = await fixture.query(CALLERS.officerForceB, HEALTH_DETAIL, { id: penelopeId }, { [JUSTIFICATION_HEADER]: utf8Header(reason), "x-request-id": requestId });
      expect(errors).toBeUndefined();
      expect(data!.subject.healthEvents.some((event: { presentingComplaint: string | null }) => event.presentingComplaint !== null)).toBe(true);
      const { rows } = await (await sql("health")).query(`SELECT entry FROM access_log WHERE entry::jsonb ->> 'requestId' = $1`, [requestId]);
      expect(rows.map((row) => JSON.parse(row.entry).justification)).toEqual([reason]);
      const log = await fixture.query(CALLERS.healthAuditor, `query($id: ID!) { healthAccessLog(subjectId: $id, first: 100) { entries { requestId justification } } }`, { id: penelopeId });
      expect(log.errors).toBeUndefined();
      expect(log.data!.healthAccessLog.entries.filter((entry: { requestId: string }) => entry.requestId === requestId)).toEqual([{ requestId, justification: reason }]);
    });

    it.each([
      ["ten letters of one word", "aaaaaaaaaa", /must give a reason in words: at least 3 words of two or more letters or digits, 10 letters in all/],
      ["digits and punctuation", "1234 5678 / 90 -- ...", /must give a reason in words/],
      ["tabs inside", "a\t\t\t\t\t\t\t\t\t\tb", /holds a control or invisible character \(U\+0009\)/],
      ["four zero-width spaces between words", utf8Header("Strategy\u200B\u200B\u200B\u200Bmeeting review"), /holds a control or invisible character \(U\+200B\)/],
      ["a right-to-left override", utf8Header("Strategy meeting \u202Etoday"), /holds a control or invisible character \(U\+202E\)/],
      ["bytes that are not UTF-8", "Strategy meeting \xff\xfe review", /is not valid UTF-8/],
      ["one letter", "x", /must give a reason of 10 to 1000 characters/],
    ])("%s: 401 naming what is wrong, and no detail", async (_name, header, reason) => {
      await expectRefused({ authorization: `Bearer ${await fixture.token(CALLERS.officerForceB)}`, [JUSTIFICATION_HEADER]: header }, reason, PENELOPE_EVERYWHERE);
    });

    it("a subgraph checks the justification itself: a bad one under the gateway's signature is refused by health", async () => {
      const body = JSON.stringify({ query: `{ __typename }` });
      const authorization = `Bearer ${await fixture.token(CALLERS.officerForceB)}`;
      const justification = utf8Header("a\u200Bb\u200Bc\u200Bd\u200Be\u200Bf\u200Bg\u200Bh\u200Bi\u200Bj");
      const response = await fetch(`${fixture.stack.urls.health}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization, [JUSTIFICATION_HEADER]: justification, ...signRequest(secrets.health!, { service: "health", body, authorization, justification }) },
        body,
      });
      expect(response.status).toBe(401);
      expect(JSON.stringify(await response.json())).toMatch(/control or invisible character \(U\+200B\)/);
    });
  });

  describe("writes by area", () => {
    const RECORD_NOMINAL = `mutation($input: NominalInput!) { recordNominal(input: $input) { id force familyName } }`;
    const nominal = (fields: Record<string, unknown>) => ({ givenNames: "Alex", familyName: "Marsh", dateOfBirth: "1990-01-01", sex: "MALE", ...fields });
    const held = async (service: string, table: string, column: string, value: string): Promise<string> => {
      const { rows } = await (await sql(service)).query(`SELECT id FROM ${table} WHERE ${column} = $1 ORDER BY id LIMIT 1`, [value]);
      return rows[0].id;
    };

    it("an officer of one force cannot overwrite another force's nominal, whatever force the input names; the nominal is unchanged", async () => {
      const police = await sql("police");
      const id = await held("police", "nominal", "force", "NMC");
      const before = (await police.query(`SELECT * FROM nominal WHERE id = $1`, [id])).rows;
      for (const force of ["EVP", "NMC"]) {
        const { data, errors } = await fixture.query(CALLERS.officerForceB, RECORD_NOMINAL, { input: nominal({ id, force }) });
        expect(data ?? null).toBeNull();
        expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", field: force === "NMC" ? "input.force" : "input.id" }) })]);
      }
      expect((await police.query(`SELECT * FROM nominal WHERE id = $1`, [id])).rows).toEqual(before);
    });

    it("a force code nobody declared (ZZZ) is BAD_USER_INPUT naming input.force, and nothing is written", async () => {
      const { data, errors } = await fixture.query(CALLERS.officerForceB, RECORD_NOMINAL, { input: nominal({ id: "ZZZ-N-1", force: "ZZZ" }) });
      expect(data ?? null).toBeNull();
      expect(errors).toEqual([expect.objectContaining({ message: "input.force: ZZZ is not an area declared to Tessera", extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "input.force" }) })]);
      expect((await (await sql("police")).query(`SELECT count(*)::int AS n FROM nominal WHERE id = 'ZZZ-N-1'`)).rows[0].n).toBe(0);
    });

    it("an officer records a nominal of their own force, and may change it again", async () => {
      for (const familyName of ["Marsh", "Marsh-Hale"]) {
        const { data, errors } = await fixture.query(CALLERS.officerForceB, RECORD_NOMINAL, { input: nominal({ id: "EVP-N-CALLERS-1", force: "EVP", familyName }) });
        expect(errors).toBeUndefined();
        expect(data!.recordNominal).toEqual({ id: "EVP-N-CALLERS-1", force: "EVP", familyName });
      }
    });

    it("a DASH checklist on another force's occurrence: FORBIDDEN naming input.occurrenceId", async () => {
      const occurrenceId = await held("police", "occurrence", "force", "NMC");
      const victimNominalId = await held("police", "nominal", "force", "EVP");
      const { data, errors } = await fixture.query(
        CALLERS.officerForceB,
        `mutation($input: DashAssessmentInput!) { recordDashAssessment(input: $input) { id } }`,
        { input: { occurrenceId, victimNominalId, assessedAt: "2024-02-10T23:00:00Z", tool: "DARA", answers: ["YES"] } },
      );
      expect(data ?? null).toBeNull();
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", field: "input.occurrenceId" }) })]);
    });

    it("a clinician of one trust cannot change another trust's patient; a social worker of one council cannot open an episode on another council's client", async () => {
      const patientId = await held("health", "patient", "trust", "NVH");
      const patient = await fixture.query(CALLERS.safeguardingLeadElsewhere, `mutation($input: PatientInput!) { recordPatient(input: $input) { id } }`, {
        input: { id: patientId, trust: "EVT", givenNames: "Alex", familyName: "Marsh", dateOfBirth: "1990-01-01", sex: "MALE" },
      });
      expect(patient.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", field: "input.id" }) })]);
      const clientId = await held("social-care", "client", "council", "NMB");
      const episode = await fixture.query(CALLERS.socialWorkerElsewhere, `mutation($input: EpisodeInput!) { recordEpisode(input: $input) { id } }`, {
        input: { council: "EVC", clientId, kind: "REFERRAL", startedAt: "2024-01-01T00:00:00Z" },
      });
      expect(episode.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", field: "input.clientId" }) })]);
    });
  });

  // Last: it withdraws the development key, which every test above signs with.
  describe("key rotation without a restart", () => {
    it("a new key in the JWKS file is trusted by the gateway and the subgraphs at once; the withdrawn key is then refused", async () => {
      const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
      const rotated: JWK = { ...(await exportJWK(privateKey)), kid: "rotated-2026-12", alg: "ES256" };
      const newToken = await signed({ ...claimsOf(CALLERS.officerForceB), iat: now(), exp: now() + HOUR }, rotated);
      await expectRefused({ authorization: `Bearer ${newToken}` }, /Invalid token: it is signed by a key this service does not trust/);

      writeJwks([{ ...(await exportJWK(publicKey)), kid: rotated.kid!, alg: "ES256", use: "sig" }]);
      // Past the cooldown since the refusal above re-read the file.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const { status, body } = await rawGateway({ authorization: `Bearer ${newToken}` }, PENELOPE_EVERYWHERE);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const [penelope] = body.data.searchSubjects.nodes;
      expect(penelope.policeEvents.length).toBeGreaterThan(0);
      expect(penelope.healthEvents.length).toBeGreaterThan(0);
      expect(penelope.careEvents.length).toBeGreaterThan(0);

      // The development key is gone: at the gateway, and at a subgraph called directly under the gateway's signature.
      const oldToken = await fixture.token(CALLERS.officerForceB);
      await expectRefused({ authorization: `Bearer ${oldToken}` }, /Invalid token: it is signed by a key this service does not trust/);
      const query = JSON.stringify({ query: `{ __typename }` });
      const authorization = `Bearer ${oldToken}`;
      const response = await fetch(`${fixture.stack.urls.police}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization, ...signRequest(secrets.police!, { service: "police", body: query, authorization }) },
        body: query,
      });
      expect(response.status).toBe(401);
      expect(JSON.stringify(await response.json())).toMatch(/signed by a key this service does not trust/);
    });
  });
});
