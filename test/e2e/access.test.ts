import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { SCENARIO } from "@tessera/demo";
import { loadDeclaredCallers, PURPOSES, verifyAccessLog, type DevTokenClaims } from "@tessera/kit";
import { Client } from "pg";
import { DataSource } from "typeorm";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type GraphQLAnswer, type StackFixture } from "./stackFixture";

/**
 * The access layer end to end: real tokens from the stack's development issuer, through the gateway
 * over HTTP, against every agency's policy file. The matrix is built from the policy files
 * themselves, so a rule added, removed or loosened there changes what is tested.
 */

const ROOT = path.resolve(__dirname, "..", "..");
const JUSTIFICATION_HEADER = "x-tessera-justification";

type Service = "police" | "health" | "social-care" | "identity";
type Level = "signal" | "detail" | "restricted" | "write" | "audit";
const SERVICES: Service[] = ["police", "health", "social-care", "identity"];
const LEVELS: Level[] = ["signal", "detail", "restricted", "write", "audit"];

interface PolicyRule {
  rule: string;
  agencies: string[];
  roles?: string[];
  areas?: string[];
  purposes: string[];
  justification?: boolean;
}

interface PolicyFile {
  agency: string;
  levels: Record<Level, PolicyRule[]>;
  types: Record<string, { area?: string; fields: Record<string, Level> }>;
}

const POLICIES = Object.fromEntries(
  SERVICES.map((service) => [service, JSON.parse(readFileSync(path.join(ROOT, "subgraphs", service, "access-policy.json"), "utf8")) as PolicyFile]),
) as Record<Service, PolicyFile>;

const ACCESS_LOG_FIELD: Record<Service, string> = { police: "policeAccessLog", health: "healthAccessLog", "social-care": "socialCareAccessLog", identity: "identityAccessLog" };

/** A field's level as the policy file gives it; the kit puts each service's own access log at audit. */
function levelOf(service: Service, field: string): Level {
  const [typeName, name] = field.split(".") as [string, string];
  const level = POLICIES[service].types[typeName]?.fields[name];
  if (level) return level;
  if (field === `Query.${ACCESS_LOG_FIELD[service]}` || /^AccessLog(Page|Entry|Denial)\./.test(field)) return "audit";
  throw new Error(`${field} has no level in the ${service} access policy`);
}

/** One field on the way from the root of a probe to the field it probes, under its own agency's policy. */
interface Step {
  service: Service;
  field: string;
  /** The area of the record the field belongs to, where its type has one. */
  area?: string;
}

interface Asker {
  claims: DevTokenClaims;
  justified: boolean;
}

/**
 * The test's own reading of a rule, written from the policy format's documentation rather than taken
 * from the access layer, so that the expectations do not follow the code under test.
 */
function admits(rule: PolicyRule, owner: string, asker: Asker, recordArea: string | undefined): boolean {
  return conditionsMet(rule, owner, asker, recordArea) === 5;
}

/** How many of a rule's conditions, in the documented order (agency, role, purpose, area, justification), hold before the first that fails. */
function conditionsMet(rule: PolicyRule, owner: string, { claims, justified }: Asker, recordArea: string | undefined): number {
  const partner = rule.agencies.includes("partners") && claims.agency !== owner;
  if (!rule.agencies.includes("*") && !rule.agencies.includes(claims.agency) && !partner) return 0;
  if (rule.roles && !rule.roles.some((role) => claims.roles.includes(role))) return 1;
  if (!rule.purposes.includes(claims.purpose)) return 2;
  if (rule.areas && !rule.areas.some((area) => (area === "$own" ? recordArea !== undefined && recordArea === claims.area : area === claims.area))) return 3;
  if (rule.justification && !justified) return 4;
  return 5;
}

/** The rule a denial names: the one the caller came nearest to meeting (the first of equals). */
function nearestRule(denial: Denial, asker: Asker): string {
  const met = denial.rules.map((rule) => conditionsMet(rule, POLICIES[denial.service].agency, asker, denial.area));
  return denial.rules[met.indexOf(Math.max(...met))]!.rule;
}

interface Denial extends Step {
  level: Level;
  rules: PolicyRule[];
}

/** The first field on the path that no rule of its level admits this caller to: where the answer must stop. */
function firstDenial(steps: Step[], asker: Asker): Denial | null {
  for (const step of steps) {
    const level = levelOf(step.service, step.field);
    const rules = POLICIES[step.service].levels[level];
    if (!rules.some((rule) => admits(rule, POLICIES[step.service].agency, asker, step.area))) return { ...step, level, rules };
  }
  return null;
}

interface ProbeResult {
  answer: GraphQLAnswer<any>;
  /** The probed field's value(s): null when withheld. */
  value: any;
  /** For a write: whether the record reached the agency, read back by one of its own. */
  written?: () => Promise<boolean>;
}

interface Probe {
  service: Service;
  level: Level;
  asks: string;
  /** The area of the record holding the probed field, for `$own` rules. */
  recordArea?: string;
  steps: Step[];
  run(asker: Asker): Promise<ProbeResult>;
  expectValue(value: any): void;
  /** When only the probed field is refused, what must still be in the answer beside it. */
  expectRestStands?(data: any): void;
}

type Violation = "agency" | "role" | "purpose" | "area" | "justification";
const NEEDS: Record<Violation, RegExp> = {
  agency: /^agency /,
  role: /^role /,
  purpose: /^purpose /,
  area: /own area|^area /,
  justification: /justification/,
};

interface MatrixCase {
  name: string;
  probe: Probe;
  rule: PolicyRule;
  asker: Asker;
  violation?: Violation;
  expected: Denial | null;
}

/** The area a caller of this agency has when a rule does not ask for the record's own: never the probed records' areas. */
const HOME_AREA: Record<string, string> = { police: "EVP", health: "EVT", "social-care": "EVC", identity: "identity", probation: "EVPR" };
const AGENCIES = ["police", "health", "social-care", "identity", "probation"];

