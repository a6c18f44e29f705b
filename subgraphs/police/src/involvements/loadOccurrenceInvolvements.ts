import type { Relationship, ServiceContext } from "@tessera/kit";
import type { Involvement } from "./Involvement";

/** A nominal's part in an occurrence, with how they are related to others in it. */
export interface OccurrenceInvolvement extends Involvement {
  /** By the other nominal's id; a pair with no relationship recorded is absent. */
  relatedTo: Partial<Record<string, Relationship>>;
}

/**
 * Everyone involved in each of these occurrences, with the relationships recorded between them, in
 * one statement: a DataLoader batch function.
 */
export async function loadOccurrenceInvolvements(context: ServiceContext, occurrenceIds: readonly string[]): Promise<OccurrenceInvolvement[][]> {
  const rows: OccurrenceInvolvement[] = await context.db.query(
    `SELECT i.occurrence_id AS "occurrenceId", i.nominal_id AS "nominalId", i.role,
            COALESCE((SELECT jsonb_object_agg(CASE WHEN r.nominal_id = i.nominal_id THEN r.other_nominal_id ELSE r.nominal_id END, r.relationship)
                        FROM relationship r
                       WHERE r.occurrence_id = i.occurrence_id AND i.nominal_id IN (r.nominal_id, r.other_nominal_id)), '{}') AS "relatedTo"
       FROM involvement i WHERE i.occurrence_id = ANY($1::text[])
      ORDER BY i.occurrence_id, i.role, i.nominal_id`,
    [[...occurrenceIds]],
  );
  const byOccurrence = new Map<string, OccurrenceInvolvement[]>();
  for (const row of rows) byOccurrence.set(row.occurrenceId, [...(byOccurrence.get(row.occurrenceId) ?? []), row]);
  return occurrenceIds.map((id) => byOccurrence.get(id) ?? []);
}
