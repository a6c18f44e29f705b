import { InvalidInput } from "../../errors/badUserInput";
import type { TestDatabase } from "../../testing";
import { bulkUpsert, upsertColumns, type UpsertColumn } from "../bulkUpsert";
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

interface Gadget {
  id: string;
  area: string;
  name: string;
}

const GADGET_COLUMNS: readonly UpsertColumn[] = [
  { column: "id", field: "id", type: "text" },
  { column: "area", field: "area", type: "text" },
  { column: "name", field: "name", type: "text" },
];

describe("bulkUpsert with an area column: a record stays with the area that recorded it", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createWidgetDatabase();
  });
  afterAll(() => database.drop());

  const save = (rows: Gadget[]) =>
    database.dataSource.transaction((manager) => bulkUpsert(manager, "gadget", GADGET_COLUMNS, rows, { touch: "updated_at", areaColumn: "area" }));
  const gadgets = async () =>
    (await database.dataSource.query(`SELECT id, area, name, updated_at, xmin::text AS version FROM gadget ORDER BY id`)) as { id: string; area: string; name: string; updated_at: Date; version: string }[];
  /** The InvalidInput a save is refused with. */
  const refusal = async (rows: Gadget[]): Promise<InvalidInput> => {
    const error = await save(rows).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof InvalidInput)) throw new Error(`expected InvalidInput, got ${String(error)}`);
    return error;
  };

  it("inserts, and updates a row of the same area, in one statement per batch", async () => {
    const before = database.counter.statements;
    await bulkUpsert(database.dataSource.manager, "gadget", GADGET_COLUMNS, [{ id: "G-1", area: "NMC", name: "one" }, { id: "G-2", area: "EVP", name: "two" }], { areaColumn: "area" });
    await bulkUpsert(database.dataSource.manager, "gadget", GADGET_COLUMNS, [{ id: "G-1", area: "NMC", name: "one, renamed" }], { areaColumn: "area" });
    expect(database.counter.statements - before).toBe(2);
    expect((await gadgets()).map(({ id, area, name }) => ({ id, area, name }))).toEqual([
      { id: "G-1", area: "NMC", name: "one, renamed" },
      { id: "G-2", area: "EVP", name: "two" },
    ]);
  });

  it("leaves an unchanged row of the same area alone, its touch column too", async () => {
    const before = await gadgets();
    await save([{ id: "G-1", area: "NMC", name: "one, renamed" }]);
    expect(await gadgets()).toEqual(before);
  });

  it("refuses an id another area holds, naming the id and the area that holds it, and writes nothing of the batch", async () => {
    const before = await gadgets();
    const error = await refusal([
      { id: "G-3", area: "EVP", name: "new, beside the clash" },
      { id: "G-1", area: "EVP", name: "EVP's own G-1" },
    ]);
    expect(error.field).toBe("id");
    expect(error.reason).toBe("is already used by area NMC: gadget G-1 stays with the area that recorded it");
    expect(await gadgets()).toEqual(before);
  });

  it("refuses the move even when nothing else about the row changes", async () => {
    const before = await gadgets();
    expect((await refusal([{ id: "G-2", area: "NMC", name: "two" }])).reason).toMatch(/^is already used by area EVP: gadget G-2 /);
    expect(await gadgets()).toEqual(before);
  });

  it("names the first clashing id when a batch holds several", async () => {
    const error = await refusal([
      { id: "G-2", area: "WFC", name: "two" },
      { id: "G-1", area: "WFC", name: "one" },
    ]);
    expect(error.reason).toMatch(/^is already used by area NMC: gadget G-1 /);
  });

  it.each([
    ["an area column that is not one of the columns", "region", /area column "region" must be one of the columns other than id/],
    ["id as the area column", "id", /area column "id" must be one of the columns other than id/],
    ["an area column that is not plain", "area; DROP TABLE gadget", /area column/],
  ])("refuses %s, before any SQL is sent", async (_case, areaColumn, message) => {
    const before = database.counter.statements;
    await expect(bulkUpsert(database.dataSource.manager, "gadget", GADGET_COLUMNS, [{ id: "G-9", area: "NMC", name: "nine" }], { areaColumn })).rejects.toThrow(message);
    expect(database.counter.statements).toBe(before);
  });

  it("refuses columns with nothing to update besides the area", async () => {
    await expect(bulkUpsert(database.dataSource.manager, "gadget", GADGET_COLUMNS.slice(0, 2), [{ id: "G-9", area: "NMC" }], { areaColumn: "area" })).rejects.toThrow(
      /at least one other besides the area/,
    );
  });
});

describe("upsertColumns", () => {
  it("names each column after its field in snake case, in the order given", () => {
    expect(upsertColumns({ id: "text", patientId: "text", occurredAt: "timestamptz", allegedPerpetratorPatientId: "text" })).toEqual([
      { column: "id", field: "id", type: "text" },
      { column: "patient_id", field: "patientId", type: "text" },
      { column: "occurred_at", field: "occurredAt", type: "timestamptz" },
      { column: "alleged_perpetrator_patient_id", field: "allegedPerpetratorPatientId", type: "text" },
    ]);
  });
});
