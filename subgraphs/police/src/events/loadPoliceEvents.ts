import { newestPerRecord, orderedMarkers, type SafeguardingMarker, type EventFilter, type ServiceContext } from "@tessera/kit";
import { POLICE_AGENCY } from "../agency";
import type { DashOfficerGrading } from "../dash/dashVocabulary";
import { SUBJECT_ROLE_OF } from "../involvements/subjectRoleOf";
import type { InvolvementRole } from "../involvements/InvolvementRole";
import { loadMarkerDerivation } from "../markers/markerDerivation";
import { classifyPoliceEvent } from "./classifyPoliceEvent";
import { PoliceEvent } from "./PoliceEvent";
import { MARAC_REFERRAL_KIND } from "./policeEventKinds";

type EventRow = Pick<PoliceEvent, "recordId" | "id" | "occurrenceId" | "area" | "occurredAt" | "kind" | "reportedAt" | "domesticAbuse" | "locationPostcode" | "summary" | "maracCriterion"> & {
  role: InvolvementRole;
  markers: SafeguardingMarker[];
  dashYesCount: number | null;
  officerGrading: DashOfficerGrading | null;
  /** Null on a MARAC referral's row, which has no victimRisk. */
  maracReferred: boolean;
};

const DERIVATION = loadMarkerDerivation();

/**
 * The police events of many nominals in ONE statement: occurrences they are involved in, and MARAC
 * referrals of them as victim (UNION ALL), filtered by time and kind and cut to each nominal's newest
 * `limit` in SQL. A nominal recorded in
 * several roles in one occurrence gets one event, in the role that matters most for safeguarding
 * (victim, then offender, suspect, witness, other). Only then, for the events kept, the same
 * statement adds what their occurrence says about everyone in it: its markers, and how its victims
 * were assessed. Its DASH-derived markers are the exception: a victim's event reads only her own DASH.
 */
export async function loadPoliceEvents(context: ServiceContext, localIds: readonly string[], filter: EventFilter): Promise<Map<string, PoliceEvent[]>> {
  const rows: EventRow[] = await context.db.query(
    `WITH events AS (${newestPerRecord(
      `SELECT * FROM (
       SELECT DISTINCT ON (i.nominal_id, o.id)
              i.nominal_id AS "recordId", o.id, o.id AS "occurrenceId", o.force AS area, o.occurred_at AS "occurredAt",
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
      { record: '"recordId"', occurredAt: '"occurredAt"', id: "id" },
      "$6",
    )})
     SELECT e.*,
            ARRAY(
              SELECT unnest(o.markers)
              UNION SELECT implied.marker FROM unnest($9::text[], $10::text[]) AS implied(category, marker) WHERE implied.category = o.category
              UNION SELECT answered.marker
                      FROM dash_assessment d
                      JOIN unnest($7::int[], $8::text[]) AS answered(question, marker) ON d.answers[answered.question] = 'YES'
                     WHERE d.occurrence_id = o.id AND d.tool = 'DASH'
                       -- A victim's answers describe her own situation (her pregnancy, what was done to her):
                       -- a victim is given only her own DASH's; anyone else, as the occurrence's view of what
                       -- its victims face, every victim's.
                       AND (e.role <> 'VICTIM' OR d.victim_nominal_id = e."recordId")
            ) AS markers,
            victims."dashYesCount", victims."officerGrading", victims."maracReferred"
       FROM events e
       LEFT JOIN occurrence o ON o.id = e."occurrenceId"
       LEFT JOIN LATERAL (
         SELECT (SELECT max(latest.yes_count)
                   FROM (SELECT DISTINCT ON (d.victim_nominal_id) d.yes_count FROM dash_assessment d
                          WHERE d.occurrence_id = o.id AND d.tool = 'DASH'
                          ORDER BY d.victim_nominal_id, d.assessed_at DESC, d.id DESC) AS latest) AS "dashYesCount",
                (SELECT latest.officer_grading
                   FROM (SELECT DISTINCT ON (d.victim_nominal_id) d.officer_grading FROM dash_assessment d
                          WHERE d.occurrence_id = o.id
                          ORDER BY d.victim_nominal_id, d.assessed_at DESC, d.id DESC) AS latest
                  WHERE latest.officer_grading IS NOT NULL
                  ORDER BY array_position(ARRAY['STANDARD', 'MEDIUM', 'HIGH'], latest.officer_grading) DESC
                  LIMIT 1) AS "officerGrading",
                EXISTS (SELECT 1 FROM marac_referral m WHERE m.occurrence_id = o.id) AS "maracReferred"
       ) AS victims ON e.kind <> $5`,
    [
      [...localIds],
      filter.from ?? null,
      filter.to ?? null,
      filter.kinds ?? null,
      MARAC_REFERRAL_KIND,
      filter.limit,
      DERIVATION.dashQuestions.map((entry) => entry.question),
      DERIVATION.dashQuestions.map((entry) => entry.marker),
      DERIVATION.categories.map((entry) => entry.category),
      DERIVATION.categories.map((entry) => entry.marker),
    ],
  );
  const byNominal = new Map<string, PoliceEvent[]>();
  for (const { markers, dashYesCount, officerGrading, maracReferred, ...row } of rows) {
    const event = Object.assign(new PoliceEvent(), row, {
      agency: POLICE_AGENCY,
      role: SUBJECT_ROLE_OF[row.role],
      classification: classifyPoliceEvent(row.kind, row.domesticAbuse),
      markers: orderedMarkers(markers),
      victimRisk: row.kind === MARAC_REFERRAL_KIND ? null : { dashYesCount, officerGrading, maracReferred },
    });
    byNominal.set(row.recordId, [...(byNominal.get(row.recordId) ?? []), event]);
  }
  return byNominal;
}
