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

describe("the police migrations", () => {
  it("create the police tables and the access log beside the identity outbox, and undo back to the outbox alone", async () => {
    const all = [...POLICE_TABLES, "access_log", "access_log_head"].sort();
    expect(await tables()).toEqual(all);
    await database.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual([...POLICE_TABLES].sort());
    await database.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables()).toEqual(["identity_outbox"]);
    await database.dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual(all);
  });
});
