import type { ServiceContext } from "@tessera/kit";
import type { Involvement } from "./Involvement";

/** Everyone involved in each of these occurrences, in one statement: a DataLoader batch function. */
export async function loadOccurrenceInvolvements(context: ServiceContext, occurrenceIds: readonly string[]): Promise<Involvement[][]> {
  const rows: Involvement[] = await context.db.query(
    `SELECT occurrence_id AS "occurrenceId", nominal_id AS "nominalId", role
       FROM involvement WHERE occurrence_id = ANY($1::text[])
      ORDER BY occurrence_id, role, nominal_id`,
    [[...occurrenceIds]],
  );
  const byOccurrence = new Map<string, Involvement[]>();
  for (const row of rows) byOccurrence.set(row.occurrenceId, [...(byOccurrence.get(row.occurrenceId) ?? []), row]);
  return occurrenceIds.map((id) => byOccurrence.get(id) ?? []);
}
