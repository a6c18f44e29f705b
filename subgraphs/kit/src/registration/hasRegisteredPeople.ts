import { Client } from "pg";

/**
 * Whether an agency's database has ever registered a person with identity — every person write
 * queues one, so an empty outbox means an empty agency. `npm start` loads the demonstration data
 * only into empty databases; a database not created or migrated yet counts as empty.
 */
export async function hasRegisteredPeople(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === "3D000") return false;
    throw error;
  }
  try {
    const { rows } = await client.query(`SELECT to_regclass('identity_outbox') IS NOT NULL AS migrated`);
    if (!rows[0].migrated) return false;
    const { rowCount } = await client.query(`SELECT 1 FROM identity_outbox LIMIT 1`);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
