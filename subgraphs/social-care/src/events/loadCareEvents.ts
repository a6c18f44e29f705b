import { newestPerRecord, SubjectRole, type EventFilter, type ServiceContext } from "@tessera/kit";
import { SOCIAL_CARE_AGENCY } from "../agency";
import type { EpisodeCategory } from "../episodes/EpisodeCategory";
import type { EpisodeKind } from "../episodes/EpisodeKind";
import { CareEvent } from "./CareEvent";
import { classifyEpisode } from "./classifyEpisode";

/**
 * When one client plays several parts in one episode, the event shows the first of these: being its
 * subject, then the part that matters most to someone assessing risk.
 */
const ROLE_PRECEDENCE: readonly SubjectRole[] = [
  SubjectRole.SUBJECT_OF_CONCERN,
  SubjectRole.ALLEGED_PERPETRATOR,
  SubjectRole.PARENT_OR_CARER,
  SubjectRole.HOUSEHOLD_MEMBER,
  SubjectRole.OTHER,
];

interface CareEventRow {
  record_id: string;
  role: SubjectRole;
  id: string;
  council: string;
  kind: EpisodeKind;
  started_at: Date;
  ended_at: Date | null;
  outcome: string | null;
  category: EpisodeCategory | null;
  summary: string | null;
}

/**
 * The episodes each client is the subject of or involved in, for many clients in one statement,
 * filtered by start time and kind and cut to each client's newest `limit` in SQL. One event per client
 * and episode.
 */
export async function loadCareEvents(context: ServiceContext, localIds: readonly string[], filter: EventFilter): Promise<Map<string, CareEvent[]>> {
  const rows: CareEventRow[] = await context.db.query(
    newestPerRecord(
      `SELECT DISTINCT ON (part.record_id, e.id)
       part.record_id, part.role, e.id, e.council, e.kind, e.started_at, e.ended_at, e.outcome, e.category, e.summary
     FROM (
       SELECT client_id AS record_id, id AS episode_id, 'SUBJECT_OF_CONCERN' AS role FROM episode WHERE client_id = ANY($1::text[])
       UNION ALL
       SELECT client_id, episode_id, role FROM episode_involvement WHERE client_id = ANY($1::text[])
     ) AS part
     JOIN episode e ON e.id = part.episode_id
     WHERE ($2::timestamptz IS NULL OR e.started_at >= $2)
       AND ($3::timestamptz IS NULL OR e.started_at <= $3)
       AND ($4::text[] IS NULL OR e.kind = ANY($4::text[]))
     ORDER BY part.record_id, e.id, array_position($5::text[], part.role)`,
      { record: "record_id", occurredAt: "started_at", id: "id" },
      "$6",
    ),
    [[...localIds], filter.from ?? null, filter.to ?? null, filter.kinds ?? null, ROLE_PRECEDENCE, filter.limit],
  );
  const byRecord = new Map<string, CareEvent[]>();
  for (const row of rows) {
    const events = byRecord.get(row.record_id) ?? [];
    events.push(toCareEvent(row));
    byRecord.set(row.record_id, events);
  }
  return byRecord;
}

function toCareEvent(row: CareEventRow): CareEvent {
  return Object.assign(new CareEvent(), {
    id: row.id,
    agency: SOCIAL_CARE_AGENCY,
    area: row.council,
    occurredAt: row.started_at,
    kind: row.kind,
    role: row.role,
    classification: classifyEpisode(row.kind, row.category),
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    category: row.category,
    summary: row.summary,
    recordId: row.record_id,
  });
}
