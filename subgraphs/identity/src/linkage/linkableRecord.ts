import doubleMetaphone from "double-metaphone";
import { isValidNhsNumber, isValidPncId, normaliseName, normaliseNhsNumber, normaliseUkPhone, pncIdKey } from "@tessera/kit";

/**
 * A person record as the probabilistic engine sees it: the fields an agency may hold, each optional
 * (a blank is a missing value, never a disagreement). `id` is unique within one linkage run.
 */
export interface LinkableRecord {
  id: string;
  firstName?: string;
  surname?: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  postcode?: string;
  city?: string;
  email?: string;
  phone?: string;
  nhsNumber?: string;
  pncId?: string;
}

/** The comparable columns of a prepared record, the names comparison levels refer to. */
export type LinkageColumn = "firstName" | "surname" | "dateOfBirth" | "postcode" | "city" | "email" | "phone" | "nhsNumber" | "pncId";

/**
 * A record reduced once to what comparisons need: names folded, phonetic codes computed, identifiers
 * kept only when VALID (an NHS number failing modulus 11 or a malformed PNC ID is not evidence, so it
 * is treated as missing), postcode split into its parts. Prepared once, compared many times.
 */
export interface PreparedRecord {
  id: string;
  index: number;
  firstName?: string;
  surname?: string;
  dateOfBirth?: string;
  postcode?: string;
  city?: string;
  email?: string;
  /** National digits. */
  phone?: string;
  nhsNumber?: string;
  pncId?: string;
  firstNameCodes?: [string, string];
  surnameCodes?: [string, string];
  /** Postcode parts, e.g. SW1A 1AA: sector "SW1A1", district "SW1A", area "SW". */
  postcodeSector?: string;
  postcodeDistrict?: string;
  postcodeArea?: string;
  /** Local part of the email address. */
  emailUser?: string;
  /** Days since 1970-01-01, for "within a year". */
  dateOfBirthDay?: number;
}

export function prepareRecord(record: LinkableRecord, index: number): PreparedRecord {
  const prepared: PreparedRecord = { id: record.id, index };
  const firstName = foldName(record.firstName);
  const surname = foldName(record.surname);
  if (firstName) {
    prepared.firstName = firstName;
    prepared.firstNameCodes = doubleMetaphone(firstName);
  }
  if (surname) {
    prepared.surname = surname;
    prepared.surnameCodes = doubleMetaphone(surname);
  }
  const dateOfBirth = record.dateOfBirth?.trim();
  if (dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) {
    const day = Date.parse(`${dateOfBirth}T00:00:00Z`);
    if (!Number.isNaN(day)) {
      prepared.dateOfBirth = dateOfBirth;
      prepared.dateOfBirthDay = Math.round(day / 86_400_000);
    }
  }
  const postcode = record.postcode?.toUpperCase().replace(/\s+/g, "");
  if (postcode && /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(postcode)) {
    const outward = postcode.slice(0, -3);
    prepared.postcode = postcode;
    prepared.postcodeSector = outward + postcode.charAt(postcode.length - 3);
    prepared.postcodeDistrict = outward;
    prepared.postcodeArea = /^[A-Z]+/.exec(outward)![0];
  }
  const city = record.city?.trim().toLowerCase();
  if (city) prepared.city = city;
  const email = record.email?.trim().toLowerCase();
  if (email) {
    prepared.email = email;
    prepared.emailUser = email.split("@")[0];
  }
  const phone = record.phone ? normaliseUkPhone(record.phone) : undefined;
  if (phone) prepared.phone = phone;
  if (record.nhsNumber && isValidNhsNumber(record.nhsNumber)) prepared.nhsNumber = normaliseNhsNumber(record.nhsNumber);
  if (record.pncId && isValidPncId(record.pncId)) prepared.pncId = pncIdKey(record.pncId);
  return prepared;
}

function foldName(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const folded = normaliseName(value);
  return folded.length > 0 ? folded : undefined;
}
