import { createTestDatabase, type TestDatabase } from "../../testing/testDatabase";
import { newestPerRecord } from "../newestPerRecord";

describe("newestPerRecord", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ service: "police", entities: [], migrations: [] });
  });
  afterAll(() => database.drop());

  const EVENTS = `SELECT * FROM (VALUES
      ('R1', 'E1', timestamptz '2024-01-01'), ('R1', 'E2', timestamptz '2024-03-01'), ('R1', 'E3', timestamptz '2024-02-01'),
      ('R2', 'E4', timestamptz '2023-01-01')
    ) AS v("localId", id, "occurredAt")`;

  it("keeps each record's newest events up to the limit, with every column of the query", async () => {
    const rows = await database.dataSource.query(`${newestPerRecord(EVENTS, { record: '"localId"', occurredAt: '"occurredAt"', id: "id" }, "$1")} ORDER BY 1, 2`, [2]);
    expect(rows.map((r: { localId: string; id: string }) => `${r.localId}:${r.id}`)).toEqual(["R1:E2", "R1:E3", "R2:E4"]);
    expect(Object.keys(rows[0]).sort()).toEqual(["id", "localId", "occurredAt"]);
  });

  it("refuses anything but a column name where a column belongs", () => {
    expect(() => newestPerRecord(EVENTS, { record: "x; DROP TABLE y", occurredAt: "t", id: "id" }, "$1")).toThrow("not a column name");
  });
});
