import type { EntityManager } from "typeorm";
import { bulkUpsert } from "../../records/bulkUpsert";
import { existingIds } from "../../records/existingIds";
import type { RecordType, RecordTypes } from "../../records/RecordType";
import { requiredRecordId, requiredText } from "../../validation/fields";
import { createWidgetDatabase } from "../../records/__tests__/support/widgetDatabase";
import { countRows, loadRecords, testContext, toNdjson, type TestDatabase } from "..";

/** A record type over the test database's `widget` table, as an agency's would be. */
const widgetRecord: RecordType<{ id: string; name: string }> = {
  name: "widget",
  parse: (value) => ({ id: requiredRecordId("id", value.id), name: requiredText("name", value.name) }),
  id: (row) => row.id,
  existing: (manager: EntityManager, ids) => existingIds(manager, "widget", ids),
  save: (manager, rows) => bulkUpsert(manager, "widget", [{ column: "id", field: "id", type: "text" }, { column: "name", field: "name", type: "text" }], rows),
};
const types: RecordTypes = [widgetRecord];

describe("the kit's record test helpers", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createWidgetDatabase();
  });
  afterAll(() => database.drop());

  it("toNdjson writes one line per record, strings as they are", () => {
    expect(toNdjson([{ type: "widget", id: "W-1" }, "{not json", ""])).toBe('{"type":"widget","id":"W-1"}\n{not json\n\n');
  });

  it("loadRecords loads through the import path and answers with its report", async () => {
    const report = await loadRecords(database.dataSource, types, [{ type: "widget", id: "W-1", name: "one" }, { type: "widget", id: "W-2", name: "two" }]);
    expect(report).toMatchObject({ lines: 2, loaded: { widget: 2 }, rejected: [] });
  });

  it("loadRecords fails the test on any rejected line, naming it", async () => {
    await expect(loadRecords(database.dataSource, types, [{ type: "widget", id: "W-3", name: "three" }, { type: "widget", id: "W-4" }])).rejects.toThrow(/fixture lines rejected: .*"line":2.*name: is required/);
  });

  it("countRows counts each table in one statement", async () => {
    const before = database.counter.statements;
    expect(await countRows(database.dataSource, ["widget", "widget_link", "gadget"])).toEqual({ widget: 3, widget_link: 0, gadget: 0 });
    expect(database.counter.statements - before).toBe(1);
  });

  it("countRows refuses a table name that is not plain, before any SQL is sent", async () => {
    const before = database.counter.statements;
    await expect(countRows(database.dataSource, ["widget; DROP TABLE widget"])).rejects.toThrow(/not a plain lower-case SQL table name/);
    expect(database.counter.statements).toBe(before);
  });

  it("testContext gives each request its own loaders and no identity relay", () => {
    const one = testContext(database.dataSource);
    const two = testContext(database.dataSource);
    expect(one.db).toBe(database.dataSource);
    expect(one.loaders).not.toBe(two.loaders);
    expect(one.requestId).not.toBe(two.requestId);
    expect(one.registrations).toBeUndefined();
  });
});
