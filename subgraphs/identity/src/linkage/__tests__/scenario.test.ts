import type { LinkableRecord } from "../linkableRecord";
import { loadLinkageConfig } from "../linkageConfig";
import { linkRecords } from "../linkRecords";
import { scorePair } from "../predict";
import { readSplinkRecords } from "./fixtures";

/**
 * The scenario of DESIGN.md, scored by a model ESTIMATED (u from random pairs, m and the prior by EM;
 * no labels) on the Splink demo records together with the scenario's — not hand-tuned numbers.
 */
describe("the Rourke scenario", () => {
  const config = loadLinkageConfig();
  const dannyForceB: LinkableRecord = { id: "police-b/DANNY", firstName: "Danny", surname: "Rourke", dateOfBirth: "1988-02-11", postcode: "LS6 2AB" };
  const danielForceA: LinkableRecord = { id: "police-a/DANIEL", firstName: "Daniel", surname: "Rourke", dateOfBirth: "1988-11-02", postcode: "NE4 5XY" };
  const otherDaniel: LinkableRecord = { id: "police-c/DANIEL-1979", firstName: "Daniel", surname: "Rourke", dateOfBirth: "1979-06-23", postcode: "BS1 4DJ" };
  const { records } = readSplinkRecords();
  const result = linkRecords([...records, dannyForceB, danielForceA, otherDaniel], { config });
  const prepared = (id: string) => result.records.find((record) => record.id === id)!;
  const score = (a: LinkableRecord, b: LinkableRecord) => scorePair(result.model, prepared(a.id), prepared(b.id), result.termFrequencies);
  const clusterOf = (record: LinkableRecord) => result.clusters.find((cluster) => cluster.includes(prepared(record.id).index))!;

  it("links Danny Rourke (force B) and Daniel Rourke (force A): nickname, transposed date, moved", () => {
    const pair = score(dannyForceB, danielForceA);
    expect(pair.matchProbability).toBeGreaterThanOrEqual(config.matchThreshold.probability);
    const levels = Object.fromEntries(pair.waterfall.map((step) => [step.comparison, step.level]));
    expect(levels).toMatchObject({ first_name: "nickname or short form", surname: "exact (term-frequency adjusted)", dob: "day and month transposed", postcode: "different" });
    // The move counts against, but only weakly.
    const moved = pair.waterfall.find((step) => step.comparison === "postcode")!;
    expect(moved.bits).toBeLessThan(0);
    expect(moved.bits).toBeGreaterThanOrEqual(-2);
    expect(clusterOf(dannyForceB)).toBe(clusterOf(danielForceA));
  });

  it("keeps a different Daniel Rourke, born 1979 in a third area, below the review threshold and apart", () => {
    expect(score(otherDaniel, danielForceA).matchProbability).toBeLessThan(config.reviewThreshold.probability);
    expect(score(otherDaniel, dannyForceB).matchProbability).toBeLessThan(config.reviewThreshold.probability);
    expect(clusterOf(otherDaniel)).not.toBe(clusterOf(danielForceA));
  });

  it("keeps each candidate pair's match weight, parallel to the pairs, equal to the pair's explained score", () => {
    expect(result.matchWeights).toHaveLength(result.candidatePairs.length / 2);
    for (let p = 0; p < result.matchWeights.length; p += 97) {
      const left = result.records[result.candidatePairs[p * 2]!]!;
      const right = result.records[result.candidatePairs[p * 2 + 1]!]!;
      expect(result.matchWeights[p]).toBeCloseTo(scorePair(result.model, left, right, result.termFrequencies).matchWeight, 9);
    }
  });

  it("explains a score: the waterfall's bits add up to the match weight", () => {
    const pair = score(dannyForceB, danielForceA);
    expect(pair.waterfall[0]!.comparison).toBe("prior");
    expect(pair.waterfall.reduce((sum, step) => sum + step.bits, 0)).toBeCloseTo(pair.matchWeight, 9);
    expect(pair.waterfall.map((step) => step.comparison)).toEqual(["prior", ...result.model.comparisons.map((comparison) => comparison.name)]);
  });
});