let caseNumber = 0;
function claimsFor(agency: string, role: string, purpose: string, area: string): DevTokenClaims {
  caseNumber += 1;
  const user = `matrix-${caseNumber}-${agency}-${role}`;
  return { user, name: user, agency, roles: [role], area, purpose: purpose as DevTokenClaims["purpose"] };
}

/** A caller who meets this rule's conditions and no more: its first agency, role and purpose; the record's area only when `$own`. */
function satisfying(rule: PolicyRule, recordArea: string | undefined): { agency: string; role: string; purpose: string; area: string; justified: boolean } {
  const agency = rule.agencies.includes("*") || rule.agencies.includes("partners") ? "probation" : rule.agencies[0]!;
  const role = rule.roles?.[0] ?? (agency === "probation" ? "probation_officer" : "practitioner");
  const purpose = rule.purposes[0]!;
  const area = rule.areas ? (rule.areas.includes("$own") ? recordArea! : rule.areas[0]!) : HOME_AREA[agency]!;
  return { agency, role, purpose, area, justified: rule.justification === true };
}

const DECLARED_CALLERS = loadDeclaredCallers({});

function matrixCases(probe: Probe): MatrixCase[] {
  const cases: MatrixCase[] = [];
  const atProbedLevel = (denial: Denial | null) => denial?.service === probe.service && denial.level === probe.level;
  /**
   * Adds the case for this rule with one condition changed (or none). Of the purposes that keep the
   * change, the first that lets the caller past the lower tiers is used, so that the refusal happens
   * at the level under test rather than earlier: a police receptionist stating safeguarding reaches
   * police events through the partners' signal rule, and is refused their narrative by police-detail.
   */
  const add = (rule: PolicyRule, parts: ReturnType<typeof satisfying>, violation?: Violation) => {
    const purposes = violation === "purpose" ? PURPOSES.filter((p) => !rule.purposes.includes(p)) : [parts.purpose, ...rule.purposes.filter((p) => p !== parts.purpose)];
    const candidates = purposes.map((purpose) => {
      const claims: DevTokenClaims = { user: "", name: "", agency: parts.agency, roles: [parts.role], area: parts.area, purpose: purpose as DevTokenClaims["purpose"] };
      return { purpose, expected: firstDenial(probe.steps, { claims, justified: parts.justified }) };
    });
    const chosen = (violation ? candidates.find((c) => atProbedLevel(c.expected)) : candidates.find((c) => c.expected === null)) ?? candidates[0]!;
    const asker = { claims: claimsFor(parts.agency, parts.role, chosen.purpose, parts.area), justified: parts.justified };
    const what = `${parts.agency}/${parts.role}/${chosen.purpose}/${parts.area}${parts.justified ? " + justification" : ""}`;
    cases.push({
      name: violation ? `${rule.rule} refuses a caller without its ${violation} (${what})` : `${rule.rule} admits ${what}`,
      probe,
      rule,
      asker,
      ...(violation ? { violation } : {}),
      expected: firstDenial(probe.steps, asker),
    });
  };
  for (const rule of POLICIES[probe.service].levels[probe.level]) {
    const base = satisfying(rule, probe.recordArea);
    add(rule, base);
    // A partners rule refuses the owner's own staff; a rule naming agencies refuses any other.
    const outsider = rule.agencies.includes("partners") ? POLICIES[probe.service].agency : AGENCIES.find((a) => !rule.agencies.includes(a));
    // The outsider works in an area of their own agency: a token pairing an agency with another's area is refused at the door.
    if (!rule.agencies.includes("*")) add(rule, { ...base, agency: outsider!, area: HOME_AREA[outsider!]! }, "agency");
    // An agency that declares its staff's roles (identity and risk: auditors) has no other role to try:
    // a token with one is refused at the door, before any policy (the callers declaration's tests).
    if (rule.roles && !DECLARED_CALLERS.declaration.agencies[base.agency]?.roles) add(rule, { ...base, role: "receptionist" }, "role");
    add(rule, base, "purpose");
    if (rule.areas) add(rule, { ...base, area: rule.areas.includes("$own") ? HOME_AREA[base.agency]! : "ZZ9" }, "area");
    if (rule.justification) add(rule, { ...base, justified: false }, "justification");
  }
  // Each rule must be shown admitting on its own, and refusing at its own level when one condition fails.
  for (const rule of POLICIES[probe.service].levels[probe.level]) {
    const admitted = cases.find((c) => c.rule === rule && !c.violation);
    if (admitted?.expected !== null) throw new Error(`${rule.rule}: the caller built to meet it is refused earlier on ${probe.asks}`);
    const refused = cases.some((c) => c.rule === rule && c.violation && atProbedLevel(c.expected));
    if (!refused) throw new Error(`${rule.rule}: no caller built from it is refused at ${probe.level} on ${probe.asks}: add one by hand`);
  }
  return cases;
}

/** The values that are not null, or null when there are none (a withheld field in every row). */
function present<T>(values: (T | null | undefined)[] | null | undefined): T[] | null {
  const kept = (values ?? []).filter((value): value is T => value !== null && value !== undefined);
  return kept.length > 0 ? kept : null;
}

const forbidden = (answer: GraphQLAnswer<any>) => (answer.errors ?? []).filter((error) => error.extensions?.code === "FORBIDDEN");

