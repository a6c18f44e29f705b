import { createHash } from "node:crypto";
import { Client } from "pg";
import { testCaller } from "../../testing/records";
import { createTestDatabase, type TestDatabase } from "../../testing/testDatabase";
import { accessLogEntry, CreateAccessLog1732600000000, recordIds, verifyAccessLog, writeAccessLog, type AccessLogEntry } from "../accessLog";
import type { AccessRecord } from "../RequestAccess";

interface Row {
  id: string;
  user_id: string;
  subject_ids: string[];
  entry: string;
  prev_hash: string;
  hash: string;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const read = (subjects: string[], denied: AccessRecord["denied"] = []): AccessRecord => ({
  action: "read",
  subjects,
  records: subjects.map((s) => `Occurrence:${s}-O`),
  fields: ["Occurrence.id", "Query.occurrence"],
  denied,
});

/** One request's entry, as the server makes it. */
const entry = (i: number, caller = testCaller({ user: `u-${i}`, name: `Officer ${i}` })): AccessLogEntry =>
  accessLogEntry("police", caller, { requestId: `r-${i}`, operation: "Occurrence" }, read([`S${i}`]))!;

describe("the access log", () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ service: "police", entities: [], migrations: [CreateAccessLog1732600000000] });
  });
  afterAll(() => database.drop());

  const query = (sql: string, parameters?: unknown[]) => database.dataSource.query(sql, parameters);
  const rows = (): Promise<Row[]> => query(`SELECT id, user_id, subject_ids, entry, prev_hash, hash FROM access_log ORDER BY id`);
  const write = async (...indexes: number[]) => {
    for (const i of indexes) await writeAccessLog(database.dataSource, entry(i));
  };

  /**
   * What someone with the database's superuser can do and the application's own writes cannot: turns
   * off the append-only triggers for one transaction to change the log behind the chain's back.
   */
  const tamper = (sql: string, parameters: unknown[] = []) =>
    database.dataSource.transaction(async (manager) => {
      await manager.query(`ALTER TABLE access_log DISABLE TRIGGER access_log_append_only`);
      await manager.query(sql, parameters);
      await manager.query(`ALTER TABLE access_log ENABLE TRIGGER access_log_append_only`);
    });

  /** An empty log for each test (as the superuser, triggers off): the migration's own starting state. */
  beforeEach(() =>
    database.dataSource.transaction(async (manager) => {
      await manager.query(`ALTER TABLE access_log DISABLE TRIGGER USER`);
      await manager.query(`ALTER TABLE access_log_head DISABLE TRIGGER USER`);
      await manager.query(`TRUNCATE access_log`);
      await manager.query(`UPDATE access_log_head SET hash = '', entries = 0`);
      await manager.query(`ALTER TABLE access_log ENABLE TRIGGER USER`);
      await manager.query(`ALTER TABLE access_log_head ENABLE TRIGGER USER`);
    }),
  );

  it("holds an empty chain intact", async () => {
    expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 0, broken: null });
  });

  it("chains each entry to the one before it by SHA-256 over the previous hash and the entry's text", async () => {
    await write(1, 2, 3);
    const log = await rows();
    expect(log).toHaveLength(3);
    expect(log[0]!.prev_hash).toBe("");
    for (const [i, row] of log.entries()) {
      if (i > 0) expect(row.prev_hash).toBe(log[i - 1]!.hash);
      expect(row.hash).toBe(sha256(`${row.prev_hash}\n${row.entry}`));
    }
    // The stored text is the entry, and its searchable columns say what it says.
    const stored = JSON.parse(log[1]!.entry) as AccessLogEntry;
    expect(stored).toMatchObject({ service: "police", requestId: "r-2", user: "u-2", userName: "Officer 2", action: "read", outcome: "allowed", subjects: ["S2"] });
    expect([log[1]!.user_id, log[1]!.subject_ids]).toEqual(["u-2", ["S2"]]);
    const [head] = await query(`SELECT hash, entries FROM access_log_head`);
    expect({ hash: head.hash, entries: Number(head.entries) }).toEqual({ hash: log[2]!.hash, entries: 3 });
    expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 3, broken: null });
  });

  it("computes every entry's place and hash itself, whatever a writer sends", async () => {
    await write(1);
    const e = entry(2);
    await query(`INSERT INTO access_log (id, logged_at, user_id, agency, purpose, subject_ids, record_ids, entry, prev_hash, hash) VALUES (0, $1, $2, $3, $4, $5, $6, $7, 'forged', 'forged')`, [
      e.loggedAt,
      e.user,
      e.agency,
      e.purpose,
      e.subjects,
      recordIds(e.records),
      JSON.stringify(e),
    ]);
    const log = await rows();
    expect(log.map((row) => row.user_id)).toEqual(["u-1", "u-2"]);
    expect(log[1]!.prev_hash).toBe(log[0]!.hash);
    expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 2, broken: null });
  });

  describe("is append-only", () => {
    beforeEach(async () => {
      await write(1, 2);
      // The refusals are expected: keep the data source's error log of them out of the test output.
      jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    });
    afterEach(() => jest.restoreAllMocks());

    it.each([
      ["UPDATE", "access_log", `UPDATE access_log SET user_id = 'someone-else'`],
      ["DELETE", "access_log", `DELETE FROM access_log WHERE user_id = 'u-2'`],
      ["TRUNCATE", "access_log", `TRUNCATE access_log`],
      ["UPDATE", "access_log_head", `UPDATE access_log_head SET entries = 0, hash = ''`],
      ["DELETE", "access_log_head", `DELETE FROM access_log_head`],
      ["TRUNCATE", "access_log_head", `TRUNCATE access_log_head`],
    ])("refuses %s on %s", async (operation, table, sql) => {
      const before = await rows();
      const error = await query(sql).then(
        () => null,
        (e: unknown) => e as Error & { driverError?: { code?: string } },
      );
      expect(error?.message).toBe(`the access log is append-only: ${operation} on ${table} is refused`);
      expect(error?.driverError?.code).toBe("42501");
      expect(await rows()).toEqual(before);
      expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 2, broken: null });
    });

    it("has one head only", async () => {
      await expect(query(`INSERT INTO access_log_head (hash, entries) VALUES ('', 0)`)).rejects.toThrow(/duplicate key/);
    });
  });

  describe("shows tampering, naming the entry and how", () => {
    let log: Row[];
    beforeEach(async () => {
      await write(1, 2, 3, 4);
      log = await rows();
    });

    it("an entry's text altered", async () => {
      const altered = log[1]!.entry.replace('"S2"', '"S99"');
      expect(altered).not.toBe(log[1]!.entry);
      await tamper(`UPDATE access_log SET entry = $1 WHERE id = $2`, [altered, log[1]!.id]);
      expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 1, broken: { id: log[1]!.id, problem: "its text does not match its hash (the entry was altered)" } });
    });

    it("an entry's text altered and its hash recomputed", async () => {
      const altered = log[1]!.entry.replace('"u-2"', '"u-99"');
      await tamper(`UPDATE access_log SET entry = $1, user_id = 'u-99', hash = $2 WHERE id = $3`, [altered, sha256(`${log[1]!.prev_hash}\n${altered}`), log[1]!.id]);
      expect(await verifyAccessLog(database.dataSource)).toEqual({
        entries: 2,
        broken: { id: log[2]!.id, problem: "it does not point at the entry before it (an entry was removed or reordered)" },
      });
    });

    it("a searchable column altered", async () => {
      await tamper(`UPDATE access_log SET user_id = 'u-innocent' WHERE id = $1`, [log[2]!.id]);
      expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 2, broken: { id: log[2]!.id, problem: "its columns do not say what its hashed text says (a column was altered)" } });
    });

    it("an entry's subjects column altered, so a search by subject would not find it", async () => {
      await tamper(`UPDATE access_log SET subject_ids = '{}' WHERE id = $1`, [log[0]!.id]);
      expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 0, broken: { id: log[0]!.id, problem: "its columns do not say what its hashed text says (a column was altered)" } });
    });

    it("an entry's time altered", async () => {
      await tamper(`UPDATE access_log SET logged_at = logged_at - interval '1 day' WHERE id = $1`, [log[3]!.id]);
      expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 3, broken: { id: log[3]!.id, problem: "its columns do not say what its hashed text says (a column was altered)" } });
    });

    it("an entry in the middle deleted", async () => {
      await tamper(`DELETE FROM access_log WHERE id = $1`, [log[1]!.id]);
      expect(await verifyAccessLog(database.dataSource)).toEqual({
        entries: 1,
        broken: { id: log[2]!.id, problem: "it does not point at the entry before it (an entry was removed or reordered)" },
      });
    });

    it("the first entry deleted", async () => {
      await tamper(`DELETE FROM access_log WHERE id = $1`, [log[0]!.id]);
      expect((await verifyAccessLog(database.dataSource)).broken).toEqual({ id: log[1]!.id, problem: "it does not point at the entry before it (an entry was removed or reordered)" });
    });

    it("the last entry deleted (caught by the chain's head)", async () => {
      await tamper(`DELETE FROM access_log WHERE id = $1`, [log[3]!.id]);
      expect(await verifyAccessLog(database.dataSource)).toEqual({
        entries: 3,
        broken: {
          id: log[2]!.id,
          problem: `the chain's head records 4 entries ending in ${log[3]!.hash.slice(0, 12)}…, but the log holds 3: entries after this one were removed`,
        },
      });
    });

    it("two entries swapped", async () => {
      const [a, b] = [Number(log[1]!.id), Number(log[2]!.id)];
      await tamper(`UPDATE access_log SET id = -1 WHERE id = ${a}; UPDATE access_log SET id = ${a} WHERE id = ${b}; UPDATE access_log SET id = ${b} WHERE id = -1`);
      expect((await verifyAccessLog(database.dataSource)).broken).toEqual({ id: log[1]!.id, problem: "it does not point at the entry before it (an entry was removed or reordered)" });
    });

    it("and holds again once the triggers are back and nothing was changed", async () => {
      await tamper(`SELECT 1`);
      await write(5);
      expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 5, broken: null });
    });
  });

  it("makes one valid chain of many concurrent writes", async () => {
    await write(0);
    await Promise.all(Array.from({ length: 50 }, (_, i) => writeAccessLog(database.dataSource, entry(i + 1))));
    const log = await rows();
    expect(log).toHaveLength(51);
    expect(new Set(log.map((row) => JSON.parse(row.entry).requestId)).size).toBe(51);
    for (let i = 1; i < log.length; i++) expect(log[i]!.prev_hash).toBe(log[i - 1]!.hash);
    expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 51, broken: null });
  });

  it("keeps id order and chain order the same when a writer waits for the chain's head", async () => {
    const [a, b] = [new Client({ connectionString: database.url }), new Client({ connectionString: database.url })];
    await Promise.all([a.connect(), b.connect()]);
    const insert = (client: Client, i: number) => {
      const e = entry(i);
      return client.query(`INSERT INTO access_log (logged_at, user_id, agency, purpose, subject_ids, record_ids, entry, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, '', '')`, [
        e.loggedAt,
        e.user,
        e.agency,
        e.purpose,
        e.subjects,
        recordIds(e.records),
        JSON.stringify(e),
      ]);
    };
    try {
      // A holds the head; B's insert starts and waits for it; A writes again and commits; B goes on.
      await a.query("BEGIN");
      await insert(a, 1);
      const bPid = (await b.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
      const bInsert = insert(b, 2);
      while ((await a.query("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", [bPid])).rows[0]?.wait_event_type !== "Lock") {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await insert(a, 3);
      await a.query("COMMIT");
      await bInsert;
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    expect((await rows()).map((row) => row.user_id)).toEqual(["u-1", "u-3", "u-2"]);
    expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 3, broken: null });
  });

  it("finds an intact log intact while the service goes on writing to it", async () => {
    await write(1, 2, 3);
    let writing = true;
    const writer = (async () => {
      for (let i = 4; writing; i++) await writeAccessLog(database.dataSource, entry(i));
    })();
    try {
      for (let round = 0; round < 5; round++) expect((await verifyAccessLog(database.dataSource)).broken).toBeNull();
    } finally {
      writing = false;
      await writer;
    }
  });

  it("verifies a log longer than one page of the walk", async () => {
    // verifyAccessLog reads 5000 entries at a time: the chain must carry across pages. The chain is
    // built here as the trigger would build it, and loaded in one statement (triggers off) for speed.
    const e = entry(0);
    const texts = Array.from({ length: 5002 }, (_, i) => JSON.stringify({ ...entry(i), loggedAt: e.loggedAt }));
    const hashes: string[] = [];
    for (const text of texts) hashes.push(sha256(`${hashes.at(-1) ?? ""}\n${text}`));
    await database.dataSource.transaction(async (manager) => {
      await manager.query(`ALTER TABLE access_log DISABLE TRIGGER USER`);
      await manager.query(`ALTER TABLE access_log_head DISABLE TRIGGER USER`);
      await manager.query(
        `INSERT INTO access_log (id, logged_at, user_id, agency, purpose, subject_ids, record_ids, entry, prev_hash, hash)
         SELECT n, $1, 'u-' || (n - 1), $2, $3, ARRAY['S' || (n - 1)], ARRAY['S' || (n - 1) || '-O'], text, prev, hash FROM unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(text, prev, hash, n)`,
        [e.loggedAt, e.agency, e.purpose, texts, ["", ...hashes.slice(0, -1)], hashes],
      );
      await manager.query(`UPDATE access_log_head SET hash = $1, entries = $2`, [hashes.at(-1), texts.length]);
      await manager.query(`ALTER TABLE access_log ENABLE TRIGGER USER`);
      await manager.query(`ALTER TABLE access_log_head ENABLE TRIGGER USER`);
    });
    expect(await verifyAccessLog(database.dataSource)).toEqual({ entries: 5002, broken: null });
  });
});

