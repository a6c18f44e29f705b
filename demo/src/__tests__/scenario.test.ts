import { isValidNhsNumber, isValidPncId } from "@tessera/kit";
import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SCENARIO } from "../scenario";
import { writeDemoData, type DemoDataReport } from "../writeDemoData";

type Line = Record<string, unknown> & { type: string };

/** The story of docs/DESIGN, exactly as the demonstration and the end-to-end tests rely on it. */
describe("the named scenario", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tessera-demo-scenario-"));
  let report: DemoDataReport;
  const lines: Record<string, Line[]> = {};
  let truth: string[][];
  const byId = (agency: string, id: string) => lines[agency]!.find((line) => line.id === id);

  beforeAll(async () => {
    report = await writeDemoData({ dir, seed: 3, subjects: 200 });
    for (const agency of ["police", "health", "social-care"] as const) {
      lines[agency] = (await readFile(report.files[agency], "utf8")).trimEnd().split("\n").map((text) => JSON.parse(text) as Line);
    }
    truth = (await readFile(report.files.truth, "utf8")).trimEnd().split("\n").slice(1).map((row) => row.split(","));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("records Penelope in Northmoor and in Eastvale exactly alike", () => {
    const northmoor = byId("police", SCENARIO.penelope.policeA);
    const eastvale = byId("police", SCENARIO.penelope.policeB);
    expect(northmoor).toMatchObject({ type: "nominal", force: "NMC", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE" });
    expect(eastvale).toMatchObject({ type: "nominal", force: "EVP", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE" });
    expect(northmoor!.pncId).toBeUndefined();
    // Only the address differs: they moved.
    expect((northmoor!.addresses as { postcode: string }[])[0]!.postcode).toBe("NM1 4QT");
    expect((eastvale!.addresses as { postcode: string }[])[0]!.postcode).toMatch(/^EV\d+ \d[A-Z]{2}$/);
  });

  it("records Daniel with his PNC ID in Northmoor, and as Danny, day and month swapped, no PNC ID in Eastvale", () => {
    const northmoor = byId("police", SCENARIO.daniel.policeA)!;
    expect(northmoor).toMatchObject({ type: "nominal", force: "NMC", givenNames: "Daniel", familyName: "Rourke", dateOfBirth: "1988-11-02", sex: "MALE" });
    expect(isValidPncId(northmoor.pncId as string)).toBe(true);
    const eastvale = byId("police", SCENARIO.daniel.policeB)!;
    expect(eastvale).toMatchObject({ type: "nominal", force: "EVP", givenNames: "Danny", familyName: "Rourke", dateOfBirth: "1988-02-11", sex: "MALE" });
    expect(eastvale).not.toHaveProperty("pncId");
  });

  it("has two low-level domestic incidents in force A, with her the victim and him the suspect, and a standard DASH", () => {
    const incidents = [SCENARIO.occurrences.firstIncident, SCENARIO.occurrences.secondIncident].map((id) => byId("police", id)!);
    for (const incident of incidents) {
      expect(incident).toMatchObject({ type: "occurrence", force: "NMC", category: "DOMESTIC_INCIDENT", domesticAbuse: true });
      const involved = lines.police!.filter((line) => line.type === "involvement" && line.occurrenceId === incident.id);
      expect(involved.map(({ nominalId, role }) => ({ nominalId, role }))).toEqual([
        { nominalId: SCENARIO.penelope.policeA, role: "VICTIM" },
        { nominalId: SCENARIO.daniel.policeA, role: "SUSPECT" },
      ]);
    }
    const dash = byId("police", SCENARIO.dashAssessments.forceA)!;
    expect(dash).toMatchObject({ type: "dashAssessment", occurrenceId: SCENARIO.occurrences.secondIncident, victimNominalId: SCENARIO.penelope.policeA, tool: "DASH", officerGrading: "STANDARD" });
    const answers = dash.answers as string[];
    expect(answers).toHaveLength(27);
    const yes = answers.filter((answer) => answer === "YES").length;
    expect(yes).toBeGreaterThanOrEqual(1);
    expect(yes).toBeLessThanOrEqual(9);
  });

  it("has two emergency department attendances with injuries, one disclosing abuse by 'Dan'", () => {
    const patient = byId("health", SCENARIO.penelope.health)!;
    expect(patient).toMatchObject({ type: "patient", trust: "NVH", nhsNumber: "9434765919", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14" });
    expect(isValidNhsNumber(patient.nhsNumber as string)).toBe(true);
    const encounters = lines.health!.filter((line) => line.type === "encounter" && line.patientId === patient.id);
    expect(encounters).toHaveLength(2);
    for (const encounter of encounters) expect(encounter).toMatchObject({ trust: "NVH", setting: "EMERGENCY_DEPARTMENT", injury: true });
    expect(encounters.filter((encounter) => encounter.disclosedAbuse === true)).toEqual([expect.objectContaining({ id: SCENARIO.encounters.disclosure, allegedPerpetratorName: "Dan" })]);
  });

  it("has a referral about the household's child, both parents involved, with the household recorded", () => {
    const referral = byId("social-care", SCENARIO.referral)!;
    expect(referral).toMatchObject({ type: "episode", council: "NMB", kind: "REFERRAL", clientId: SCENARIO.child.socialCare });
    const child = byId("social-care", SCENARIO.child.socialCare)!;
    expect(["Ashworth", "Rourke"]).toContain(child.familyName);
    const involved = lines["social-care"]!.filter((line) => line.type === "episodeInvolvement" && line.episodeId === referral.id);
    expect(involved.map(({ clientId, role }) => ({ clientId, role }))).toEqual([
      { clientId: SCENARIO.penelope.socialCare, role: "PARENT_OR_CARER" },
      { clientId: SCENARIO.daniel.socialCare, role: "PARENT_OR_CARER" },
    ]);
    const household = lines["social-care"]!.filter((line) => line.type === "householdMember" && line.memberClientId === SCENARIO.child.socialCare);
    expect(household.map((line) => line.clientId).sort()).toEqual([SCENARIO.penelope.socialCare, SCENARIO.daniel.socialCare].sort());
  });

  it("ends with a first-time common assault in Eastvale, graded standard", () => {
    const assault = byId("police", SCENARIO.occurrences.assault)!;
    expect(assault).toMatchObject({ force: "EVP", domesticAbuse: true });
    expect(["COMMON_ASSAULT", "ASSAULT_OCCASIONING_ABH"]).toContain(assault.category);
    const involved = lines.police!.filter((line) => line.type === "involvement" && line.occurrenceId === assault.id);
    expect(involved.map(({ nominalId, role }) => ({ nominalId, role }))).toEqual([
      { nominalId: SCENARIO.penelope.policeB, role: "VICTIM" },
      { nominalId: SCENARIO.daniel.policeB, role: "SUSPECT" },
    ]);
  });

  it("puts every Northmoor record before the move and every record between 2023 and asOf", () => {
    const times = (agency: string, predicate: (line: Line) => boolean) =>
      lines[agency]!.filter((line) => typeof line.id === "string" && /-S\d+$/.test(line.id) && predicate(line))
        .flatMap((line) => ["occurredAt", "assessedAt", "startedAt", "endedAt"].map((key) => line[key]).filter((value): value is string => typeof value === "string"));
    const forceA = [...times("police", (line) => line.force === "NMC" || (line.id as string).startsWith("NMC")), ...times("health", () => true), ...times("social-care", () => true)];
    const forceB = times("police", (line) => (line.id as string).startsWith("EVP"));
    expect(forceA.length).toBeGreaterThan(5);
    expect(forceB.length).toBeGreaterThan(0);
    const all = [...forceA, ...forceB].sort();
    expect(all[0]! >= "2023-01-01").toBe(true);
    expect(all[all.length - 1]! <= "2026-11-01T00:00:00Z").toBe(true);
    expect([...forceA].sort().pop()! < [...forceB].sort()[0]!).toBe(true);
  });

  it("maps every scenario record to its true person in the truth file", () => {
    const scenarioRows = truth.filter((row) => row[2]!.startsWith("SCENARIO-"));
    const expected = [
      ["police", SCENARIO.penelope.policeA, SCENARIO.penelope.personId],
      ["police", SCENARIO.penelope.policeB, SCENARIO.penelope.personId],
      ["health", SCENARIO.penelope.health, SCENARIO.penelope.personId],
      ["social-care", SCENARIO.penelope.socialCare, SCENARIO.penelope.personId],
      ["police", SCENARIO.daniel.policeA, SCENARIO.daniel.personId],
      ["police", SCENARIO.daniel.policeB, SCENARIO.daniel.personId],
      ["social-care", SCENARIO.daniel.socialCare, SCENARIO.daniel.personId],
      ["social-care", SCENARIO.child.socialCare, SCENARIO.child.personId],
    ];
    expect(scenarioRows.map((row) => row.join(",")).sort()).toEqual(expected.map((row) => row.join(",")).sort());
  });
});
