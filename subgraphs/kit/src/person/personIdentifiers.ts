import { upsertColumns, type UpsertColumn } from "../records/bulkUpsert";
import { optionalNhsNumber, optionalOneOf, optionalPastDate, optionalPostcode, requiredText } from "../validation/fields";
import { SEXES, type Sex } from "../validation/sex";

/**
 * Who a person record says the person is, as every agency records it: the fields identity compares.
 * The record's own id and its area (force, trust, council) are the agency's, and so are the
 * agency's other identifiers — a police nominal's PNC ID, the postcodes on its addresses.
 */
export interface PersonIdentifiers {
  givenNames: string;
  familyName: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  sex?: Sex;
}

/**
 * A care record's identifiers (health, social care): also the NHS number — the consistent
 * identifier across health and social care — and the postcode the person lives at.
 */
export interface CarePersonIdentifiers extends PersonIdentifiers {
  /** Ten digits, without spaces. */
  nhsNumber?: string;
  /** Normalised, e.g. `LS6 2AB`. */
  postcode?: string;
}

/** Names longer than this are refused: the length identity accepts for a registration. */
export const MAX_NAME_LENGTH = 200;

/**
 * Reads the shared identifiers of a person record from an input object (a mutation's input or an
 * NDJSON line), throwing `InvalidInput` that names the field at fault. Names are trimmed; an empty
 * optional field is absent.
 */
export function parsePersonIdentifiers(value: Record<string, unknown>, now = new Date()): PersonIdentifiers {
  return {
    givenNames: requiredText("givenNames", value.givenNames, MAX_NAME_LENGTH),
    familyName: requiredText("familyName", value.familyName, MAX_NAME_LENGTH),
    dateOfBirth: optionalPastDate("dateOfBirth", value.dateOfBirth, now),
    sex: optionalOneOf("sex", value.sex, SEXES),
  };
}

/** `parsePersonIdentifiers`, then the NHS number (normalised to ten digits) and the postcode (normalised). */
export function parseCarePersonIdentifiers(value: Record<string, unknown>, now = new Date()): CarePersonIdentifiers {
  return {
    ...parsePersonIdentifiers(value, now),
    nhsNumber: optionalNhsNumber("nhsNumber", value.nhsNumber),
    postcode: optionalPostcode("postcode", value.postcode),
  };
}

/** The columns `PersonRecordColumns` declares (but `id`), for a person record type's `bulkUpsert`. */
export const PERSON_IDENTIFIER_UPSERT_COLUMNS: readonly UpsertColumn[] = upsertColumns({
  givenNames: "text",
  familyName: "text",
  dateOfBirth: "date",
  sex: "text",
});

/** The columns `CarePersonRecordColumns` declares (but `id`). */
export const CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS: readonly UpsertColumn[] = [
  ...PERSON_IDENTIFIER_UPSERT_COLUMNS,
  ...upsertColumns({ nhsNumber: "text", postcode: "text" }),
];
