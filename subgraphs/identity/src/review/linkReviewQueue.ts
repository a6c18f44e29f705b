import { badUserInput, type ServiceContext } from "@tessera/kit";
import type { StoredStep } from "../resolution/planResolution";
import type { LinkReviewCandidate, LinkReviewConnection } from "./LinkReviewCandidate";

/** Where a page ends in the queue's order: probability (descending), then the pair's keys. */
type Position = [probability: number, leftAgency: string, leftLocalId: string, rightAgency: string, rightLocalId: string];

interface Row {
  left_agency: string;
  left_local_id: string;
  right_agency: string;
  right_local_id: string;
  left_subject_id: string;
  right_subject_id: string;
  match_weight: number;
  match_probability: number;
  comparisons: StoredStep[];
  model_version: number | null;
  queued_at: Date;
  total: number;
}

/**
 * A page of the review queue, most probable first — the pairs most likely to be one person, where
 * a missed link costs most — with the count of all waiting. Keyset pagination on the queue's index
 * (`-match_probability` then the pair, ascending), so a page starts where the index says and page
 * 100 reads what page 1 does; the count is one pass over the queue.
 */
export async function linkReviewQueue(context: ServiceContext, first: number, after: string | undefined): Promise<LinkReviewConnection> {
  const position = after === undefined ? null : decodeCursor(after);
  const rows = (await context.db.query(
    `SELECT r.left_agency, r.left_local_id, r.right_agency, r.right_local_id, l.subject_id AS left_subject_id, rr.subject_id AS right_subject_id,
            r.match_weight, r.match_probability, r.comparisons, r.model_version, r.queued_at, (SELECT count(*)::int FROM link_review) AS total
       FROM link_review r
       JOIN person_record l ON l.agency = r.left_agency AND l.local_id = r.left_local_id
       JOIN person_record rr ON rr.agency = r.right_agency AND rr.local_id = r.right_local_id
      WHERE $1::float8 IS NULL OR (-r.match_probability, r.left_agency, r.left_local_id, r.right_agency, r.right_local_id) > (-$1::float8, $2, $3, $4, $5)
      ORDER BY -r.match_probability, r.left_agency, r.left_local_id, r.right_agency, r.right_local_id
      LIMIT $6`,
    [...(position ?? [null, null, null, null, null]), first + 1],
  )) as Row[];
  const page = rows.slice(0, first);
  const nodes = page.map(toCandidate);
  const last = page[page.length - 1];
  const total = rows[0]?.total ?? (await context.db.query(`SELECT count(*)::int AS total FROM link_review`))[0].total;
  return {
    nodes,
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor([last.match_probability, last.left_agency, last.left_local_id, last.right_agency, last.right_local_id]) : null },
    totalCount: total,
  };
}

function toCandidate(row: Row): LinkReviewCandidate {
  return {
    id: `${row.left_agency}/${row.left_local_id}~${row.right_agency}/${row.right_local_id}`,
    left: { agency: row.left_agency, localId: row.left_local_id },
    right: { agency: row.right_agency, localId: row.right_local_id },
    leftSubjectId: row.left_subject_id,
    rightSubjectId: row.right_subject_id,
    matchWeight: row.match_weight,
    matchProbability: row.match_probability,
    comparisons: row.comparisons.map((step) => ({ ...step, bayesFactor: 2 ** step.bits })),
    modelVersion: row.model_version,
    queuedAt: row.queued_at,
  };
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** Opaque to callers; anything that is not one of ours is bad input, never an SQL error. */
function decodeCursor(cursor: string): Position {
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badUserInput("after", "is not a cursor from this queue");
  }
  const valid =
    Array.isArray(position) && position.length === 5 && typeof position[0] === "number" && Number.isFinite(position[0]) && position.slice(1).every((part) => typeof part === "string");
  if (!valid) throw badUserInput("after", "is not a cursor from this queue");
  return position as Position;
}
