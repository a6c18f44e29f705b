import type { LinkableRecord } from "../linkage/linkableRecord";
import { recordKeyString, type RecordKey } from "../linkage/RecordKey";

/** The fields of a person record that linkage compares, as registered or as stored. */
export interface IdentityFields extends RecordKey {
  givenNames: string;
  familyName: string;
  dateOfBirth?: string | null;
  postcode?: string | null;
  nhsNumber?: string | null;
  pncId?: string | null;
  email?: string | null;
  phone?: string | null;
}

/** The columns of `IdentityFields`, for `SELECT … FROM person_record p`. */
export const IDENTITY_FIELD_COLUMNS = `p.agency, p.local_id AS "localId", p.given_names AS "givenNames", p.family_name AS "familyName",
  to_char(p.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", p.postcode, p.nhs_number AS "nhsNumber", p.pnc_id AS "pncId", p.email, p.phone`;

/** A person record as the engine sees it, with `recordKeyString` as its id. */
export function toLinkableRecord(record: IdentityFields): LinkableRecord {
  const linkable: LinkableRecord = { id: recordKeyString(record), firstName: record.givenNames, surname: record.familyName };
  if (record.dateOfBirth) linkable.dateOfBirth = record.dateOfBirth;
  if (record.postcode) linkable.postcode = record.postcode;
  if (record.nhsNumber) linkable.nhsNumber = record.nhsNumber;
  if (record.pncId) linkable.pncId = record.pncId;
  if (record.email) linkable.email = record.email;
  if (record.phone) linkable.phone = record.phone;
  return linkable;
}
