import { openServiceDatabase } from "@tessera/kit";
import type { EntityManager } from "typeorm";
import { subgraph } from "../index";

/**
 * Runs one of identity's commands against its database, opened as the service opens it
 * (`IDENTITY_DATABASE_URL`, else the embedded default; pending migrations applied), and exits with
 * the command's code — 2, with the stack, when it fails unexpectedly.
 */
export function runCommand(name: string, command: (manager: EntityManager, argv: string[]) => Promise<number>): void {
  const run = async () => {
    const database = await openServiceDatabase({ service: subgraph.service, entities: subgraph.entities, migrations: subgraph.migrations });
    try {
      return await command(database.dataSource.manager, process.argv.slice(2));
    } finally {
      await database.dataSource.destroy();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(2);
    },
  );
}
