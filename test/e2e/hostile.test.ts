import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { AGENCY_NAMES, DEFAULT_AUDIENCE, DEV_ISSUER, JUSTIFICATION_HEADER, loadAccessConfig, REGISTRATION_PATH, signRequest, type DevTokenClaims } from "@tessera/kit";
import { gatewayRequest } from "@tessera/kit/testing";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type StackFixture } from "./stackFixture";

/**
 * Bad and hostile input against the access layer, on one running stack: forged, expired and
 * malformed tokens at the gateway; direct calls to a subgraph that the gateway did not sign; attempts
 * to rewrite the access log; a log that cannot be written; registrations from the wrong callers.
 * Each case checks the clear refusal and that nothing leaked and nothing was lost.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const PENELOPE_EVENTS = `{ searchSubjects(name: "Penelope Ashworth") { nodes { id policeEvents { id kind } } } }`;

describe("hostile and bad input against the access layer", () => {
  let fixture: StackFixture;
  let dir: string;
  let issuerDir: string;
  /** The stack's development signing key (private), as the issuer keeps it on disk. */
  let stackJwk: JWK;
  const previousIssuerDir = process.env.TESSERA_DEV_ISSUER_DIR;

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = await importDemoData(fixture, { seed: 11, subjects: 20 });
    issuerDir = fixture.stack.env.TESSERA_DEV_ISSUER_DIR!;
    // gatewayRequest signs with the development secret of the environment's issuer: this stack's.
    process.env.TESSERA_DEV_ISSUER_DIR = issuerDir;
    // The issuer writes its key when it first signs; make sure it has.
    await fixture.token(CALLERS.officerForceA);
    stackJwk = JSON.parse(readFileSync(path.join(issuerDir, "signing-key.jwk.json"), "utf8")) as JWK;
  }, 180_000);

  afterAll(async () => {
    if (previousIssuerDir === undefined) delete process.env.TESSERA_DEV_ISSUER_DIR;
    else process.env.TESSERA_DEV_ISSUER_DIR = previousIssuerDir;
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sql = (service: string) => fixture.sql(service);
  const logCount = (service: string) => fixture.accessLogRows(service);

  /** `tessera_graphql_requests_total` of every subgraph: requests that got past its signature and token checks. */
  async function subgraphRequests(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const service of ["identity", ...AGENCY_NAMES] as const) {
      const text = await fixture.metrics(service);
      const match = /tessera_graphql_requests_total\{[^}]*\} (\d+)/.exec(text);
      if (!match) throw new Error(`no request counter in ${service} metrics`);
      counts[service] = Number(match[1]);
    }
    return counts;
  }

  /** POSTs to the gateway with exactly these headers. */
  async function rawGateway(headers: Record<string, string>, query: string = PENELOPE_EVENTS): Promise<{ status: number; body: any }> {
    const response = await fetch(fixture.stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });
    return { status: response.status, body: await response.json() };
  }

  /** A token signed by the stack's own key with exactly these claims (so any of them can be left out). */
  async function handSigned(payload: Record<string, unknown>, jwk: JWK = stackJwk): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 3600, ...payload })
      .setProtectedHeader({ alg: "ES256", kid: stackJwk.kid!, typ: "JWT" })
      .sign(await importJWK(jwk, "ES256"));
  }

  const claimsOf = (caller: DevTokenClaims) => ({ sub: caller.user, name: caller.name, agency: caller.agency, roles: [...caller.roles], area: caller.area, purpose: caller.purpose });
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  describe("the gateway refuses what it cannot verify, before any subgraph is called", () => {
    const refusals: { name: string; authorization: () => Promise<string | null>; reason: RegExp; headers?: Record<string, string> }[] = [
      { name: "no token", authorization: async () => null, reason: /Authentication required: send an Authorization: Bearer <token> header/ },
      { name: "an expired token", authorization: async () => `Bearer ${await fixture.token(CALLERS.officerForceB, { expiresIn: "-1h" })}`, reason: /Invalid token: it has expired/ },
      { name: "a token not valid yet", authorization: async () => `Bearer ${await fixture.token(CALLERS.officerForceB, { notBeforeIn: 3600 })}`, reason: /Invalid token: it is not valid yet/ },
      { name: "a token for another audience", authorization: async () => `Bearer ${await fixture.token(CALLERS.officerForceB, { audience: "another-service" })}`, reason: /Invalid token: it is not issued for this audience/ },
      { name: "a token from another issuer", authorization: async () => `Bearer ${await fixture.token(CALLERS.officerForceB, { issuer: "https://evil.example" })}`, reason: /Invalid token: it is not from the trusted issuer/ },
      {
        name: "a token signed by another key under the trusted key's id",
        authorization: async () => {
          const { privateKey } = await generateKeyPair("ES256", { extractable: true });
          return `Bearer ${await handSigned(claimsOf(CALLERS.officerForceB), await exportJWK(privateKey))}`;
        },
        reason: /Invalid token: its signature does not verify/,
      },
      {
        name: "a token signed by another key under an unknown key id",
        authorization: async () => {
          const { privateKey } = await generateKeyPair("ES256");
          const now = Math.floor(Date.now() / 1000);
          const token = await new SignJWT({ ...claimsOf(CALLERS.officerForceB), iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 3600 })
            .setProtectedHeader({ alg: "ES256", kid: "attacker-key", typ: "JWT" })
            .sign(privateKey);
          return `Bearer ${token}`;
        },
        reason: /Invalid token: it is signed by a key this service does not trust/,
      },
      {
        name: "an unsigned token (alg none)",
        authorization: async () => {
          const now = Math.floor(Date.now() / 1000);
          const payload = { ...claimsOf(CALLERS.officerForceB), iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 3600 };
          return `Bearer ${base64url({ alg: "none", typ: "JWT" })}.${base64url(payload)}.`;
        },
        reason: /Invalid token: its signing algorithm is not allowed/,
      },
      {
        name: "an HS256 token keyed with the public key (algorithm confusion)",
        authorization: async () => {
          const { d: _private, ...publicJwk } = stackJwk;
          const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
          const now = Math.floor(Date.now() / 1000);
          const token = await new SignJWT({ ...claimsOf(CALLERS.officerForceB), iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE, iat: now, exp: now + 3600 })
            .setProtectedHeader({ alg: "HS256", kid: stackJwk.kid!, typ: "JWT" })
            .sign(secret);
          return `Bearer ${token}`;
        },
        reason: /Invalid token: its signing algorithm is not allowed/,
      },
      { name: "a Basic Authorization header", authorization: async () => `Basic ${Buffer.from("officer:password").toString("base64")}`, reason: /The Authorization header must be Bearer <token>/ },
      { name: "a Bearer header with two tokens", authorization: async () => `Bearer a.b.c d.e.f`, reason: /The Authorization header must be Bearer <token>/ },
      { name: "a Bearer header with no JWT in it", authorization: async () => `Bearer not-a-jwt`, reason: /Invalid token: it is not a well-formed signed JWT/ },
      {
        name: "a genuine token with no purpose claim",
        authorization: async () => {
          const { purpose: _purpose, ...claims } = claimsOf(CALLERS.officerForceB);
          return `Bearer ${await handSigned(claims)}`;
        },
        reason: /Invalid token: the token has no purpose claim/,
      },
      { name: "a genuine token with an unknown purpose", authorization: async () => `Bearer ${await handSigned({ ...claimsOf(CALLERS.officerForceB), purpose: "curiosity" })}`, reason: /Invalid token: the token's purpose "curiosity" is not one of/ },
      { name: "a genuine token with no roles", authorization: async () => `Bearer ${await handSigned({ ...claimsOf(CALLERS.officerForceB), roles: [] })}`, reason: /Invalid token: the token's roles claim must be a non-empty list/ },
      {
        name: "a genuine token with no expiry",
        authorization: async () => {
          const token = await new SignJWT({ ...claimsOf(CALLERS.officerForceB), iss: DEV_ISSUER, aud: DEFAULT_AUDIENCE })
            .setProtectedHeader({ alg: "ES256", kid: stackJwk.kid!, typ: "JWT" })
            .sign(await importJWK(stackJwk, "ES256"));
          return `Bearer ${token}`;
        },
        reason: /Invalid token: its exp claim is missing/,
      },
      {
        name: "a genuine token with a one-letter justification",
        authorization: async () => `Bearer ${await fixture.token(CALLERS.socialWorker)}`,
        headers: { [JUSTIFICATION_HEADER]: "x" },
        reason: /the x-tessera-justification header must give a reason of 10 to 1000 characters/,
      },
      {
        name: "a justification of more than 1000 characters",
        authorization: async () => `Bearer ${await fixture.token(CALLERS.socialWorker)}`,
        headers: { [JUSTIFICATION_HEADER]: "a".repeat(1001) },
        reason: /the x-tessera-justification header must give a reason of 10 to 1000 characters/,
      },
      {
        name: "an agency's service-account token (good for registrations only)",
        authorization: async () => `Bearer ${await fixture.token({ user: "service:health", name: "health service", agency: "health", roles: ["service"], area: "health", purpose: "safeguarding" })}`,
        reason: /a service account's token registers people with identity; it does not query the graph/,
      },
    ];

    it.each(refusals.map((refusal) => [refusal.name, refusal] as const))("%s: HTTP 401 UNAUTHENTICATED naming the reason, no data, no subgraph reached", async (_name, refusal) => {
      const authorization = await refusal.authorization();
      const before = await subgraphRequests();
      const logsBefore = await Promise.all(AGENCY_NAMES.map(logCount));
      const { status, body } = await rawGateway({ ...(authorization ? { authorization } : {}), ...refusal.headers });
      expect(status).toBe(401);
      expect(body.data ?? null).toBeNull();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(body.errors[0].message).toMatch(refusal.reason);
      expect(JSON.stringify(body)).not.toMatch(/Penelope|NMC-|EVP-/);
      expect(await subgraphRequests()).toEqual(before);
      expect(await Promise.all(AGENCY_NAMES.map(logCount))).toEqual(logsBefore);
    });

    it("a genuine token does reach the subgraphs and is logged (the measure above can see a call)", async () => {
      const before = await subgraphRequests();
      const policeLog = await logCount("police");
      const { status, errors, data } = await fixture.query(CALLERS.officerForceB, PENELOPE_EVENTS);
      expect(status).toBe(200);
      expect(errors).toBeUndefined();
      expect(data!.searchSubjects.nodes[0].policeEvents.length).toBeGreaterThan(0);
      const after = await subgraphRequests();
      expect(after.identity).toBe(before.identity! + 1);
      expect(after.police).toBe(before.police! + 1);
      expect(await logCount("police")).toBe(policeLog + 1);
    });

    it("introspection needs a token: 401 without one, the schema with one", async () => {
      const INTROSPECT = `{ __schema { types { name } } }`;
      const before = await subgraphRequests();
      const anonymous = await rawGateway({}, INTROSPECT);
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(anonymous.body.data ?? null).toBeNull();
      expect(JSON.stringify(anonymous.body)).not.toMatch(/PoliceEvent|Subject/);
      expect(await subgraphRequests()).toEqual(before);

      const { status, data, errors } = await fixture.query(CALLERS.officerForceA, INTROSPECT);
      expect(status).toBe(200);
      expect(errors).toBeUndefined();
      expect(data!.__schema.types.map((type: { name: string }) => type.name)).toEqual(expect.arrayContaining(["Subject", "PoliceEvent", "HealthEvent", "AccessLogEntry"]));
    });

    it("masks field suggestions: a misspelt field is a validation error without 'Did you mean'", async () => {
      const before = await subgraphRequests();
      const { status, data, errors } = await fixture.query(CALLERS.officerForceA, `{ searchSubjects(name: "Penelope Ashworth") { nodes { policeEvnts { id } } } }`);
      expect(status).toBe(400);
      expect(data).toBeUndefined();
      expect(errors![0]!.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(errors![0]!.message).toMatch(/Cannot query field "policeEvnts" on type "Subject"/);
      expect(JSON.stringify(errors)).not.toMatch(/Did you mean|policeEvents/);
      // Without a token, not even the validation error: the schema stays hidden.
      const anonymous = await rawGateway({}, `{ searchSubjects(name: "x") { nodes { policeEvnts { id } } } }`);
      expect(anonymous.status).toBe(401);
      expect(JSON.stringify(anonymous.body)).not.toMatch(/policeEvnts|Subject/);
      expect(await subgraphRequests()).toEqual(before);
    });
  });

  describe("a subgraph answers only requests the gateway signed", () => {
    const policeUrl = () => `${fixture.stack.urls.police}/graphql`;
    /** Hand-made representations with `@requires` inputs, as an attacker on the network would send them. */
    const FORGED_ENTITIES = {
      query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { policeEvents { id summary } } } }`,
      variables: { representations: [{ __typename: "Subject", id: "x", records: [{ agency: "police", localId: "NMC-N-S1" }] }] },
    };

    /** A request to police signed as the gateway signs it: with this secret over this body, token, justification and request id. */
    async function signedRequest(options: { body: string; caller?: DevTokenClaims; secret?: string; timestamp?: number }): Promise<{ headers: Record<string, string>; body: string }> {
      const authorization = `Bearer ${await fixture.token(options.caller ?? CALLERS.officerForceA)}`;
      const requestId = `hostile-${randomUUID()}`;
      const secret = options.secret ?? (await loadAccessConfig(fixture.stack.env)).gatewaySecret("police");
      const signature = signRequest(secret, { service: "police", body: options.body, authorization, requestId }, options.timestamp);
      return { headers: { "content-type": "application/json", authorization, "x-request-id": requestId, ...signature }, body: options.body };
    }

    async function send(request: { headers: Record<string, string>; body: string }): Promise<{ status: number; body: any }> {
      const response = await fetch(policeUrl(), { method: "POST", headers: request.headers, body: request.body });
      return { status: response.status, body: await response.json() };
    }

    /** Asserts a 401 naming the reason, no data, and that police neither served nor logged it. */
    async function expectRefused(attempt: () => Promise<{ status: number; body: any }>, reason: RegExp): Promise<void> {
      const before = (await subgraphRequests()).police;
      const logged = await logCount("police");
      const { status, body } = await attempt();
      expect(status).toBe(401);
      expect(body.data ?? null).toBeNull();
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(body.errors[0].message).toMatch(reason);
      expect(JSON.stringify(body)).not.toMatch(/NMC-|summary/);
      expect((await subgraphRequests()).police).toBe(before);
      expect(await logCount("police")).toBe(logged);
    }

    it("the same forged _entities request, signed as the gateway signs, is served (so the refusals below are the signature's)", async () => {
      const { status, body } = await send(await signedRequest({ body: JSON.stringify(FORGED_ENTITIES) }));
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data._entities[0].policeEvents.length).toBeGreaterThan(0);
    });

    it("signed as the gateway signs, but carrying an agency's service-account token: 401", async () => {
      const service = { user: "service:police", name: "police service", agency: "police", roles: ["service"], area: "police", purpose: "safeguarding" as const };
      await expectRefused(
        () => gatewayRequest({ url: policeUrl(), service: "police", as: service, query: FORGED_ENTITIES.query, variables: FORGED_ENTITIES.variables }),
        /a service account's token registers people with identity; it does not query the graph/,
      );
    });

    it("unsigned, with a valid token: 401", async () => {
      await expectRefused(
        () => gatewayRequest({ url: policeUrl(), service: "police", as: CALLERS.officerForceA, query: `{ nominal(id: "NMC-N-S1") { givenNames familyName addresses { postcode } } }`, unsigned: true }),
        /Requests to police must come through the gateway: this one is not signed/,
      );
    });

    it("forged _entities representations with hand-made @requires inputs, unsigned: 401 and no events", async () => {
      await expectRefused(
        () =>
          gatewayRequest({ url: policeUrl(), service: "police", as: CALLERS.officerForceA, query: FORGED_ENTITIES.query, variables: FORGED_ENTITIES.variables, unsigned: true }),
        /this one is not signed/,
      );
    });

    it("signed with the wrong secret: 401", async () => {
      await expectRefused(() => signedRequest({ body: JSON.stringify(FORGED_ENTITIES), secret: "not-the-gateway-secret" }).then(send), /The gateway signature does not match this request/);
    });

    it("a replayed request: the first is served, the identical second is refused as replayed", async () => {
      const request = await signedRequest({ body: JSON.stringify(FORGED_ENTITIES) });
      const first = await send(request);
      expect(first.status).toBe(200);
      expect(first.body.data._entities[0].policeEvents.length).toBeGreaterThan(0);
      await expectRefused(() => send(request), /has been used already \(a replayed request\)/);
    });

    it("a body altered after signing: 401", async () => {
      const request = await signedRequest({ body: JSON.stringify({ query: `{ __typename }` }) });
      await expectRefused(() => send({ ...request, body: JSON.stringify(FORGED_ENTITIES) }), /The gateway signature does not match this request/);
    });

    it("a signed request with its token swapped for another caller's: 401", async () => {
      const request = await signedRequest({ body: JSON.stringify(FORGED_ENTITIES), caller: CALLERS.socialWorker });
      const officer = `Bearer ${await fixture.token(CALLERS.publicProtectionForceA)}`;
      await expectRefused(() => send({ ...request, headers: { ...request.headers, authorization: officer } }), /The gateway signature does not match this request/);
    });

    it("a signed request with a justification added afterwards: 401", async () => {
      const request = await signedRequest({ body: JSON.stringify(FORGED_ENTITIES), caller: CALLERS.socialWorker });
      await expectRefused(() => send({ ...request, headers: { ...request.headers, [JUSTIFICATION_HEADER]: "Added by someone on the network" } }), /does not match this request/);
    });

    it("a signature older than the replay window: 401", async () => {
      await expectRefused(() => signedRequest({ body: JSON.stringify(FORGED_ENTITIES), timestamp: Date.now() - 60_000 }).then(send), /outside its replay window/);
    });

    it("signed by the gateway but carrying an expired token: 401", async () => {
      const body = JSON.stringify(FORGED_ENTITIES);
      const authorization = `Bearer ${await fixture.token(CALLERS.officerForceA, { expiresIn: "-1h" })}`;
      const secret = (await loadAccessConfig(fixture.stack.env)).gatewaySecret("police");
      const headers = { "content-type": "application/json", authorization, ...signRequest(secret, { service: "police", body, authorization }) };
      await expectRefused(() => send({ headers, body }), /Invalid token: it has expired/);
    });
  });

  describe("the access log", () => {
    it("holds each agency's bulk import as the operator's write, logged before its first line loaded", async () => {
      for (const agency of AGENCY_NAMES) {
        const { rows } = await (await sql(agency)).query(`SELECT entry FROM access_log WHERE purpose = 'bulk import' ORDER BY id`);
        expect(rows.length).toBeGreaterThan(0);
        expect(JSON.parse(rows[0].entry)).toMatchObject({ action: "write", agency, roles: ["operator"], user: expect.stringMatching(/^operator:/), operation: expect.stringMatching(new RegExp(`^import .*${agency}\\.ndjson$`)) });
      }
    });

    /** Runs `npm run audit:verify -- --service <service>` with the stack's environment. */
    function auditVerify(service: string): Promise<{ code: number; output: string }> {
      return new Promise((resolve) => {
        execFile("npm", ["run", "--silent", "audit:verify", "--", "--service", service], { cwd: ROOT, env: fixture.stack.env }, (error, stdout, stderr) => {
          resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, output: `${stdout}${stderr}` });
        });
      });
    }

    it("refuses UPDATE, DELETE and TRUNCATE of its rows and of its head, even from the database's superuser", async () => {
      await fixture.query(CALLERS.officerForceB, PENELOPE_EVENTS);
      const client = await sql("police");
      const before = await client.query(`SELECT id, entry, hash FROM access_log ORDER BY id`);
      expect(before.rows.length).toBeGreaterThan(0);
      const id = before.rows[0].id;
      await expect(client.query(`UPDATE access_log SET entry = '{}' WHERE id = $1`, [id])).rejects.toThrow(/the access log is append-only: UPDATE on access_log is refused/);
      await expect(client.query(`UPDATE access_log SET user_id = 'someone else'`)).rejects.toThrow(/append-only: UPDATE on access_log/);
      await expect(client.query(`DELETE FROM access_log WHERE id = $1`, [id])).rejects.toThrow(/the access log is append-only: DELETE on access_log is refused/);
      await expect(client.query(`TRUNCATE access_log`)).rejects.toThrow(/the access log is append-only: TRUNCATE on access_log is refused/);
      await expect(client.query(`UPDATE access_log_head SET entries = 0, hash = ''`)).rejects.toThrow(/append-only: UPDATE on access_log_head/);
      await expect(client.query(`DELETE FROM access_log_head`)).rejects.toThrow(/append-only: DELETE on access_log_head/);
      await expect(client.query(`TRUNCATE access_log_head`)).rejects.toThrow(/append-only: TRUNCATE on access_log_head/);
      const after = await client.query(`SELECT id, entry, hash FROM access_log ORDER BY id`);
      expect(after.rows).toEqual(before.rows);
      expect(await auditVerify("police")).toEqual({ code: 0, output: `police: intact, ${before.rows.length} entries\n` });
    });

    it("holds exactly one entry per read request to police, saying who, why, which request and what was read or refused", async () => {
      const client = await sql("police");
      const { rows: [{ last }] } = await client.query(`SELECT coalesce(max(id), 0)::text AS last FROM access_log`);
      const subjectId = (await fixture.query(CALLERS.reviewer, `{ searchSubjects(name: "Penelope Ashworth") { nodes { id } } }`)).data!.searchSubjects.nodes[0].id as string;
      const justification = "Strategy meeting for Penelope Ashworth, MARAC referral pending";
      const reads: { caller: DevTokenClaims; query: string; headers: Record<string, string> }[] = [
        {
          caller: CALLERS.officerForceB,
          query: `query HostileOfficerRead { searchSubjects(name: "Penelope Ashworth") { nodes { policeEvents { id kind summary } } } }`,
          headers: { [JUSTIFICATION_HEADER]: justification },
        },
        { caller: CALLERS.socialWorker, query: `query HostilePartnerRead { searchSubjects(name: "Penelope Ashworth") { nodes { policeEvents { id kind summary } } } }`, headers: {} },
        { caller: CALLERS.analystForceA, query: `{ searchSubjects(name: "Penelope Ashworth") { nodes { policeEvents { kind } } } }`, headers: {} },
      ];
      const answers = [];
      for (const read of reads) {
        const requestId = `hostile-read-${randomUUID()}`;
        answers.push({ requestId, ...(await fixture.query(read.caller, read.query, undefined, { "x-request-id": requestId, ...read.headers })) });
      }
      const { rows } = await client.query(`SELECT id, user_id, agency, purpose, subject_ids, entry FROM access_log WHERE id > $1 ORDER BY id`, [last]);
      expect(rows).toHaveLength(reads.length);
      const entries = rows.map((row) => JSON.parse(row.entry));
      expect(entries.map((entry) => entry.requestId)).toEqual(answers.map((answer) => answer.requestId));

      const [officer, partner, analyst] = entries;
      const officerEvents = answers[0]!.data!.searchSubjects.nodes[0].policeEvents as { id: string; summary: string | null }[];
      expect(answers[0]!.errors).toBeUndefined();
      expect(officerEvents.every((event) => typeof event.summary === "string")).toBe(true);
      expect(officer).toMatchObject({
        service: "police",
        operation: expect.stringMatching(/^HostileOfficerRead__police__\d+$/),
        user: "PC Eastvale",
        userName: "PC Eastvale",
        agency: "police",
        roles: ["officer"],
        area: "EVP",
        purpose: "safeguarding",
        justification,
        action: "read",
        outcome: "allowed",
        subjects: [subjectId],
        records: [...new Set(officerEvents.map((event) => `PoliceEvent:${event.id}`))].sort(),
        fields: ["PoliceEvent.id", "PoliceEvent.kind", "PoliceEvent.summary", "Subject.policeEvents"],
        denied: [],
      });
      expect(rows[0]).toMatchObject({ user_id: "PC Eastvale", agency: "police", purpose: "safeguarding", subject_ids: [subjectId] });

      // A partner without a justification: the narrative is refused, and the refusal is logged too.
      const partnerEvents = answers[1]!.data!.searchSubjects.nodes[0].policeEvents as { summary: string | null }[];
      expect(partnerEvents.every((event) => event.summary === null)).toBe(true);
      const refusal = answers[1]!.errors!.find((error) => error.extensions?.code === "FORBIDDEN");
      expect(refusal?.extensions).toMatchObject({ field: "PoliceEvent.summary", rule: expect.stringMatching(/^police\//) });
      expect(partner).toMatchObject({
        operation: expect.stringMatching(/^HostilePartnerRead__police__\d+$/),
        user: "SW Northmoor",
        agency: "social-care",
        roles: ["social_worker"],
        area: "NMB",
        purpose: "safeguarding",
        justification: null,
        outcome: "partial",
        subjects: [subjectId],
        fields: ["PoliceEvent.id", "PoliceEvent.kind", "Subject.policeEvents"],
        // The rule the log names is the one the caller was told refused them.
        denied: [{ field: "PoliceEvent.summary", rule: refusal!.extensions!.rule }],
      });
      expect(analyst).toMatchObject({ operation: null, user: "Analyst Northmoor", roles: ["analyst"], area: "NMC", purpose: "investigation", outcome: "allowed", fields: ["PoliceEvent.kind", "Subject.policeEvents"] });

      // The auditors' view says the same; reading the log is itself logged.
      const audit = await fixture.query(CALLERS.policeAuditor, `{ policeAccessLog(subjectId: "${subjectId}", first: 3) { entries { requestId user justification denied { field rule } } } }`);
      expect(audit.errors).toBeUndefined();
      expect(audit.data!.policeAccessLog.entries.map((entry: { requestId: string }) => entry.requestId)).toEqual(answers.map((answer) => answer.requestId).reverse());
      const officerLooking = await fixture.query(CALLERS.officerForceB, `{ policeAccessLog(first: 1) { entries { user } } }`);
      expect(officerLooking.data!.policeAccessLog).toBeNull();
      expect(officerLooking.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", rule: "police/auditors" });
    });

    it("audit:verify reports the chain intact, then names the entry whose text was altered behind the triggers' back", async () => {
      const intact = await auditVerify("police");
      expect(intact.code).toBe(0);
      expect(intact.output).toMatch(/^police: intact, \d+ entries$/m);

      const client = await sql("police");
      const { rows } = await client.query(`SELECT id, entry FROM access_log ORDER BY id`);
      const victim = rows[Math.floor(rows.length / 2)]!;
      const original: string = victim.entry;
      const forged = original.replace(/"user":"[^"]*"/, `"user":"nobody"`);
      expect(forged).not.toBe(original);
      await client.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_append_only`);
      try {
        await client.query(`UPDATE access_log SET entry = $1 WHERE id = $2`, [forged, victim.id]);
      } finally {
        await client.query(`ALTER TABLE access_log ENABLE TRIGGER access_log_append_only`);
      }
      try {
        const broken = await auditVerify("police");
        expect(broken.code).toBe(1);
        expect(broken.output).toContain(`police: BROKEN at entry ${victim.id}: its text does not match its hash (the entry was altered)`);
      } finally {
        await client.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_append_only`);
        try {
          await client.query(`UPDATE access_log SET entry = $1 WHERE id = $2`, [original, victim.id]);
        } finally {
          await client.query(`ALTER TABLE access_log ENABLE TRIGGER access_log_append_only`);
        }
      }
      // The trigger is back: the row cannot be changed again.
      await expect(client.query(`UPDATE access_log SET entry = $1 WHERE id = $2`, [forged, victim.id])).rejects.toThrow(/append-only/);
      expect((await auditVerify("police")).code).toBe(0);
    });
  });

  describe("a failure to write the access log fails the read", () => {
    const READ = `query HostileHealthRead { searchSubjects(name: "Penelope Ashworth") { nodes { policeEvents { kind } healthEvents { kind occurredAt } } } }`;

    it("health returns no data while its log refuses inserts, and answers again once it is restored", async () => {
      const health = await sql("health");
      const logged = await logCount("health");
      await health.query(`ALTER TABLE access_log ADD CONSTRAINT hostile_refuse_inserts CHECK (false) NOT VALID`);
      let refused;
      try {
        refused = await fixture.query(CALLERS.officerForceB, READ);
      } finally {
        await health.query(`ALTER TABLE access_log DROP CONSTRAINT hostile_refuse_inserts`);
      }
      const [node] = refused.data!.searchSubjects.nodes;
      expect(node.healthEvents).toBeNull();
      // The other agencies' data still stands; health's absence is reported.
      expect(node.policeEvents.length).toBeGreaterThan(0);
      expect(refused.errors!.some((error) => error.extensions?.serviceName === "health" && error.extensions?.code === "ACCESS_LOG_UNAVAILABLE")).toBe(true);
      expect(JSON.stringify(refused)).not.toMatch(/EMERGENCY_DEPARTMENT|2023-11-04/);
      // Nothing was logged, and the chain did not move: the failed insert took its head update with it.
      expect(await logCount("health")).toBe(logged);

      const restored = await fixture.query(CALLERS.officerForceB, READ);
      expect(restored.errors).toBeUndefined();
      expect(restored.data!.searchSubjects.nodes[0].healthEvents.map((event: { kind: string }) => event.kind)).toContain("EMERGENCY_DEPARTMENT");
      expect(await logCount("health")).toBe(logged + 1);
      const { rows } = await health.query(`SELECT h.entries::int AS entries, (SELECT count(*)::int FROM access_log) AS rows FROM access_log_head h`);
      expect(rows[0].entries).toBe(rows[0].rows);
    });

    it("a write is not made while its log refuses inserts: the entry is written before the record", async () => {
      const health = await sql("health");
      const WRITE = `mutation { recordPatient(input: { id: "NVH-P-UNLOGGED", trust: "NVH", givenNames: "Unlogged", familyName: "Write" }) { id } }`;
      await health.query(`ALTER TABLE access_log ADD CONSTRAINT hostile_refuse_writes CHECK (false) NOT VALID`);
      let refused;
      try {
        refused = await fixture.query(CALLERS.clinician, WRITE);
      } finally {
        await health.query(`ALTER TABLE access_log DROP CONSTRAINT hostile_refuse_writes`);
      }
      expect(refused.data?.recordPatient ?? null).toBeNull();
      expect(refused.errors![0]!.extensions).toMatchObject({ code: "ACCESS_LOG_UNAVAILABLE", serviceName: "health" });
      const { rows } = await health.query(`SELECT count(*)::int AS n FROM patient WHERE id = 'NVH-P-UNLOGGED'`);
      expect(rows[0].n).toBe(0);
    });

    it("a direct, signed read of health while its log is unavailable gets 503 ACCESS_LOG_UNAVAILABLE and no events", async () => {
      const health = await sql("health");
      await health.query(`ALTER TABLE access_log RENAME TO access_log_gone`);
      let answer;
      try {
        answer = await gatewayRequest({
          url: `${fixture.stack.urls.health}/graphql`,
          service: "health",
          as: CALLERS.safeguardingLead,
          query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { healthEvents { kind summary } } } }`,
          variables: { representations: [{ __typename: "Subject", id: "x", records: [{ agency: "health", localId: "NVH-P-S1" }] }] },
        });
      } finally {
        await health.query(`ALTER TABLE access_log_gone RENAME TO access_log`);
      }
      expect(answer.status).toBe(503);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toEqual([{ message: expect.stringMatching(/^health could not record .*access in its access log/), extensions: { code: "ACCESS_LOG_UNAVAILABLE", reference: expect.any(String) } }]);
      // The reference ties the answer to the service's own log line; the cause itself is not disclosed.
      expect(answer.body.errors[0].message).toContain(`(reference ${answer.body.errors[0].extensions.reference})`);
      expect(JSON.stringify(answer.body)).not.toMatch(/relation|access_log|EMERGENCY_DEPARTMENT/);
    });
  });

  describe("identity's registration endpoint accepts only an agency's own service account", () => {
    const registrationUrl = () => `${fixture.stack.urls.identity}${REGISTRATION_PATH}`;
    const healthRecord = { agency: "health", localId: "NVH-P-HOSTILE-1", area: "NVH", givenNames: "Mallory", familyName: "Forger", dateOfBirth: "1980-01-01" };
    const serviceAccount = (agency: string): DevTokenClaims => ({ user: `service:${agency}`, name: `${agency} service`, agency, roles: ["service"], area: agency, purpose: "safeguarding" });

    async function register(authorization: string | null, body: unknown = { registrations: [healthRecord] }): Promise<{ status: number; json: any }> {
      const response = await fetch(registrationUrl(), {
        method: "POST",
        headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    }

    async function saved(): Promise<{ records: number; hostile: number; logged: number }> {
      const identity = await sql("identity");
      const { rows } = await identity.query(
        `SELECT (SELECT count(*)::int FROM person_record) AS records, (SELECT count(*)::int FROM person_record WHERE local_id = 'NVH-P-HOSTILE-1') AS hostile, (SELECT count(*)::int FROM access_log) AS logged`,
      );
      return rows[0];
    }

    it("refuses no token (401), a person's token (403) and the police service account registering a health record (403), saving nothing", async () => {
      const before = await saved();
      expect(before.hostile).toBe(0);

      const anonymous = await register(null);
      expect(anonymous.status).toBe(401);
      expect(anonymous.json.errors[0]).toMatchObject({ field: "authorization", reason: expect.stringMatching(/Authentication required/) });

      const forged = await register(`Bearer ${await handSigned(claimsOf(serviceAccount("health")), await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey))}`);
      expect(forged.status).toBe(401);
      expect(forged.json.errors[0].reason).toMatch(/signature does not verify/);

      const person = await register(`Bearer ${await fixture.token(CALLERS.safeguardingLead)}`);
      expect(person.status).toBe(403);
      expect(person.json.errors[0].reason).toMatch(/only from an agency's service account/);

      const police = await register(`Bearer ${await fixture.token(serviceAccount("police"))}`);
      expect(police.status).toBe(403);
      expect(police.json.errors[0]).toMatchObject({ index: 0, field: "agency", reason: "the police service account may register only police records" });

      // A batch smuggling one health record among police ones is refused whole.
      const mixed = await register(`Bearer ${await fixture.token(serviceAccount("police"))}`, {
        registrations: [{ ...healthRecord, agency: "police", localId: "NMC-N-HOSTILE-1", area: "NMC" }, healthRecord],
      });
      expect(mixed.status).toBe(403);
      expect(mixed.json.errors[0]).toMatchObject({ index: 1, field: "agency" });

      expect(await saved()).toEqual(before);
      const lookup = await fixture.query(CALLERS.reviewer, `{ searchSubjects(name: "Mallory Forger") { totalCount } }`);
      expect(lookup.data!.searchSubjects.totalCount).toBe(0);

      // The same batch from health's own service account is accepted: the refusals were about who sent it.
      const beforeGenuine = await saved();
      const genuine = await register(`Bearer ${await fixture.token(serviceAccount("health"))}`);
      expect(genuine.status).toBe(200);
      expect(genuine.json.results).toEqual([{ agency: "health", localId: "NVH-P-HOSTILE-1", subjectId: expect.any(String) }]);
      expect(await saved()).toEqual({ records: beforeGenuine.records + 1, hostile: 1, logged: beforeGenuine.logged + 1 });
    });
  });
});
