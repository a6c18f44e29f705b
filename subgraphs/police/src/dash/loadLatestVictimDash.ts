import type { ServiceContext } from "@tessera/kit";
import type { DashAssessment } from "./DashAssessment";

/** The loader key of one victim's assessments on one occurrence. */
export function victimDashKey(occurrenceId: string, victimNominalId: string): string {
  return JSON.stringify([occurrenceId, victimNominalId]);
}

/**
 * The latest DASH/DARA assessment per (occurrence, victim nominal) key, in one statement: a
 * DataLoader batch function. A nominal who was not the assessed victim gets null.
 */
export async function loadLatestVictimDash(context: ServiceContext, keys: readonly string[]): Promise<(DashAssessment | null)[]> {
  const pairs = keys.map((key) => JSON.parse(key) as [string, string]);
  const rows: DashAssessment[] = await context.db.query(
    `SELECT DISTINCT ON (d.occurrence_id, d.victim_nominal_id)
            d.id, d.occurrence_id AS "occurrenceId", d.victim_nominal_id AS "victimNominalId", d.assessed_at AS "assessedAt",
            d.tool, d.answers, d.yes_count AS "yesCount", d.officer_grading AS "officerGrading"
       FROM dash_assessment d
       JOIN unnest($1::text[], $2::text[]) AS k(occurrence_id, nominal_id)
         ON d.occurrence_id = k.occurrence_id AND d.victim_nominal_id = k.nominal_id
      ORDER BY d.occurrence_id, d.victim_nominal_id, d.assessed_at DESC, d.id DESC`,
    [pairs.map(([occurrenceId]) => occurrenceId), pairs.map(([, nominalId]) => nominalId)],
  );
  const byKey = new Map(rows.map((row) => [victimDashKey(row.occurrenceId, row.victimNominalId), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}
