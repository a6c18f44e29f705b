import { Classification, Counterpart, newestPerRecord, orderedMarkers, PersonRef, SubjectRole, type EventFilter, type ServiceContext } from "@tessera/kit";
import { HEALTH_AGENCY } from "../agency";
import type { SafeguardingConcernCategory } from "../concerns/SafeguardingConcernCategory";
import type { EncounterSetting } from "../encounters/EncounterSetting";
import { HealthEvent } from "./HealthEvent";
import { concernMarkersSql, encounterMarkersSql } from "./healthEventMarkers";
import { SAFEGUARDING_CONCERN_KIND } from "./healthEventKinds";

interface EventRow {
  id: string;
  patient_id: string;
  area: string;
  occurred_at: Date;
  kind: string;
  setting: EncounterSetting | null;
  presenting_complaint: string | null;
  injury: boolean;
  injury_description: string | null;
  disclosed_abuse: boolean;
  alleged_perpetrator_name: string | null;
  alleged_perpetrator_patient_id: string | null;
  concern_category: SafeguardingConcernCategory | null;
  summary: string | null;
  gestation_weeks: number | null;
  markers: string[];
  sensitive: boolean;
}

/**
 * Encounters and safeguarding concerns share one statement (UNION ALL) for every patient record in
 * the request. An encounter is OFFICIAL-SENSITIVE when it touches abuse: a SARC attendance, a
 * disclosure, a named alleged perpetrator, or a concern raised from it; every concern is. A concern
 * raised from an encounter inherits that encounter's trust as its area and its alleged perpetrator
 * as a counterpart; otherwise its area is the trust holding the patient record. It carries the
 * markers of the encounter it was raised from only when that was the same patient's: a concern about
 * a baby raised at the mother's maternity encounter is not the baby's pregnancy, nor her injury.
 */
const EVENTS_SQL = `
  SELECT * FROM (
    SELECT e.id, e.patient_id, e.trust AS area, e.occurred_at, e.setting AS kind,
           e.setting, e.presenting_complaint, e.injury, e.injury_description, e.disclosed_abuse,
           e.alleged_perpetrator_name, e.alleged_perpetrator_patient_id,
           NULL::text AS concern_category, NULL::text AS summary,
           e.gestation_weeks, ${encounterMarkersSql("e", "p")} AS markers,
           (e.setting = 'SEXUAL_ASSAULT_REFERRAL_CENTRE' OR e.disclosed_abuse
             OR e.alleged_perpetrator_name IS NOT NULL OR e.alleged_perpetrator_patient_id IS NOT NULL
             OR EXISTS (SELECT 1 FROM safeguarding_concern raised WHERE raised.encounter_id = e.id)) AS sensitive
    FROM encounter e
    JOIN patient p ON p.id = e.patient_id
    WHERE e.patient_id = ANY($1::text[])
    UNION ALL
    SELECT c.id, c.patient_id, COALESCE(e.trust, p.trust), c.raised_at, '${SAFEGUARDING_CONCERN_KIND}',
           NULL, NULL, false, NULL, false,
           NULL, e.alleged_perpetrator_patient_id,
           c.category, c.summary,
           NULL, ${concernMarkersSql("c")} || CASE WHEN e.patient_id = c.patient_id THEN ${encounterMarkersSql("e", "p")} ELSE '{}'::text[] END,
           true
    FROM safeguarding_concern c
    JOIN patient p ON p.id = c.patient_id
    LEFT JOIN encounter e ON e.id = c.encounter_id
    WHERE c.patient_id = ANY($1::text[])
  ) AS events
  WHERE ($2::timestamptz IS NULL OR occurred_at >= $2::timestamptz)
    AND ($3::timestamptz IS NULL OR occurred_at <= $3::timestamptz)
    AND ($4::text[] IS NULL OR kind = ANY($4::text[]))
  ORDER BY occurred_at DESC, id`;

/** The health events of many patient records, keyed by patient id, in ONE SQL statement. */
export async function loadHealthEvents(context: ServiceContext, patientIds: readonly string[], filter: EventFilter): Promise<Map<string, HealthEvent[]>> {
  const rows: EventRow[] = await context.db.query(newestPerRecord(EVENTS_SQL, { record: "patient_id", occurredAt: "occurred_at", id: "id" }, "$5"), [
    [...patientIds],
    filter.from ?? null,
    filter.to ?? null,
    filter.kinds ?? null,
    filter.limit,
  ]);
  const byPatient = new Map<string, HealthEvent[]>();
  for (const row of rows) {
    const event = toHealthEvent(row);
    const list = byPatient.get(event.recordId);
    if (list) list.push(event);
    else byPatient.set(event.recordId, [event]);
  }
  return byPatient;
}

function toHealthEvent(row: EventRow): HealthEvent {
  return Object.assign(new HealthEvent(), {
    id: row.id,
    recordId: row.patient_id,
    agency: HEALTH_AGENCY,
    area: row.area,
    occurredAt: row.occurred_at,
    kind: row.kind,
    role: SubjectRole.PATIENT,
    counterparts: counterparts(row),
    classification: row.sensitive ? Classification.OFFICIAL_SENSITIVE : Classification.OFFICIAL,
    setting: row.setting,
    presentingComplaint: row.presenting_complaint,
    injury: row.injury,
    injuryDescription: row.injury_description,
    disclosedAbuse: row.disclosed_abuse,
    allegedPerpetratorName: row.alleged_perpetrator_name,
    concernCategory: row.concern_category,
    summary: row.summary,
    gestationWeeks: row.gestation_weeks,
    markers: orderedMarkers(row.markers),
  });
}

/**
 * Only an alleged perpetrator the trust recorded as a patient can be resolved by identity. Whom a
 * patient named is restricted, as a counterpart as much as a name: the health policy puts both at
 * the restricted level. The subject's own record is never its counterpart.
 */
function counterparts(row: EventRow): Counterpart[] {
  const perpetrator = row.alleged_perpetrator_patient_id;
  if (!perpetrator || perpetrator === row.patient_id) return [];
  const person = Object.assign(new PersonRef(), { agency: HEALTH_AGENCY, localId: perpetrator });
  return [Object.assign(new Counterpart(), { role: SubjectRole.ALLEGED_PERPETRATOR, person })];
}
