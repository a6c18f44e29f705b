import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEMO_FILES, writeDemoData } from "../writeDemoData";

async function digests(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of Object.values(DEMO_FILES)) result[name] = createHash("sha256").update(await readFile(path.join(dir, name))).digest("hex");
  return result;
}

describe("determinism", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "tessera-demo-determinism-"));
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("writes byte-for-byte the same files for the same seed, and different files for another seed", async () => {
    const options = { seed: 42, subjects: 400 };
    await writeDemoData({ ...options, dir: path.join(root, "a") });
    await writeDemoData({ ...options, dir: path.join(root, "b") });
    await writeDemoData({ ...options, seed: 43, dir: path.join(root, "c") });
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((name) => digests(path.join(root, name))));
    expect(b).toEqual(a);
    for (const name of Object.values(DEMO_FILES)) expect(c![name]).not.toBe(a![name]);
  });

  it("depends on asOf, never on the clock: an earlier asOf gives other, earlier data", async () => {
    const early = await writeDemoData({ seed: 42, subjects: 100, dir: path.join(root, "early"), asOf: "2025-06-01T00:00:00Z", includeScenario: false });
    const police = await readFile(early.files.police, "utf8");
    const times = [...police.matchAll(/"(?:occurredAt|reportedAt|assessedAt|referredAt)":"([^"]+)"/g)].map((match) => match[1]!);
    expect(times.length).toBeGreaterThan(10);
    expect(times.every((time) => time <= "2025-06-01T00:00:00Z")).toBe(true);
  });
});