describe("the access layer through the gateway", () => {
  let fixture: StackFixture;
  let dir: string;
  let penelopeId: string;
  /** Two population records of different people, for a reviewer's decision that touches no one else. */
  let pair: { left: { agency: string; localId: string }; right: { agency: string; localId: string } };

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = await importDemoData(fixture, { seed: 11, subjects: 30 });
    const search = await fixture.query(CALLERS.officerForceB, `{ searchSubjects(name: "Penelope Ashworth") { nodes { id } } }`);
    penelopeId = search.data!.searchSubjects.nodes[0].id;
    const nominals = readFileSync(path.join(dir, "police.ndjson"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === "nominal" && !/-S\d+$/.test(line.id));
    const left = nominals[0];
    const right = nominals.find((n) => n.familyName !== left.familyName && n.dateOfBirth !== left.dateOfBirth);
    pair = { left: { agency: "police", localId: left.id }, right: { agency: "police", localId: right.id } };
  }, 180_000);

  afterAll(async () => {
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const justification = (text = "Access matrix: exercising a rule that needs a reason") => ({ [JUSTIFICATION_HEADER]: text });
  const ask = (asker: Asker, query: string, variables?: Record<string, unknown>) => fixture.query(asker.claims, query, variables, asker.justified ? justification() : {});

  // ---------------------------------------------------------------------------------------------
  // Probes: for each agency and level, a query reaching one field at that level.
  // ---------------------------------------------------------------------------------------------

  const SUBJECT: Step = { service: "identity", field: "Query.subject" };
  let writes = 0;

  const eventsProbe = (
    service: "police" | "health" | "social-care",
    level: Level,
    eventsField: "policeEvents" | "healthEvents" | "careEvents",
    type: string,
    field: string,
    expectValue: (values: any[]) => void,
    recordArea?: string,
  ): Probe => ({
    service,
    level,
    asks: `Penelope's ${eventsField} { kind ${field} }`,
    ...(recordArea ? { recordArea } : {}),
    steps: [SUBJECT, { service, field: `Subject.${eventsField}` }, { service, field: `${type}.${field}`, ...(recordArea ? { area: recordArea } : {}) }],
    async run(asker) {
      const answer = await ask(asker, `query($id: ID!) { subject(id: $id) { ${eventsField} { kind ${field === "kind" ? "" : field} } } }`, { id: penelopeId });
      const events = answer.data?.subject?.[eventsField] as any[] | null | undefined;
      return { answer, value: field === "kind" ? (events ?? null) : present(events?.map((event) => event[field])) };
    },
    expectValue,
    // Beside a refused event field, the events themselves stand (for the signal probe, the events are the probed field).
    ...(field === "kind"
      ? {}
      : {
          expectRestStands(data: any) {
            const events = data.subject[eventsField] as any[];
            expect(events.length).toBeGreaterThan(0);
            for (const event of events) expect(typeof event.kind).toBe("string");
          },
        }),
  });

  const auditProbe = (service: Service): Probe => ({
    service,
    level: "audit",
    asks: `${ACCESS_LOG_FIELD[service]} { entries { id user } }`,
    steps: [
      { service, field: `Query.${ACCESS_LOG_FIELD[service]}` },
      { service, field: "AccessLogPage.entries" },
      { service, field: "AccessLogEntry.user" },
    ],
    async run(asker) {
      const answer = await ask(asker, `{ ${ACCESS_LOG_FIELD[service]}(first: 1) { entries { id user } } }`);
      return { answer, value: answer.data?.[ACCESS_LOG_FIELD[service]] ?? null };
    },
    expectValue(page) {
      // Earlier requests of this file were logged, so the newest entry is there.
      expect(page.entries).toHaveLength(1);
      expect(typeof page.entries[0].user).toBe("string");
    },
  });

  /**
   * A write, and a read-back by one of the agency's own to see whether it landed. The record is of
   * the writer's own area (writes are by area: callers.test.ts holds the refusals of other areas').
   */
  const writeProbe = (
    service: "police" | "health" | "social-care",
    mutation: string,
    inputType: string,
    returnType: string,
    input: (id: string, area: string) => Record<string, unknown>,
    reader: DevTokenClaims,
    readBack: string,
  ): Probe => ({
    service,
    level: "write",
    asks: `${mutation}(input) { id }`,
    steps: [
      { service, field: `Mutation.${mutation}` },
      { service, field: `${returnType}.id` },
    ],
    async run(asker) {
      writes += 1;
      const id = `ACCESS-${service.toUpperCase()}-${writes}`;
      const answer = await ask(asker, `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id } }`, { input: input(id, asker.claims.area) });
      return {
        answer,
        value: answer.data?.[mutation]?.id ?? null,
        written: async () => {
          const check = await fixture.query(reader, `query($id: ID!) { ${readBack}(id: $id) { id } }`, { id });
          expect(check.errors).toBeUndefined();
          return check.data![readBack] !== null;
        },
      };
    },
    expectValue: (id) => expect(id).toMatch(new RegExp(`^ACCESS-${service.toUpperCase()}-\\d+$`)),
  });

  const PROBES: Probe[] = [
    // police
    eventsProbe("police", "signal", "policeEvents", "PoliceEvent", "kind", (events) => {
      expect(new Set(events.map((e) => e.kind))).toEqual(new Set(["DOMESTIC_INCIDENT", "COMMON_ASSAULT"]));
    }),
    eventsProbe("police", "detail", "policeEvents", "PoliceEvent", "summary", (summaries) => {
      // Both forces' narratives: Northmoor's and Eastvale's.
      expect(summaries).toEqual(expect.arrayContaining(["Victim pushed during argument", "Verbal argument reported by neighbour"]));
    }),
    {
      service: "police",
      level: "restricted",
      asks: `nominal(id: "NMC-N-S1") { familyName addresses { postcode } }`,
      recordArea: "NMC",
      steps: [
        { service: "police", field: "Query.nominal" },
        { service: "police", field: "Nominal.addresses", area: "NMC" },
        { service: "police", field: "NominalAddress.postcode" },
      ],
      async run(asker) {
        const answer = await ask(asker, `{ nominal(id: "${SCENARIO.penelope.policeA}") { familyName addresses { postcode } } }`);
        return { answer, value: answer.data?.nominal?.addresses ?? null };
      },
      expectValue: (addresses) => expect(addresses).toEqual([{ postcode: "NM1 4QT" }]),
      expectRestStands: (data) => expect(data.nominal.familyName).toBe("Ashworth"),
    },
    writeProbe("police", "recordNominal", "NominalInput", "Nominal", (id, force) => ({ id, force, givenNames: "Matrix", familyName: "Quillfeather" }), CALLERS.officerForceA, "nominal"),
    auditProbe("police"),
    // health
    eventsProbe("health", "signal", "healthEvents", "HealthEvent", "kind", (events) => {
      expect(events.map((e) => e.kind)).toEqual(["EMERGENCY_DEPARTMENT", "EMERGENCY_DEPARTMENT"]);
    }),
    eventsProbe("health", "detail", "healthEvents", "HealthEvent", "presentingComplaint", (complaints) => {
      expect(complaints).toEqual(["Facial injury, says walked into door", "Fall at home"]);
    }),
    eventsProbe("health", "restricted", "healthEvents", "HealthEvent", "allegedPerpetratorName", (names) => expect(names).toEqual(["Dan"]), "NVH"),
    writeProbe("health", "recordPatient", "PatientInput", "Patient", (id, trust) => ({ id, trust, givenNames: "Matrix", familyName: "Quillfeather" }), CALLERS.clinician, "patient"),
    auditProbe("health"),
    // social care
    eventsProbe("social-care", "signal", "careEvents", "CareEvent", "kind", (events) => expect(events.map((e) => e.kind)).toEqual(["REFERRAL"])),
    eventsProbe("social-care", "detail", "careEvents", "CareEvent", "outcome", (outcomes) => expect(outcomes).toEqual(["No further action"])),
    eventsProbe("social-care", "restricted", "careEvents", "CareEvent", "summary", (summaries) => expect(summaries).toEqual(["School reports child disclosed shouting at home"]), "NMB"),
    writeProbe("social-care", "recordClient", "ClientInput", "Client", (id, council) => ({ id, council, givenNames: "Matrix", familyName: "Quillfeather" }), CALLERS.socialWorker, "client"),
    auditProbe("social-care"),
    // identity
    {
      service: "identity",
      level: "signal",
      asks: "subject(id) { displayName }",
      steps: [SUBJECT, { service: "identity", field: "Subject.displayName" }],
      async run(asker) {
        const answer = await ask(asker, `query($id: ID!) { subject(id: $id) { displayName } }`, { id: penelopeId });
        return { answer, value: answer.data?.subject?.displayName ?? null };
      },
      expectValue: (name) => expect(name).toBe("Penelope Ashworth"),
    },
    {
      service: "identity",
      level: "detail",
      asks: "subject(id) { records { agency localId evidence { rule } } }",
      steps: [SUBJECT, { service: "identity", field: "Subject.records" }, { service: "identity", field: "AgencyRecordLink.evidence" }, { service: "identity", field: "LinkEvidence.rule" }],
      async run(asker) {
        const answer = await ask(asker, `query($id: ID!) { subject(id: $id) { records { agency localId evidence { rule } } } }`, { id: penelopeId });
        return { answer, value: present((answer.data?.subject?.records as any[] | undefined)?.map((record) => record.evidence)) };
      },
      expectValue(evidence) {
        expect(evidence).toHaveLength(4);
        for (const e of evidence) expect(["SOLE_RECORD", "MODEL", "REVIEWER"]).toContain(e.rule);
      },
      expectRestStands(data) {
        const records = data.subject.records.map((r: any) => `${r.agency}/${r.localId}`).sort();
        const { penelope } = SCENARIO;
        expect(records).toEqual([`health/${penelope.health}`, `police/${penelope.policeB}`, `police/${penelope.policeA}`, `social-care/${penelope.socialCare}`].sort());
      },
    },
    {
      service: "identity",
      level: "restricted",
      asks: "linkDecisions(first: 1) { hasNextPage }",
      steps: [
        { service: "identity", field: "Query.linkDecisions" },
        { service: "identity", field: "LinkDecisionPage.hasNextPage" },
      ],
      async run(asker) {
        const answer = await ask(asker, `{ linkDecisions(first: 1) { hasNextPage } }`);
        return { answer, value: answer.data?.linkDecisions ?? null };
      },
      expectValue: (page) => expect(typeof page.hasNextPage).toBe("boolean"),
    },
    {
      service: "identity",
      level: "write",
      asks: "rejectLink(left, right, reason) { decision { reason } }",
      steps: [
        { service: "identity", field: "Mutation.rejectLink" },
        { service: "identity", field: "LinkDecisionOutcome.decision" },
        { service: "identity", field: "LinkDecision.reason" },
      ],
      async run(asker) {
        writes += 1;
        const reason = `Access matrix decision ${writes}: two different people`;
        const answer = await ask(asker, `mutation($left: AgencyRecordKeyInput!, $right: AgencyRecordKeyInput!, $reason: String!) { rejectLink(left: $left, right: $right, reason: $reason) { decision { reason } } }`, {
          ...pair,
          reason,
        });
        return {
          answer,
          value: answer.data?.rejectLink?.decision?.reason ?? null,
          written: async () => {
            const check = await fixture.query(CALLERS.reviewer, `{ linkDecisions(first: 100) { decisions { reason } } }`);
            expect(check.errors).toBeUndefined();
            return check.data!.linkDecisions.decisions.some((d: { reason: string }) => d.reason === reason);
          },
        };
      },
      expectValue: (reason) => expect(reason).toMatch(/^Access matrix decision \d+: two different people$/),
    },
    auditProbe("identity"),
  ];

  // The matrix covers every level of every agency, or the file does not load.
  const missing = SERVICES.flatMap((s) => LEVELS.map((l) => `${s}/${l}`)).filter((key) => !PROBES.some((p) => `${p.service}/${p.level}` === key));
  if (missing.length > 0) throw new Error(`no probe for ${missing.join(", ")}`);

  describe.each(SERVICES)("%s policy: every rule of every level, allowed and denied", (service) => {
    const cases = PROBES.filter((p) => p.service === service).flatMap((probe) => matrixCases(probe).map((c) => ({ ...c, label: `${probe.level}: ${c.name}` })));

    it.each(cases)("$label", async ({ probe, asker, rule, violation, expected }) => {
      const { answer, value, written } = await probe.run(asker);
      expect(answer.status).toBe(200);
      if (expected === null) {
        expect(answer.errors).toBeUndefined();
        probe.expectValue(value);
        if (written) expect(await written()).toBe(true);
        return;
      }
      // Refused: the field is null, and a FORBIDDEN error names it, its level and every rule of that level.
      expect(value ?? null).toBeNull();
      expect(answer.errors?.filter((e) => e.extensions?.code !== "FORBIDDEN") ?? []).toEqual([]);
      const error = forbidden(answer).find((e) => e.extensions!.field === expected.field);
      expect(error?.extensions).toMatchObject({ code: "FORBIDDEN", agency: POLICIES[expected.service].agency, field: expected.field, level: expected.level, rule: nearestRule(expected, asker) });
      expect(error!.extensions!.unmet.map((u: { rule: string }) => u.rule)).toEqual(expected.rules.map((r) => r.rule));
      if (expected.service === probe.service && expected.level === probe.level) {
        // The rule under test says which of its conditions the caller does not meet.
        expect(error!.extensions!.unmet.find((u: { rule: string }) => u.rule === rule.rule).needs).toMatch(NEEDS[violation!]);
      }
      const probed = probe.steps.find((step) => levelOf(step.service, step.field) === probe.level)!;
      if (expected.field === probed.field && probe.expectRestStands) {
        // Only the probed field is refused: the rest of the answer stands.
        probe.expectRestStands(answer.data);
      }
      if (written) expect(await written()).toBe(false);
    });
  });

  // ---------------------------------------------------------------------------------------------
  // The scenario: Eastvale's officer and Penelope Ashworth's records elsewhere.
  // ---------------------------------------------------------------------------------------------

  const OFFICER_READS_PENELOPE = `query OfficerReadsPenelope($id: ID!) {
    subject(id: $id) {
      displayName
      policeEvents { id area kind summary }
      healthEvents { id kind occurredAt injury presentingComplaint injuryDescription }
      careEvents { id kind category outcome }
    }
  }`;
  const REASON = "DASH after EVP-O-S1: checking for earlier injuries at the previous address";
  const requestIds = { denied: `access-e2e-${randomUUID()}`, justified: `access-e2e-${randomUUID()}` };

  it("a force B officer sees force A's police events and the health and care events at signal level, but no clinical or case detail", async () => {
    const { status, data, errors } = await fixture.query(CALLERS.officerForceB, OFFICER_READS_PENELOPE, { id: penelopeId }, { "x-request-id": requestIds.denied });
    expect(status).toBe(200);
    const penelope = data!.subject;
    expect(penelope.displayName).toBe("Penelope Ashworth");
    // Police to police: Northmoor's events with their narratives, beside Eastvale's own.
    const northmoor = penelope.policeEvents.filter((e: any) => e.area === "NMC");
    expect(northmoor.map((e: any) => e.summary).sort()).toEqual(["Shouting heard, both parties say argument only", "Verbal argument reported by neighbour"]);
    expect(penelope.policeEvents.some((e: any) => e.area === "EVP")).toBe(true);
    // Health and social care: that something happened, when and of what kind, and no more.
    expect(penelope.healthEvents).toHaveLength(2);
    for (const event of penelope.healthEvents) {
      expect(event).toMatchObject({ kind: "EMERGENCY_DEPARTMENT", injury: true, presentingComplaint: null, injuryDescription: null });
      expect(Date.parse(event.occurredAt)).not.toBeNaN();
    }
    expect(penelope.careEvents).toEqual([expect.objectContaining({ kind: "REFERRAL", outcome: null })]);
    expect(JSON.stringify(data)).not.toMatch(/Fall at home|Bruising|walked into door|No further action/);

    expect(errors!.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
    const refused = new Set(errors!.map((e) => e.extensions!.field));
    expect(refused).toEqual(new Set(["HealthEvent.presentingComplaint", "HealthEvent.injuryDescription", "CareEvent.outcome"]));
    // One error per withheld value, at its place in the answer.
    expect(errors!.filter((e) => e.extensions!.field === "HealthEvent.presentingComplaint").map((e) => e.path)).toEqual(
      expect.arrayContaining([
        ["subject", "healthEvents", 0, "presentingComplaint"],
        ["subject", "healthEvents", 1, "presentingComplaint"],
      ]),
    );
    const health = errors!.find((e) => e.extensions!.field === "HealthEvent.presentingComplaint")!;
    expect(health.extensions).toMatchObject({
      agency: "health",
      level: "detail",
      rule: "health/partner-detail-with-justification",
      unmet: [
        { rule: "health/health-clinical", needs: "agency health" },
        { rule: "health/partner-detail-with-justification", needs: "a justification (x-tessera-justification header)" },
      ],
    });
    expect(health.message).toMatch(/health\/partner-detail-with-justification needs a justification/);
    const care = errors!.find((e) => e.extensions!.field === "CareEvent.outcome")!;
    expect(care.extensions).toMatchObject({ agency: "social-care", level: "detail", rule: "social-care/partner-detail-with-justification" });
    expect(care.extensions!.unmet).toContainEqual({ rule: "social-care/partner-detail-with-justification", needs: "a justification (x-tessera-justification header)" });
  });

  it("with a justification the same query returns the clinical and case detail", async () => {
    const { data, errors } = await fixture.query(CALLERS.officerForceB, OFFICER_READS_PENELOPE, { id: penelopeId }, { "x-request-id": requestIds.justified, [JUSTIFICATION_HEADER]: REASON });
    expect(errors).toBeUndefined();
    const penelope = data!.subject;
    expect(penelope.healthEvents.map((e: any) => [e.presentingComplaint, e.injuryDescription])).toEqual([
      ["Facial injury, says walked into door", "Swelling and bruising to right cheek"],
      ["Fall at home", "Bruising to left forearm"],
    ]);
    expect(penelope.careEvents.map((e: any) => e.outcome)).toEqual(["No further action"]);
  });

  it("the health auditor finds both reads in the health access log, the justified one with its reason", async () => {
    const log = await fixture.query(
      CALLERS.healthAuditor,
      `query($id: ID!) { healthAccessLog(subjectId: $id, first: 100) { entries {
        id requestId service user userName agency roles area purpose justification action outcome subjects records fields denied { field rule } hash
      } } }`,
      { id: penelopeId },
    );
    expect(log.errors).toBeUndefined();
    const entries = log.data!.healthAccessLog.entries as any[];
    const justified = entries.filter((e) => e.requestId === requestIds.justified);
    expect(justified).toHaveLength(1);
    expect(justified[0]).toMatchObject({
      service: "health",
      user: "PC Eastvale",
      userName: "PC Eastvale",
      agency: "police",
      roles: ["officer"],
      area: "EVP",
      purpose: "safeguarding",
      justification: REASON,
      action: "read",
      outcome: "allowed",
      denied: [],
    });
    expect(justified[0].subjects).toEqual([penelopeId]);
    expect(justified[0].fields).toEqual(expect.arrayContaining(["Subject.healthEvents", "HealthEvent.kind", "HealthEvent.presentingComplaint", "HealthEvent.injuryDescription"]));
    expect(justified[0].records).toHaveLength(2);
    for (const record of justified[0].records) expect(record).toMatch(/^HealthEvent:/);
    expect(justified[0].hash).toMatch(/^[0-9a-f]{64}$/);

    const denied = entries.filter((e) => e.requestId === requestIds.denied);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ user: "PC Eastvale", agency: "police", area: "EVP", purpose: "safeguarding", justification: null, outcome: "partial" });
    expect(denied[0].fields).toContain("HealthEvent.kind");
    expect(denied[0].fields).not.toContain("HealthEvent.presentingComplaint");
    expect(denied[0].denied).toEqual([
      { field: "HealthEvent.injuryDescription", rule: "health/partner-detail-with-justification" },
      { field: "HealthEvent.presentingComplaint", rule: "health/partner-detail-with-justification" },
    ]);
    // Newest first.
    expect(entries.indexOf(justified[0])).toBeLessThan(entries.indexOf(denied[0]));
  });

  it("the social-care auditor finds the refused outcome and the justified one; the health log is not theirs to read", async () => {
    const { data, errors } = await fixture.query(
      CALLERS.socialCareAuditor,
      `query($id: ID!) {
        socialCareAccessLog(subjectId: $id, first: 100) { entries { requestId justification outcome fields denied { field rule } } }
        healthAccessLog(subjectId: $id) { entries { requestId } }
      }`,
      { id: penelopeId },
    );
    const entries = data!.socialCareAccessLog.entries as any[];
    expect(entries.find((e) => e.requestId === requestIds.denied)).toMatchObject({ outcome: "partial", justification: null, denied: [{ field: "CareEvent.outcome", rule: "social-care/partner-detail-with-justification" }] });
    const justified = entries.find((e) => e.requestId === requestIds.justified);
    expect(justified).toMatchObject({ outcome: "allowed", justification: REASON, denied: [] });
    expect(justified.fields).toContain("CareEvent.outcome");
    // The rest of the answer stands beside the refusal.
    expect(data!.healthAccessLog).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", field: "Query.healthAccessLog", rule: "health/auditors" }) })]);
  });

  it("reading the access log is itself logged", async () => {
    const requestId = `access-e2e-${randomUUID()}`;
    const first = await fixture.query(CALLERS.healthAuditor, `{ healthAccessLog(first: 1) { entries { id } } }`, {}, { "x-request-id": requestId });
    expect(first.errors).toBeUndefined();
    const { data } = await fixture.query(CALLERS.healthAuditor, `{ healthAccessLog(first: 5) { entries { requestId user purpose action outcome fields } } }`);
    const entry = (data!.healthAccessLog.entries as any[]).find((e) => e.requestId === requestId);
    expect(entry).toMatchObject({ user: "Health Auditor", purpose: "audit", action: "read", outcome: "allowed" });
    expect(entry.fields).toEqual(expect.arrayContaining(["Query.healthAccessLog", "AccessLogEntry.id"]));
  });

  // ---------------------------------------------------------------------------------------------
  // Purpose, other agencies' restricted fields, and writes.
  // ---------------------------------------------------------------------------------------------

  it("a clinician reading for direct care gets the health events but not police or care events: the purpose does not fit", async () => {
    const query = `query($id: ID!) { subject(id: $id) { displayName policeEvents { kind } healthEvents { kind presentingComplaint } careEvents { kind } } }`;
    const { status, data, errors } = await fixture.query(CALLERS.clinician, query, { id: penelopeId });
    expect(status).toBe(200);
    expect(data!.subject.displayName).toBe("Penelope Ashworth");
    expect(data!.subject.policeEvents).toBeNull();
    expect(data!.subject.careEvents).toBeNull();
    expect(data!.subject.healthEvents.map((e: any) => e.presentingComplaint)).toEqual(["Facial injury, says walked into door", "Fall at home"]);
    expect(errors).toHaveLength(2);
    const police = errors!.find((e) => e.extensions?.field === "Subject.policeEvents")!;
    expect(police.path).toEqual(["subject", "policeEvents"]);
    expect(police.extensions).toMatchObject({
      code: "FORBIDDEN",
      agency: "police",
      level: "signal",
      unmet: [
        { rule: "police/police-own-agency", needs: "agency police" },
        { rule: "police/partner-safeguarding-signal", needs: "purpose safeguarding" },
      ],
    });
    expect(errors!.find((e) => e.extensions?.field === "Subject.careEvents")!.extensions).toMatchObject({ code: "FORBIDDEN", agency: "social-care", level: "signal" });

    // The same clinician stating safeguarding as the purpose sees that police events exist, and no narrative.
    const safeguarding = await fixture.query(CALLERS.clinicianSafeguarding, `query($id: ID!) { subject(id: $id) { policeEvents { kind summary } } }`, { id: penelopeId });
    expect(safeguarding.data!.subject.policeEvents.length).toBe(3);
    expect(safeguarding.data!.subject.policeEvents.every((e: any) => typeof e.kind === "string" && e.summary === null)).toBe(true);
    expect(new Set(safeguarding.errors!.map((e) => `${e.extensions!.code} ${e.extensions!.field}`))).toEqual(new Set(["FORBIDDEN PoliceEvent.summary"]));
  });

  it("another agency cannot read health's restricted fields, even with a justification", async () => {
    const { data, errors } = await fixture.query(
      CALLERS.officerForceB,
      `query($id: ID!) {
        subject(id: $id) { healthEvents { kind presentingComplaint allegedPerpetratorName } }
        patient(id: "${SCENARIO.penelope.health}") { familyName encounters { presentingComplaint allegedPerpetratorName allegedPerpetratorPatientId } }
      }`,
      { id: penelopeId },
      { [JUSTIFICATION_HEADER]: "Suspect identification for EVP-O-S1 assault investigation" },
    );
    // Detail with the justification; the restricted names are withheld all the same.
    expect(data!.subject.healthEvents.map((e: any) => e.presentingComplaint)).toEqual(["Facial injury, says walked into door", "Fall at home"]);
    expect(data!.subject.healthEvents.map((e: any) => e.allegedPerpetratorName)).toEqual([null, null]);
    expect(data!.patient.familyName).toBe("Ashworth");
    expect(data!.patient.encounters).toHaveLength(2);
    for (const encounter of data!.patient.encounters) expect(encounter).toMatchObject({ allegedPerpetratorName: null, allegedPerpetratorPatientId: null });
    expect(JSON.stringify(data)).not.toContain('"Dan"');
    expect(errors!.every((e) => e.extensions?.code === "FORBIDDEN" && e.extensions.level === "restricted")).toBe(true);
    expect(new Set(errors!.map((e) => e.extensions!.field))).toEqual(new Set(["HealthEvent.allegedPerpetratorName", "Encounter.allegedPerpetratorName", "Encounter.allegedPerpetratorPatientId"]));
    expect(errors![0]!.extensions).toMatchObject({ rule: "health/own-trust-safeguarding-lead", unmet: [{ rule: "health/own-trust-safeguarding-lead", needs: "agency health" }] });
  });

  it("restricted fields go to the holding trust's, force's or council's own staff only, record by record", async () => {
    const NAMES = `query($id: ID!) { subject(id: $id) { healthEvents(kinds: ["EMERGENCY_DEPARTMENT"]) { allegedPerpetratorName } } }`;
    const own = await fixture.query(CALLERS.safeguardingLead, NAMES, { id: penelopeId });
    expect(own.errors).toBeUndefined();
    expect(own.data!.subject.healthEvents.map((e: any) => e.allegedPerpetratorName)).toContain("Dan");
    const elsewhere = await fixture.query(CALLERS.safeguardingLeadElsewhere, NAMES, { id: penelopeId });
    expect(elsewhere.data!.subject.healthEvents.map((e: any) => e.allegedPerpetratorName)).toEqual([null, null]);
    expect(elsewhere.errors![0]!.extensions).toMatchObject({
      code: "FORBIDDEN",
      field: "HealthEvent.allegedPerpetratorName",
      unmet: [{ rule: "health/own-trust-safeguarding-lead", needs: "a record of the caller's own area" }],
    });

    // One request, two forces' records: each address goes to its own force's public protection unit.
    const ADDRESSES = `{ a: nominal(id: "${SCENARIO.penelope.policeA}") { force addresses { postcode } } b: nominal(id: "${SCENARIO.penelope.policeB}") { force addresses { postcode } } }`;
    const forceB = await fixture.query(CALLERS.publicProtectionForceB, ADDRESSES);
    expect(forceB.data).toEqual({ a: { force: "NMC", addresses: null }, b: { force: "EVP", addresses: [{ postcode: "EV3 8HD" }] } });
    expect(forceB.errors).toEqual([expect.objectContaining({ path: ["a", "addresses"], extensions: expect.objectContaining({ code: "FORBIDDEN", field: "Nominal.addresses", rule: "police/own-force-public-protection" }) })]);
    const forceA = await fixture.query(CALLERS.publicProtectionForceA, ADDRESSES);
    expect(forceA.data).toEqual({ a: { force: "NMC", addresses: [{ postcode: "NM1 4QT" }] }, b: { force: "EVP", addresses: null } });
    expect(forceA.errors).toEqual([expect.objectContaining({ path: ["b", "addresses"] })]);

    const SUMMARIES = `query($id: ID!) { subject(id: $id) { careEvents { kind summary } } }`;
    const council = await fixture.query(CALLERS.socialWorker, SUMMARIES, { id: penelopeId });
    expect(council.errors).toBeUndefined();
    expect(council.data!.subject.careEvents).toEqual([{ kind: "REFERRAL", summary: "School reports child disclosed shouting at home" }]);
    const otherCouncil = await fixture.query(CALLERS.socialWorkerElsewhere, SUMMARIES, { id: penelopeId });
    expect(otherCouncil.data!.subject.careEvents).toEqual([{ kind: "REFERRAL", summary: null }]);
    expect(otherCouncil.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", field: "CareEvent.summary", level: "restricted" });
  });

  it("only the owning agency writes: a clinician's recordNominal is refused, nothing is written, and the refusal is logged", async () => {
    const id = `ACCESS-REFUSED-${randomUUID().slice(0, 8)}`;
    const requestId = `access-e2e-${randomUUID()}`;
    const RECORD = `mutation RecordNominal($input: NominalInput!) { recordNominal(input: $input) { id familyName } }`;
    const input = { id, force: "NMC", givenNames: "Refused", familyName: "Writer" };
    const refused = await fixture.query(CALLERS.clinician, RECORD, { input }, { "x-request-id": requestId });
    expect(refused.status).toBe(200);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toEqual([
      expect.objectContaining({
        path: ["recordNominal"],
        extensions: expect.objectContaining({ code: "FORBIDDEN", agency: "police", field: "Mutation.recordNominal", level: "write", rule: "police/police-write", unmet: [{ rule: "police/police-write", needs: "agency police" }] }),
      }),
    ]);
    // Even health's own safeguarding lead, with a justification: writing is not reading.
    const lead = await fixture.query(CALLERS.safeguardingLead, RECORD, { input }, { [JUSTIFICATION_HEADER]: "Recording the alleged perpetrator for police" });
    expect(lead.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", field: "Mutation.recordNominal" });

    const lookup = await fixture.query(CALLERS.officerForceA, `query($id: ID!) { nominal(id: $id) { id } }`, { id });
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data!.nominal).toBeNull();

    const log = await fixture.query(CALLERS.policeAuditor, `{ policeAccessLog(first: 100) { entries { requestId user agency action outcome fields denied { field rule } } } }`);
    expect((log.data!.policeAccessLog.entries as any[]).find((e) => e.requestId === requestId)).toEqual({
      requestId,
      user: "Dr Northmoor ED",
      agency: "health",
      action: "write",
      outcome: "denied",
      fields: [],
      denied: [{ field: "Mutation.recordNominal", rule: "police/police-write" }],
    });

    // The owning agency writes, and reads back what it wrote.
    const written = await fixture.query(CALLERS.officerForceA, RECORD, { input });
    expect(written.errors).toBeUndefined();
    expect(written.data!.recordNominal).toEqual({ id, familyName: "Writer" });
  });

  // ---------------------------------------------------------------------------------------------
  // Tokens, the gateway's signature, and no answer without its log entry.
  // ---------------------------------------------------------------------------------------------

  it("refuses requests without a valid token or with too short a justification, before anything is read", async () => {
    const QUERY = `query($id: ID!) { subject(id: $id) { displayName } }`;
    const variables = { id: penelopeId };
    const anonymous = await fixture.query(null, QUERY, variables);
    expect(anonymous.status).toBe(401);
    expect(anonymous.data ?? null).toBeNull();
    expect(anonymous.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    const expired = await fixture.query(null, QUERY, variables, { authorization: `Bearer ${await fixture.token(CALLERS.officerForceB, { expiresIn: "-1h" })}` });
    expect(expired.status).toBe(401);
    expect(expired.errors![0]!.message).toMatch(/expired/);
    const otherAudience = await fixture.query(null, QUERY, variables, { authorization: `Bearer ${await fixture.token(CALLERS.officerForceB, { audience: "not-tessera" })}` });
    expect(otherAudience.status).toBe(401);
    const token = await fixture.token(CALLERS.officerForceB);
    const tampered = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect((await fixture.query(null, QUERY, variables, { authorization: `Bearer ${tampered}` })).status).toBe(401);
    const short = await fixture.query(CALLERS.officerForceB, QUERY, variables, { [JUSTIFICATION_HEADER]: "because" });
    expect(short.status).toBe(401);
    expect(short.errors![0]!.message).toMatch(/of 10 to 1000 characters/);
    expect(JSON.stringify(short)).not.toContain("Penelope");
  });

  it("a subgraph answers only the gateway: a valid token sent straight to it is refused", async () => {
    const response = await fetch(`${fixture.stack.urls.health}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await fixture.token(CALLERS.safeguardingLead)}` },
      body: JSON.stringify({ query: `{ patient(id: "${SCENARIO.penelope.health}") { familyName } }` }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0]!.extensions.code).toBe("UNAUTHENTICATED");
  });

  it("returns no health data when health cannot write its access log, and the rest of the answer stands", async () => {
    const caller: DevTokenClaims = { ...CALLERS.clinician, user: "Dr Unlogged", name: "Dr Unlogged" };
    const db = new Client({ connectionString: fixture.databaseUrls.health });
    await db.connect();
    try {
      // The log refuses this one user's entries; everyone else's are still written.
      await db.query(`ALTER TABLE access_log ADD CONSTRAINT e2e_refuse_unlogged CHECK (user_id <> 'Dr Unlogged') NOT VALID`);
      const { data, errors } = await fixture.query(caller, `query($id: ID!) { subject(id: $id) { displayName healthEvents { kind presentingComplaint } } }`, { id: penelopeId });
      expect(data!.subject.displayName).toBe("Penelope Ashworth");
      expect(data!.subject.healthEvents).toBeNull();
      expect(JSON.stringify(data)).not.toMatch(/EMERGENCY_DEPARTMENT|Fall at home|walked into door/);
      expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ serviceName: "health" }) })]);
      expect(JSON.stringify(errors)).not.toMatch(/Fall at home|walked into door/);
    } finally {
      await db.query(`ALTER TABLE access_log DROP CONSTRAINT IF EXISTS e2e_refuse_unlogged`);
      await db.end();
    }
    // With the log writable again, the same caller is answered.
    const again = await fixture.query(caller, `query($id: ID!) { subject(id: $id) { healthEvents { kind } } }`, { id: penelopeId });
    expect(again.errors).toBeUndefined();
    expect(again.data!.subject.healthEvents).toHaveLength(2);
  });

  it("every service's access log is one unbroken hash chain that refuses changes", async () => {
    for (const service of SERVICES) {
      const db = new Client({ connectionString: fixture.databaseUrls[service] });
      await db.connect();
      try {
        const source = await new DataSource({ type: "postgres", url: fixture.databaseUrls[service] }).initialize();
        const verification = await verifyAccessLog(source).finally(() => source.destroy());
        expect(verification.broken).toBeNull();
        expect(verification.entries).toBeGreaterThan(5);
        await expect(db.query(`UPDATE access_log SET entry = entry WHERE id = (SELECT min(id) FROM access_log)`)).rejects.toThrow(/append-only/);
        await expect(db.query(`DELETE FROM access_log`)).rejects.toThrow(/append-only/);
      } finally {
        await db.end();
      }
    }
  });
});
