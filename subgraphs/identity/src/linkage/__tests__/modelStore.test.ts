import { createTestDatabase, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { CreateLinkageModel1732400000000 } from "../../migrations/1732400000000-CreateLinkageModel";
import { ProbabilisticLinkage1732500000000 } from "../../migrations/1732500000000-ProbabilisticLinkage";
import { loadLinkageConfig } from "../linkageConfig";
import { defaultLinkageModel, modelFromJson, modelToJson, type LinkageModel } from "../linkageModel";
import { currentModel, currentModelVersion, modelVersions, saveModel } from "../modelStore";

const config = loadLinkageConfig();
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
});

afterAll(() => database.drop());

const tableExists = async (name: string) => ((await database.dataSource.query(`SELECT to_regclass($1) AS oid`, [name])) as Array<{ oid: string | null }>)[0]!.oid !== null;

/** A model with visibly different parameters, as a re-estimate would give. */
function variant(prior: number): LinkageModel {
  const model = defaultLinkageModel(config);
  model.probabilityTwoRandomRecordsMatch = prior;
  model.comparisons[0]!.levels[1]!.m = 0.9;
  model.training = { uEstimatedFrom: 1000, emIterations: 7, emConverged: true, candidatePairs: 321, records: 150 };
  return model;
}

describe("the linkage_model migration", () => {
  it("is applied after the subject index and before probabilistic linkage; down() removes the table and its trigger function; up() restores them", async () => {
    const applied = (await database.dataSource.query(`SELECT name FROM migrations ORDER BY id`)) as Array<{ name: string }>;
    expect(applied.map((row) => row.name)).toEqual(["CreateSubjectIndex1732300000000", "CreateLinkageModel1732400000000", "ProbabilisticLinkage1732500000000", "CreateAccessLog1732600000000"]);
    expect(await tableExists("linkage_model")).toBe(true);
    const later = new ProbabilisticLinkage1732500000000();
    const migration = new CreateLinkageModel1732400000000();
    const runner = database.dataSource.createQueryRunner();
    try {
      await later.down(runner);
      expect(await tableExists("link_review")).toBe(false);
      await migration.down(runner);
      expect(await tableExists("linkage_model")).toBe(false);
      expect(await tableExists("person_record")).toBe(true);
      const functions = (await runner.query(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'linkage_model_refuse_update'`)) as Array<{ n: number }>;
      expect(functions[0]!.n).toBe(0);
      await migration.up(runner);
      await later.up(runner);
      expect(await tableExists("linkage_model")).toBe(true);
      expect(await tableExists("link_review")).toBe(true);
    } finally {
      await runner.release();
    }
  });
});

describe("the model store", () => {
  it("has no current model before the first estimate", async () => {
    expect(await currentModel(database.dataSource.manager)).toBeUndefined();
    expect(await modelVersions(database.dataSource.manager)).toEqual([]);
  });

  it("round-trips a model: what is saved is what comes back as current (equal; jsonb may reorder keys)", async () => {
    const model = variant(0.002);
    const version = await saveModel(database.dataSource.manager, model, { records: 150, note: "first" });
    expect(await currentModel(database.dataSource.manager)).toEqual(model);
    const current = await currentModelVersion(database.dataSource.manager);
    expect(current).toMatchObject({ version, records: 150, note: "first" });
    expect(current!.estimatedAt).toBeInstanceOf(Date);
    expect(current!.termFrequencies).toEqual({});
  });

  it("keeps the term frequencies the model was estimated with, leaving out values seen once", async () => {
    const counts = new Map([["smith", 40], ["rourke", 2], ["ashworth", 1]]);
    await saveModel(database.dataSource.manager, variant(0.002), { records: 150, termFrequencies: { surname: { column: "surname", total: 150, counts } } });
    const { termFrequencies } = (await currentModelVersion(database.dataSource.manager))!;
    expect(termFrequencies.surname).toEqual({ column: "surname", total: 150, counts: new Map([["smith", 40], ["rourke", 2]]) });
  });

  it("numbers versions upward and the latest wins; earlier versions are kept", async () => {
    const before = await modelVersions(database.dataSource.manager);
    const second = await saveModel(database.dataSource.manager, variant(0.003), { records: 200 });
    const third = await saveModel(database.dataSource.manager, variant(0.004), { records: 250, note: "third" });
    expect(second).toBeGreaterThan(before[before.length - 1]!.version);
    expect(third).toBeGreaterThan(second);
    expect((await currentModel(database.dataSource.manager))!.probabilityTwoRandomRecordsMatch).toBe(0.004);
    const versions = await modelVersions(database.dataSource.manager);
    expect(versions.map((row) => row.version)).toEqual([...before.map((row) => row.version), second, third]);
    expect(versions.slice(-2).map(({ records, note }) => ({ records, note }))).toEqual([
      { records: 200, note: null },
      { records: 250, note: "third" },
    ]);
  });

  it("never updates a stored version", async () => {
    await expect(database.dataSource.query(`UPDATE linkage_model SET note = 'changed'`)).rejects.toThrow(/never updated/);
  });

  it("refuses a stored row that is not a model rather than score with it", async () => {
    const runner = database.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`INSERT INTO linkage_model (records, model) VALUES (1, '{"formatVersion": 1}'::jsonb)`);
      await expect(currentModel(runner.manager)).rejects.toThrow(/linkage_model version \d+: linkage model: blockingRules must be an array/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect((await currentModel(database.dataSource.manager))!.probabilityTwoRandomRecordsMatch).toBe(0.004);
  });
});

describe("modelFromJson", () => {
  const good = () => JSON.parse(modelToJson(variant(0.01))) as Record<string, any>;
  const refuses = (mutate: (model: Record<string, any>) => unknown, message: RegExp) => {
    const model = good();
    mutate(model);
    expect(() => modelFromJson(JSON.stringify(model))).toThrow(message);
  };

  it("reads back what modelToJson wrote", () => {
    const model = variant(0.01);
    expect(modelFromJson(modelToJson(model))).toEqual(model);
    expect(modelFromJson(modelToJson(defaultLinkageModel(config)))).toEqual(defaultLinkageModel(config));
  });

  it("refuses garbage", () => {
    expect(() => modelFromJson("not json")).toThrow(/not JSON/);
    expect(() => modelFromJson("null")).toThrow(/must be an object/);
    expect(() => modelFromJson("[]")).toThrow(/must be an object/);
    expect(() => modelFromJson(`{"hello": "world"}`)).toThrow(/formatVersion must be 1/);
    refuses((model) => (model.formatVersion = 2), /formatVersion must be 1/);
    refuses((model) => (model.comparisons = []), /comparisons must not be empty/);
    refuses((model) => (model.comparisons[0].levels[1].m = 1.5), /comparisons\[0\]\.levels\[1\]\.m must be a probability/);
    refuses((model) => (model.comparisons[0].levels[1].u = "0.1"), /levels\[1\]\.u must be a finite number/);
    refuses((model) => (model.comparisons[0].levels[1].m = null), /must be a finite number/);
    refuses((model) => (model.comparisons[0].levels[1].spec.kind = "magic"), /is not a level kind/);
    refuses((model) => (model.comparisons[0].levels[1].spec.column = "shoeSize"), /is not a column/);
    refuses((model) => delete model.comparisons[0].levels[4].spec.threshold, /spec\.threshold must be a finite number/);
    refuses((model) => (model.comparisons[0].estimation = "guessed"), /estimation must be/);
    refuses((model) => (model.blockingRules[0].on = ["favouriteColour"]), /is not a blocking key/);
    refuses((model) => (model.probabilityTwoRandomRecordsMatch = 0), /strictly between 0 and 1/);
    refuses((model) => (model.probabilityTwoRandomRecordsMatch = 1), /strictly between 0 and 1/);
    refuses((model) => (model.reviewThreshold = 0.99), /reviewThreshold must not exceed matchThreshold/);
    refuses((model) => delete model.rationale, /rationale must be an object/);
    refuses((model) => (model.training.emIterations = "many"), /training\.emIterations must be a finite number/);
  });
});
