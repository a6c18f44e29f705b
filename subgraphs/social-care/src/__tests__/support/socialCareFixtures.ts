import { countRows, loadRecords, type NdjsonRecord } from "@tessera/kit/testing";
import type { ImportReport } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { recordTypes } from "../../records";

/** Synthetic social care records for tests, in the import format; every person here is invented. */

export const SOCIAL_CARE_TABLES = ["client", "episode", "episode_involvement", "household_member", "identity_outbox"] as const;

/** Every table's row count in one look, so a test can say "nothing was written" of all of them at once. */
export function rowCounts(db: DataSource) {
  return countRows(db, SOCIAL_CARE_TABLES);
}

/** Loads records through the real import path, failing the test if any line is rejected. */
export function seed(db: DataSource, records: readonly NdjsonRecord[]): Promise<ImportReport> {
  return loadRecords(db, recordTypes, records);
}

/** Records of one type, as import lines: `ofType("client", [{ id, council, … }])`. */
export function ofType(type: string, inputs: readonly Record<string, unknown>[]): NdjsonRecord[] {
  return inputs.map((input) => ({ type, ...input }));
}
