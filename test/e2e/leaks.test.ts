import { rmSync } from "node:fs";
import { devMetricsToken, REGISTRATION_PATH, SERVICE_NAMES } from "@tessera/kit";
import { gatewayRequest } from "@tessera/kit/testing";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type StackFixture } from "./stackFixture";

/**
 * What the stack tells a caller it does not trust: nothing of its insides. Bodies Express cannot
 * read are refused in JSON with no stack or file path, on every service and without a token;
 * `/metrics` answers only the configured scraper; no error suggests a field, argument, type or enum
 * value; a wrong `operationName` and a bad date are the caller's mistakes (400, `BAD_USER_INPUT`),
 * not the server's or an agency's outage.
 */
const MEMBERS = ["gateway", ...SERVICE_NAMES] as const;

/** A body under every service's limit would be read; this is over all of them (gateway 1 MB, subgraphs 5 MB). */
const OVERSIZED = JSON.stringify({ query: `{ __typename }`, padding: "x".repeat(6 * 1024 * 1024) });

const REFUSED_BODIES: { name: string; headers: Record<string, string>; body: string; status: number; code: RegExp }[] = [
  { name: "malformed JSON", headers: { "content-type": "application/json" }, body: `{"query": "{ __typename }"`, status: 400, code: /^BAD_REQUEST$/ },
  { name: "an oversized body", headers: { "content-type": "application/json" }, body: OVERSIZED, status: 413, code: /^PAYLOAD_TOO_LARGE$/ },
  { name: "an unsupported charset", headers: { "content-type": "application/json; charset=latin9" }, body: `{}`, status: 415, code: /^UNSUPPORTED_MEDIA_TYPE$/ },
  { name: "an unknown content encoding", headers: { "content-type": "application/json", "content-encoding": "compress" }, body: `{}`, status: 415, code: /^UNSUPPORTED_MEDIA_TYPE$/ },
];

