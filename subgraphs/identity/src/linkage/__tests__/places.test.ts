import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LINKAGE_CONFIG_PATH, loadLinkageConfig, sameArea } from "../linkageConfig";

describe("places in the linkage configuration", () => {
  const config = loadLinkageConfig();

  it("makes a force, trust and council of one region one place, and an area no group lists a place of its own", () => {
    expect(sameArea(config, "NMC", "NMC")).toBe(true);
    expect(sameArea(config, "NMC", "NVH")).toBe(true);
    expect(sameArea(config, "NVH", "EVT")).toBe(false);
    expect(sameArea(config, "XQZ", "XQZ")).toBe(true);
    expect(sameArea(config, "XQZ", "NMC")).toBe(false);
  });

  it("refuses a configuration that puts one area in two places", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "linkage-"));
    try {
      const file = path.join(dir, "linkage.json");
      const raw = JSON.parse(readFileSync(LINKAGE_CONFIG_PATH, "utf8"));
      writeFileSync(file, JSON.stringify({ ...raw, places: { ...raw.places, groups: { Northmoor: ["NMC", "NVH"], Eastvale: ["EVP", "NVH"] } } }));
      expect(() => loadLinkageConfig(file)).toThrow("area NVH is in two places, Northmoor and Eastvale");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
