import { InvalidInput, oneOf, optionalText, parsePastTimestamp, requiredText, type RecordType } from "@tessera/kit";
import { In } from "typeorm";
import { EPISODE_CATEGORIES, type EpisodeCategory } from "../episodes/EpisodeCategory";
import { EpisodeEntity } from "../episodes/EpisodeEntity";
import { EPISODE_KINDS, type EpisodeKind } from "../episodes/EpisodeKind";
import { optionalOneOf, optionalPastTimestamp, requiredRecordId } from "./fields";
import { lastPerKey } from "./lastPerKey";

export interface EpisodeRow {
  id: string;
  council: string;
  /** The client the episode is about. */
  clientId: string;
  kind: EpisodeKind;
  startedAt: Date;
  endedAt?: Date;
  outcome?: string;
  category?: EpisodeCategory;
  summary?: string;
}

/** A referral, enquiry or plan about one client (its subject); other clients join through involvements. */
export const episodeRecord: RecordType<EpisodeRow> = {
  name: "episode",

  parse(value, now = new Date()) {
    const row: EpisodeRow = {
      id: requiredRecordId("id", value.id),
      council: requiredText("council", value.council, 40),
      clientId: requiredRecordId("clientId", value.clientId),
      kind: oneOf("kind", value.kind, EPISODE_KINDS),
      startedAt: parsePastTimestamp("startedAt", value.startedAt, now),
      endedAt: optionalPastTimestamp("endedAt", value.endedAt, now),
      outcome: optionalText("outcome", value.outcome),
      category: optionalOneOf("category", value.category, EPISODE_CATEGORIES),
      summary: optionalText("summary", value.summary),
    };
    if (row.endedAt && row.endedAt < row.startedAt) throw new InvalidInput("endedAt", "must not be before startedAt");
    return row;
  },

  id: (row) => row.id,

  references: (row) => [{ type: "client", field: "clientId", id: row.clientId }],

  async existing(manager, ids) {
    const found = await manager.getRepository(EpisodeEntity).find({ select: { id: true }, where: { id: In(ids) } });
    return new Set(found.map((episode) => episode.id));
  },

  async save(manager, rows) {
    await manager.query(
      `INSERT INTO episode (id, council, client_id, kind, started_at, ended_at, outcome, category, summary)
       SELECT r.id, r.council, r."clientId", r.kind, r."startedAt", r."endedAt", r.outcome, r.category, r.summary
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, council text, "clientId" text, kind text, "startedAt" timestamptz, "endedAt" timestamptz, outcome text, category text, summary text)
       ON CONFLICT (id) DO UPDATE SET
         council = EXCLUDED.council, client_id = EXCLUDED.client_id, kind = EXCLUDED.kind, started_at = EXCLUDED.started_at,
         ended_at = EXCLUDED.ended_at, outcome = EXCLUDED.outcome, category = EXCLUDED.category, summary = EXCLUDED.summary`,
      [JSON.stringify(lastPerKey(rows, (row) => row.id))],
    );
  },
};
