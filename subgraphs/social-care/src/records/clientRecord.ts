import { queueRegistrations, requiredText, SEXES, type PersonRegistration, type RecordType, type Sex } from "@tessera/kit";
import { In } from "typeorm";
import { SOCIAL_CARE_AGENCY } from "../agency";
import { ClientEntity } from "../clients/ClientEntity";
import { optionalDateOfBirth, optionalNhsNumber, optionalOneOf, optionalPostcode, requiredRecordId } from "./fields";
import { lastPerKey } from "./lastPerKey";

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

/** A council's client: saved, and registered with identity whenever who they are changes. */
export const clientRecord: RecordType<ClientRow> = {
  name: "client",

  parse(value, now = new Date()) {
    return {
      id: requiredRecordId("id", value.id),
      council: requiredText("council", value.council, 40),
      nhsNumber: optionalNhsNumber("nhsNumber", value.nhsNumber),
      givenNames: requiredText("givenNames", value.givenNames),
      familyName: requiredText("familyName", value.familyName),
      dateOfBirth: optionalDateOfBirth("dateOfBirth", value.dateOfBirth, now),
      sex: optionalOneOf("sex", value.sex, SEXES),
      postcode: optionalPostcode("postcode", value.postcode),
    };
  },

  id: (row) => row.id,

  async existing(manager, ids) {
    const found = await manager.getRepository(ClientEntity).find({ select: { id: true }, where: { id: In(ids) } });
    return new Set(found.map((client) => client.id));
  },

  /**
   * Upserts all rows in one statement. Only clients inserted or actually changed come back from it,
   * and only those are registered again: loading the same file twice sends identity nothing new.
   */
  async save(manager, rows) {
    const latest = lastPerKey(rows, (row) => row.id);
    const changed: { id: string }[] = await manager.query(
      `INSERT INTO client (id, council, nhs_number, given_names, family_name, date_of_birth, sex, postcode)
       SELECT r.id, r.council, r."nhsNumber", r."givenNames", r."familyName", r."dateOfBirth", r.sex, r.postcode
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, council text, "nhsNumber" text, "givenNames" text, "familyName" text, "dateOfBirth" date, sex text, postcode text)
       ON CONFLICT (id) DO UPDATE SET
         council = EXCLUDED.council, nhs_number = EXCLUDED.nhs_number, given_names = EXCLUDED.given_names,
         family_name = EXCLUDED.family_name, date_of_birth = EXCLUDED.date_of_birth, sex = EXCLUDED.sex, postcode = EXCLUDED.postcode
       WHERE (client.council, client.nhs_number, client.given_names, client.family_name, client.date_of_birth, client.sex, client.postcode)
         IS DISTINCT FROM (EXCLUDED.council, EXCLUDED.nhs_number, EXCLUDED.given_names, EXCLUDED.family_name, EXCLUDED.date_of_birth, EXCLUDED.sex, EXCLUDED.postcode)
       RETURNING id`,
      [JSON.stringify(latest)],
    );
    const changedIds = new Set(changed.map((client) => client.id));
    await queueRegistrations(manager, latest.filter((row) => changedIds.has(row.id)).map(toRegistration));
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
