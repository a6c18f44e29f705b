import { newestPerRecord, SafeguardingMarker, SubjectRole, type EventFilter, type ServiceContext } from "@tessera/kit";
import { SOCIAL_CARE_AGENCY } from "../agency";
import type { EpisodeCategory } from "../episodes/EpisodeCategory";
import { EpisodeKind } from "../episodes/EpisodeKind";
import { HouseholdRelationship } from "../households/HouseholdRelationship";
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
  children_in_household: number | null;
  markers: SafeguardingMarker[];
}

/**
 * The household of the client record `ev.record_id` at the episode's start, as a lateral subquery: a
 * link counts for both clients in it, as `loadHousehold` reads it. A member is a child when their date
 * of birth makes them under 18 on the start's date in England; a member without one is a child when
 * the link says they are the client's own (the client PARENT_OF them, or they CHILD_OF the client).
 * A date of birth outweighs the relationship: a grown son is no child in the household, and a member
 * born after the start was not in it then. No link at all is an unknown household, not an empty one.
 */
const HOUSEHOLD_AT_START = `LATERAL (
  SELECT CASE WHEN count(*) = 0 THEN NULL ELSE count(*) FILTER (WHERE member.child) END::int AS children,
         count(*) FILTER (WHERE member.baby) > 0 AS baby
  FROM (
    SELECT CASE WHEN m.date_of_birth IS NULL
                THEN (h.client_id = ev.record_id AND h.relationship = '${HouseholdRelationship.PARENT_OF}')
                  OR (h.member_client_id = ev.record_id AND h.relationship = '${HouseholdRelationship.CHILD_OF}')
                ELSE m.date_of_birth <= ev.start_date AND m.date_of_birth > ev.start_date - interval '18 years'
           END AS child,
           m.date_of_birth <= ev.start_date AND m.date_of_birth > ev.start_date - interval '1 year' AS baby
    FROM household_member h
    JOIN client m ON m.id = CASE WHEN h.client_id = ev.record_id THEN h.member_client_id ELSE h.client_id END
    WHERE h.client_id = ev.record_id OR h.member_client_id = ev.record_id
  ) AS member
) AS household`;

/**
 * An event's markers, in the vocabulary's order. The episode's own hold for everyone in it: an unborn
 * child is a pregnancy (the client is the expectant parent), and a child protection plan is made only
 * when a conference finds a child suffering, or likely to suffer, significant harm (Working Together
 * to Safeguard Children). The household's are the record's: children at home, and a new baby when one
 * of them was under one at the start.
 */
const MARKERS = `array_remove(ARRAY[
    CASE WHEN ev.unborn_child THEN '${SafeguardingMarker.PREGNANCY}' END,
    CASE WHEN household.baby THEN '${SafeguardingMarker.NEW_BABY}' END,
    CASE WHEN household.children > 0 THEN '${SafeguardingMarker.CHILDREN_IN_HOUSEHOLD}' END,
    CASE WHEN ev.kind = '${EpisodeKind.CHILD_PROTECTION_PLAN}' THEN '${SafeguardingMarker.CHILD_HARMED_OR_THREATENED}' END
  ]::text[], NULL)`;

/**
 * The episodes each client is the subject of or involved in, for many clients in one statement,
 * filtered by start time and kind and cut to each client's newest `limit` in SQL. One event per client
 * and episode, with the household of that client at the episode's start.
 */
export async function loadCareEvents(context: ServiceContext, localIds: readonly string[], filter: EventFilter): Promise<Map<string, CareEvent[]>> {
  const rows: CareEventRow[] = await context.db.query(
    newestPerRecord(
      `SELECT ev.record_id, ev.role, ev.id, ev.council, ev.kind, ev.started_at, ev.ended_at, ev.outcome, ev.category, ev.summary,
              household.children AS children_in_household, ${MARKERS} AS markers
     FROM (
       SELECT DISTINCT ON (part.record_id, e.id)
         part.record_id, part.role, e.id, e.council, e.kind, e.started_at, e.ended_at, e.outcome, e.category, e.summary, e.unborn_child,
         (e.started_at AT TIME ZONE 'Europe/London')::date AS start_date
       FROM (
         SELECT client_id AS record_id, id AS episode_id, 'SUBJECT_OF_CONCERN' AS role FROM episode WHERE client_id = ANY($1::text[])
         UNION ALL
         SELECT client_id, episode_id, role FROM episode_involvement WHERE client_id = ANY($1::text[])
       ) AS part
       JOIN episode e ON e.id = part.episode_id
       WHERE ($2::timestamptz IS NULL OR e.started_at >= $2)
         AND ($3::timestamptz IS NULL OR e.started_at <= $3)
         AND ($4::text[] IS NULL OR e.kind = ANY($4::text[]))
       ORDER BY part.record_id, e.id, array_position($5::text[], part.role)
     ) AS ev
     CROSS JOIN ${HOUSEHOLD_AT_START}`,
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
    childrenInHousehold: row.children_in_household,
    markers: row.markers,
  });
}
