/**
 * What the benchmarks that run the whole product share: a PostgreSQL to run on, the demonstration
 * data loaded through the product's own import and linked as `npm start` links it, each service's
 * counters from /metrics (read as the configured scraper), and the statistics printed.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeDemoData, type DemoAgency } from "@tessera/demo";
import { AGENCY_NAMES, openServiceDatabase, runImport, SERVICE_NAMES, startEmbeddedPostgres, type RunImportResult, type ServiceDatabase, type ServiceName, type SubgraphDefinition } from "@tessera/kit";
import { dropDatabase, readMetrics } from "@tessera/kit/testing";
import { estimateAndStoreModel } from "../subgraphs/identity/src/commands/estimateModel";
import { relinkAll } from "../subgraphs/identity/src/commands/relink";

/**
 * Runs `run` with a PostgreSQL server's base URL: TESSERA_BENCH_PG_URL if set, else an embedded
 * PostgreSQL on TESSERA_BENCH_PG_PORT (default `defaultPort`), thrown away afterwards.
 */
export async function withBenchPostgres<T>(defaultPort: number, run: (serverUrl: string) => Promise<T>): Promise<T> {
  const given = process.env.TESSERA_BENCH_PG_URL;
  if (given) return run(given.replace(/\/+$/, ""));
  const port = Number(process.env.TESSERA_BENCH_PG_PORT ?? defaultPort);
  const handle = await startEmbeddedPostgres({ dataDir: path.join(__dirname, "..", ".tessera", `bench-pg-${port}`), port, ephemeral: true });
  try {
    return await run(handle.url("").replace(/\/$/, ""));
  } finally {
    await handle.stop();
  }
}

/** Imports one agency's NDJSON file through the product (`runImport`, which registers people with identity); fails if anyone did not reach identity. */
export async function importAgencyFile(
  definition: SubgraphDefinition,
  options: { file: string; databaseUrl: string; identityUrl: string; log: (line: string) => void; quiet: (line: string) => void },
): Promise<RunImportResult> {
  const report = await runImport(definition, { file: options.file, databaseUrl: options.databaseUrl, identityUrl: options.identityUrl, log: options.quiet });
  const loaded = Object.entries(report.loaded).map(([type, n]) => `${n} ${type}`).join(", ");
  options.log(`  ${definition.service} ${path.basename(options.file)}: ${loaded}; ${report.rejected.length} rejected; registrations ${report.registrationsPending} pending, ${report.registrationsRejected} refused`);
  if (report.registrationsPending > 0 || report.registrationsRejected > 0) throw new Error(`${definition.service}: not every person in ${options.file} reached identity`);
  return report;
}

/** Writes the demonstration population for a seed into `dir` and imports each agency's file through the product. */
export async function importDemoPopulation(
  definitions: Record<ServiceName, SubgraphDefinition>,
  options: { dir: string; seed: number; subjects: number; databaseUrls: Record<ServiceName, string>; identityUrl: string; log: (line: string) => void; quiet: (line: string) => void },
): Promise<Record<DemoAgency, RunImportResult>> {
  options.log(`writing demonstration data: ${options.subjects} subjects, seed ${options.seed}…`);
  await writeDemoData({ dir: options.dir, seed: options.seed, subjects: options.subjects });
  const reports = await Promise.all(
    AGENCY_NAMES.map((agency) => importAgencyFile(definitions[agency], { ...options, file: path.join(options.dir, `${agency}.ndjson`), databaseUrl: options.databaseUrls[agency] })),
  );
  return Object.fromEntries(AGENCY_NAMES.map((agency, index) => [agency, reports[index]!])) as Record<DemoAgency, RunImportResult>;
}

/** The benchmark's own connection to each service's database. */
export async function openBenchDatabases(definitions: Record<ServiceName, SubgraphDefinition>, databaseUrls: Record<ServiceName, string>): Promise<Record<ServiceName, ServiceDatabase>> {
  const databases: Partial<Record<ServiceName, ServiceDatabase>> = {};
  for (const service of SERVICE_NAMES) databases[service] = await openServiceDatabase({ service, entities: definitions[service].entities, migrations: definitions[service].migrations, url: databaseUrls[service] });
  return databases as Record<ServiceName, ServiceDatabase>;
}

