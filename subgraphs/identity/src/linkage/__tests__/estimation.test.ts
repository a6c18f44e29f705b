import { generateCandidatePairs } from "../blockingRuleLibrary";
import { estimateU } from "../estimateU";
import { expectationMaximisation } from "../expectationMaximisation";
import { prepareRecord } from "../linkableRecord";
import { loadLinkageConfig } from "../linkageConfig";
import { defaultLinkageModel, describeModel, modelToJson, type LinkageModel } from "../linkageModel";
import { syntheticPopulation } from "./fixtures";

const config = loadLinkageConfig();
const levelNamed = (model: LinkageModel, comparison: string, label: string) =>
  model.comparisons.find((candidate) => candidate.name === comparison)!.levels.find((level) => level.label === label)!;

describe("estimation without labels", () => {
  const { records: raw } = syntheticPopulation(150, 3, 7);
  const records = raw.map(prepareRecord);
  const pairs = generateCandidatePairs(records, defaultLinkageModel(config).blockingRules);
  const totalPairs = (records.length * (records.length - 1)) / 2;

  it("estimates u from random pairs, deterministically for a seed", () => {
    const start = defaultLinkageModel(config);
    const a = estimateU(start, records, { seed: 1, maxPairs: 20_000 });
    const b = estimateU(start, records, { seed: 1, maxPairs: 20_000 });
    const c = estimateU(start, records, { seed: 2, maxPairs: 20_000 });
    expect(modelToJson(a)).toBe(modelToJson(b));
    expect(modelToJson(a)).not.toBe(modelToJson(c));
    // 16 surnames drawn uniformly: two random records share one about 1 time in 16.
    expect(levelNamed(a, "surname", "exact (term-frequency adjusted)").u).toBeGreaterThan(0.04);
    expect(levelNamed(a, "surname", "exact (term-frequency adjusted)").u).toBeLessThan(0.09);
    // Dates of birth spread over 60 years almost never agree at random.
    expect(levelNamed(a, "dob", "exact").u).toBeLessThan(0.005);
    // Fixed comparisons (strong identifiers) keep their declared u.
    expect(levelNamed(a, "nhs_number", "exact").u).toBe(1e-7);
  });

  it("moves m and the prior in the right direction by EM from a poor start, u held fixed", () => {
    const start = estimateU(defaultLinkageModel(config), records, { seed: 1, maxPairs: 50_000 });
    const poor = JSON.parse(JSON.stringify(start)) as LinkageModel;
    const surnameExact = levelNamed(poor, "surname", "exact (term-frequency adjusted)");
    const surnameElse = levelNamed(poor, "surname", "different");
    surnameExact.m = 0.3;
    surnameElse.m = 0.5;
    const uBefore = surnameExact.u;
    const options = { maxIterations: 25, convergence: 1e-4, minimumObservations: 5, totalPairs };
    const trained = expectationMaximisation(poor, records, pairs, options);
    // Every copy of a person carries the same surname: m of an exact surname rises to take nearly all
    // the mass the estimable levels share (levels too rare to estimate keep their declared m).
    expect(levelNamed(trained, "surname", "exact (term-frequency adjusted)").m).toBeGreaterThan(0.75);
    expect(levelNamed(trained, "surname", "different").m).toBeLessThan(0.15);
    expect(levelNamed(trained, "surname", "exact (term-frequency adjusted)").u).toBe(uBefore);
    // 150 people × 3 copies: 450 true pairs among ~101,000, a prior near 0.0044 (declared start 1e-4).
    // EM over blocked pairs lands within a factor of two: namesakes among the candidates look like matches.
    expect(trained.probabilityTwoRandomRecordsMatch).toBeGreaterThan(0.002);
    expect(trained.probabilityTwoRandomRecordsMatch).toBeLessThan(0.01);
    expect(trained.training.emIterations).toBeGreaterThan(0);
    expect(modelToJson(expectationMaximisation(poor, records, pairs, options))).toBe(modelToJson(trained));
  });

  it("is data: serialises to JSON and prints", () => {
    const model = defaultLinkageModel(config);
    expect(JSON.parse(modelToJson(model))).toEqual(model);
    expect(model.matchThreshold).toBe(config.matchThreshold.probability);
    expect(model.reviewThreshold).toBe(config.reviewThreshold.probability);
    expect(describeModel(model)).toMatch(/day and month transposed/);
  });
});
