import type { EntityManager } from "typeorm";
import { recordKeyString } from "../linkage/LinkageRecord";
import type { LinkagePlan, LinkPlacement } from "../linkage/planLinkage";
import type { StoredRegistration } from "./loadLinkageNeighbourhood";
import type { ValidRegistration } from "./parseRegistrations";

const DETAIL_FIELDS = ["area", "givenNames", "familyName", "dateOfBirth", "sex", "postcode", "nhsNumber", "pncId"] as const;

/**
 * Writes a linkage plan in three bulk statements: new subjects, then every record whose details or
 * link changed (one upsert), then the subjects left empty. Records that did not change are not
 * written at all, so registering the same batch twice changes nothing, not even a timestamp.
 */
export async function saveLinkagePlan(manager: EntityManager, plan: LinkagePlan, stored: StoredRegistration[], batch: ValidRegistration[], now: Date): Promise<void> {
  const storedByKey = new Map(stored.map((record) => [recordKeyString(record), record]));
  const rows: ReturnType<typeof toRow>[] = [];
  for (const record of batch) {
    const key = recordKeyString(record);
    const previous = storedByKey.get(key);
    storedByKey.delete(key);
    const placement = plan.placements.get(key)!;
    const detailsChanged = !previous || DETAIL_FIELDS.some((field) => previous[field] !== record[field]);
    if (!detailsChanged && !placement.relinked) continue;
    rows.push(toRow(record, placement, { registeredAt: previous?.registeredAt ?? now, updatedAt: detailsChanged ? now : previous!.updatedAt, linkedAt: placement.relinked ? now : previous!.linkedAt }));
  }
  for (const [key, record] of storedByKey) {
    const placement = plan.placements.get(key)!;
    if (placement.relinked) rows.push(toRow(record, placement, { registeredAt: record.registeredAt, updatedAt: record.updatedAt, linkedAt: now }));
  }

  if (plan.newSubjects.length) await manager.query(`INSERT INTO subject (id) SELECT unnest($1::uuid[])`, [plan.newSubjects]);
  if (rows.length) {
    await manager.query(
      `INSERT INTO person_record (agency, local_id, area, given_names, family_name, name_key, date_of_birth, sex, postcode, nhs_number, pnc_id,
                                  subject_id, link_rule, linked_to_agency, linked_to_local_id, linked_at, registered_at, updated_at)
       SELECT agency, local_id, area, given_names, family_name, name_key, date_of_birth, sex, postcode, nhs_number, pnc_id,
              subject_id, link_rule, linked_to_agency, linked_to_local_id, linked_at, registered_at, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS r(agency text, local_id text, area text, given_names text, family_name text, name_key text,
            date_of_birth date, sex text, postcode text, nhs_number text, pnc_id text, subject_id uuid, link_rule text,
            linked_to_agency text, linked_to_local_id text, linked_at timestamptz, registered_at timestamptz, updated_at timestamptz)
       ON CONFLICT (agency, local_id) DO UPDATE SET
         area = excluded.area, given_names = excluded.given_names, family_name = excluded.family_name, name_key = excluded.name_key,
         date_of_birth = excluded.date_of_birth, sex = excluded.sex, postcode = excluded.postcode, nhs_number = excluded.nhs_number,
         pnc_id = excluded.pnc_id, subject_id = excluded.subject_id, link_rule = excluded.link_rule,
         linked_to_agency = excluded.linked_to_agency, linked_to_local_id = excluded.linked_to_local_id,
         linked_at = excluded.linked_at, updated_at = excluded.updated_at`,
      [JSON.stringify(rows)],
    );
  }
  if (plan.vacatedSubjects.length) await manager.query(`DELETE FROM subject WHERE id = ANY($1::uuid[])`, [plan.vacatedSubjects]);
}

function toRow(record: ValidRegistration, placement: LinkPlacement, times: { registeredAt: Date; updatedAt: Date; linkedAt: Date }) {
  return {
    agency: record.agency,
    local_id: record.localId,
    area: record.area,
    given_names: record.givenNames,
    family_name: record.familyName,
    name_key: record.nameKey,
    date_of_birth: record.dateOfBirth ?? null,
    sex: record.sex ?? null,
    postcode: record.postcode ?? null,
    nhs_number: record.nhsNumber ?? null,
    pnc_id: record.pncId ?? null,
    subject_id: placement.subjectId,
    link_rule: placement.rule,
    linked_to_agency: placement.linkedTo?.agency ?? null,
    linked_to_local_id: placement.linkedTo?.localId ?? null,
    linked_at: times.linkedAt.toISOString(),
    registered_at: times.registeredAt.toISOString(),
    updated_at: times.updatedAt.toISOString(),
  };
}
