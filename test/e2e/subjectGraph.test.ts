import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AGENCY_NAMES } from "@tessera/kit";
import { CALLERS } from "./callers";
import { importDemoData, startStackFixture, type StackFixture } from "./stackFixture";

/**
 * The foundation's promise, end to end: police, health and social care each on their own database
 * and process, identity joining their records into one Subject, the gateway answering one query
 * across all of them over real HTTP.
 */
describe("the subject graph through the gateway", () => {
  let fixture: StackFixture;
  let dir: string;

  beforeAll(async () => {
    fixture = await startStackFixture();
    dir = await importDemoData(fixture, { seed: 7, subjects: 200 });
  }, 180_000);

  afterAll(async () => {
    await fixture?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const PENELOPE = `{
    searchSubjects(name: "Penelope Ashworth") {
      totalCount
      nodes {
        id
        displayName
        records { agency localId }
        policeEvents { area occurredAt kind role counterparts { role person { agency localId } } }
        healthEvents { occurredAt kind }
        careEvents { occurredAt kind }
      }
    }
  }`;

  it("returns Penelope Ashworth with police events from two forces, health events and care events in one answer", async () => {
    const { data, errors } = await fixture.query(CALLERS.officerForceB, PENELOPE);
    expect(errors).toBeUndefined();
    const [penelope] = data!.searchSubjects.nodes;
    expect(data!.searchSubjects.totalCount).toBe(1);
    expect(penelope.displayName).toBe("Penelope Ashworth");
    expect(new Set(penelope.policeEvents.map((e: { area: string }) => e.area))).toEqual(new Set(["NMC", "EVP"]));
    expect(penelope.healthEvents.filter((e: { kind: string }) => e.kind === "EMERGENCY_DEPARTMENT")).toHaveLength(2);
    expect(penelope.careEvents.map((e: { kind: string }) => e.kind)).toContain("REFERRAL");
    const agencies = new Set(penelope.records.map((r: { agency: string }) => r.agency));
    expect(agencies).toEqual(new Set(["police", "health", "social-care"]));
    const times = penelope.policeEvents.map((e: { occurredAt: string }) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("walks from the victim to the suspect's subject and his other events", async () => {
    const { data, errors } = await fixture.query(CALLERS.officerForceB, `{
      searchSubjects(name: "Penelope Ashworth") { nodes { policeEvents(kinds: ["DOMESTIC_INCIDENT"]) {
        counterparts { role person { subject { displayName policeEvents { area kind role } } } }
      } } }
    }`);
    expect(errors).toBeUndefined();
    const suspects = data!.searchSubjects.nodes[0].policeEvents.flatMap((e: any) => e.counterparts).filter((c: any) => c.role === "SUSPECT");
    expect(suspects.length).toBeGreaterThan(0);
    expect(suspects[0].person.subject.displayName).toBe("Daniel Rourke");
    expect(suspects[0].person.subject.policeEvents.every((e: { role: string }) => e.role === "SUSPECT")).toBe(true);
  });

  it("links 'Danny Rourke' of Eastvale to Daniel Rourke of Northmoor; a reviewer's split takes effect on the next query, and revoking it restores", async () => {
    const ROURKE = `{ searchSubjects(name: "Rourke", first: 100) { nodes { id knownNames policeEvents { area }
      records { agency localId area evidence { rule comparisons { comparison level } } } } } }`;
    // The demonstration data has other Rourkes; these are the scenario's partner's subjects.
    const subjects = async () =>
      ((await fixture.query(CALLERS.reviewer, ROURKE)).data!.searchSubjects.nodes as any[]).filter((subject) => subject.knownNames.some((name: string) => /^Dan(iel|ny) Rourke$/.test(name)));
    const areasOf = (subject: any) => new Set(subject.policeEvents.map((event: { area: string }) => event.area));

    const [rourke, ...others] = await subjects();
    expect(others).toEqual([]);
    expect(areasOf(rourke)).toEqual(new Set(["NMC", "EVP"]));
    const danny = rourke.records.find((record: any) => record.area === "EVP");
    expect(danny.evidence.rule).toBe("MODEL");
    expect(danny.evidence.comparisons).toContainEqual({ comparison: "dob", level: "day and month transposed" });

    const SPLIT = `mutation($record: AgencyRecordKeyInput!) { splitRecord(record: $record, reason: "Eastvale record is his brother") { decision { id decidedBy } subjects { id } } }`;
    const record = { agency: danny.agency, localId: danny.localId };
    const anonymous = await fixture.query(null, SPLIT, { record });
    expect(anonymous.status).toBe(401);
    const officer = await fixture.query(CALLERS.officerForceB, SPLIT, { record });
    expect(officer.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", rule: "identity/link-reviewers-decide" });
    const split = await fixture.query(CALLERS.reviewer, SPLIT, { record });
    expect(split.errors).toBeUndefined();
    expect(split.data!.splitRecord.decision.decidedBy).toBe("DS Amara Okafor");
    expect(split.data!.splitRecord.subjects).toHaveLength(1);

    const apart = await subjects();
    expect(apart).toHaveLength(2);
    expect(apart.map(areasOf)).toEqual(expect.arrayContaining([new Set(["NMC"]), new Set(["EVP"])]));

    const revoke = await fixture.query(CALLERS.reviewer, `mutation($id: ID!) { revokeLinkDecision(id: $id, reason: "Split in error") { subjects { id } } }`, { id: split.data!.splitRecord.decision.id });
    expect(revoke.errors).toBeUndefined();
    const [together, ...rest] = await subjects();
    expect(rest).toEqual([]);
    expect(areasOf(together)).toEqual(new Set(["NMC", "EVP"]));
  });

  it("loads events with one SQL statement per agency however many subjects are asked for", async () => {
    // The family name the most different people share in the demonstration data — across every
    // agency's person records, counted by given name and date of birth, since a search finds people
    // however many records each has — so that one search returns many subjects.
    const people = new Map<string, Set<string>>();
    for (const agency of AGENCY_NAMES) {
      for (const line of readFileSync(path.join(dir, `${agency}.ndjson`), "utf8").split("\n").filter(Boolean)) {
        const record = JSON.parse(line);
        if (!["nominal", "patient", "client"].includes(record.type)) continue;
        people.set(record.familyName, (people.get(record.familyName) ?? new Set()).add(`${record.givenNames}|${record.dateOfBirth}`));
      }
    }
    const commonest = [...people].sort((a, b) => b[1].size - a[1].size)[0]![0];
    const eventsFor = (first: number) => `{ searchSubjects(name: "${commonest}", first: ${first}) { nodes { policeEvents { id counterparts { role } } healthEvents { id } careEvents { id } } } }`;
    const cost = async (query: string) => {
      const before = await Promise.all(AGENCY_NAMES.map((s) => fixture.statements(s)));
      const { data, errors } = await fixture.query(CALLERS.officerForceB, query);
      expect(errors).toBeUndefined();
      const after = await Promise.all(AGENCY_NAMES.map((s) => fixture.statements(s)));
      return { subjects: data!.searchSubjects.nodes.length, statements: after.map((n, i) => n - before[i]!) };
    };
    // Police: events, then their counterparts; health and social care: events. Each agency adds one
    // INSERT for the request's access-log entry, however many records it disclosed.
    const perAgency = [3, 2, 2];
    const penelope = await cost(`{ searchSubjects(name: "Penelope Ashworth") { nodes { policeEvents { id counterparts { role } } healthEvents { id } careEvents { id } } } }`);
    expect(penelope).toEqual({ subjects: 1, statements: perAgency });
    const many = await cost(eventsFor(50));
    expect(many.subjects).toBeGreaterThan(5);
    expect(many.statements).toEqual(perAgency);
  });

  it("rejects bad input to a mutation with the field at fault, and writes nothing", async () => {
    const { data, errors } = await fixture.query(
      CALLERS.officerForceA,
      `mutation($input: NominalInput!) { recordNominal(input: $input) { id } }`,
      { input: { id: "E2E-N-1", force: "NMC", givenNames: "Test", familyName: "Person", dateOfBirth: "2999-01-01" } },
    );
    expect(data?.recordNominal ?? null).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.dateOfBirth" });
    const unknownSex = await fixture.query(CALLERS.officerForceA, `mutation($input: NominalInput!) { recordNominal(input: $input) { id } }`, {
      input: { id: "E2E-N-1", force: "NMC", givenNames: "Test", familyName: "Person", sex: "UNKNOWN" },
    });
    expect(unknownSex.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.sex" });
    const lookup = await fixture.query(CALLERS.officerForceA, `{ nominal(id: "E2E-N-1") { id } }`);
    expect(lookup.data!.nominal).toBeNull();
  });

  it("reports rejected import lines by number and loads the rest", async () => {
    const file = path.join(dir, "bad-health.ndjson");
    writeFileSync(
      file,
      [
        JSON.stringify({ type: "patient", id: "E2E-P-1", trust: "NVH", givenNames: "Ada", familyName: "Quill", nhsNumber: "9434765918" }),
        JSON.stringify({ type: "patient", id: "E2E-P-2", trust: "NVH", givenNames: "Ada", familyName: "Quill", dateOfBirth: "1980-01-01" }),
        "{not json",
      ].join("\n"),
    );
    const result = await fixture.importFile("health", file);
    expect(result.code).toBe(1);
    expect(result.output.join("\n")).toMatch(/line 1: nhsNumber/);
    expect(result.output.join("\n")).toMatch(/line 3: not valid JSON/);
    const { data } = await fixture.query(CALLERS.clinician, `{ a: patient(id: "E2E-P-1") { id } b: patient(id: "E2E-P-2") { id } }`);
    expect(data).toEqual({ a: null, b: { id: "E2E-P-2" } });
  });

  it("duplicates nothing when the same files are imported again", async () => {
    const count = async () => {
      const { data } = await fixture.query(CALLERS.officerForceB, PENELOPE);
      const [p] = data!.searchSubjects.nodes;
      return [p.records.length, p.policeEvents.length, p.healthEvents.length, p.careEvents.length];
    };
    const before = await count();
    for (const agency of AGENCY_NAMES) {
      expect((await fixture.importFile(agency, path.join(dir, `${agency}.ndjson`))).code).toBe(0);
    }
    expect(await count()).toEqual(before);
  });

  // Last: it stops the health subgraph.
  it("answers with the other agencies when one subgraph is down, and says which failed", async () => {
    await fixture.stack.stopMember("health");
    const { data, errors } = await fixture.query(CALLERS.officerForceB, PENELOPE);
    const [penelope] = data!.searchSubjects.nodes;
    expect(penelope.policeEvents.length).toBeGreaterThan(0);
    expect(penelope.healthEvents).toBeNull();
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ extensions: expect.objectContaining({ serviceName: "health" }) })]));
  });
});
