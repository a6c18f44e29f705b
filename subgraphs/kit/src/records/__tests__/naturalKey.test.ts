import type { TestDatabase } from "../../testing";
import { existingKeys, naturalKey } from "../naturalKey";
import { createWidgetDatabase } from "./support/widgetDatabase";

const COLUMNS = ["widget_id", "other_id", "kind"];

describe("naturalKey", () => {
  it("joins the parts with |, which no record id may contain", () => expect(naturalKey(["O-1", "N-1", "VICTIM"])).toBe("O-1|N-1|VICTIM"));
});

describe("existingKeys", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createWidgetDatabase();
    await database.dataSource.query(`INSERT INTO widget (id, name) VALUES ('W-1', 'one'), ('W-2', 'two'), ('W-3', 'three')`);
    await database.dataSource.query(`INSERT INTO widget_link VALUES ('W-1', 'W-2', 'PART_OF'), ('W-1', 'W-3', 'PART_OF'), ('W-2', 'W-3', 'NEXT_TO')`);
  });
  afterAll(() => database.drop());

  it("answers which of the keys the table holds, matching every part, in one statement", async () => {
    const before = database.counter.statements;
    const found = await existingKeys(database.dataSource.manager, "widget_link", COLUMNS, [
      naturalKey(["W-1", "W-2", "PART_OF"]),
      naturalKey(["W-2", "W-3", "NEXT_TO"]),
      naturalKey(["W-1", "W-2", "NEXT_TO"]), // another kind
      naturalKey(["W-2", "W-1", "PART_OF"]), // the other way round
      naturalKey(["W-1", "W-2", "PART_OF"]), // asked twice
    ]);
    expect(found).toEqual(new Set(["W-1|W-2|PART_OF", "W-2|W-3|NEXT_TO"]));
    expect(database.counter.statements - before).toBe(1);
  });

  it("finds nothing for a key with the wrong number of parts, and asks nothing when no key is left", async () => {
    const before = database.counter.statements;
    expect(await existingKeys(database.dataSource.manager, "widget_link", COLUMNS, ["W-1|W-2", "W-1|W-2|PART_OF|extra", ""])).toEqual(new Set());
    expect(await existingKeys(database.dataSource.manager, "widget_link", COLUMNS, [])).toEqual(new Set());
    expect(database.counter.statements).toBe(before);
  });

  it.each([
    ["a table name", "widget_link; DROP TABLE widget_link", COLUMNS, /table name/],
    ["a column name", "widget_link", ["widget_id", "other_id = other_id OR true"], /column name/],
    ["no columns", "widget_link", [], /name the key's columns/],
  ])("refuses %s that is not plain, before any SQL is sent", async (_case, table, columns, message) => {
    const before = database.counter.statements;
    await expect(existingKeys(database.dataSource.manager, table, columns, ["W-1|W-2|PART_OF"])).rejects.toThrow(message);
    expect(database.counter.statements).toBe(before);
  });
});
