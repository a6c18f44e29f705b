import {
  areaCode,
  bulkUpsert,
  existingIds,
  lastPerKey,
  optionalNhsNumber,
  optionalOneOf,
  optionalPastDate,
  optionalPostcode,
  queueRegistrations,
  requiredRecordId,
  requiredText,
  SEXES,
  type PersonRegistration,
  type RecordType,
  type Sex,
  type UpsertColumn,
} from "@tessera/kit";
import { SOCIAL_CARE_AGENCY } from "../agency";

export interface ClientRow {
  id: string;
  council: string;
  nhsNumber?: string;
  givenNames: string;
  familyName: string;
  dateOfBirth?: string;
  sex?: Sex;
  postcode?: string;
}

const COLUMNS: readonly UpsertColumn[] = [
  { column: "id", field: "id", type: "text" },
  { column: "council", field: "council", type: "text" },
  { column: "nhs_number", field: "nhsNumber", type: "text" },
  { column: "given_names", field: "givenNames", type: "text" },
  { column: "family_name", field: "familyName", type: "text" },
  { column: "date_of_birth", field: "dateOfBirth", type: "date" },
  { column: "sex", field: "sex", type: "text" },
  { column: "postcode", field: "postcode", type: "text" },
];

/** A council's client: saved, and registered with identity whenever who they are changes. */
export const clientRecord: RecordType<ClientRow> = {
  name: "client",

  parse(value, now = new Date()) {
    return {
      id: requiredRecordId("id", value.id),
      council: areaCode("council", value.council),
      nhsNumber: optionalNhsNumber("nhsNumber", value.nhsNumber),
      givenNames: requiredText("givenNames", value.givenNames),
      familyName: requiredText("familyName", value.familyName),
      dateOfBirth: optionalPastDate("dateOfBirth", value.dateOfBirth, now),
      sex: optionalOneOf("sex", value.sex, SEXES),
      postcode: optionalPostcode("postcode", value.postcode),
    };
  },

  id: (row) => row.id,

  existing: (manager, ids) => existingIds(manager, "client", ids),

  async save(manager, rows) {
    const clients = lastPerKey(rows, (row) => row.id);
    await bulkUpsert(manager, "client", COLUMNS, clients, { areaColumn: "council" });
    await queueRegistrations(manager, clients.map(toRegistration));
  },
};

/** Only the minimal identifiers: nothing about episodes ever goes to identity. */
function toRegistration(row: ClientRow): PersonRegistration {
  return {
    agency: SOCIAL_CARE_AGENCY,
    localId: row.id,
    area: row.council,
    givenNames: row.givenNames,
    familyName: row.familyName,
    dateOfBirth: row.dateOfBirth,
    sex: row.sex,
    postcode: row.postcode,
    nhsNumber: row.nhsNumber,
  };
}
