import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SCENARIO } from "@tessera/demo";
import { AGENCY_NAMES, SERVICE_NAMES } from "@tessera/kit";
import { Client } from "pg";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type StackFixture } from "./stackFixture";

/**
 * Risk through the gateway, as the scenario tells it: Eastvale sees a first-time, standard-risk
 * victim; Tessera, reading every agency and force the caller may see, sees a high-risk one.
 */
describe("risk across agencies and forces, through the gateway", () => {
  let fixture: StackFixture;
  let dir: string;
  let penelopeId: string;

  // As at a fixed day a month after the Eastvale assault, so the windows count from the same point
  // whenever the suite runs (the scenario's dates are fixed).
  const RISK = `query($id: ID!) { subject(id: $id) {
    riskAssessment(asAt: "2026-11-22T00:00:00Z") { level summary reasons { ruleId statement contribution events } basis { agenciesSeen agenciesNotSeen { agency reason } areas ruleSetVersion } }
    marac(asAt: "2026-11-22T00:00:00Z") { referralIndicated indication criteria { criterion met evidence events } }
  } }`;

  const search = async (name: string) => ((await fixture.query(CALLERS.officerForceB, `{ searchSubjects(name: "${name}") { nodes { id knownNames } } }`)).data!.searchSubjects.nodes as { id: string; knownNames: string[] }[]);

  beforeAll(async () => {
    fixture = await startStackFixture();
    // First, Eastvale's own records alone: the scenario's new force, before anyone else's history.
    dir = await importDemoData(fixture, { seed: 11, subjects: 20 }, { only: ["police"] , lines: (line) => line.includes('"EVP-') && !line.includes('"NMC-') });
    penelopeId = (await search("Penelope Ashworth"))[0]!.id;
  }, 180_000);

  afterAll(async () => {
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("seen through force B's records alone, Penelope Ashworth is a first-time, standard-risk victim", async () => {
    const { data, errors } = await fixture.query(CALLERS.officerForceB, RISK, { id: penelopeId });
    expect(errors).toBeUndefined();
    expect(data!.subject.riskAssessment.level).toBe("STANDARD");
    expect(data!.subject.riskAssessment.basis.areas).toEqual(["EVP"]);
    expect(data!.subject.marac.referralIndicated).toBe(false);
  });

  describe("once every agency's and force's records are in", () => {
    beforeAll(async () => {
      for (const agency of AGENCY_NAMES) {
        const result = await fixture.importFile(agency, path.join(dir, `${agency}.ndjson`));
        if (result.code !== 0) throw new Error(`import ${agency} failed:\n${result.output.join("\n")}`);
      }
    }, 120_000);

    it("she is HIGH, for reasons naming the force A history, the ED injuries, social care's involvement and the escalation; MARAC referral is indicated", async () => {
      const { data, errors } = await fixture.query(CALLERS.officerForceB, RISK, { id: penelopeId });
      expect(errors).toBeUndefined();
      const { riskAssessment, marac } = data!.subject;
      expect(riskAssessment.level).toBe("HIGH");
      const reasons = new Map<string, { statement: string; events: string[] }>(riskAssessment.reasons.map((r: any) => [r.ruleId, r]));
      expect(reasons.get("crossBorder")?.statement).toMatch(/NMC/);
      expect(reasons.get("health.injuries")?.events).toEqual(expect.arrayContaining(["health/NVH-E-S1", "health/NVH-E-S2"]));
      expect(reasons.get("socialCare.involvement")?.events).toEqual(expect.arrayContaining(["social-care/NMB-EP-S1"]));
      expect([...reasons.keys()].some((id) => id.startsWith("escalation."))).toBe(true);
      expect(riskAssessment.basis).toMatchObject({ agenciesSeen: expect.arrayContaining(["police", "health", "social-care"]), agenciesNotSeen: [] });
      expect(riskAssessment.basis.areas).toEqual(expect.arrayContaining(["NMC", "EVP", "NVH", "NMB"]));
      expect(marac.referralIndicated).toBe(true);
      expect(marac.criteria.map((c: { criterion: string }) => c.criterion)).toEqual(["VISIBLE_HIGH_RISK", "POTENTIAL_ESCALATION", "REPEAT", "PROFESSIONAL_JUDGEMENT"]);
    });

    it("her chronology runs across agencies in date order, marking the turning points", async () => {
      const { data, errors } = await fixture.query(CALLERS.officerForceB, `query($id: ID!) { subject(id: $id) { chronology { agency area occurredAt kind turningPoints { kind } } } }`, { id: penelopeId });
      expect(errors).toBeUndefined();
      const entries = data!.subject.chronology as { agency: string; area: string; occurredAt: string; turningPoints: { kind: string }[] }[];
      const times = entries.map((e) => Date.parse(e.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(entries.map((e) => e.agency))).toEqual(new Set(["police", "health", "social-care"]));
      const first = (kind: string) => entries.find((e) => e.turningPoints.some((t) => t.kind === kind));
      expect(first("FIRST_INJURY")).toMatchObject({ agency: "health" });
      const marked = (kind: string) => entries.filter((e) => e.turningPoints.some((t) => t.kind === kind)).map((e) => `${e.agency} ${e.area}`);
      // Police first met her in Northmoor; Eastvale is a new area for police, the turning point of the story.
      expect(marked("FIRST_CONTACT_AGENCY")).toEqual(expect.arrayContaining(["police NMC", "health NVH", "social-care NMB"]));
      expect(marked("FIRST_CONTACT_AREA")).toContain("police EVP");
    });

    it("Daniel Rourke's perpetrator profile counts his Northmoor and Eastvale incidents once identity has linked them", async () => {
      const daniel = (await search("Rourke")).find((s) => s.knownNames.includes("Daniel Rourke"))!;
      const { data, errors } = await fixture.query(CALLERS.officerForceB, `query($id: ID!) { subject(id: $id) { perpetratorProfile(asAt: "2026-11-22T00:00:00Z") { distinctVictims victims { id } areas incidentsInWindow serialPerpetrator harm harmTableVersion localPriorityScore } } }`, { id: daniel.id });
      expect(errors).toBeUndefined();
      const profile = data!.subject.perpetratorProfile;
      expect(profile.areas).toEqual(expect.arrayContaining(["NMC", "EVP"]));
      expect(profile.victims).toEqual([{ id: penelopeId }]);
      expect(profile.distinctVictims).toBe(1);
      expect(profile.serialPerpetrator).toBe(false);
    });

    it("walks the graph from the victim to her partner and back through associates", async () => {
      const { data, errors } = await fixture.query(CALLERS.officerForceB, `query($id: ID!) { subject(id: $id) { associates { relationships subject { id displayName perpetratorProfile { victims { id } } } } } }`, { id: penelopeId });
      expect(errors).toBeUndefined();
      const partner = (data!.subject.associates as any[]).find((a) => a.relationships.includes("VICTIM_OF"));
      expect(partner.subject.displayName).toBe("Daniel Rourke");
      expect(partner.subject.perpetratorProfile.victims).toEqual([{ id: penelopeId }]);
    });

    it("is under risk's own policy: refused for a purpose it does not serve, and each read is in risk's access log for its auditors alone", async () => {
      const clinician = await fixture.query(CALLERS.clinician, RISK, { id: penelopeId });
      expect(clinician.data!.subject.riskAssessment).toBeNull();
      expect(clinician.errors).toEqual(expect.arrayContaining([expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN", rule: "risk/decision-support", field: "Subject.riskAssessment" }) })]));
      const LOG = `query($id: ID!) { riskAccessLog(subjectId: $id, first: 50) { entries { user purpose fields subjects denied { field } } } }`;
      const log = await fixture.query(CALLERS.riskAuditor, LOG, { id: penelopeId });
      expect(log.errors).toBeUndefined();
      const entries = log.data!.riskAccessLog.entries as { user: string; fields: string[]; subjects: string[]; denied: { field: string }[] }[];
      expect(entries.find((e) => e.user === CALLERS.officerForceB.user && e.fields.includes("Subject.riskAssessment"))).toMatchObject({ subjects: [penelopeId] });
      expect(entries.find((e) => e.user === CALLERS.clinician.user)?.denied).toEqual(expect.arrayContaining([{ field: "Subject.riskAssessment" }]));
      const police = await fixture.query(CALLERS.policeAuditor, LOG, { id: penelopeId });
      expect(police.data!.riskAccessLog).toBeNull();
      expect(police.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", rule: "risk/auditors" });
    });

    it("assesses as things stood at an earlier moment: before she moved to Eastvale, there was no Eastvale history to weigh", async () => {
      const { data, errors } = await fixture.query(CALLERS.officerForceB, `query($id: ID!) { subject(id: $id) { riskAssessment(asAt: "2025-01-01T00:00:00Z") { reasons { events } basis { areas } } } }`, { id: penelopeId });
      expect(errors).toBeUndefined();
      const events = (data!.subject.riskAssessment.reasons as { events: string[] }[]).flatMap((r) => r.events);
      expect(events.some((e) => e.includes("EVP-"))).toBe(false);
      expect(events).toEqual(expect.arrayContaining(["police/NMC-O-S1"]));
    });

    it("a caller who may not see police's events gets the risk without them, and the basis says so", async () => {
      const receptionist = { ...CALLERS.officerForceB, user: "Receptionist Eastvale", name: "Receptionist Eastvale", roles: ["receptionist"] };
      const { data } = await fixture.query(receptionist, RISK, { id: penelopeId });
      const { basis, reasons } = data!.subject.riskAssessment;
      expect(basis.agenciesNotSeen.map((s: { agency: string }) => s.agency)).toEqual(["police"]);
      expect(basis.agenciesSeen).toEqual(expect.arrayContaining(["health", "social-care"]));
      expect(reasons.flatMap((r: { events: string[] }) => r.events).some((e: string) => e.startsWith("police/"))).toBe(false);
    });

    it("a caseload with its risk costs the same subgraph requests and SQL statements for 2 subjects as for 20", async () => {
      const identity = new Client({ connectionString: fixture.databaseUrls.identity });
      await identity.connect();
      const all = (await identity.query(`SELECT DISTINCT subject_id AS id FROM person_record WHERE subject_id <> $1 ORDER BY 1 LIMIT 19`, [penelopeId]).finally(() => identity.end())).rows.map((row: { id: string }) => row.id);
      expect(all).toHaveLength(19);
      const counters = async () =>
        Promise.all(
          SERVICE_NAMES.map(async (service) => {
            const text = await fixture.metrics(service);
            return [Number(/tessera_graphql_requests_total\{[^}]*\} (\d+)/.exec(text)![1]), Number(/tessera_sql_statements_total\{[^}]*origin="request"\} (\d+)/.exec(text)![1])];
          }),
        );
      const cost = async (subjectIds: string[]) => {
        const before = await counters();
        const { data: listed, errors } = await fixture.query(CALLERS.officerForceB, `query($ids: [ID!]!) { subjects(ids: $ids) { id riskAssessment { level } } }`, { ids: subjectIds });
        expect(errors).toBeUndefined();
        expect(listed!.subjects.map((s: { riskAssessment: { level: string } }) => s.riskAssessment.level).every((level: string) => ["STANDARD", "MEDIUM", "HIGH"].includes(level))).toBe(true);
        const after = await counters();
        return after.map(([requests, sql], i) => [requests! - before[i]![0]!, sql! - before[i]![1]!]);
      };
      const two = await cost([penelopeId, all[0]!]);
      const twenty = await cost([penelopeId, ...all]);
      expect(twenty).toEqual(two);
      // Every service is asked: identity for the subjects and their counterparts, each agency, risk.
      expect(two.every(([requests]) => requests! >= 1)).toBe(true);
    });

    // Last: it adds a victim to the shared history.
    it("a second victim of Daniel in Eastvale within three years makes him a serial perpetrator, and Penelope's assessment says so; as at a day before that incident, it does not", async () => {
      const file = path.join(dir, "second-victim.ndjson");
      const lines = [
        { type: "nominal", id: "EVP-N-E1", force: "EVP", givenNames: "Carys", familyName: "Whitlow", dateOfBirth: "1991-08-03", sex: "FEMALE", addresses: [{ line1: "9 Orchard Row", postcode: "EV2 5LP" }] },
        { type: "occurrence", id: "EVP-O-E1", force: "EVP", category: "COMMON_ASSAULT", domesticAbuse: true, occurredAt: "2026-03-14T22:10:00Z", reportedAt: "2026-03-14T22:40:00Z", location: { description: "home address", postcode: "EV2 5LP" }, summary: "Synthetic: pushed against a door" },
        { type: "involvement", occurrenceId: "EVP-O-E1", nominalId: "EVP-N-E1", role: "VICTIM" },
        { type: "involvement", occurrenceId: "EVP-O-E1", nominalId: SCENARIO.daniel.policeB, role: "SUSPECT" },
      ];
      writeFileSync(file, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
      const imported = await fixture.importFile("police", file);
      expect(imported.code).toBe(0);

      const reasonOf = async (asAt: string, ruleId: string, ruleSetVersion?: string) => {
        const { data, errors } = await fixture.query(
          CALLERS.officerForceB,
          `query($id: ID!, $asAt: DateTimeISO, $rules: String) { subject(id: $id) { riskAssessment(asAt: $asAt, ruleSetVersion: $rules) { reasons { ruleId statement events } } } }`,
          { id: penelopeId, asAt, rules: ruleSetVersion ?? null },
        );
        expect(errors).toBeUndefined();
        return (data!.subject.riskAssessment.reasons as { ruleId: string; statement: string; events: string[] }[]).find((r) => r.ruleId === ruleId);
      };
      // Rule set v2 weighs his whole history as risk to her, naming him.
      const now = await reasonOf("2026-11-22T00:00:00Z", "perpetratorHistory");
      expect(now?.statement).toMatch(/^Her named abuser, Daniel Rourke, named in .*: his own records, as the caller sees them, show 1 other victim/);
      expect(now?.statement).toMatch(/he meets the MATAC serial perpetrator test/);
      expect(now?.events).toEqual(expect.arrayContaining(["police/EVP-O-E1", `police/${SCENARIO.occurrences.assault}`]));
      expect((await reasonOf("2026-03-13T00:00:00Z", "perpetratorHistory"))?.statement ?? "").not.toMatch(/serial perpetrator test/);
      // Re-run under the rules of v1, the assessment says what v1 said: the flat serial-perpetrator reason.
      const v1 = await reasonOf("2026-11-22T00:00:00Z", "serialPerpetrator", "1.0.0");
      expect(v1?.statement).toMatch(/Meets the serial perpetrator test/);
      expect(v1?.statement).toMatch(/2 different victims/);
      expect(await reasonOf("2026-03-13T00:00:00Z", "serialPerpetrator", "1.0.0")).toBeUndefined();

      const daniel = (await search("Rourke")).find((s) => s.knownNames.includes("Daniel Rourke"))!;
      const { data } = await fixture.query(CALLERS.officerForceB, `query($id: ID!) { subject(id: $id) { perpetratorProfile(asAt: "2026-11-22T00:00:00Z") { distinctVictims serialPerpetrator } } }`, { id: daniel.id });
      expect(data!.subject.perpetratorProfile).toEqual({ distinctVictims: 2, serialPerpetrator: true });
    });
  });
});
