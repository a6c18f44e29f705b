import { REGISTRATION_PATH, issueDevToken, makePncId, runSubgraph, type PersonRegistration, type RegistrationResult, type RunningService } from "@tessera/kit";
import { dropDatabase, freshDatabaseUrl, gatewayRequest, testCaller } from "@tessera/kit/testing";
import { Client } from "pg";
import { subgraph } from "../../index";
import { nhsNumberFor, person } from "../../__tests__/people";

let running: RunningService;
let databaseUrl: string;
let sql: Client;

beforeAll(async () => {
  databaseUrl = freshDatabaseUrl("identity");
  running = await runSubgraph(subgraph, { port: 0, databaseUrl, log: () => undefined });
  sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
});

afterAll(async () => {
  await sql.end();
  await running.stop();
  await dropDatabase(databaseUrl);
});

/** An agency's service account token, as its relay presents it. */
const serviceToken = (agency: string) => issueDevToken({ user: `service:${agency}`, name: `${agency} service`, agency, roles: ["service"], area: agency, purpose: "safeguarding" });

/** Posts as the service account of the batch's first agency, or with exactly this Authorization header. */
async function post(body: unknown, raw?: string, authorization?: string | null): Promise<{ status: number; json: any }> {
  const agency = (body as { registrations?: { agency?: string }[] } | undefined)?.registrations?.[0]?.agency ?? "police";
  const token = authorization === undefined ? `Bearer ${await serviceToken(agency)}` : authorization;
  const response = await fetch(`${running.url}${REGISTRATION_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: token } : {}) },
    body: raw ?? JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

/** Each agency's service account may register only its own records: a mixed list goes as one batch per run of one agency, in order. */
async function registerAll(registrations: PersonRegistration[]): Promise<RegistrationResult[]> {
  const results: RegistrationResult[] = [];
  for (let start = 0; start < registrations.length; ) {
    let end = start + 1;
    while (end < registrations.length && registrations[end]!.agency === registrations[start]!.agency) end += 1;
    const { status, json } = await post({ registrations: registrations.slice(start, end) });
    expect(status).toBe(200);
    results.push(...json.results);
    start = end;
  }
  return results;
}

/** Identity's GraphQL as the gateway calls it, for a link reviewer (who may read link evidence). */
async function graphql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { body } = await gatewayRequest({ url: `${running.url}/graphql`, service: "identity", as: testCaller({ roles: ["identity_reviewer"] }), query, variables });
  return body;
}

const SUBJECT = `query($id: ID!) { subject(id: $id) { id displayName knownNames datesOfBirth
  linkConfidence { level weakestLinkProbability support pendingReviews explanation }
  records { agency localId area evidence { rule matchedRecord { agency localId } matchWeight matchProbability modelVersion decisionId
    comparisons { comparison level bits bayesFactor } linkedAt explanation } } } }`;

async function subject(id: string): Promise<any> {
  const { data, errors } = await graphql(SUBJECT, { id });
  expect(errors).toBeUndefined();
  return data.subject;
}

async function counts(): Promise<{ subjects: number; records: number }> {
  const { rows } = await sql.query(`SELECT (SELECT count(*)::int FROM subject) AS subjects, (SELECT count(*)::int FROM person_record) AS records`);
  return rows[0];
}

describe("POST /internal/registrations", () => {
  it("links Penelope Ashworth across two forces and health into one subject, with evidence", async () => {
    const [nmc] = await registerAll([person({ agency: "police", localId: "NMC-N-1", area: "NMC", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "nm1 4qt" })]);
    const [evp] = await registerAll([person({ agency: "police", localId: "EVP-N-7", area: "EVP", givenNames: "PENELOPE", familyName: "ashworth", dateOfBirth: "1991-03-14" })]);
    const [health] = await registerAll([person({ agency: "health", localId: "NVH-P-1", area: "NVH", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", nhsNumber: "943 476 5919" })]);

    expect(evp!.subjectId).toBe(nmc!.subjectId);
    expect(health!.subjectId).toBe(nmc!.subjectId);
    const penelope = await subject(nmc!.subjectId);
    expect(penelope.displayName).toBe("Penelope Ashworth");
    expect(penelope.knownNames).toEqual(["Penelope Ashworth"]);
    expect(penelope.datesOfBirth).toEqual(["1991-03-14"]);
    expect(penelope.records.map((r: any) => [r.agency, r.localId, r.area, r.evidence.rule])).toEqual([
      ["police", "NMC-N-1", "NMC", "MODEL"],
      ["police", "EVP-N-7", "EVP", "MODEL"],
      ["health", "NVH-P-1", "NVH", "MODEL"],
    ]);
    for (const { localId, evidence } of penelope.records) {
      // Each record's evidence is its strongest link to another record of the subject, with the waterfall that scored it.
      expect(evidence.matchedRecord.localId).not.toBe(localId);
      expect(evidence.matchProbability).toBeGreaterThanOrEqual(0.95);
      expect(evidence.modelVersion).toBeNull();
      expect(evidence.comparisons[0]).toMatchObject({ comparison: "prior", level: "two records drawn at random" });
      const bits = evidence.comparisons.reduce((sum: number, step: { bits: number }) => sum + step.bits, 0);
      expect(bits).toBeCloseTo(evidence.matchWeight, 6);
      for (const step of evidence.comparisons) expect(step.bayesFactor).toBeCloseTo(2 ** step.bits, 6);
      expect(Object.fromEntries(evidence.comparisons.map((step: any) => [step.comparison, step.level]))).toMatchObject({ first_name: "exact (term-frequency adjusted)", dob: "exact" });
      expect(evidence.explanation).toMatch(new RegExp(`^Linked to ${evidence.matchedRecord.agency}/${evidence.matchedRecord.localId} with probability 0\\.9\\d{3}: .*dob exact`));
    }
    expect(penelope.linkConfidence).toMatchObject({ level: "HIGH", support: 1, pendingReviews: 0 });
    const { rows } = await sql.query(`SELECT nhs_number, postcode FROM person_record WHERE local_id IN ('NVH-P-1', 'NMC-N-1') ORDER BY local_id`);
    expect(rows).toEqual([{ nhs_number: null, postcode: "NM1 4QT" }, { nhs_number: "9434765919", postcode: null }]);
  });

  it("links 'Danny Rourke' of force B, day and month swapped, to Daniel Rourke of force A; another Daniel Rourke born 1979 stays apart", async () => {
    const [daniel] = await registerAll([
      person({ agency: "police", localId: "NMC-N-2", area: "NMC", givenNames: "Daniel", familyName: "Rourke", dateOfBirth: "1988-11-02", sex: "MALE", postcode: "NM2 7XD" }),
    ]);
    const [danny] = await registerAll([
      person({ agency: "police", localId: "EVP-N-9", area: "EVP", givenNames: "Danny", familyName: "Rourke", dateOfBirth: "1988-02-11", sex: "MALE", postcode: "EV1 3RP" }),
    ]);
    const [otherDaniel] = await registerAll([
      person({ agency: "police", localId: "WYP-N-4", area: "WYP", givenNames: "Daniel", familyName: "Rourke", dateOfBirth: "1979-06-23", sex: "MALE", postcode: "LS6 2AB" }),
    ]);
    expect(danny!.subjectId).toBe(daniel!.subjectId);
    expect(otherDaniel!.subjectId).not.toBe(daniel!.subjectId);
    const rourke = await subject(daniel!.subjectId);
    const dannyLink = rourke.records.find((r: any) => r.localId === "EVP-N-9").evidence;
    expect(dannyLink.matchedRecord).toEqual({ agency: "police", localId: "NMC-N-2" });
    expect(Object.fromEntries(dannyLink.comparisons.map((step: any) => [step.comparison, step.level]))).toMatchObject({
      first_name: "nickname or short form",
      dob: "day and month transposed",
      postcode: "different",
    });
    expect((await subject(otherDaniel!.subjectId)).records).toHaveLength(1);
  });

  it("links records of one batch to each other by PNC ID, long form and short form alike", async () => {
    const pnc = makePncId(2011, 4242);
    const results = await registerAll([
      person({ agency: "police", localId: "NMC-N-30", givenNames: "Lee", familyName: "Marsh", pncId: pnc }),
      person({ agency: "police", localId: "EVP-N-30", area: "EVP", givenNames: "Leigh", familyName: "Marsh", pncId: pnc.slice(2) }),
    ]);
    expect(results[1]!.subjectId).toBe(results[0]!.subjectId);
    const marsh = await subject(results[0]!.subjectId);
    expect(marsh.records.map((r: any) => [r.localId, r.evidence.rule, r.evidence.matchedRecord.localId])).toEqual([
      ["EVP-N-30", "MODEL", "NMC-N-30"],
      ["NMC-N-30", "MODEL", "EVP-N-30"],
    ]);
    // The PNC ID carries the link: the strongest bar of the waterfall, and first in the explanation.
    const steps = marsh.records[0].evidence.comparisons.filter((step: any) => step.comparison !== "prior");
    expect(steps.reduce((a: any, b: any) => (b.bits > a.bits ? b : a))).toMatchObject({ comparison: "pnc_id", level: "exact" });
    expect(marsh.records[0].evidence.explanation).toMatch(/^Linked to police\/NMC-N-30 with probability 1\.0000: pnc_id exact/);
    expect(marsh.knownNames).toEqual(["Leigh Marsh", "Lee Marsh"]);
  });

  it("merges two subjects into the older when a new record links to one by NHS number and to the other by name and date of birth", async () => {
    const nhs = nhsNumberFor(101);
    const [health] = await registerAll([person({ agency: "health", localId: "NVH-P-40", givenNames: "Mary", familyName: "Smith", dateOfBirth: "1980-06-01", nhsNumber: nhs })]);
    const [police] = await registerAll([person({ agency: "police", localId: "NMC-N-40", givenNames: "Mary", familyName: "Jones", dateOfBirth: "1980-06-01" })]);
    expect(police!.subjectId).not.toBe(health!.subjectId);
    const before = await counts();

    const [care] = await registerAll([person({ agency: "social-care", localId: "NMB-C-40", givenNames: "Mary", familyName: "Jones", dateOfBirth: "1980-06-01", nhsNumber: nhs })]);

    expect(care!.subjectId).toBe(health!.subjectId);
    expect(await subject(police!.subjectId)).toBeNull();
    expect(await counts()).toEqual({ subjects: before.subjects - 1, records: before.records + 1 });
    const merged = await subject(health!.subjectId);
    expect(merged.knownNames.sort()).toEqual(["Mary Jones", "Mary Smith"]);
    const evidence = Object.fromEntries(merged.records.map((r: any) => [r.localId, r.evidence]));
    expect(evidence["NVH-P-40"]).toMatchObject({ rule: "MODEL", matchedRecord: { agency: "social-care", localId: "NMB-C-40" } });
    expect(evidence["NVH-P-40"].explanation).toMatch(/nhs_number exact/);
    expect(evidence["NMC-N-40"]).toMatchObject({ rule: "MODEL", matchedRecord: { agency: "social-care", localId: "NMB-C-40" } });
  });

  it("never chains two patients with different NHS numbers into one subject through a police record that matches both", async () => {
    const smith = { givenNames: "John", familyName: "Smith", dateOfBirth: "1980-01-01" };
    const [h1, h2] = await registerAll([
      person({ agency: "health", localId: "NVH-P-90", ...smith, nhsNumber: nhsNumberFor(190) }),
      person({ agency: "health", localId: "NVH-P-91", ...smith, nhsNumber: nhsNumberFor(290) }),
    ]);
    expect(h2!.subjectId).not.toBe(h1!.subjectId);

    const [p1] = await registerAll([person({ agency: "police", localId: "NMC-N-90", ...smith })]);

    // The bridge matches both equally: it joins the one of the earlier record, NVH-P-90, and the other pair waits for review.
    expect(p1!.subjectId).toBe(h1!.subjectId);
    expect((await subject(h1!.subjectId)).records.map((r: any) => [r.localId, r.evidence.rule, r.evidence.matchedRecord])).toEqual([
      ["NVH-P-90", "MODEL", { agency: "police", localId: "NMC-N-90" }],
      ["NMC-N-90", "MODEL", { agency: "health", localId: "NVH-P-90" }],
    ]);
    const QUEUED = `SELECT left_local_id, right_local_id, queued_at FROM link_review WHERE right_local_id LIKE '%-9_' OR left_local_id LIKE '%-9_'`;
    const { rows: queued } = await sql.query(QUEUED);
    expect(queued).toEqual([{ left_local_id: "NVH-P-91", right_local_id: "NMC-N-90", queued_at: expect.any(Date) }]);
    const pending = await graphql(`query($id: ID!) { subject(id: $id) { linkConfidence { pendingReviews } } }`, { id: h2!.subjectId });
    expect(pending.data.subject.linkConfidence.pendingReviews).toBe(1);
    expect((await subject(h2!.subjectId)).records.map((r: any) => r.localId)).toEqual(["NVH-P-91"]);
    const { rows } = await sql.query(`SELECT count(DISTINCT nhs_number)::int AS n FROM person_record WHERE nhs_number IS NOT NULL GROUP BY subject_id ORDER BY n DESC LIMIT 1`);
    expect(rows[0].n).toBe(1);
    // The same batches again decide the same, and leave the queue as it was.
    expect(await registerAll([person({ agency: "police", localId: "NMC-N-90", ...smith })])).toEqual([p1]);
    expect((await sql.query(QUEUED)).rows).toEqual(queued);

    // NVH-P-90 was another patient's details entered in error and is corrected: it leaves, and nothing keeps the
    // police record from NVH-P-91 any more. Only NVH-P-90 is sent; NVH-P-91 is found through its old blocking keys.
    const [moved] = await registerAll([person({ agency: "health", localId: "NVH-P-90", givenNames: "Olive", familyName: "Quist", dateOfBirth: "1931-07-30", nhsNumber: nhsNumberFor(190) })]);
    const { rows: subjects } = await sql.query(`SELECT local_id, subject_id FROM person_record WHERE local_id IN ('NVH-P-90', 'NVH-P-91', 'NMC-N-90') ORDER BY local_id`);
    const subjectOf = Object.fromEntries(subjects.map((row: { local_id: string; subject_id: string }) => [row.local_id, row.subject_id]));
    expect(subjectOf["NVH-P-90"]).toBe(moved!.subjectId);
    expect(subjectOf["NMC-N-90"]).toBe(subjectOf["NVH-P-91"]);
    expect(subjectOf["NMC-N-90"]).not.toBe(moved!.subjectId);
    expect((await subject(subjectOf["NMC-N-90"]!)).records.map((r: any) => r.localId).sort()).toEqual(["NMC-N-90", "NVH-P-91"]);
  });

  it("registers names in any script, and finds them by name", async () => {
    const [hospital, force] = await registerAll([
      person({ agency: "health", localId: "NVH-P-95", givenNames: "小龍", familyName: "李", dateOfBirth: "1940-11-27" }),
      person({ agency: "police", localId: "NMC-N-95", givenNames: "小龍", familyName: "李", dateOfBirth: "1940-11-27" }),
    ]);
    expect(force!.subjectId).toBe(hospital!.subjectId);
    const { rows } = await sql.query(`SELECT DISTINCT name_key FROM person_record WHERE local_id LIKE '%-95'`);
    expect(rows).toEqual([{ name_key: "小龍 李" }]);

    const SEARCH = `query($name: String) { searchSubjects(name: $name) { totalCount nodes { id displayName } } }`;
    for (const name of ["李", "小龍", "李 小龍"]) {
      const { data, errors } = await graphql(SEARCH, { name });
      expect(errors).toBeUndefined();
      expect(data.searchSubjects).toEqual({ totalCount: 1, nodes: [{ id: hospital!.subjectId, displayName: "小龍 李" }] });
    }
    // Still refused: a name with no letters of any script.
    const { status, json } = await post({ registrations: [person({ agency: "police", localId: "NMC-N-96", givenNames: "小龍", familyName: "123 -" })] });
    expect(status).toBe(400);
    expect(json.errors).toEqual([{ index: 0, field: "familyName", reason: "must contain letters" }]);
  });

  it("is idempotent: the same batch again answers the same subjects and changes no row", async () => {
    const batch = [
      person({ agency: "police", localId: "NMC-N-50", givenNames: "Ruth", familyName: "Okafor", dateOfBirth: "1979-09-09" }),
      person({ agency: "health", localId: "NVH-P-50", givenNames: "Ruth", familyName: "Okafor", dateOfBirth: "1979-09-09", nhsNumber: nhsNumberFor(150) }),
    ];
    const first = await registerAll(batch);
    const snapshot = async () => (await sql.query(`SELECT * FROM person_record WHERE local_id LIKE '%-50' ORDER BY local_id`)).rows;
    const rowsBefore = await snapshot();
    const countsBefore = await counts();

    expect(await registerAll(batch)).toEqual(first);
    expect(await snapshot()).toEqual(rowsBefore);
    expect(await counts()).toEqual(countsBefore);
  });

  it("re-links a changed record: a corrected name and date of birth move it out of its subject, which the unchanged record keeps", async () => {
    const [tom, thomas] = await registerAll([
      person({ agency: "police", localId: "NMC-N-60", givenNames: "Tom", familyName: "Baker", dateOfBirth: "1970-01-01" }),
      person({ agency: "health", localId: "NVH-P-60", givenNames: "Tom", familyName: "Baker", dateOfBirth: "1970-01-01" }),
    ]);
    expect(thomas!.subjectId).toBe(tom!.subjectId);

    const [moved] = await registerAll([person({ agency: "health", localId: "NVH-P-60", givenNames: "Tamsin", familyName: "Blake", dateOfBirth: "1994-08-17" })]);

    expect(moved!.subjectId).not.toBe(tom!.subjectId);
    expect((await subject(tom!.subjectId)).records.map((r: any) => r.localId)).toEqual(["NMC-N-60"]);
    expect(await subject(moved!.subjectId)).toMatchObject({ datesOfBirth: ["1994-08-17"], records: [{ localId: "NVH-P-60", evidence: { rule: "SOLE_RECORD", matchedRecord: null, comparisons: [] } }] });
    expect((await subject(moved!.subjectId)).linkConfidence).toMatchObject({ level: "SINGLE_RECORD", weakestLinkProbability: null });
  });

  it("moves a changed record into the subject it now matches and deletes the subject it leaves empty", async () => {
    const [alone] = await registerAll([person({ agency: "social-care", localId: "NMB-C-70", givenNames: "Ada", familyName: "Price", dateOfBirth: "1960-04-04" })]);
    const [other] = await registerAll([person({ agency: "police", localId: "NMC-N-70", givenNames: "Ida", familyName: "Pryce-Holt", dateOfBirth: "1977-12-19" })]);
    expect(other!.subjectId).not.toBe(alone!.subjectId);
    const before = await counts();

    const [moved] = await registerAll([person({ agency: "social-care", localId: "NMB-C-70", givenNames: "Ida", familyName: "Pryce-Holt", dateOfBirth: "1977-12-19" })]);

    expect(moved!.subjectId).toBe(other!.subjectId);
    expect(await subject(alone!.subjectId)).toBeNull();
    expect(await counts()).toEqual({ subjects: before.subjects - 1, records: before.records });
  });

  it("rejects a batch with any invalid registration with 400, naming each index and field, and saves nothing", async () => {
    const before = await counts();
    const { status, json } = await post({
      registrations: [
        person({ agency: "police", localId: "NMC-N-80", givenNames: "Valid", familyName: "Person", dateOfBirth: "1990-01-01" }),
        person({ agency: "health", localId: "NVH-P-80", givenNames: "Bad", familyName: "Number", nhsNumber: "9434765918" }),
        { agency: "police", localId: "NMC-N-81", area: "NMC", givenNames: "No family name", dateOfBirth: "2999-01-01", pncId: "2011/0000001X" },
        { localId: "bad id!", area: "NMC", givenNames: "A", familyName: "B", dateOfBirth: "14/03/1991", sex: "F", postcode: "not a postcode" },
      ],
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual(
      expect.arrayContaining([
        { index: 1, field: "nhsNumber", reason: expect.stringContaining("modulus-11") },
        { index: 2, field: "familyName", reason: "is required" },
        { index: 2, field: "dateOfBirth", reason: "must not be in the future" },
        { index: 2, field: "pncId", reason: expect.stringContaining("check letter") },
        { index: 3, field: "agency", reason: "is required" },
        { index: 3, field: "localId", reason: expect.any(String) },
        { index: 3, field: "dateOfBirth", reason: expect.any(String) },
        { index: 3, field: "sex", reason: expect.any(String) },
        { index: 3, field: "postcode", reason: "must be a UK postcode" },
      ]),
    );
    expect(json.errors.some((error: { index: number }) => error.index === 0)).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("rejects a body that is not a batch, and malformed JSON, with 400", async () => {
    expect(await post({ people: [] })).toEqual({ status: 400, json: { errors: [{ index: null, field: "registrations", reason: "must be an array of registrations" }] } });
    const tooMany = Array.from({ length: 1001 }, (_, i) => person({ agency: "police", localId: `X-${i}`, givenNames: "A", familyName: "B" }));
    expect((await post({ registrations: tooMany })).json.errors[0].field).toBe("registrations");
    const malformed = await post(undefined, '{"registrations": [');
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0].field).toBe("body");
  });

  it("answers an empty batch with no results", async () => {
    expect(await post({ registrations: [] })).toEqual({ status: 200, json: { results: [] } });
  });
});

describe("POST /internal/registrations: who may register", () => {
  const batch = [person({ agency: "police", localId: "NMC-N-300", givenNames: "Iris", familyName: "Vane", dateOfBirth: "1985-05-05" })];
  /** A person's token: a police officer, not the force's service account. */
  const officerToken = () => issueDevToken({ user: "u-okafor", name: "DS Okafor", agency: "police", roles: ["officer", "public_protection"], area: "NMC", purpose: "safeguarding" });
  const accessLogRows = async (): Promise<number> => (await sql.query(`SELECT count(*)::int AS n FROM access_log`)).rows[0].n;

  it("refuses a request without a token with 401, and saves nothing", async () => {
    const before = await counts();
    expect(await post({ registrations: batch }, undefined, null)).toEqual({
      status: 401,
      json: { errors: [{ index: null, field: "authorization", reason: "Authentication required: send an Authorization: Bearer <token> header" }] },
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a token that does not verify with 401, saying why, and saves nothing", async () => {
    const before = await counts();
    const forged = `Bearer ${(await serviceToken("police")).slice(0, -4)}AAAA`;
    expect(await post({ registrations: batch }, undefined, forged)).toEqual({
      status: 401,
      json: { errors: [{ index: null, field: "authorization", reason: "Invalid token: its signature does not verify" }] },
    });
    const expired = await issueDevToken({ user: "service:police", name: "police service", agency: "police", roles: ["service"], area: "police", purpose: "safeguarding" }, { expiresIn: "-1h" });
    expect((await post({ registrations: batch }, undefined, `Bearer ${expired}`)).json.errors[0].reason).toBe("Invalid token: it has expired");
    expect(await counts()).toEqual(before);
  });

  it("refuses a person's token (no service role) with 403, and saves nothing", async () => {
    const before = await counts();
    expect(await post({ registrations: batch }, undefined, `Bearer ${await officerToken()}`)).toEqual({
      status: 403,
      json: { errors: [{ index: null, field: "authorization", reason: "registrations are accepted only from an agency's service account" }] },
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses the police service account registering a health record with 403 naming the agency, and saves nothing", async () => {
    const before = await counts();
    const healthRecord = person({ agency: "health", localId: "NVH-P-300", givenNames: "Iris", familyName: "Vane", dateOfBirth: "1985-05-05", nhsNumber: nhsNumberFor(300) });
    const police = `Bearer ${await serviceToken("police")}`;
    expect(await post({ registrations: [healthRecord] }, undefined, police)).toEqual({
      status: 403,
      json: { errors: [{ index: 0, field: "agency", reason: "the police service account may register only police records" }] },
    });
    // One foreign record refuses the whole batch, its own records included.
    const mixed = await post({ registrations: [...batch, healthRecord] }, undefined, police);
    expect(mixed).toEqual({ status: 403, json: { errors: [{ index: 1, field: "agency", reason: "the police service account may register only police records" }] } });
    expect(await counts()).toEqual(before);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM person_record WHERE local_id IN ('NMC-N-300', 'NVH-P-300')`);
    expect(rows[0].n).toBe(0);
  });

  it("writes one access-log entry for an accepted batch, as a write by the service account", async () => {
    const before = await accessLogRows();
    const { status, json } = await post({ registrations: [...batch, person({ agency: "police", localId: "EVP-N-300", area: "EVP", givenNames: "Iris", familyName: "Vane", dateOfBirth: "1985-05-05" })] });
    expect(status).toBe(200);
    expect(await accessLogRows()).toBe(before + 1);

    const { rows } = await sql.query(`SELECT user_id, agency, purpose, subject_ids, entry, prev_hash, hash FROM access_log ORDER BY id DESC LIMIT 2`);
    const [latest, previous] = rows;
    expect(latest).toMatchObject({ user_id: "service:police", agency: "police", purpose: "safeguarding" });
    const entry = JSON.parse(latest.entry);
    // Logged before the records are linked, so the entry names records, not the subjects they join.
    expect(json.results).toHaveLength(2);
    const subjects: string[] = [];
    expect(entry).toMatchObject({
      service: "identity",
      operation: "register",
      user: "service:police",
      roles: ["service"],
      action: "write",
      outcome: "allowed",
      subjects,
      records: ["PersonRecord:police/NMC-N-300", "PersonRecord:police/EVP-N-300"],
      fields: ["registration"],
      denied: [],
    });
    expect(latest.subject_ids).toEqual(subjects);
    // Chained to the entry before it (or the chain's start).
    expect(latest.prev_hash).toBe(previous?.hash ?? "");
  });

  it("saves no registration it could not log first", async () => {
    const before = await counts();
    await sql.query(`ALTER TABLE access_log ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    try {
      const { status } = await post({ registrations: [person({ agency: "police", localId: "NMC-N-301", area: "NMC", givenNames: "Unlogged", familyName: "Write", dateOfBirth: "1985-05-05" })] });
      expect(status).toBe(500);
    } finally {
      await sql.query(`ALTER TABLE access_log DROP CONSTRAINT refuse_all`);
    }
    expect(await counts()).toEqual(before);
  });
});
