import { oneOf, type RecordType } from "@tessera/kit";
import type { Involvement } from "../involvements/Involvement";
import { INVOLVEMENT_ROLES } from "../involvements/InvolvementRole";
import { requiredRecordId } from "./fieldReaders";
import { lastPerKey } from "./lastPerKey";

/**
 * An involvement has no id of its own: its natural key (occurrence, nominal, role) joined by `|`,
 * which no agency id may contain.
 */
function naturalKey(involvement: Involvement): string {
  return [involvement.occurrenceId, involvement.nominalId, involvement.role].join("|");
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

  id: naturalKey,

  references: (involvement) => [
    { type: "occurrence", field: "occurrenceId", id: involvement.occurrenceId },
    { type: "nominal", field: "nominalId", id: involvement.nominalId },
  ],

  async existing(manager, ids) {
    const keys = ids.map((id) => id.split("|"));
    const rows: { key: string }[] = await manager.query(
      `SELECT i.occurrence_id || '|' || i.nominal_id || '|' || i.role AS key
         FROM involvement i
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(occurrence_id, nominal_id, role)
           ON i.occurrence_id = k.occurrence_id AND i.nominal_id = k.nominal_id AND i.role = k.role`,
      [keys.map((key) => key[0]), keys.map((key) => key[1]), keys.map((key) => key[2])],
    );
    return new Set(rows.map((row) => row.key));
  },

  async save(manager, rows) {
    await manager.query(
      `INSERT INTO involvement (occurrence_id, nominal_id, role)
       SELECT "occurrenceId", "nominalId", role FROM jsonb_to_recordset($1::jsonb) AS r("occurrenceId" text, "nominalId" text, role text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(lastPerKey(rows, naturalKey))],
    );
  },
};
