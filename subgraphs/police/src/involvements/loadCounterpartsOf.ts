import type { ServiceContext } from "@tessera/kit";
import type { InvolvementRole } from "./InvolvementRole";

/** Someone who shares an occurrence with a nominal, in the role they were recorded in there. */
export interface SharedInvolvement {
  occurrenceId: string;
  nominalId: string;
  role: InvolvementRole;
}

/**
 * Everyone who shares an occurrence with each of these nominals, per occurrence and role, in one statement:
 * a DataLoader batch function. Other nominals of the same batch are not excluded here — one subject
 * may hold several — but by the caller, who knows which are the subject's own.
 */
export async function loadCounterpartsOf(context: ServiceContext, nominalIds: readonly string[]): Promise<SharedInvolvement[][]> {
  const rows: (SharedInvolvement & { of: string })[] = await context.db.query(
    `SELECT DISTINCT mine.nominal_id AS "of", other.occurrence_id AS "occurrenceId", other.nominal_id AS "nominalId", other.role
       FROM involvement mine
       JOIN involvement other ON other.occurrence_id = mine.occurrence_id AND other.nominal_id <> mine.nominal_id
      WHERE mine.nominal_id = ANY($1::text[])
      ORDER BY 1, 2, 3, 4`,
    [[...nominalIds]],
  );
  const byNominal = new Map<string, SharedInvolvement[]>();
  for (const { of, ...shared } of rows) byNominal.set(of, [...(byNominal.get(of) ?? []), shared]);
  return nominalIds.map((id) => byNominal.get(id) ?? []);
}
