import { countRows, loadRecords, type NdjsonRecord } from "@tessera/kit/testing";
import type { DataSource } from "typeorm";
import { recordTypes } from "../../records";

/** Synthetic police records for tests: the people and events are invented. */

export const POLICE_TABLES = ["nominal", "nominal_address", "occurrence", "involvement", "relationship", "dash_assessment", "marac_referral", "identity_outbox"] as const;

/** Row counts of every police table and the identity outbox, to prove a rejected write left nothing. */
export function rowCounts(db: DataSource) {
  return countRows(db, POLICE_TABLES);
}

/** Loads records through the real import path, failing the test on any rejected line. */
export async function seed(db: DataSource, lines: NdjsonRecord[]): Promise<void> {
  await loadRecords(db, recordTypes, lines);
}

/** A DASH checklist with this many YES answers among its 27. */
export function dashAnswers(yes: number): string[] {
  return Array.from({ length: 27 }, (_, index) => (index < yes ? "YES" : index % 2 === 0 ? "NO" : "NOT_KNOWN"));
}

/** A DASH checklist answered YES to these questions (1 to 27, police numbering) and NO to the rest. */
export function dashYesTo(questions: number[]): string[] {
  return Array.from({ length: 27 }, (_, index) => (questions.includes(index + 1) ? "YES" : "NO"));
}

export function nominalLine(id: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return {
    type: "nominal",
    id,
    force: "NMC",
    givenNames: "Penelope",
    familyName: "Ashworth",
    dateOfBirth: "1991-03-14",
    sex: "FEMALE",
    addresses: [{ line1: "4 Mill Lane", postcode: "nm1 4qt", from: "2019-05-01" }],
    ...overrides,
  };
}

export function occurrenceLine(id: string, occurredAt: string, overrides: Record<string, unknown> = {}): NdjsonRecord {
  return { type: "occurrence", id, force: "NMC", category: "DOMESTIC_INCIDENT", domesticAbuse: true, occurredAt, ...overrides };
}

export function involvementLine(occurrenceId: string, nominalId: string, role: string): NdjsonRecord {
  return { type: "involvement", occurrenceId, nominalId, role };
}

export function relationshipLine(occurrenceId: string, nominalId: string, otherNominalId: string, relationship: string): NdjsonRecord {
  return { type: "relationship", occurrenceId, nominalId, otherNominalId, relationship };
}
