import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DEFAULT_AS_OF, generatePopulation } from "../population";
import { writeDemoData } from "../writeDemoData";
import { checkImportFile } from "./support/importFormat";

describe("scale and the command line", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "tessera-demo-scale-"));
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("generates 20,000 subjects in a few seconds, every line still following the format", async () => {
    const started = Date.now();
    const report = await writeDemoData({ dir: path.join(root, "big"), seed: 9, subjects: 20_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(report.population.subjects).toBeGreaterThanOrEqual(20_000);
    const events = ["occurrence", "dashAssessment", "maracReferral"].reduce((sum, type) => sum + report.counts.police[type]!, 0)
      + report.counts.health.encounter! + report.counts.health.safeguardingConcern! + report.counts["social-care"].episode!;
    expect(events).toBeGreaterThan(100_000);
    expect(seconds).toBeLessThan(15);
    // Follow-ups of the last events before asOf (reports, referrals) are where a future date would slip in.
    for (const agency of ["police", "health", "social-care"] as const) {
      expect((await checkImportFile(agency, report.files[agency], DEFAULT_AS_OF)).violations.slice(0, 10)).toEqual([]);
    }
  });

  it("streams: the first records of ten million subjects arrive at once", () => {
    const started = Date.now();
    const stream = generatePopulation({ seed: 1, subjects: 10_000_000 });
    for (let i = 0; i < 1000; i += 1) expect(stream.next().done).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("runs from the command line and prints its counts", async () => {
    const out = path.join(root, "cli");
    const repo = path.resolve(__dirname, "..", "..", "..");
    const { stdout } = await promisify(execFile)(process.execPath, ["-r", "@swc-node/register", "demo/src/cli.ts", "--subjects", "50", "--seed", "5", "--out", out, "--no-scenario"], { cwd: repo });
    expect(stdout).toMatch(/demo data for \d+ subjects/);
    expect(stdout).toMatch(/police\.ndjson: nominal \d+, occurrence \d+, involvement \d+/);
    const police = await readFile(path.join(out, "police.ndjson"), "utf8");
    expect(police.length).toBeGreaterThan(0);
    expect(police).not.toContain("Ashworth");
  });
});
