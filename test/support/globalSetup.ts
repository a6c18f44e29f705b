import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../subgraphs/kit/src/database/embeddedPostgres";

/**
 * Gives every test suite a PostgreSQL server: the one named by `TESSERA_TEST_PG_URL` (CI points it
 * at its PostgreSQL 15), else an embedded one started here and thrown away afterwards. Suites create
 * their own databases on it, so they never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  // Tests sign their tokens with a development key of their own, never the one `npm start` uses.
  process.env.TESSERA_DEV_ISSUER_DIR ??= mkdtempSync(path.join(tmpdir(), "tessera-test-issuer-"));
  // Unit tests build ApolloGateways of their own: none of them may phone Apollo (see withoutApolloTelemetry).
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  if (process.env.TESSERA_TEST_PG_URL) return;
  const port = Number(process.env.TESSERA_TEST_PG_PORT ?? 54339);
  const handle = await startEmbeddedPostgres({
    dataDir: path.join(__dirname, "..", "..", ".tessera", `test-pg-${port}`),
    port,
    ephemeral: true,
  });
  process.env.TESSERA_TEST_PG_URL = handle.url("").replace(/\/$/, "");
  (globalThis as { __tesseraTestPg?: typeof handle }).__tesseraTestPg = handle;
}
