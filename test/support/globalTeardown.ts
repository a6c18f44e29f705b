import type { EmbeddedPostgresHandle } from "../../subgraphs/kit/src/database/embeddedPostgres";

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __tesseraTestPg?: EmbeddedPostgresHandle }).__tesseraTestPg?.stop();
}
