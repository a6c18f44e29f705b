import path from "node:path";
import { AGENCY_NAMES, runImport, type SubgraphDefinition } from "@tessera/kit";

/**
 * `npm run import -- <agency> <file.ndjson>`: loads an agency's NDJSON (docs/import-format.md) into
 * its database and registers its people with identity. Prints each rejected line; exits 1 if any
 * line was rejected (the valid ones are loaded all the same).
 */
async function main(): Promise<number> {
  const [agency, file] = process.argv.slice(2);
  if (!agency || !file || !(AGENCY_NAMES as readonly string[]).includes(agency)) {
    process.stderr.write(`usage: npm run import -- <${AGENCY_NAMES.join("|")}> <file.ndjson>\n`);
    return 2;
  }
  const { subgraph } = (await import(path.resolve(__dirname, "..", "subgraphs", agency, "src", "index.ts"))) as { subgraph: SubgraphDefinition };
  const started = Date.now();
  const report = await runImport(subgraph, {
    file,
    onBatch: (progress) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${agency}: ${progress.lines} lines read`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  for (const rejected of report.rejected) process.stdout.write(`line ${rejected.line}: ${rejected.reason}\n`);
  const loaded = Object.entries(report.loaded).map(([type, n]) => `${n} ${type}`).join(", ");
  process.stdout.write(
    `${agency}: ${report.lines} lines, loaded ${loaded}; rejected ${report.rejected.length}; ` +
      `identity registrations: ${report.registrationsPending} pending, ${report.registrationsRejected} refused; ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return report.rejected.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
