import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { checkImportFile } from "./support/importFormat";

/** The format checker the other suites rely on must itself catch broken lines. */
describe("the import-format checker", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "tessera-demo-oracle-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("flags a bad check digit, a future date, a forward reference, a bad PNC ID, a bad postcode and a wrong order", async () => {
    const lines = [
      { type: "patient", id: "NVH-P-1", trust: "NVH", nhsNumber: "9434765918", givenNames: "A", familyName: "B" },
      { type: "encounter", id: "NVH-E-1", patientId: "NVH-P-2", trust: "NVH", setting: "GP", occurredAt: "2026-12-01T10:00:00Z" },
      { type: "patient", id: "NVH-P-3", trust: "NVH", givenNames: "C", familyName: "D", postcode: "NOT A CODE" },
    ];
    const file = path.join(dir, "health.ndjson");
    await writeFile(file, lines.map((line) => JSON.stringify(line)).join("\n"));
    const check = await checkImportFile("health", file, "2026-11-01T00:00:00Z");
    expect(check.violations).toEqual([
      expect.stringContaining("nhsNumber 9434765918 fails the modulus-11 check"),
      expect.stringContaining("patientId NVH-P-2 is not a patient on an earlier line"),
      expect.stringContaining("occurredAt 2026-12-01T10:00:00Z is in the future"),
      expect.stringContaining("patient after encounter"),
      expect.stringContaining("postcode NOT A CODE is not a UK postcode"),
    ]);

    const police = path.join(dir, "police.ndjson");
    await writeFile(police, JSON.stringify({ type: "nominal", id: "X-N-1", force: "NMC", givenNames: "A", familyName: "B", pncId: "2011/0123456A", dateOfBirth: "1990-02-30" }));
    const policeCheck = await checkImportFile("police", police, "2026-11-01T00:00:00Z");
    expect(policeCheck.violations).toEqual([expect.stringContaining("is not a date"), expect.stringContaining("fails the PNC check")]);
  });
});
