import type { PersonRegistration } from "../registration/PersonRegistration";

/** Whose record it is: the agency, the record's id there, and the force, trust or council holding it. */
export interface PersonRecordHolder {
  agency: string;
  localId: string;
  area: string;
}

const OPTIONAL_IDENTIFIERS = ["dateOfBirth", "sex", "postcode", "nhsNumber", "pncId"] as const;

/**
 * The identifiers a registration can carry, from a parsed row or a loaded record alike: an empty
 * one (undefined, null, "") is left out of the registration.
 */
export type RegistrableIdentifiers = { givenNames: string; familyName: string } & {
  [field in (typeof OPTIONAL_IDENTIFIERS)[number]]?: string | null;
};

/**
 * The registration of a person record: only the identifiers identity needs to decide who is who,
 * whatever else the record passed in carries (a GP practice, addresses, anything about events) —
 * those are never copied. Empty identifiers are left out, so a record saved again unchanged
 * queues an identical registration, which `queueRegistrations` skips.
 */
export function toPersonRegistration(holder: PersonRecordHolder, identifiers: RegistrableIdentifiers): PersonRegistration {
  const registration: PersonRegistration = {
    agency: holder.agency,
    localId: holder.localId,
    area: holder.area,
    givenNames: identifiers.givenNames,
    familyName: identifiers.familyName,
  };
  for (const field of OPTIONAL_IDENTIFIERS) {
    const value = identifiers[field];
    if (value) registration[field] = value;
  }
  return registration;
}
