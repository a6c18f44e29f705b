import type { DataSource } from "typeorm";

export interface RowCounts {
  client: number;
  episode: number;
  episode_involvement: number;
  household_member: number;
  identity_outbox: number;
}

/** Every table's row count in one look, so a test can say "nothing was written" of all of them at once. */
export async function rowCounts(db: DataSource): Promise<RowCounts> {
  const [counts] = await db.query(
    `SELECT (SELECT count(*) FROM client)::int AS client,
            (SELECT count(*) FROM episode)::int AS episode,
            (SELECT count(*) FROM episode_involvement)::int AS episode_involvement,
            (SELECT count(*) FROM household_member)::int AS household_member,
            (SELECT count(*) FROM identity_outbox)::int AS identity_outbox`,
  );
  return counts;
}