/** A body that carries nothing of the server's insides: no stack frame, no path of ours, no module. */
function expectNothingInside(text: string): void {
  expect(text).not.toMatch(/\bat \S+ \(|\n\s*at /);
  expect(text).not.toContain("/work");
  expect(text).not.toContain(process.cwd());
  expect(text).not.toContain("node_modules");
  expect(text).not.toMatch(/<html|<pre>/i);
}

describe("no leaks: what a caller is never shown", () => {
  let fixture: StackFixture;
  let dir: string;
  const previousIssuerDir = process.env.TESSERA_DEV_ISSUER_DIR;

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = await importDemoData(fixture, { seed: 11, subjects: 20 });
    // gatewayRequest signs as the gateway with the environment's issuer: this stack's.
    process.env.TESSERA_DEV_ISSUER_DIR = fixture.stack.env.TESSERA_DEV_ISSUER_DIR;
  }, 240_000);

  afterAll(async () => {
    if (previousIssuerDir === undefined) delete process.env.TESSERA_DEV_ISSUER_DIR;
    else process.env.TESSERA_DEV_ISSUER_DIR = previousIssuerDir;
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const graphqlUrl = (member: (typeof MEMBERS)[number]) => `${fixture.stack.urls[member]}/graphql`;

  // A subgraph reads a body before it checks the gateway's signature, so anyone's unreadable body is
  // refused in JSON; the gateway verifies the token before it reads a body, so only a caller's is.
  describe.each(MEMBERS)("%s refuses a body it cannot read in JSON (the gateway: a caller's with a token; a subgraph: anyone's)", (member) => {
    it.each(REFUSED_BODIES)("$name", async ({ headers, body, status, code }) => {
      const authorization: Record<string, string> = member === "gateway" ? { authorization: `Bearer ${await fixture.token(CALLERS.officerForceB)}` } : {};
      const response = await fetch(graphqlUrl(member), { method: "POST", headers: { ...headers, ...authorization }, body });
      const text = await response.text();
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expectNothingInside(text);
      const answer = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0]!.extensions.code).toMatch(code);
    });

    it("a content type other than JSON", async () => {
      const response = await fetch(graphqlUrl(member), { method: "POST", headers: { "content-type": "application/xml" }, body: "<query>{ __typename }</query>" });
      const text = await response.text();
      // The gateway asks for a token first, a subgraph for the gateway's signature: both before any body is used.
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expectNothingInside(text);
      expect(JSON.parse(text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    });
  });

  it.each(MEMBERS)("%s answers a path nothing serves in JSON, without echoing it", async (member) => {
    const response = await fetch(`${fixture.stack.urls[member]}/etc/passwd`);
    expect(response.status).toBe(404);
    const text = await response.text();
    expectNothingInside(text);
    expect(text).not.toContain("passwd");
    expect(JSON.parse(text).errors[0].extensions.code).toBe("NOT_FOUND");
  });

  it("the gateway answers an unreadable body without a token 401, in JSON, without reading it", async () => {
    const response = await fetch(graphqlUrl("gateway"), { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" });
    expect(response.status).toBe(401);
    const text = await response.text();
    expectNothingInside(text);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("the gateway refuses a body that is not JSON with a token too, in JSON", async () => {
    const token = await fixture.token(CALLERS.officerForceB);
    const response = await fetch(fixture.stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/xml", authorization: `Bearer ${token}` }, body: "<query/>" });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expectNothingInside(text);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("identity's registration endpoint refuses an agency's unreadable batch in its own JSON shape", async () => {
    const token = await fixture.token({ user: "service:police", name: "police service", agency: "police", roles: ["service"], area: "police", purpose: "safeguarding" });
    const response = await fetch(`${fixture.stack.urls.identity}${REGISTRATION_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: `{"registrations": [`,
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expectNothingInside(text);
    expect(JSON.parse(text)).toEqual({ errors: [{ index: null, field: "body", reason: "The request body is not valid JSON." }] });
  });

  describe.each(SERVICE_NAMES)("%s's /metrics", (service) => {
    const metricsUrl = () => `${fixture.stack.urls[service]}/metrics`;

    it("is refused without the scraper's token, and with a person's token", async () => {
      const personal = await fixture.token(CALLERS.policeAuditor);
      for (const headers of [{}, { authorization: "Bearer not-the-scraper-token-at-all" }, { authorization: `Bearer ${personal}` }] as Record<string, string>[]) {
        const response = await fetch(metricsUrl(), { headers });
        const text = await response.text();
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
        expect(text).not.toContain("tessera_");
        expect(JSON.parse(text).errors[0].extensions.code).toBe("UNAUTHENTICATED");
      }
    });

    it("is served to the scraper's token", async () => {
      const response = await fetch(metricsUrl(), { headers: { authorization: `Bearer ${devMetricsToken(fixture.stack.env)}` } });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(new RegExp(`^tessera_sql_statements_total\\{service="${service}",origin="request"\\} \\d+$`, "m"));
    });
  });

  describe("no error suggests a name the caller did not know", () => {
    const refusals: { name: string; query: string; variables?: Record<string, unknown>; code: string; message: RegExp }[] = [
      { name: "a misspelt field", query: `{ searchSubjects(name: "Penelope Ashworth") { nodes { displayNam } } }`, code: "GRAPHQL_VALIDATION_FAILED", message: /Cannot query field "displayNam"/ },
      {
        name: "an unknown enum value in a literal",
        query: `{ searchSubjects(name: "Penelope Ashworth") { nodes { policeCounterparts(roles: [SUSPEC]) { localId } } } }`,
        code: "GRAPHQL_VALIDATION_FAILED",
        message: /Value "SUSPEC" does not exist in "SubjectRole" enum/,
      },
      {
        name: "an unknown enum value in a variable",
        query: `query($roles: [SubjectRole!]) { searchSubjects(name: "Penelope Ashworth") { nodes { policeCounterparts(roles: $roles) { localId } } } }`,
        variables: { roles: ["SUSPEC"] },
        code: "BAD_USER_INPUT",
        message: /Value "SUSPEC" does not exist in "SubjectRole" enum/,
      },
      { name: "an unknown argument", query: `{ searchSubjects(nam: "Penelope Ashworth") { nodes { id } } }`, code: "GRAPHQL_VALIDATION_FAILED", message: /Unknown argument "nam"/ },
      { name: "an unknown type", query: `query($roles: [SubjectRol!]) { searchSubjects(name: "Penelope Ashworth") { nodes { policeCounterparts(roles: $roles) { localId } } } }`, code: "GRAPHQL_VALIDATION_FAILED", message: /Unknown type "SubjectRol"/ },
    ];

    it.each(refusals)("$name", async ({ query, variables, code, message }) => {
      const answer = await fixture.query(CALLERS.officerForceB, query, variables);
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code } });
      // Before this, each of these said which names would have worked (`Did you mean "displayName"?`).
      expect(JSON.stringify(answer)).not.toMatch(/Did you mean|displayName|SUSPECT|"name"/);
    });
  });

  describe.each(SERVICE_NAMES)("%s, called as the gateway calls it, suggests nothing either", (service) => {
    it("a misspelt field", async () => {
      const { status, body } = await gatewayRequest({ url: graphqlUrl(service), service, as: CALLERS.officerForceB, query: `{ _service { sdll } }` });
      expect(status).toBe(400);
      expect(body.errors[0].message).toBe(`Cannot query field "sdll" on type "_Service".`);
      expect(JSON.stringify(body)).not.toContain("Did you mean");
    });
  });

  it("police, called as the gateway calls it, suggests no enum value for a variable", async () => {
    const { status, body } = await gatewayRequest({
      url: graphqlUrl("police"),
      service: "police",
      as: CALLERS.officerForceB,
      query: `query($roles: [SubjectRole!]) { _entities(representations: []) { ... on Subject { policeCounterparts(roles: $roles) { localId } } } }`,
      variables: { roles: ["SUSPEC"] },
    });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/Value "SUSPEC" does not exist in "SubjectRole" enum\.$/), extensions: { code: "BAD_USER_INPUT" } });
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|SUSPECT/);
  });

  it("a wrong operationName is a 400 that names it, not a server error", async () => {
    const token = await fixture.token(CALLERS.officerForceB);
    const post = async (query: string, operationName?: string) => {
      const response = await fetch(fixture.stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, operationName }) });
      return { status: response.status, body: (await response.json()) as { errors?: { message: string; extensions: { code: string } }[]; data?: unknown } };
    };
    const named = await post(`query Caseload { searchSubjects(name: "Penelope Ashworth") { nodes { id } } }`, "Caseloads");
    expect(named.status).toBe(400);
    expect(named.body.errors).toEqual([{ message: `Unknown operation named "Caseloads".`, extensions: { code: "OPERATION_RESOLUTION_FAILURE" } }]);
    const two = await post(`query A { searchSubjects(name: "Penelope Ashworth") { nodes { id } } } query B { searchSubjects(name: "Daniel Rourke") { nodes { id } } }`);
    expect(two.status).toBe(400);
    expect(two.body.errors?.[0]?.extensions.code).toBe("OPERATION_RESOLUTION_FAILURE");
    // The right name still runs.
    const right = await post(`query A { searchSubjects(name: "Penelope Ashworth") { nodes { id } } } query B { searchSubjects(name: "Daniel Rourke") { nodes { id } } }`, "B");
    expect(right.status).toBe(200);
    expect(right.body.errors).toBeUndefined();
  });

  describe("a bad date is the caller's input, not police being unavailable", () => {
    const PENELOPE = `searchSubjects(name: "Penelope Ashworth") { nodes { id healthEvents { kind } policeEvents(from: $from) { kind } } }`;

    it("in a literal: BAD_USER_INPUT naming the argument, and health's data still there", async () => {
      const answer = await fixture.query(CALLERS.officerForceB, `{ ${PENELOPE.replace("$from", `"not-a-date"`)} }`);
      expect(answer.errors).toEqual([
        { message: expect.stringMatching(/^from: .*not-a-date/), extensions: { code: "BAD_USER_INPUT", field: "from", serviceName: "police" } },
      ]);
      expect(JSON.stringify(answer.errors)).not.toContain("SUBGRAPH_UNAVAILABLE");
      const [penelope] = answer.data!.searchSubjects.nodes;
      expect(penelope.id).toEqual(expect.any(String));
      expect(penelope.healthEvents.length).toBeGreaterThan(0);
      expect(penelope.policeEvents).toBeNull();
    });

    it("in a variable of type DateTimeISO: BAD_USER_INPUT naming the variable", async () => {
      const answer = await fixture.query(CALLERS.officerForceB, `query($from: DateTimeISO) { ${PENELOPE} }`, { from: "2025-13-45T99:00:00Z" });
      expect(answer.errors).toEqual([
        { message: expect.stringMatching(/^Variable "\$from" got invalid value "2025-13-45T99:00:00Z"/), extensions: { code: "BAD_USER_INPUT", field: "from", serviceName: "police" } },
      ]);
    });

    it("a good date still filters", async () => {
      const answer = await fixture.query(CALLERS.officerForceB, `query($from: DateTimeISO) { ${PENELOPE} }`, { from: "2025-01-01T00:00:00Z" });
      expect(answer.errors).toBeUndefined();
      const kinds = answer.data!.searchSubjects.nodes[0].policeEvents.map((event: { kind: string }) => event.kind);
      // Only Eastvale's 2026 assault is on or after 2025; Northmoor's domestic incidents are earlier.
      expect(kinds).toEqual(["COMMON_ASSAULT"]);
    });

    it("a police that is really down is still SUBGRAPH_UNAVAILABLE", async () => {
      // Last in this file: it stops police for good.
      await fixture.stack.stopMember("police");
      const answer = await fixture.query(CALLERS.officerForceB, `query($from: DateTimeISO) { ${PENELOPE} }`, { from: "2025-01-01T00:00:00Z" });
      expect(answer.errors).toEqual([expect.objectContaining({ extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "police" } })]);
    });
  });
});
