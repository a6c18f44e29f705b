import { Readable } from "node:stream";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { InvalidInput } from "../../errors/badUserInput";
import { createTestDatabase, type TestDatabase } from "../../testing/testDatabase";
import { countRows, toNdjson, type NdjsonRecord } from "../../testing/records";
import { existingIds } from "../existingIds";
import { importNdjson } from "../importNdjson";
import type { RecordType } from "../RecordType";

class CreateParentsAndChildren1700000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE parent (id text PRIMARY KEY, name text NOT NULL)`);
    // The CHECK stands for any rule only the database enforces: a batch it refuses is retried line by line.
    await runner.query(`CREATE TABLE child (id text PRIMARY KEY, parent_id text NOT NULL REFERENCES parent(id), name text NOT NULL CHECK (name <> 'forbidden'))`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE child; DROP TABLE parent`);
  }
}

interface Parent { id: string; name: string }
interface Child { id: string; parentId: string; name: string }

const text = (field: string, value: unknown): string => {
  if (typeof value !== "string" || value === "") throw new InvalidInput(field, "is required");
  return value;
};

const parent: RecordType<Parent> = {
  name: "parent",
  parse: (v) => ({ id: text("id", v.id), name: text("name", v.name) }),
  id: (row) => row.id,
  existing: (manager, ids) => existingIds(manager, "parent", ids),
  async save(manager, rows) {
    await manager.query(`INSERT INTO parent (id, name) SELECT id, name FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`, [JSON.stringify(rows)]);
  },
};

const child: RecordType<Child> = {
  name: "child",
  parse: (v) => ({ id: text("id", v.id), parentId: text("parentId", v.parentId), name: text("name", v.name) }),
  id: (row) => row.id,
  references: (row) => [{ type: "parent", field: "parentId", id: row.parentId }],
  existing: (manager, ids) => existingIds(manager, "child", ids),
  async save(manager, rows) {
    await manager.query(
      `INSERT INTO child (id, parent_id, name) SELECT id, "parentId", name FROM jsonb_to_recordset($1::jsonb) AS r(id text, "parentId" text, name text) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
      [JSON.stringify(rows)],
    );
  },
};

describe("importNdjson", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ service: "police", entities: [], migrations: [CreateParentsAndChildren1700000000000] });
  });
  afterAll(() => database.drop());
  beforeEach(() => database.dataSource.query("TRUNCATE child, parent"));

  const load = (records: readonly (NdjsonRecord | string)[], batchSize = 2) =>
    importNdjson({ db: database.dataSource, types: [parent, child], input: Readable.from([toNdjson(records)]), batchSize });

  it("lets a line refer to a record loaded in an earlier batch, and rejects a reference to nothing", async () => {
    const report = await load([
      { type: "parent", id: "P1", name: "one" },
      { type: "parent", id: "P2", name: "two" },
      { type: "child", id: "C1", parentId: "P1", name: "a" },
      { type: "child", id: "C2", parentId: "P9", name: "b" },
      { type: "child", id: "C3", parentId: "P2", name: "c" },
    ]);
    expect(report.loaded).toEqual({ parent: 2, child: 2 });
    expect(report.rejected).toEqual([{ line: 4, reason: "parentId: no parent with id P9 (in the database or on an earlier line)" }]);
  });

  it("retries a batch the database refuses line by line, so only the offending line is lost", async () => {
    const report = await load(
      [
        { type: "parent", id: "P1", name: "one" },
        { type: "child", id: "C1", parentId: "P1", name: "a" },
        { type: "child", id: "C2", parentId: "P1", name: "forbidden" },
        { type: "child", id: "C3", parentId: "P1", name: "c" },
      ],
      10,
    );
    expect(report.loaded).toEqual({ parent: 1, child: 2 });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejected[0]!.line).toBe(3);
    expect(report.rejected[0]!.reason).toMatch(/^not saved: .*check constraint/);
    expect(await countRows(database.dataSource, ["parent", "child"])).toEqual({ parent: 1, child: 2 });
  });

  it("reports malformed lines and unknown types by number, and changes nothing when loaded twice", async () => {
    const lines = [{ type: "parent", id: "P1", name: "one" }, "{oops", { type: "grandparent", id: "G1" }, "", { type: "child", id: "C1", parentId: "P1", name: "" }];
    const first = await load(lines);
    expect(first.rejected.map((r) => [r.line, r.reason.split(":")[0]])).toEqual([
      [2, "not valid JSON"],
      [3, "type"],
      [5, "name"],
    ]);
    const counts = await countRows(database.dataSource, ["parent", "child"]);
    await load(lines);
    expect(await countRows(database.dataSource, ["parent", "child"])).toEqual(counts);
  });
});
