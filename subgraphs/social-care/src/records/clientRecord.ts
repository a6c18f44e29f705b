import {
  areaCode,
  bulkUpsert,
  CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS,
  existingIds,
  lastPerKey,
  parseCarePersonIdentifiers,
  queueRegistrations,
  requiredRecordId,
  toPersonRegistration,
  type CarePersonIdentifiers,
  type RecordType,
  type UpsertColumn,
  upsertColumns,
} from "@tessera/kit";
import { SOCIAL_CARE_AGENCY } from "../agency";

export interface ClientRow extends CarePersonIdentifiers {
  id: string;
  council: string;
}

const COLUMNS: readonly UpsertColumn[] = [
  ...upsertColumns({ id: "text", council: "text" }),
  ...CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS,
];

/** A council's client: saved, and registered with identity whenever who they are changes. */
export const clientRecord: RecordType<ClientRow> = {
  name: "client",

  parse(value, now = new Date()) {
    return {
      id: requiredRecordId("id", value.id),
      council: areaCode("council", value.council),
      ...parseCarePersonIdentifiers(value, now),
    };
  },

  id: (row) => row.id,

  area: { field: "council", table: "client", column: "council" },

  existing: (manager, ids) => existingIds(manager, "client", ids),

  async save(manager, rows) {
    const clients = lastPerKey(rows, (row) => row.id);
    await bulkUpsert(manager, "client", COLUMNS, clients, { areaColumn: "council" });
    // Only the minimal identifiers: nothing about episodes ever goes to identity.
    await queueRegistrations(manager, clients.map((row) => toPersonRegistration({ agency: SOCIAL_CARE_AGENCY, localId: row.id, area: row.council }, row)));
  },
};
