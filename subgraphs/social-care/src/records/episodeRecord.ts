import {
  areaCode,
  bulkUpsert,
  existingIds,
  InvalidInput,
  oneOf,
  optionalBoolean,
  optionalOneOf,
  optionalPastTimestamp,
  optionalText,
  parsePastTimestamp,
  requiredRecordId,
  type RecordType,
  type UpsertColumn,
  upsertColumns,
} from "@tessera/kit";
import { EPISODE_CATEGORIES, type EpisodeCategory } from "../episodes/EpisodeCategory";
import { EPISODE_KINDS, type EpisodeKind } from "../episodes/EpisodeKind";

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
  /** A pre-birth assessment or an unborn child's plan: the client is the expectant parent. */
  unbornChild: boolean;
}

const COLUMNS: readonly UpsertColumn[] = upsertColumns({
  id: "text",
  council: "text",
  clientId: "text",
  kind: "text",
  startedAt: "timestamptz",
  endedAt: "timestamptz",
  outcome: "text",
  category: "text",
  summary: "text",
  unbornChild: "boolean",
});

/** A referral, enquiry or plan about one client (its subject); other clients join through involvements. */
export const episodeRecord: RecordType<EpisodeRow> = {
  name: "episode",

  parse(value, now = new Date()) {
    const row: EpisodeRow = {
      id: requiredRecordId("id", value.id),
      council: areaCode("council", value.council),
      clientId: requiredRecordId("clientId", value.clientId),
      kind: oneOf("kind", value.kind, EPISODE_KINDS),
      startedAt: parsePastTimestamp("startedAt", value.startedAt, now),
      endedAt: optionalPastTimestamp("endedAt", value.endedAt, now),
      outcome: optionalText("outcome", value.outcome),
      category: optionalOneOf("category", value.category, EPISODE_CATEGORIES),
      summary: optionalText("summary", value.summary),
      unbornChild: optionalBoolean("unbornChild", value.unbornChild),
    };
    if (row.endedAt && row.endedAt < row.startedAt) throw new InvalidInput("endedAt", "must not be before startedAt");
    return row;
  },

  id: (row) => row.id,

  area: { field: "council", table: "episode", column: "council" },

  references: (row) => [{ type: "client", field: "clientId", id: row.clientId }],

  existing: (manager, ids) => existingIds(manager, "episode", ids),

  async save(manager, rows) {
    await bulkUpsert(manager, "episode", COLUMNS, rows, { areaColumn: "council" });
  },
};
