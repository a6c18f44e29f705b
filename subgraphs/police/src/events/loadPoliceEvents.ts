import { newestPerRecord, type EventFilter, type ServiceContext } from "@tessera/kit";
import { POLICE_AGENCY } from "../agency";
import { SUBJECT_ROLE_OF } from "../involvements/subjectRoleOf";
import type { InvolvementRole } from "../involvements/InvolvementRole";
import { classifyPoliceEvent } from "./classifyPoliceEvent";
import { PoliceEvent } from "./PoliceEvent";
import { MARAC_REFERRAL_KIND } from "./policeEventKinds";

type EventRow = Pick<PoliceEvent, "localId" | "id" | "occurrenceId" | "area" | "occurredAt" | "kind" | "reportedAt" | "domesticAbuse" | "locationPostcode" | "summary" | "maracCriterion"> & {
  role: InvolvementRole;
};

/**
 * The police events of many nominals in ONE statement: occurrences they are involved in, and MARAC
 * referrals of them as victim (UNION ALL), filtered by time and kind and cut to each nominal's newest
 * `limit` in SQL. A nominal recorded in
 * several roles in one occurrence gets one event, in the role that matters most for safeguarding
 * (victim, then offender, suspect, witness, other).
 */
export async function loadPoliceEvents(context: ServiceContext, localIds: readonly string[], filter: EventFilter): Promise<Map<string, PoliceEvent[]>> {
  const rows: EventRow[] = await context.db.query(
    newestPerRecord(
      `SELECT * FROM (
       SELECT DISTINCT ON (i.nominal_id, o.id)
              i.nominal_id AS "localId", o.id, o.id AS "occurrenceId", o.force AS area, o.occurred_at AS "occurredAt",
              o.category AS kind, i.role, o.reported_at AS "reportedAt", o.domestic_abuse AS "domesticAbuse",
              o.location_postcode AS "locationPostcode", o.summary, NULL::text AS "maracCriterion"
         FROM involvement i
         JOIN occurrence o ON o.id = i.occurrence_id
        WHERE i.nominal_id = ANY($1::text[])
          AND ($2::timestamptz IS NULL OR o.occurred_at >= $2)
          AND ($3::timestamptz IS NULL OR o.occurred_at <= $3)
          AND ($4::text[] IS NULL OR o.category = ANY($4))
        ORDER BY i.nominal_id, o.id, array_position(ARRAY['VICTIM', 'OFFENDER', 'SUSPECT', 'WITNESS', 'OTHER'], i.role)
     ) AS occurrences
     UNION ALL
     SELECT m.victim_nominal_id, m.id, m.occurrence_id, n.force, m.referred_at,
            $5, 'VICTIM', NULL, true, NULL, NULL, m.criterion
       FROM marac_referral m
       JOIN nominal n ON n.id = m.victim_nominal_id
      WHERE m.victim_nominal_id = ANY($1::text[])
        AND ($2::timestamptz IS NULL OR m.referred_at >= $2)
        AND ($3::timestamptz IS NULL OR m.referred_at <= $3)
        AND ($4::text[] IS NULL OR $5 = ANY($4))`,
      { record: '"localId"', occurredAt: '"occurredAt"', id: "id" },
      "$6",
    ),
    [[...localIds], filter.from ?? null, filter.to ?? null, filter.kinds ?? null, MARAC_REFERRAL_KIND, filter.limit],
  );
  const byNominal = new Map<string, PoliceEvent[]>();
  for (const row of rows) {
    const event = Object.assign(new PoliceEvent(), row, {
      agency: POLICE_AGENCY,
      role: SUBJECT_ROLE_OF[row.role],
      classification: classifyPoliceEvent(row.kind, row.domesticAbuse),
    });
    byNominal.set(row.localId, [...(byNominal.get(row.localId) ?? []), event]);
  }
  return byNominal;
}
