import type { Sex } from "@tessera/kit";
import type { EntityManager } from "typeorm";
import type { LinkRule } from "../linkage/LinkRule";
import type { StoredLink } from "../linkage/planLinkage";
import type { ValidRegistration } from "./parseRegistrations";

/** A person record as stored, with what linkage needs and what a rewrite must keep. */
export interface StoredRegistration extends StoredLink, ValidRegistration {
  linkedAt: Date;
  updatedAt: Date;
}

interface Row {
  agency: string;
  localId: string;
  area: string;
  givenNames: string;
  familyName: string;
  nameKey: string;
  dateOfBirth: string | null;
  sex: Sex | null;
  postcode: string | null;
  nhsNumber: string | null;
  pncId: string | null;
  subjectId: string;
  subjectCreatedAt: Date;
  rule: LinkRule;
  linkedToAgency: string | null;
  linkedToLocalId: string | null;
  linkedAt: Date;
  registeredAt: Date;
  updatedAt: Date;
}

/**
 * Every record of every subject a batch touches, in ONE statement: the subjects of the records that
 * share a blocking key with a registration (the database side of `BLOCKING_RULES`: NHS number,
 * PNC ID, name key with date of birth, each on its index) and the subjects the registered records
 * are in now. Whole subjects are loaded so that merges, moves and evidence are decided on a set
 * closed under links.
 *
 * And one hop further: the subjects of records sharing a blocking key with any record of those
 * subjects. Linkage refuses links that would put two NHS numbers or PNC IDs in one subject, so a
 * record can match a record of another subject and be kept apart from it by a third record; when
 * that third record changes and leaves, the two belong together, and the plan must see both.
 */
export async function loadLinkageNeighbourhood(manager: EntityManager, batch: ValidRegistration[]): Promise<StoredRegistration[]> {
  const withDateOfBirth = batch.filter((record) => record.dateOfBirth);
  const rows: Row[] = await manager.query(
    `WITH touched AS (
       SELECT subject_id FROM person_record WHERE nhs_number = ANY($1::text[])
       UNION SELECT subject_id FROM person_record WHERE pnc_id = ANY($2::text[])
       UNION SELECT p.subject_id FROM person_record p
         JOIN unnest($3::text[], $4::date[]) AS k(name_key, date_of_birth) ON p.name_key = k.name_key AND p.date_of_birth = k.date_of_birth
       UNION SELECT p.subject_id FROM person_record p
         JOIN unnest($5::text[], $6::text[]) AS k(agency, local_id) ON p.agency = k.agency AND p.local_id = k.local_id
     ),
     touched_record AS (
       SELECT nhs_number, pnc_id, name_key, date_of_birth FROM person_record WHERE subject_id IN (SELECT subject_id FROM touched)
     ),
     neighbourhood AS (
       SELECT subject_id FROM touched
       UNION SELECT p.subject_id FROM person_record p JOIN touched_record t ON p.nhs_number = t.nhs_number WHERE p.nhs_number IS NOT NULL
       UNION SELECT p.subject_id FROM person_record p JOIN touched_record t ON p.pnc_id = t.pnc_id WHERE p.pnc_id IS NOT NULL
       UNION SELECT p.subject_id FROM person_record p
         JOIN touched_record t ON p.name_key = t.name_key AND p.date_of_birth = t.date_of_birth
     )
     SELECT p.agency, p.local_id AS "localId", p.area, p.given_names AS "givenNames", p.family_name AS "familyName",
            p.name_key AS "nameKey", p.date_of_birth::text AS "dateOfBirth", p.sex, p.postcode,
            p.nhs_number AS "nhsNumber", p.pnc_id AS "pncId", p.subject_id AS "subjectId", s.created_at AS "subjectCreatedAt",
            p.link_rule AS rule, p.linked_to_agency AS "linkedToAgency", p.linked_to_local_id AS "linkedToLocalId",
            p.linked_at AS "linkedAt", p.registered_at AS "registeredAt", p.updated_at AS "updatedAt"
     FROM person_record p JOIN subject s ON s.id = p.subject_id
     WHERE p.subject_id IN (SELECT subject_id FROM neighbourhood)`,
    [
      batch.flatMap((record) => (record.nhsNumber ? [record.nhsNumber] : [])),
      batch.flatMap((record) => (record.pncId ? [record.pncId] : [])),
      withDateOfBirth.map((record) => record.nameKey),
      withDateOfBirth.map((record) => record.dateOfBirth),
      batch.map((record) => record.agency),
      batch.map((record) => record.localId),
    ],
  );
  return rows.map(toStoredRegistration);
}

function toStoredRegistration(row: Row): StoredRegistration {
  return {
    agency: row.agency,
    localId: row.localId,
    area: row.area,
    givenNames: row.givenNames,
    familyName: row.familyName,
    nameKey: row.nameKey,
    ...(row.dateOfBirth ? { dateOfBirth: row.dateOfBirth } : {}),
    ...(row.sex ? { sex: row.sex } : {}),
    ...(row.postcode ? { postcode: row.postcode } : {}),
    ...(row.nhsNumber ? { nhsNumber: row.nhsNumber } : {}),
    ...(row.pncId ? { pncId: row.pncId } : {}),
    subjectId: row.subjectId,
    subjectCreatedAt: row.subjectCreatedAt,
    rule: row.rule,
    ...(row.linkedToAgency && row.linkedToLocalId ? { linkedTo: { agency: row.linkedToAgency, localId: row.linkedToLocalId } } : {}),
    linkedAt: row.linkedAt,
    registeredAt: row.registeredAt,
    updatedAt: row.updatedAt,
  };
}
