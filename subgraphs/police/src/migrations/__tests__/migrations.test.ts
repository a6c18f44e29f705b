import { createTestDatabase, type TestDatabase } from "@tessera/kit/testing";
import { subgraph } from "../../index";
import { POLICE_TABLES } from "../../__tests__/support/policeFixtures";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase(subgraph);
});
afterAll(() => database.drop());

const tables = async (): Promise<string[]> =>
  (await database.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`)).map((row: { tablename: string }) => row.tablename);

const occurrenceColumns = async (): Promise<string[]> =>
  (await database.dataSource.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'occurrence' ORDER BY column_name`)).map((row: { column_name: string }) => row.column_name);

/** What a statement the database refused said, or undefined when it ran. */
async function refusal(sql: string): Promise<string | undefined> {
  return database.dataSource.query(sql).then(
    () => undefined,
    (error: Error) => error.message,
  );
}

describe("the police migrations", () => {
  it("create the police tables and the access log beside the identity outbox, and undo back to the outbox alone", async () => {
    const all = [...POLICE_TABLES, "access_log", "access_log_head"].sort();
    expect(await tables()).toEqual(all);
    expect(await occurrenceColumns()).toContain("markers");
    await database.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual(all.filter((table) => table !== "relationship"));
    expect(await occurrenceColumns()).not.toContain("markers");
    await database.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual(POLICE_TABLES.filter((table) => table !== "relationship").sort());
    await database.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual(["identity_outbox"]);
    await database.dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(all);
  });

  it("give an occurrence held before markers existed none, and refuse a marker outside the vocabulary or a relationship stored twice", async () => {
    await database.dataSource.undoLastMigration({ transaction: "each" });
    await database.dataSource.query(`INSERT INTO nominal (id, force, given_names, family_name) VALUES ('NMC-N-1', 'NMC', 'A', 'B'), ('NMC-N-2', 'NMC', 'C', 'D')`);
    await database.dataSource.query(`INSERT INTO occurrence (id, force, category, occurred_at) VALUES ('NMC-O-1', 'NMC', 'DOMESTIC_INCIDENT', '2024-01-01T00:00:00Z')`);
    await database.dataSource.runMigrations({ transaction: "each" });
    expect(await database.dataSource.query(`SELECT markers FROM occurrence`)).toEqual([{ markers: [] }]);
    expect(await refusal(`UPDATE occurrence SET markers = ARRAY['STRANGULATION', 'STRANGLED']`)).toMatch(/occurrence_markers/);
    expect(await refusal(`INSERT INTO relationship VALUES ('NMC-O-1', 'NMC-N-2', 'NMC-N-1', 'EX_PARTNER')`)).toMatch(/relationship_pair_once/);
    expect(await refusal(`INSERT INTO relationship VALUES ('NMC-O-1', 'NMC-N-1', 'NMC-N-1', 'EX_PARTNER')`)).toMatch(/relationship_pair_once/);
    expect(await refusal(`INSERT INTO relationship VALUES ('NMC-O-1', 'NMC-N-1', 'NMC-N-2', 'NEIGHBOUR')`)).toMatch(/relationship_relationship_check/);
    expect(await refusal(`INSERT INTO relationship VALUES ('NMC-O-1', 'NMC-N-1', 'NMC-N-2', 'EX_PARTNER')`)).toBeUndefined();
  });
});
