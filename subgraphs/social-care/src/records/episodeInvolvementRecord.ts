import { existingKeys, naturalKey, oneOf, requiredRecordId, type RecordType } from "@tessera/kit";
import { INVOLVEMENT_ROLES, type InvolvementRole } from "../involvements/InvolvementRole";

export interface EpisodeInvolvementRow {
  episodeId: string;
  clientId: string;
  role: InvolvementRole;
}

/** Another client's part in an episode; its natural key is (episode, client, role). */
export const episodeInvolvementRecord: RecordType<EpisodeInvolvementRow> = {
  name: "episodeInvolvement",

  parse(value) {
    return {
      episodeId: requiredRecordId("episodeId", value.episodeId),
      clientId: requiredRecordId("clientId", value.clientId),
      role: oneOf("role", value.role, INVOLVEMENT_ROLES),
    };
  },

  id: involvementKey,

  references: (row) => [
    { type: "episode", field: "episodeId", id: row.episodeId },
    { type: "client", field: "clientId", id: row.clientId },
  ],

  existing: (manager, keys) => existingKeys(manager, "episode_involvement", ["episode_id", "client_id", "role"], keys),

  async save(manager, rows) {
    await manager.query(
      `INSERT INTO episode_involvement (episode_id, client_id, role)
       SELECT r."episodeId", r."clientId", r.role
       FROM jsonb_to_recordset($1::jsonb) AS r("episodeId" text, "clientId" text, role text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },
};

function involvementKey(row: EpisodeInvolvementRow): string {
  return naturalKey([row.episodeId, row.clientId, row.role]);
}
