import { randomBytes } from "node:crypto";
import { Client } from "pg";
import type { ServiceName } from "../config/services";
import { openServiceDatabase, type ServiceDatabase } from "../database/createServiceDataSource";
import type { SubgraphDefinition } from "../server/SubgraphDefinition";

/**
 * The PostgreSQL server tests run on: `TESSERA_TEST_PG_URL` (set by the jest global setup to the
 * embedded server it starts, or given by CI to point at a real one).
 */
export function testServerUrl(): string {
  const url = process.env.TESSERA_TEST_PG_URL;
  if (!url) throw new Error("TESSERA_TEST_PG_URL is not set: run tests through jest (its global setup starts PostgreSQL)");
  return url.replace(/\/+$/, "");
}

/** A URL for a new, uniquely named database on the test server (created on first connection). */
export function freshDatabaseUrl(service: ServiceName | string): string {
  return `${testServerUrl()}/test_${service.replace(/-/g, "_")}_${randomBytes(5).toString("hex")}`;
}

export interface TestDatabase extends ServiceDatabase {
  url: string;
  /** The SQL statements `run` sent on this database's connections. */
  statementsDuring(run: () => Promise<unknown>): Promise<number>;
  drop(): Promise<void>;
}

/** A migrated database of the service's own, for one test suite; `drop()` removes it. */
export async function createTestDatabase(definition: Pick<SubgraphDefinition, "service" | "entities" | "migrations">): Promise<TestDatabase> {
  const url = freshDatabaseUrl(definition.service);
  const database = await openServiceDatabase({ ...definition, url });
  return {
    ...database,
    url,
    async statementsDuring(run) {
      const before = database.counter.statements;
      await run();
      return database.counter.statements - before;
    },
    async drop() {
      if (database.dataSource.isInitialized) await database.dataSource.destroy();
      await dropDatabase(url);
    },
  };
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
