import { Readable } from "node:stream";
import { importNdjson, type ImportReport } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { recordTypes } from "../../records";

/** Synthetic NDJSON records in the import format; every person and place here is invented. */
export type NdjsonRecord = Record<string, unknown> & { type: string };

export function patientLine(id: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return { type: "patient", id, trust: "NVH", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", ...overrides };
}

export function encounterLine(id: string, patientId: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return { type: "encounter", id, patientId, trust: "NVH", setting: "EMERGENCY_DEPARTMENT", occurredAt: "2024-03-02T01:10:00Z", ...overrides };
}

export function concernLine(id: string, patientId: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return { type: "safeguardingConcern", id, patientId, raisedAt: "2024-03-02T03:00:00Z", category: "DOMESTIC_ABUSE", ...overrides };
}

export function toNdjson(records: readonly (NdjsonRecord | string)[]): string {
  return records.map((record) => (typeof record === "string" ? record : JSON.stringify(record))).join("\n") + "\n";
}

/** Loads records through the real import path, failing the test if any line is rejected. */
export async function load(db: DataSource, records: readonly NdjsonRecord[]): Promise<ImportReport> {
  const report = await importNdjson({ db, types: recordTypes, input: Readable.from([toNdjson(records)]) });
  if (report.rejected.length) throw new Error(`fixture lines rejected: ${JSON.stringify(report.rejected)}`);
  return report;
}

export async function countRows(db: DataSource, table: "patient" | "encounter" | "safeguarding_concern" | "identity_outbox"): Promise<number> {
  const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

/** Row counts of every table a health write touches, to show a rejected write left nothing behind. */
export async function allCounts(db: DataSource): Promise<Record<string, number>> {
  return {
    patient: await countRows(db, "patient"),
    encounter: await countRows(db, "encounter"),
    safeguarding_concern: await countRows(db, "safeguarding_concern"),
    identity_outbox: await countRows(db, "identity_outbox"),
  };
}
