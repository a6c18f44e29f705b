import { Readable } from "node:stream";
import { importNdjson, LoaderRegistry, type ServiceContext } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { recordTypes } from "../../records";

/** Synthetic police records for tests: the people and events are invented. */

export const POLICE_TABLES = ["nominal", "nominal_address", "occurrence", "involvement", "dash_assessment", "marac_referral", "identity_outbox"] as const;

/** Row counts of every police table and the identity outbox, to prove a rejected write left nothing. */
export async function countRows(db: DataSource): Promise<Record<string, number>> {
  const [row] = await db.query(`SELECT ${POLICE_TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(", ")}`);
  return row;
}

/** A DASH checklist with this many YES answers among its 27. */
export function dashAnswers(yes: number): string[] {
  return Array.from({ length: 27 }, (_, index) => (index < yes ? "YES" : index % 2 === 0 ? "NO" : "NOT_KNOWN"));
}

export function nominalLine(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
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

export function occurrenceLine(id: string, occurredAt: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "occurrence", id, force: "NMC", category: "DOMESTIC_INCIDENT", domesticAbuse: true, occurredAt, ...overrides };
}

export function involvementLine(occurrenceId: string, nominalId: string, role: string): Record<string, unknown> {
  return { type: "involvement", occurrenceId, nominalId, role };
}

/** Loads records through the real import path, failing the test on any rejected line. */
export async function seed(db: DataSource, lines: Record<string, unknown>[]): Promise<void> {
  const report = await importNdjson({ db, types: recordTypes, input: Readable.from([lines.map((line) => JSON.stringify(line)).join("\n")]) });
  if (report.rejected.length) throw new Error(`seed rejected: ${JSON.stringify(report.rejected)}`);
}

/** A request context as the server builds one, without identity (registrations stay queued). */
export function testContext(db: DataSource): ServiceContext {
  return { requestId: "test", db, loaders: new LoaderRegistry() };
}
