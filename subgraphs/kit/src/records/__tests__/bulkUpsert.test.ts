import type { TestDatabase } from "../../testing";
import { bulkUpsert, type UpsertColumn } from "../bulkUpsert";
import { createWidgetDatabase } from "./support/widgetDatabase";

interface Widget {
  id: string;
  name: string;
  size?: number;
  madeOn?: string;
  tags?: string[];
}

const COLUMNS: readonly UpsertColumn[] = [
  { column: "id", field: "id", type: "text" },
  { column: "name", field: "name", type: "text" },
  { column: "size", field: "size", type: "int" },
  { column: "made_on", field: "madeOn", type: "date" },
  { column: "tags", field: "tags", type: "text[]" },
];

describe("bulkUpsert", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createWidgetDatabase();
  });
  afterAll(() => database.drop());

  const save = (rows: Widget[], columns = COLUMNS) =>
    database.dataSource.transaction((manager) => bulkUpsert(manager, "widget", columns, rows, { touch: "updated_at" }));
  /** `xmin` changes whenever PostgreSQL writes a new version of the row: an untouched row keeps it. */
  const stored = async (id: string) =>
    (await database.dataSource.query(`SELECT name, size, made_on::text AS made_on, tags, updated_at, xmin::text AS version FROM widget WHERE id = $1`, [id]))[0];

  it("inserts every row in one statement, with each column's type", async () => {
    const before = database.counter.statements;
    await bulkUpsert(database.dataSource.manager, "widget", COLUMNS, [
      { id: "W-1", name: "one", size: 3, madeOn: "2024-02-29", tags: ["red", "round"] },
      { id: "W-2", name: "two" },
    ]);
    expect(database.counter.statements - before).toBe(1);
    expect(await stored("W-1")).toMatchObject({ name: "one", size: 3, made_on: "2024-02-29", tags: ["red", "round"] });
    expect(await stored("W-2")).toMatchObject({ name: "two", size: null, made_on: null, tags: null });
  });

  it("leaves an unchanged row alone, its touch column too", async () => {
    const before = await stored("W-1");
    await save([{ id: "W-1", name: "one", size: 3, madeOn: "2024-02-29", tags: ["red", "round"] }]);
    expect(await stored("W-1")).toEqual(before);
  });

  it("updates a changed row in place and touches it, leaving its unchanged neighbour alone", async () => {
    const one = await stored("W-1");
    const two = await stored("W-2");
    await save([
      { id: "W-1", name: "one", size: 4, madeOn: "2024-02-29", tags: ["red", "round"] },
      { id: "W-2", name: "two" },
    ]);
    const changed = await stored("W-1");
    expect(changed).toMatchObject({ size: 4 });
    expect(changed.version).not.toBe(one.version);
    expect(changed.updated_at.getTime()).toBeGreaterThan(one.updated_at.getTime());
    expect(await stored("W-2")).toEqual(two);
  });

  it("clears a value the row no longer carries", async () => {
    await save([{ id: "W-1", name: "one", size: 4 }]);
    expect(await stored("W-1")).toMatchObject({ size: 4, made_on: null, tags: null });
  });

  it("keeps the later of two rows with the same id in one batch", async () => {
    await save([
      { id: "W-3", name: "first" },
      { id: "W-3", name: "second" },
    ]);
    expect(await stored("W-3")).toMatchObject({ name: "second" });
  });

  it("sends nothing for no rows", async () => {
    const before = database.counter.statements;
    await bulkUpsert(database.dataSource.manager, "widget", COLUMNS, []);
    expect(database.counter.statements).toBe(before);
  });

  it.each([
    ["a table name that is not plain", "widget; DROP TABLE widget", COLUMNS, /table name/],
    ["a column name that is not plain", "widget", [...COLUMNS, { column: "name = 'x'", field: "x", type: "text" }], /column name/],
    ["a field name that is not plain", "widget", [...COLUMNS, { column: "name", field: 'x" text, "y', type: "text" }], /field name/],
    ["a type that is not plain", "widget", [...COLUMNS, { column: "name", field: "name", type: "text); DROP TABLE widget; --" }], /SQL type/],
    ["columns without id", "widget", COLUMNS.filter((c) => c.column !== "id"), /must be id and at least one other/],
    ["an id alone", "widget", COLUMNS.filter((c) => c.column === "id"), /must be id and at least one other/],
  ])("refuses %s, before any SQL is sent", async (_case, table, columns, message) => {
    const before = database.counter.statements;
    await expect(bulkUpsert(database.dataSource.manager, table, columns, [{ id: "W-9", name: "nine" }])).rejects.toThrow(message);
    expect(database.counter.statements).toBe(before);
  });
});
