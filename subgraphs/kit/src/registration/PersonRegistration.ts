/**
 * What an agency tells identity about one of its person records: the minimum identifiers needed to
 * decide who is who, and nothing about events. This is the contract of identity's registration
 * endpoint (`POST /internal/registrations`).
 */
export interface PersonRegistration {
  agency: string;
  localId: string;
  /** The force, trust or council holding the record. */
  area: string;
  givenNames: string;
  familyName: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
  sex?: string;
  postcode?: string;
  nhsNumber?: string;
  pncId?: string;
  /** Contact details, where the agency holds them: linkage compares them as weak evidence. */
  email?: string;
  phone?: string;
}

export interface RegistrationResult {
  agency: string;
  localId: string;
  subjectId: string;
}

export const REGISTRATION_PATH = "/internal/registrations";
