import { existingKeys, InvalidInput, lastPerKey, naturalKey, oneOf, requiredRecordId, type RecordType } from "@tessera/kit";
import { HOUSEHOLD_RELATIONSHIPS, type HouseholdRelationship } from "../households/HouseholdRelationship";

export interface HouseholdMemberRow {
  clientId: string;
  memberClientId: string;
  relationship: HouseholdRelationship;
}

/**
 * Two clients in one household; the natural key is the pair, so re-loading it with another
 * relationship corrects the relationship rather than adding a second one.
 */
export const householdMemberRecord: RecordType<HouseholdMemberRow> = {
  name: "householdMember",

  parse(value) {
    const row: HouseholdMemberRow = {
      clientId: requiredRecordId("clientId", value.clientId),
      memberClientId: requiredRecordId("memberClientId", value.memberClientId),
      relationship: oneOf("relationship", value.relationship, HOUSEHOLD_RELATIONSHIPS),
    };
    if (row.memberClientId === row.clientId) throw new InvalidInput("memberClientId", "must be another client than clientId");
    return row;
  },

  id: householdKey,

  references: (row) => [
    { type: "client", field: "clientId", id: row.clientId },
    { type: "client", field: "memberClientId", id: row.memberClientId },
  ],

  existing: (manager, keys) => existingKeys(manager, "household_member", ["client_id", "member_client_id"], keys),

  async save(manager, rows) {
    await manager.query(
      `INSERT INTO household_member (client_id, member_client_id, relationship)
       SELECT r."clientId", r."memberClientId", r.relationship
       FROM jsonb_to_recordset($1::jsonb) AS r("clientId" text, "memberClientId" text, relationship text)
       ON CONFLICT (client_id, member_client_id) DO UPDATE SET relationship = EXCLUDED.relationship`,
      [JSON.stringify(lastPerKey(rows, householdKey))],
    );
  },
};

function householdKey(row: HouseholdMemberRow): string {
  return naturalKey([row.clientId, row.memberClientId]);
}