describe("accessLogEntry", () => {
  const caller = testCaller({ user: "u-idris", name: "Dr Idris", agency: "health", roles: ["clinician"], area: "NVH", purpose: "safeguarding", justification: "Strategy meeting at 10:00 today" });

  it("is null for a request that touched no personal data", () => {
    expect(accessLogEntry("police", caller, { requestId: "r" }, null)).toBeNull();
  });

  it("says who asked, why, and what they were given and refused", () => {
    const made = accessLogEntry("police", caller, { requestId: "r-7", operation: "Subject" }, read(["S1"], [{ field: "Occurrence.summary", rule: "police/police-detail" }]))!;
    expect(made).toEqual({
      loggedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: "police",
      requestId: "r-7",
      operation: "Subject",
      user: "u-idris",
      userName: "Dr Idris",
      agency: "health",
      roles: ["clinician"],
      area: "NVH",
      purpose: "safeguarding",
      justification: "Strategy meeting at 10:00 today",
      action: "read",
      outcome: "partial",
      subjects: ["S1"],
      records: ["Occurrence:S1-O"],
      fields: ["Occurrence.id", "Query.occurrence"],
      denied: [{ field: "Occurrence.summary", rule: "police/police-detail" }],
    });
    // Key order is part of the hashed text.
    expect(Object.keys(made).slice(0, 5)).toEqual(["loggedAt", "service", "requestId", "operation", "user"]);
  });

  it("is allowed, denied or partial by what was refused", () => {
    const outcome = (record: AccessRecord) => accessLogEntry("police", caller, { requestId: "r" }, record)!.outcome;
    expect(outcome(read(["S1"]))).toBe("allowed");
    expect(outcome({ ...read(["S1"]), fields: [], denied: [{ field: "Query.occurrence", rule: "r" }] })).toBe("denied");
    expect(outcome(read(["S1"], [{ field: "Occurrence.summary", rule: "r" }]))).toBe("partial");
    expect(accessLogEntry("police", testCaller(), { requestId: "r" }, read([]))!).toMatchObject({ justification: null, operation: null });
  });
});
