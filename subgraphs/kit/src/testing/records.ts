import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { DataSource } from "typeorm";
import { LoaderRegistry } from "../loaders/LoaderRegistry";
import { importNdjson, type ImportReport } from "../records/importNdjson";
import type { RecordTypes } from "../records/RecordType";
import { sqlIdentifier } from "../records/sqlIdentifier";
import type { Caller } from "../access/Caller";
import type { ServiceContext } from "../server/ServiceContext";

/** One NDJSON line as an object: a `type` naming the record type, and its fields. */
export type NdjsonRecord = Record<string, unknown> & { type: string };

/** NDJSON text of these records; a string is written as it is (a malformed line, or a blank one). */
export function toNdjson(records: readonly (NdjsonRecord | string)[]): string {
  return records.map((record) => (typeof record === "string" ? record : JSON.stringify(record))).join("\n") + "\n";
}

/** Loads records through the real import path, failing the test if any line is rejected. */
export async function loadRecords(db: DataSource, types: RecordTypes, records: readonly NdjsonRecord[]): Promise<ImportReport> {
  const report = await importNdjson({ db, types, input: Readable.from([toNdjson(records)]) });
  if (report.rejected.length) throw new Error(`fixture lines rejected: ${JSON.stringify(report.rejected)}`);
  return report;
}

/**
 * The row count of each of these tables, in one statement, so a test can say of all of them at once
 * that a rejected write left nothing behind.
 */
export async function countRows<Table extends string>(db: DataSource, tables: readonly Table[]): Promise<Record<Table, number>> {
  if (tables.length === 0) return {} as Record<Table, number>;
  for (const table of tables) sqlIdentifier(table, "table name");
  const [row] = await db.query(`SELECT ${tables.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(", ")}`);
  return row;
}

/**
 * A request context as the server builds one (a fresh DataLoader registry), without the identity
 * relay: registrations stay queued in the outbox for the test to read.
 */
export function testContext(db: DataSource, extra: Partial<ServiceContext> = {}): ServiceContext {
  return { requestId: randomUUID(), db, loaders: new LoaderRegistry(), ...extra };
}

/** A verified caller for in-process tests of resolvers that record who acted. */
export function testCaller(overrides: Partial<Caller> = {}): Caller {
  return { user: "u-test", name: "Test User", agency: "police", roles: ["officer"], area: "NMC", purpose: "safeguarding", ...overrides };
}
