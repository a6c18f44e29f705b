import { normaliseName } from "@tessera/kit";
import { createTestDatabase, type TestDatabase } from "@tessera/kit/testing";
import type { EntityManager } from "typeorm";
import { subgraph } from "../../index";
import type { LinkableRecord } from "../../linkage/linkableRecord";
import { syntheticPopulation } from "../../linkage/__tests__/fixtures";
import { currentModel, modelVersions } from "../../linkage/modelStore";
import { estimateAndStoreModel, readLinkableRecords, reportEstimate, TooFewRecordsError } from "../estimateModel";

const POSTCODES: Record<string, string> = { london: "SW1A 1AA", leeds: "LS1 4AP", newcastle: "NE1 7RU", bristol: "BS1 5TR", york: "YO1 7HH" };

/** The fixture's one-digit typos can make an impossible date ("1989-01-00"); registration would refuse it, so it is left blank. */
const realDate = (value: string | undefined) => (value && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value) ? value : null);

/** Writes synthetic people straight into person_record, each as its own subject (how they were linked does not matter here). */
async function seedPersonRecords(manager: EntityManager, records: readonly LinkableRecord[], agency = "police"): Promise<void> {
  await manager.transaction(async (transaction) => {
    for (const record of records) {
      const [subject] = (await transaction.query(`INSERT INTO subject DEFAULT VALUES RETURNING id`)) as Array<{ id: string }>;
      await transaction.query(
        `INSERT INTO person_record (agency, local_id, area, given_names, family_name, name_key, date_of_birth, postcode, subject_id, link_rule, linked_at, registered_at, updated_at)
         VALUES ($1, $2, 'NMC', $3, $4, $5, $6, $7, $8, 'SOLE_RECORD', now(), now(), now())`,
        [agency, record.id, record.firstName, record.surname, normaliseName(`${record.firstName} ${record.surname}`), realDate(record.dateOfBirth), record.city ? POSTCODES[record.city] : null, subject!.id],
      );
    }
  });
}

describe("estimateAndStoreModel (npm run identity:estimate)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(subgraph);
  });
  afterAll(() => database.drop());

  it("refuses with a clear error when there are too few records, storing nothing", async () => {
    await seedPersonRecords(database.dataSource.manager, syntheticPopulation(20, 3, 5).records, "health");
    const attempt = estimateAndStoreModel(database.dataSource.manager);
    await expect(attempt).rejects.toBeInstanceOf(TooFewRecordsError);
    await expect(estimateAndStoreModel(database.dataSource.manager)).rejects.toThrow("only 60 person records in identity's database; at least 100 are needed");
    expect(await modelVersions(database.dataSource.manager)).toEqual([]);
  });

  it("reads person records as the engine sees them, date of birth as YYYY-MM-DD", async () => {
    const records = await readLinkableRecords(database.dataSource.manager);
    expect(records).toHaveLength(60);
    expect(records[0]).toMatchObject({ id: expect.stringMatching(/^health\u0000/), firstName: expect.any(String), surname: expect.any(String), dateOfBirth: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), postcode: expect.any(String) });
  });

  it("estimates from a few hundred records without labels and stores a model with a prior and m/u that are probabilities", async () => {
    await seedPersonRecords(database.dataSource.manager, syntheticPopulation(150, 3, 11).records);
    const result = await estimateAndStoreModel(database.dataSource.manager, { note: "test estimate" });
    expect(result.records).toBe(510);
    expect(result.candidatePairs).toBeGreaterThan(0);
    const stored = await currentModel(database.dataSource.manager);
    expect(stored).toEqual(result.model);
    expect(stored!.probabilityTwoRandomRecordsMatch).toBeGreaterThan(0);
    expect(stored!.probabilityTwoRandomRecordsMatch).toBeLessThan(1);
    for (const comparison of stored!.comparisons) {
      for (const level of comparison.levels) {
        expect(level.m).toBeGreaterThanOrEqual(0);
        expect(level.m).toBeLessThanOrEqual(1);
        expect(level.u).toBeGreaterThanOrEqual(0);
        expect(level.u).toBeLessThanOrEqual(1);
      }
    }
    expect(stored!.training).toMatchObject({ records: 510, emIterations: expect.any(Number), uEstimatedFrom: expect.any(Number) });
    expect(stored!.training.emIterations).toBeGreaterThan(0);
    expect(await modelVersions(database.dataSource.manager)).toEqual([expect.objectContaining({ version: result.version, records: 510, note: "test estimate" })]);
    const report = reportEstimate(result);
    expect(report).toContain(`linkage model version ${result.version} stored`);
    expect(report).toContain("EM iterations:");
    expect(report).toContain("prior P(match)");
  });

  it("stores a re-estimate as the next version, which becomes current", async () => {
    const [first] = await modelVersions(database.dataSource.manager);
    const again = await estimateAndStoreModel(database.dataSource.manager);
    expect(again.version).toBeGreaterThan(first!.version);
    expect((await modelVersions(database.dataSource.manager)).map((row) => row.version)).toEqual([first!.version, again.version]);
    expect(await currentModel(database.dataSource.manager)).toEqual(again.model);
  });
});
