import {
  areaCode,
  bulkUpsert,
  existingIds,
  InvalidInput,
  lastPerKey,
  optionalNhsNumber,
  optionalOneOf,
  optionalPastDate,
  optionalPostcode,
  optionalText,
  queueRegistrations,
  requiredRecordId,
  requiredText,
  SEXES,
  type PersonRegistration,
  type RecordType,
  type Sex,
  type UpsertColumn,
} from "@tessera/kit";
import { HEALTH_AGENCY } from "../agency";

export interface PatientRow {
  id: string;
  trust: string;
  nhsNumber?: string;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string;
  sex?: Sex;
  postcode?: string;
  registeredPractice?: string;
}

const COLUMNS: readonly UpsertColumn[] = [
  { column: "id", field: "id", type: "text" },
  { column: "trust", field: "trust", type: "text" },
  { column: "nhs_number", field: "nhsNumber", type: "text" },
  { column: "given_names", field: "givenNames", type: "text" },
  { column: "family_name", field: "familyName", type: "text" },
  { column: "date_of_birth", field: "dateOfBirth", type: "date" },
  { column: "sex", field: "sex", type: "text" },
  { column: "postcode", field: "postcode", type: "text" },
  { column: "registered_practice", field: "registeredPractice", type: "text" },
];

/** A trust's patient record: saved, and registered with identity in the same transaction. */
export const patientRecord: RecordType<PatientRow> = {
  name: "patient",
  parse(value, now) {
    return {
      id: requiredRecordId("id", value.id),
      trust: areaCode("trust", value.trust),
      nhsNumber: optionalNhsNumber("nhsNumber", value.nhsNumber),
      givenNames: requiredText("givenNames", value.givenNames),
      familyName: requiredText("familyName", value.familyName),
      dateOfBirth: optionalPastDate("dateOfBirth", value.dateOfBirth, now),
      sex: optionalOneOf("sex", value.sex, SEXES),
      postcode: optionalPostcode("postcode", value.postcode),
      registeredPractice: optionalText("registeredPractice", value.registeredPractice, 20),
    };
  },
  id: (row) => row.id,
  existing: (manager, wanted) => existingIds(manager, "patient", wanted),
  async save(manager, rows) {
    const patients = lastPerKey(rows, (row) => row.id);
    try {
      await bulkUpsert(manager, "patient", COLUMNS, patients, { touch: "updated_at", areaColumn: "trust" });
    } catch (error) {
      // One record per person per trust: a person who moves trust has a record at each, all with the same NHS number.
      if (violates(error, "patient_trust_nhs_number")) throw new InvalidInput("nhsNumber", "is already recorded on another patient record of this trust");
      throw error;
    }
    await queueRegistrations(manager, patients.map(toRegistration));
  },
};

/** Only the identifiers identity needs to decide who is who: nothing clinical, not the GP practice. */
function toRegistration(row: PatientRow): PersonRegistration {
  const registration: PersonRegistration = { agency: HEALTH_AGENCY, localId: row.id, area: row.trust, givenNames: row.givenNames, familyName: row.familyName };
  if (row.dateOfBirth) registration.dateOfBirth = row.dateOfBirth;
  if (row.sex) registration.sex = row.sex;
  if (row.postcode) registration.postcode = row.postcode;
  if (row.nhsNumber) registration.nhsNumber = row.nhsNumber;
  return registration;
}

function violates(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === "23505" && driverError.constraint === constraint;
}