/** As `npm start` does after a first import: a linkage model estimated from the records, every record re-linked; then statistics for the planner. */
export async function linkAsStartDoes(databases: Record<ServiceName, ServiceDatabase>, note: string): Promise<{ records: number; subjectsAfter: number }> {
  await estimateAndStoreModel(databases.identity.dataSource.manager, { note });
  const relinked = await relinkAll(databases.identity.dataSource.manager);
  for (const database of Object.values(databases)) await database.dataSource.query(`VACUUM ANALYZE`);
  return relinked;
}

/** A service's GraphQL requests and request SQL statements so far, from its /metrics, as an operator reads them. */
export async function serviceCounters(baseUrl: string): Promise<{ requests: number; sql: number }> {
  const text = await readMetrics(baseUrl);
  const requests = /^tessera_graphql_requests_total\{[^}]*\} (\d+)$/m.exec(text);
  const sql = /^tessera_sql_statements_total\{[^}]*origin="request"\} (\d+)$/m.exec(text);
  if (!sql) throw new Error(`no statement counter at ${baseUrl}/metrics`);
  return { requests: requests ? Number(requests[1]) : Number.NaN, sql: Number(sql[1]) };
}

/** Rows of a Williams Latin square: for an odd count, each row also reversed. */
export function williamsDesign(count: number): number[][] {
  const first = Array.from({ length: count }, (_, position) => (position % 2 === 1 ? (position + 1) / 2 : (count - position / 2) % count));
  const rows = Array.from({ length: count }, (_, shift) => first.map((value) => (value + shift) % count));
  return count % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function distribution(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, mean: total / Math.max(sorted.length, 1), requestsPerSecond: (1000 * sorted.length) / Math.max(total, 1e-9) };
}

export type Distribution = ReturnType<typeof distribution>;

export interface BenchRun {
  log(line: string): void;
  /** For the services' own output: only warnings and errors get through. */
  quiet(line: string): void;
  /** A fresh database URL for each service, dropped at the end. */
  databaseUrls: Record<ServiceName, string>;
  /** A directory for generated data, removed at the end. */
  dataDir: string;
  /** Runs `cleanup` at the end, before anything registered earlier (so stacks stop before their databases go). */
  later(cleanup: () => Promise<void>): void;
}

/**
 * The frame of a benchmark that runs the product: a development issuer of its own (the import and
 * the services read it from the environment), fresh databases on `withBenchPostgres`, and every
 * cleanup run at the end whatever happened.
 */
export async function runBench(name: string, defaultPort: number, body: (run: BenchRun) => Promise<void>): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const quiet = (line: string) => {
    if (/"level":"(error|warn)"|error|failed/i.test(line)) log(line);
  };
  // Every ApolloServer in the process listens for SIGINT and SIGTERM: a dozen of them is expected here.
  process.setMaxListeners(64);
  const issuerDir = mkdtempSync(path.join(tmpdir(), `tessera-bench-${name}-issuer-`));
  process.env.TESSERA_DEV_ISSUER_DIR = issuerDir;
  const dataDir = mkdtempSync(path.join(tmpdir(), `tessera-bench-${name}-data-`));
  try {
    await withBenchPostgres(defaultPort, async (serverUrl) => {
      const cleanups: Array<() => Promise<void>> = [];
      const later = (cleanup: () => Promise<void>) => void cleanups.unshift(cleanup);
      try {
        const suffix = randomBytes(4).toString("hex");
        const databaseUrls = Object.fromEntries(SERVICE_NAMES.map((service) => [service, `${serverUrl}/bench_${name}_${service.replace(/-/g, "_")}_${suffix}`])) as Record<ServiceName, string>;
        later(async () => void (await Promise.all(Object.values(databaseUrls).map((url) => dropDatabase(url)))));
        await body({ log, quiet, databaseUrls, dataDir, later });
      } finally {
        for (const cleanup of cleanups) await cleanup().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
      }
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(issuerDir, { recursive: true, force: true });
  }
}

/** What a benchmark ran on, for its report and the first keys of its JSON line. */
export async function populationFigures(identity: ServiceDatabase, options: { subjects: number; seed: number; relinked: { records: number; subjectsAfter: number } }) {
  const [{ server_version: postgres }] = (await identity.dataSource.query(`SHOW server_version`)) as [{ server_version: string }];
  return { subjects: options.subjects, seed: options.seed, postgres, personRecords: options.relinked.records, linkedSubjects: options.relinked.subjectsAfter };
}
