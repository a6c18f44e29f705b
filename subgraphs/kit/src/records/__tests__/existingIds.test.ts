import type { TestDatabase } from "../../testing";
import { existingIds } from "../existingIds";
import { createWidgetDatabase } from "./support/widgetDatabase";

describe("existingIds", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createWidgetDatabase();
    await database.dataSource.query(`INSERT INTO widget (id, name) VALUES ('W-1', 'one'), ('W-2', 'two'), ('W-3', 'three')`);
  });
  afterAll(() => database.drop());

  it("answers which of the ids the table holds, in one statement", async () => {
    const before = database.counter.statements;
    expect(await existingIds(database.dataSource.manager, "widget", ["W-1", "W-3", "W-404", "W-1"])).toEqual(new Set(["W-1", "W-3"]));
    expect(database.counter.statements - before).toBe(1);
  });

  it("asks the database nothing for no ids", async () => {
    const before = database.counter.statements;
    expect(await existingIds(database.dataSource.manager, "widget", [])).toEqual(new Set());
    expect(database.counter.statements).toBe(before);
  });

  it.each(["widget; DROP TABLE widget", "Widget", "public.widget", '"widget"', "", "1widget"])(
    "refuses the table name %j before any SQL is sent",
    async (table) => {
      const before = database.counter.statements;
      await expect(existingIds(database.dataSource.manager, table, ["W-1"])).rejects.toThrow("is not a plain lower-case SQL table name");
      expect(database.counter.statements).toBe(before);
    },
  );

  it("still has its table after the attempted injection", async () => {
    expect(await existingIds(database.dataSource.manager, "widget", ["W-2"])).toEqual(new Set(["W-2"]));
  });
});
