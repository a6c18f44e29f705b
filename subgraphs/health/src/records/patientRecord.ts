import {
  areaCode,
  bulkUpsert,
  CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS,
  existingIds,
  InvalidInput,
  lastPerKey,
  optionalText,
  parseCarePersonIdentifiers,
  queueRegistrations,
  requiredRecordId,
  toPersonRegistration,
  type CarePersonIdentifiers,
  type RecordType,
  type UpsertColumn,
  upsertColumns,
} from "@tessera/kit";
import { HEALTH_AGENCY } from "../agency";

export interface PatientRow extends CarePersonIdentifiers {
  id: string;
  trust: string;
  registeredPractice?: string;
}

const COLUMNS: readonly UpsertColumn[] = [
  ...upsertColumns({ id: "text", trust: "text" }),
  ...CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS,
  ...upsertColumns({ registeredPractice: "text" }),
];

/** A trust's patient record: saved, and registered with identity in the same transaction. */
export const patientRecord: RecordType<PatientRow> = {
  name: "patient",
  parse(value, now) {
    return {
      id: requiredRecordId("id", value.id),
      trust: areaCode("trust", value.trust),
      ...parseCarePersonIdentifiers(value, now),
      registeredPractice: optionalText("registeredPractice", value.registeredPractice, 20),
    };
  },
  id: (row) => row.id,

  area: { field: "trust", table: "patient", column: "trust" },
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
    // Only the identifiers identity needs to decide who is who: nothing clinical, not the GP practice.
    await queueRegistrations(manager, patients.map((row) => toPersonRegistration({ agency: HEALTH_AGENCY, localId: row.id, area: row.trust }, row)));
  },
};

function violates(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === "23505" && driverError.constraint === constraint;
}
