import { createHash } from "node:crypto";
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from "typeorm";
import type { Caller } from "./Caller";
import type { AccessRecord } from "./RequestAccess";

/**
 * The statutory access log (DPA 2018 s62): one entry per request that read or wrote personal data,
 * kept in the owning service's own database. Append-only (triggers refuse UPDATE, DELETE and
 * TRUNCATE) and tamper-evident: PostgreSQL chains each entry to the one before by SHA-256, under a
 * lock on the chain's head, so concurrent writers from several processes still make one chain.
 */
export interface AccessLogEntry extends AccessRecord {
  loggedAt: string;
  service: string;
  requestId: string;
  operation: string | null;
  user: string;
  userName: string;
  agency: string;
  roles: string[];
  area: string;
  purpose: string;
  justification: string | null;
  outcome: "allowed" | "denied" | "partial";
}

export class CreateAccessLog1732600000000 implements MigrationInterface {
  name = "CreateAccessLog1732600000000";

  async up(runner: QueryRunner): Promise<void> {
    // No column default for the id: the chain trigger draws it under the head's lock, so that id order
    // is chain order however many writers there are.
    await runner.query(`CREATE SEQUENCE access_log_id_seq`);
    await runner.query(`CREATE TABLE access_log (
      id bigint PRIMARY KEY,
      logged_at timestamptz NOT NULL,
      user_id text NOT NULL,
      agency text NOT NULL,
      purpose text NOT NULL,
      subject_ids text[] NOT NULL,
      record_ids text[] NOT NULL,
      entry text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`);
    await runner.query(`ALTER SEQUENCE access_log_id_seq OWNED BY access_log.id`);
    await runner.query(`CREATE INDEX access_log_subject_ids ON access_log USING gin (subject_ids)`);
    await runner.query(`CREATE INDEX access_log_record_ids ON access_log USING gin (record_ids)`);
    await runner.query(`CREATE INDEX access_log_logged_at ON access_log (logged_at, id)`);
    await runner.query(`CREATE TABLE access_log_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      hash text NOT NULL,
      entries bigint NOT NULL
    )`);
    await runner.query(`INSERT INTO access_log_head (hash, entries) VALUES ('', 0)`);
    await runner.query(`CREATE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head access_log_head%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM access_log_head FOR UPDATE;
        NEW.id := nextval('access_log_id_seq');
        NEW.prev_hash := head.hash;
        NEW.hash := encode(sha256(convert_to(head.hash || E'\\n' || NEW.entry, 'UTF8')), 'hex');
        UPDATE access_log_head SET hash = NEW.hash, entries = head.entries + 1;
        RETURN NEW;
      END $$`);
    await runner.query(`CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_chain()`);
    await runner.query(`CREATE FUNCTION access_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- The chain trigger moves the head forward; nothing else may change either table.
        IF TG_TABLE_NAME = 'access_log_head' AND TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'the access log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ["access_log", "access_log_head"]) {
      await runner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION access_log_refuse()`);
      await runner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE access_log, access_log_head`);
    await runner.query(`DROP FUNCTION access_log_chain(), access_log_refuse()`);
  }
}

/** The entry for one request, or null when it touched no personal data. */
export function accessLogEntry(service: string, caller: Caller, request: { requestId: string; operation?: string | null }, record: AccessRecord | null): AccessLogEntry | null {
  if (!record) return null;
  const outcome = record.denied.length === 0 ? "allowed" : record.fields.length === 0 ? "denied" : "partial";
  // Key order is fixed here: the stored text is what is hashed, and what an auditor reads.
  return {
    loggedAt: new Date().toISOString(),
    service,
    requestId: request.requestId,
    operation: request.operation ?? null,
    user: caller.user,
    userName: caller.name,
    agency: caller.agency,
    roles: [...caller.roles],
    area: caller.area,
    purpose: caller.purpose,
    justification: caller.justification ?? null,
    action: record.action,
    outcome,
    subjects: record.subjects,
    records: record.records,
    fields: record.fields,
    denied: record.denied,
  };
}

/** One INSERT, whatever the request read: the chain is computed by PostgreSQL. */
export async function writeAccessLog(db: DataSource, entry: AccessLogEntry): Promise<void> {
  await db.query(`INSERT INTO access_log (logged_at, user_id, agency, purpose, subject_ids, record_ids, entry, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, '', '')`, [
    entry.loggedAt,
    entry.user,
    entry.agency,
    entry.purpose,
    entry.subjects,
    recordIds(entry.records),
    JSON.stringify(entry),
  ]);
}

/**
 * `Patient:NVH-P-1` → `NVH-P-1`: an auditor looking for who read a record knows its id, not the type
 * each query reached it through. Indexed, so that "who looked at this record" is one probe.
 */
export function recordIds(records: readonly string[]): string[] {
  return [...new Set(records.map((record) => record.slice(record.indexOf(":") + 1)))].sort();
}

export interface ChainVerification {
  entries: number;
  /** The first entry whose link does not hold, and how; null when the whole chain holds. */
  broken: { id: string; problem: string } | null;
}

const PAGE = 5000;

/**
 * Walks the chain from its first entry: each entry must point at the one before, hash to its stored
 * hash, and say in its indexed columns what its hashed text says; the head must name the last entry.
 */
export async function verifyAccessLog(db: DataSource): Promise<ChainVerification> {
  // One snapshot for the walk and the head: a service writing meanwhile must not look like tampering.
  return db.transaction("REPEATABLE READ", (manager) => walkChain(manager));
}

async function walkChain(db: EntityManager): Promise<ChainVerification> {
  let previous = "";
  let entries = 0;
  let after = "0";
  for (;;) {
    const rows: (LogRow & { id: string })[] = await db.query(
      `SELECT id, logged_at, user_id, agency, purpose, subject_ids, record_ids, entry, prev_hash, hash FROM access_log WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) {
      const problem = linkProblem(row, previous);
      if (problem) return { entries, broken: { id: row.id, problem } };
      previous = row.hash;
      entries += 1;
      after = row.id;
    }
    if (rows.length < PAGE) break;
  }
  const [head] = await db.query(`SELECT hash, entries FROM access_log_head`);
  if (!head) return { entries, broken: { id: after, problem: "the chain's head is missing (access_log_head was emptied)" } };
  if (head.hash !== previous || Number(head.entries) !== entries) {
    return { entries, broken: { id: after, problem: `the chain's head records ${head.entries} entries ending in ${String(head.hash).slice(0, 12)}…, but the log holds ${entries}: entries after this one were removed` } };
  }
  return { entries, broken: null };
}

interface LogRow {
  logged_at: Date;
  user_id: string;
  agency: string;
  purpose: string;
  subject_ids: string[];
  record_ids: string[];
  entry: string;
  prev_hash: string;
  hash: string;
}

function linkProblem(row: LogRow, previous: string): string | null {
  if (row.prev_hash !== previous) return "it does not point at the entry before it (an entry was removed or reordered)";
  const expected = createHash("sha256").update(`${previous}\n${row.entry}`, "utf8").digest("hex");
  if (row.hash !== expected) return "its text does not match its hash (the entry was altered)";
  let entry: AccessLogEntry;
  try {
    entry = JSON.parse(row.entry) as AccessLogEntry;
  } catch {
    return "its text is not an entry";
  }
  const columnsAgree =
    new Date(row.logged_at).toISOString() === entry.loggedAt &&
    row.user_id === entry.user &&
    row.agency === entry.agency &&
    row.purpose === entry.purpose &&
    JSON.stringify(row.subject_ids) === JSON.stringify(entry.subjects) &&
    JSON.stringify(row.record_ids) === JSON.stringify(recordIds(entry.records));
  return columnsAgree ? null : "its columns do not say what its hashed text says (a column was altered)";
}
