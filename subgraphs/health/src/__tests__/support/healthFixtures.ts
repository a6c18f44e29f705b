import { countRows, loadRecords, type NdjsonRecord } from "@tessera/kit/testing";
import type { ImportReport } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { recordTypes } from "../../records";

/** Synthetic health records for tests, in the import format; every person and place here is invented. */

export const HEALTH_TABLES = ["patient", "encounter", "safeguarding_concern", "identity_outbox"] as const;

/** Row counts of every table a health write touches, to show a rejected write left nothing behind. */
export function rowCounts(db: DataSource) {
  return countRows(db, HEALTH_TABLES);
}

/** Loads records through the real import path, failing the test if any line is rejected. */
export function seed(db: DataSource, records: readonly NdjsonRecord[]): Promise<ImportReport> {
  return loadRecords(db, recordTypes, records);
}

export function patientLine(id: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return { type: "patient", id, trust: "NVH", givenNames: "Penelope", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", ...overrides };
}

export function encounterLine(id: string, patientId: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return { type: "encounter", id, patientId, trust: "NVH", setting: "EMERGENCY_DEPARTMENT", occurredAt: "2024-03-02T01:10:00Z", ...overrides };
}

export function concernLine(id: string, patientId: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return { type: "safeguardingConcern", id, patientId, raisedAt: "2024-03-02T03:00:00Z", category: "DOMESTIC_ABUSE", ...overrides };
}
