import type { Sex } from "@tessera/kit";
import type { EntityManager } from "typeorm";
import type { LinkRule } from "../linkage/LinkRule";
import { recordKeyString, type RecordKey } from "../linkage/RecordKey";
import type { ValidRegistration } from "../registration/parseRegistrations";

/** A person record as identity holds it: what the agency registered, where it is linked, and why. */
export interface StoredRecord extends ValidRegistration {
  subjectId: string;
  subjectCreatedAt: Date;
  subjectSupport: number;
  rule: LinkRule;
  linkedTo?: RecordKey;
  matchWeight: number | null;
  modelVersion: number | null;
  decisionId: string | null;
  linkedAt: Date;
  registeredAt: Date;
  updatedAt: Date;
}

/** A reviewer's pair constraint, from an active (not revoked) decision. */
export interface StoredConstraint {
  decisionId: string;
  left: RecordKey;
  right: RecordKey;
  samePerson: boolean;
}

/** The columns of `StoredRecord`, for `SELECT … FROM person_record p JOIN subject s ON s.id = p.subject_id`. */
export const STORED_RECORD_COLUMNS = `p.agency, p.local_id AS "localId", p.area, p.given_names AS "givenNames", p.family_name AS "familyName",
  p.name_key AS "nameKey", to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.sex, p.postcode, p.nhs_number AS "nhsNumber",
  p.pnc_id AS "pncId", p.email, p.phone, p.subject_id AS "subjectId", s.created_at AS "subjectCreatedAt", s.support AS "subjectSupport",
  p.link_rule AS rule, p.linked_to_agency AS "linkedToAgency", p.linked_to_local_id AS "linkedToLocalId", p.match_weight AS "matchWeight",
  p.model_version AS "modelVersion", p.decision_id::text AS "decisionId", p.linked_at AS "linkedAt", p.registered_at AS "registeredAt",
  p.updated_at AS "updatedAt"`;

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
  email: string | null;
  phone: string | null;
  subjectId: string;
  subjectCreatedAt: Date;
  subjectSupport: number;
  rule: LinkRule;
  linkedToAgency: string | null;
  linkedToLocalId: string | null;
  matchWeight: number | null;
  modelVersion: number | null;
  decisionId: string | null;
  linkedAt: Date;
  registeredAt: Date;
  updatedAt: Date;
}

export function toStoredRecord(row: Row): StoredRecord {
  const { dateOfBirth, sex, postcode, nhsNumber, pncId, email, phone, linkedToAgency, linkedToLocalId, ...rest } = row;
  return {
    ...rest,
    ...(dateOfBirth ? { dateOfBirth } : {}),
    ...(sex ? { sex } : {}),
    ...(postcode ? { postcode } : {}),
    ...(nhsNumber ? { nhsNumber } : {}),
    ...(pncId ? { pncId } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(linkedToAgency && linkedToLocalId ? { linkedTo: { agency: linkedToAgency, localId: linkedToLocalId } } : {}),
  };
}

/**
 * Active constraints whose two records are both among `keys` (all of them when `keys` is undefined),
 * oldest decision first (by id: decisions are numbered as they are stored, under linkage's lock). Where decisions disagree about a pair, the latest decides it: a reviewer
 * who confirms a pair that an earlier split kept apart has changed the answer for that pair.
 */
export async function loadConstraints(manager: EntityManager, keys?: readonly RecordKey[]): Promise<StoredConstraint[]> {
  const among = keys
    ? `AND (c.left_agency, c.left_local_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       AND (c.right_agency, c.right_local_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`
    : "";
  const rows = (await manager.query(
    `SELECT c.decision_id::text AS "decisionId", c.left_agency, c.left_local_id, c.right_agency, c.right_local_id, c.same_person AS "samePerson"
       FROM link_constraint c JOIN link_decision d ON d.id = c.decision_id
      WHERE d.revoked_at IS NULL ${among}
      ORDER BY d.id`,
    keys ? [keys.map((key) => key.agency), keys.map((key) => key.localId)] : [],
  )) as Array<{ decisionId: string; left_agency: string; left_local_id: string; right_agency: string; right_local_id: string; samePerson: boolean }>;
  const latest = new Map<string, StoredConstraint>();
  for (const row of rows) {
    const left = { agency: row.left_agency, localId: row.left_local_id };
    const right = { agency: row.right_agency, localId: row.right_local_id };
    const pair = [recordKeyString(left), recordKeyString(right)].sort().join("\u0001");
    latest.delete(pair);
    latest.set(pair, { decisionId: row.decisionId, left, right, samePerson: row.samePerson });
  }
  return [...latest.values()];
}
