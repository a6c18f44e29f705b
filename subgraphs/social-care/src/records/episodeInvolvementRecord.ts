import { oneOf, type RecordType } from "@tessera/kit";
import { EpisodeInvolvementEntity } from "../involvements/EpisodeInvolvementEntity";
import { INVOLVEMENT_ROLES, type InvolvementRole } from "../involvements/InvolvementRole";
import { requiredRecordId } from "./fields";

export interface EpisodeInvolvementRow {
  episodeId: string;
  clientId: string;
  role: InvolvementRole;
}

/** Ids may not contain a space, so it cannot occur inside a part of the natural key. */
const KEY_SEPARATOR = " ";

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

  async existing(manager, ids) {
    const keys = ids.map((id) => {
      const [episodeId = "", clientId = "", role = ""] = id.split(KEY_SEPARATOR);
      return { episodeId, clientId, role: role as InvolvementRole };
    });
    const found = await manager.getRepository(EpisodeInvolvementEntity).find({ where: keys });
    return new Set(found.map(involvementKey));
  },

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

function involvementKey(row: { episodeId: string; clientId: string; role: string }): string {
  return [row.episodeId, row.clientId, row.role].join(KEY_SEPARATOR);
}
