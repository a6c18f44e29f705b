import { readFile, rm } from "node:fs/promises";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeDemoData, type DemoDataReport } from "../writeDemoData";
import { checkImportFile, DOCUMENTED_TYPES, type FileCheck } from "./support/importFormat";

const AS_OF = "2026-11-01T00:00:00Z";
const PERSON_TYPES = new Set(["nominal", "patient", "client"]);

describe("the demonstration files", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tessera-demo-files-"));
  let report: DemoDataReport;
  const checks: Record<string, FileCheck> = {};

  beforeAll(async () => {
    report = await writeDemoData({ dir, seed: 11, subjects: 1500, asOf: AS_OF });
    for (const agency of Object.keys(DOCUMENTED_TYPES)) checks[agency] = await checkImportFile(agency, report.files[agency as keyof typeof report.files], AS_OF);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each(Object.keys(DOCUMENTED_TYPES))("every line of %s follows docs/import-format.md, with references only to earlier lines", (agency) => {
    const check = checks[agency]!;
    expect(check.violations.slice(0, 20)).toEqual([]);
    expect(check.lines).toBeGreaterThan(500);
    // Every documented record type is exercised.
    expect(Object.keys(check.types).sort()).toEqual([...DOCUMENTED_TYPES[agency]!].sort());
  });

  it("reports the counts it wrote, per file and record type", () => {
    for (const agency of Object.keys(DOCUMENTED_TYPES)) expect(report.counts[agency as keyof typeof report.counts]).toEqual(checks[agency]!.types);
    expect(report.population.subjects).toBeGreaterThanOrEqual(1500);
  });

  it("has a truth row for every person record and for nothing else", async () => {
    const truth = (await readFile(report.files.truth, "utf8")).trimEnd().split("\n");
    expect(truth[0]).toBe("agency,local_id,person_id");
    const rows = truth.slice(1).map((row) => row.split(","));
    expect(rows.every((row) => row.length === 3)).toBe(true);
    const keys = new Set(rows.map(([agency, localId]) => `${agency}|${localId}`));
    expect(keys.size).toBe(rows.length);

    const personRecords: string[] = [];
    for (const agency of Object.keys(DOCUMENTED_TYPES)) {
      for (const line of (await readFile(report.files[agency as keyof typeof report.files], "utf8")).trimEnd().split("\n")) {
        const record = JSON.parse(line) as { type: string; id: string };
        if (PERSON_TYPES.has(record.type)) personRecords.push(`${agency}|${record.id}`);
      }
    }
    expect(personRecords.length).toBe(rows.length);
    expect(personRecords.every((key) => keys.has(key))).toBe(true);
    expect(report.truthRows).toBe(rows.length);
    // Far fewer people than records: the same person is recorded by several agencies and forces.
    expect(new Set(rows.map((row) => row[2])).size).toBeLessThan(rows.length * 0.8);
  });

  it("refuses an asOf before the scenario's last record, and leaves the scenario out on request", async () => {
    await expect(writeDemoData({ dir: path.join(dir, "early"), seed: 1, subjects: 10, asOf: "2025-01-01T00:00:00Z" })).rejects.toThrow(/scenario/);
    const early = await writeDemoData({ dir: path.join(dir, "early"), seed: 1, subjects: 50, asOf: "2025-01-01T00:00:00Z", includeScenario: false });
    const check = await checkImportFile("police", early.files.police, "2025-01-01T00:00:00Z");
    expect(check.violations).toEqual([]);
    const police = await readFile(early.files.police, "utf8");
    expect(police).not.toContain("Ashworth");
    expect(police).not.toMatch(/-S\d+"/);
  });
});
