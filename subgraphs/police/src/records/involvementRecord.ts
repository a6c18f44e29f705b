import { existingKeys, lastPerKey, naturalKey, oneOf, requiredRecordId, type RecordType } from "@tessera/kit";
import type { Involvement } from "../involvements/Involvement";
import { INVOLVEMENT_ROLES } from "../involvements/InvolvementRole";

/** An involvement has no id of its own: its natural key is (occurrence, nominal, role). */
function involvementKey(involvement: Involvement): string {
  return naturalKey([involvement.occurrenceId, involvement.nominalId, involvement.role]);
}

/** A nominal's part in an occurrence; recording it again changes nothing. */
export const involvementRecord: RecordType<Involvement> = {
  name: "involvement",

  parse(value) {
    const occurrenceId = requiredRecordId("occurrenceId", value.occurrenceId);
    const nominalId = requiredRecordId("nominalId", value.nominalId);
    const role = oneOf("role", value.role, INVOLVEMENT_ROLES);
    return { occurrenceId, nominalId, role };
  },

  id: involvementKey,

  references: (involvement) => [
    { type: "occurrence", field: "occurrenceId", id: involvement.occurrenceId },
    { type: "nominal", field: "nominalId", id: involvement.nominalId },
  ],

  existing: (manager, keys) => existingKeys(manager, "involvement", ["occurrence_id", "nominal_id", "role"], keys),

  async save(manager, rows) {
    await manager.query(
      `INSERT INTO involvement (occurrence_id, nominal_id, role)
       SELECT "occurrenceId", "nominalId", role FROM jsonb_to_recordset($1::jsonb) AS r("occurrenceId" text, "nominalId" text, role text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(lastPerKey(rows, involvementKey))],
    );
  },
};
