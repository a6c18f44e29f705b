import { createTestDatabase, type TestDatabase } from "../../testing";
import { BACKGROUND_SQL, backgroundTransaction, StatementCounter } from "../StatementCounter";

describe("StatementCounter", () => {
  it("counts request statements and background statements apart", () => {
    const counter = new StatementCounter("police", false);
    counter.logQuery("SELECT 1");
    counter.logQuery(`${BACKGROUND_SQL}SELECT id FROM identity_outbox`);
    counter.logQuery("SELECT 2");
    expect(counter.statements).toBe(2);
    expect(counter.backgroundStatements).toBe(1);
  });
});

describe("backgroundTransaction", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ service: "police", entities: [], migrations: [] });
  });
  afterAll(() => database.drop());

  it("counts none of its statements, BEGIN and COMMIT included, as a request's", async () => {
    const requests = database.counter.statements;
    const background = database.counter.backgroundStatements;
    const answer = await backgroundTransaction(database.dataSource, async (manager) => (await manager.query(`${BACKGROUND_SQL}SELECT 41 + 1 AS n`))[0].n);
    expect(answer).toBe(42);
    expect(database.counter.statements).toBe(requests);
    expect(database.counter.backgroundStatements).toBe(background + 3);
  });

  it("rolls back when the work fails, and passes the error on", async () => {
    await database.dataSource.query(`CREATE TABLE IF NOT EXISTS relay_probe (n int)`);
    const failing = backgroundTransaction(database.dataSource, async (manager) => {
      await manager.query(`${BACKGROUND_SQL}INSERT INTO relay_probe VALUES (1)`);
      throw new Error("identity unreachable");
    });
    await expect(failing).rejects.toThrow("identity unreachable");
    expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM relay_probe`)).toEqual([{ n: 0 }]);
  });
});
