import { parseArgs } from "node:util";
import { openServiceDatabase, SERVICE_NAMES, verifyAccessLog, type ServiceName } from "@tessera/kit";

/**
 * `npm run audit:verify -- --service police` (or `--all`): walks the service's access-log hash chain
 * and reports the first broken link. Exit code 0 when every chain holds, 1 when one is broken.
 * Reads `<SERVICE>_DATABASE_URL`, else the embedded server `npm start` runs.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { service: { type: "string", multiple: true }, all: { type: "boolean" } } });
  const services = values.all ? [...SERVICE_NAMES] : (values.service ?? []);
  const unknown = services.filter((s) => !(SERVICE_NAMES as readonly string[]).includes(s));
  if (services.length === 0 || unknown.length > 0) {
    process.stderr.write(`usage: npm run audit:verify -- --service <${SERVICE_NAMES.join("|")}> | --all${unknown.length ? `\nunknown service: ${unknown.join(", ")}` : ""}\n`);
    return 2;
  }
  let broken = false;
  for (const service of services as ServiceName[]) {
    const database = await openServiceDatabase({ service, entities: [], migrations: [] });
    try {
      const result = await verifyAccessLog(database.dataSource);
      if (result.broken) {
        broken = true;
        process.stdout.write(`${service}: BROKEN at entry ${result.broken.id}: ${result.broken.problem} (${result.entries} entries before it hold)\n`);
      } else {
        process.stdout.write(`${service}: intact, ${result.entries} entries\n`);
      }
    } finally {
      await database.dataSource.destroy();
    }
  }
  return broken ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify failed: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
