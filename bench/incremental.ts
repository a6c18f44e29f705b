/**
 * The incremental path at scale: how long identity takes to link ONE new person record when many
 * are already indexed.
 *
 *   npm run bench:linkage:incremental -- --records 1000000 [--sample 2000] [--seed N] [--explain]
 *   TESSERA_BENCH_PG_URL=… npm run bench:linkage:incremental -- --records 1000000 --reuse-database NAME
 *
 * `--reuse-database` measures again on a database a run with the same records and seed loaded and
 * kept (an interrupted run leaves it): no load, no drop, and held-out records already registered
 * there are skipped.
 * On a fresh, throwaway identity database (on the server at TESSERA_BENCH_PG_URL, else an embedded
 * PostgreSQL started here as the tests' global setup does; dropped at the end), migrated by identity's
 * own migrations, it indexes RECORDS synthetic person records (bench/syntheticPeople.ts, truth known)
 * through the product's bulk path — stored, then `identity:estimate` and `identity:relink` as
 * `npm start` runs them after an import — and runs VACUUM ANALYZE. Then it registers SAMPLE held-out records one at a time through `registerPeople`,
 * the transaction POST /internal/registrations runs: half are further noisy records of indexed
 * people, half the first record of people identity has never seen.
 *
 * Printed: load time and peak memory; p50/p90/p99/max milliseconds per registration; the time of
 * each SQL statement in it; the baseline — the one indexed `blocking_key` lookup of the same record's
 * keys, measured just before each registration — and the ratio to it; whether each new record joined
 * its own person (or stayed apart, for a new person). `--explain` prints EXPLAIN ANALYZE of the
 * slowest neighbourhood statement. The last line is JSON with the figures.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { Random } from "@tessera/demo";
import { openServiceDatabase, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@tessera/kit";
import type { DataSource } from "typeorm";
import { PostgresQueryRunner } from "typeorm/driver/postgres/PostgresQueryRunner";
import { dropDatabase } from "../subgraphs/kit/src/testing/testDatabase";
import { estimateAndStoreModel } from "../subgraphs/identity/src/commands/estimateModel";
import { relinkAll } from "../subgraphs/identity/src/commands/relink";
import { subgraph } from "../subgraphs/identity/src/index";
import { pairwiseAccuracy } from "../subgraphs/identity/src/linkage/accuracy";
import { prepareRecord } from "../subgraphs/identity/src/linkage/linkableRecord";
import { LinkRule } from "../subgraphs/identity/src/linkage/LinkRule";
import { recordKeyString } from "../subgraphs/identity/src/linkage/RecordKey";
import { parseRegistrations, type ValidRegistration } from "../subgraphs/identity/src/registration/parseRegistrations";
import { registerPeople } from "../subgraphs/identity/src/registration/registerPeople";
import { currentLinkage } from "../subgraphs/identity/src/resolution/currentLinkage";
import { lockLinkage } from "../subgraphs/identity/src/resolution/linkNeighbourhood";
import { blockingKeysOf, recordRow, type ResolutionPlan } from "../subgraphs/identity/src/resolution/planResolution";
import { saveResolution } from "../subgraphs/identity/src/resolution/saveResolution";
import { toLinkableRecord } from "../subgraphs/identity/src/resolution/toLinkableRecord";
import { syntheticPeople } from "./syntheticPeople";

const AGENCIES = [
  { agency: "police", prefix: "P" },
  { agency: "health", prefix: "H" },
  { agency: "social-care", prefix: "C" },
] as const;

type SampleKind = "existing" | "new";

interface Sample {
  registration: ValidRegistration;
  label: string;
  kind: SampleKind;
}

interface Workload {
  indexed: ValidRegistration[];
  labels: string[];
  samples: Sample[];
  /** Generated records the product would refuse (a name missing): neither indexed nor sampled. */
  refused: number;
}

/**
 * Splits a synthetic population into RECORDS to index and SAMPLE to register afterwards, by whole
 * people: every so many people, alternately, the last record of a person with two or more records
 * is held out (the rest indexed) or all of a person is held out and only the first record registered.
 * Records go through the product's own validation, so they are stored in its forms.
 */
function workload(records: number, sample: number, seed: number): Workload {
  // Over-generate: about one record in twelve lacks a name and is refused, as the endpoint refuses it.
  const population = syntheticPeople(Math.ceil((records + sample) * 1.15), seed);
  const random = new Random(seed + 1);
  const now = new Date();
  const people = new Map<string, ValidRegistration[]>();
  let refused = 0;
  population.records.forEach((record, index) => {
    const { agency, prefix } = random.pick(AGENCIES);
    const parsed = parseRegistrations(
      {
        registrations: [
          {
            agency,
            localId: `${prefix}-${index}`,
            area: record.postcode?.slice(0, 2) ?? "ZZ",
            givenNames: record.firstName,
            familyName: record.surname,
            dateOfBirth: record.dateOfBirth,
            postcode: record.postcode,
            nhsNumber: record.nhsNumber,
            pncId: record.pncId,
            email: record.email,
          },
        ],
      },
      now,
    );
    if (parsed.errors) {
      refused += 1;
      return;
    }
    const label = population.labels[index]!;
    const copies = people.get(label);
    if (copies) copies.push(parsed.registrations[0]!);
    else people.set(label, [parsed.registrations[0]!]);
  });
  // Held out from early people onwards, so samples are done long before the index is full.
  const stride = Math.max(2, Math.floor(records / 2.6 / sample));
  const indexed: ValidRegistration[] = [];
  const labels: string[] = [];
  const samples: Sample[] = [];
  let person = 0;
  let due = false;
  for (const [label, copies] of people) {
    if (indexed.length >= records && samples.length >= sample) break;
    person += 1;
    due ||= person % stride === 0;
    const wanted: SampleKind = samples.length % 2 === 0 ? "existing" : "new";
    // A person with one record cannot give a further record: the next one who can does.
    const holdOut = due && samples.length < sample && (wanted === "new" || copies.length >= 2);
    if (holdOut) due = false;
    if (holdOut && wanted === "new") {
      samples.push({ registration: copies[0]!, label, kind: "new" });
      continue;
    }
    const keep = holdOut ? copies.slice(0, -1) : copies;
    if (holdOut) samples.push({ registration: copies.at(-1)!, label, kind: "existing" });
    for (const copy of keep.slice(0, records - indexed.length)) {
      indexed.push(copy);
      labels.push(label);
    }
  }
  if (indexed.length < records || samples.length < sample) throw new Error(`generated too few records: ${indexed.length} indexed, ${samples.length} samples`);
  return { indexed, labels, samples, refused };
}

interface LoadReport {
  insertSeconds: number;
  estimateSeconds: number;
  relinkSeconds: number;
  analyzeSeconds: number;
  subjects: number;
  reviewPairs: number;
  f1: number;
  precision: number;
  recall: number;
}

/**
 * Indexes the records as `npm start` does after an import, through the product's own functions:
 * the records stored unlinked (each its own subject), then `identity:estimate`
 * (`estimateAndStoreModel`) and `identity:relink` (`relinkAll`), which writes every link, subject
 * and blocking key. Not one `planResolution` + `saveResolution` over records never stored:
 * `saveResolution` writes records in chunks of 5,000 and a record linked to one in a later chunk
 * breaks the `linked_to` foreign key, so only plans over stored records (re-link) or batches under
 * 5,000 (registration) can be written. Takes the records out of `indexed`, so that the re-link,
 * which holds every record several times over, does not also hold them here.
 */
async function load(dataSource: DataSource, indexed: ValidRegistration[], labelOf: ReadonlyMap<string, string>, log: (line: string) => void): Promise<LoadReport> {
  let lap = performance.now();
  const seconds = () => {
    const at = performance.now();
    const elapsed = (at - lap) / 1000;
    lap = at;
    return elapsed;
  };
  const count = indexed.length;
  await storeUnlinked(dataSource, indexed.splice(0));
  const insertSeconds = seconds();
  log(`  ${count} records stored unlinked in ${insertSeconds.toFixed(1)} s`);
  await estimateAndStoreModel(dataSource.manager, { note: "bench/incremental.ts" });
  const estimateSeconds = seconds();
  log(`  model estimated in ${estimateSeconds.toFixed(1)} s`);
  const relinked = await relinkAll(dataSource.manager);
  const relinkSeconds = seconds();
  log(`  re-linked in ${relinkSeconds.toFixed(1)} s`);
  await dataSource.query(`VACUUM ANALYZE`);
  const analyzeSeconds = seconds();
  const rows = (await dataSource.query(`SELECT agency, local_id AS "localId", subject_id AS "subjectId" FROM person_record`)) as Array<{ agency: string; localId: string; subjectId: string }>;
  const accuracy = pairwiseAccuracy(
    rows.map((row) => labelOf.get(recordKeyString(row))!),
    rows.map((row) => row.subjectId),
  );
  return {
    insertSeconds,
    estimateSeconds,
    relinkSeconds,
    analyzeSeconds,
    subjects: relinked.subjectsAfter,
    reviewPairs: relinked.reviewPairs,
    f1: accuracy.f1,
    precision: accuracy.precision,
    recall: accuracy.recall,
  };
}

/** Each record as its own subject, unscored, written by the product's writer. */
async function storeUnlinked(dataSource: DataSource, records: readonly ValidRegistration[]): Promise<void> {
  const now = new Date();
  const stamp = now.toISOString();
  const subjects = records.map(() => randomUUID());
  const plan: ResolutionPlan = {
    subjectOfNode: subjects,
    newSubjects: subjects,
    newSubjectSupport: subjects.map(() => 1),
    vacatedSubjects: [],
    support: [],
    recordRows: records.map((record, index) =>
      recordRow(record, { subjectId: subjects[index]!, rule: LinkRule.SOLE_RECORD, modelVersion: null, decisionId: null }, { linkedAt: stamp, registeredAt: stamp, updatedAt: stamp }),
    ),
    recordCount: records.length,
    blockingKeys: [],
    blockingKeyCount: 0,
    reviewRows: [],
    reviewCount: 0,
  };
  await dataSource.transaction((manager) => saveResolution(manager, plan, undefined, now));
}

/** One statement as sent inside a registration: what it was and how long it took. */
interface TimedStatement {
  name: string;
  milliseconds: number;
  query: string;
  parameters: unknown[] | undefined;
  /** Rows a SELECT answered: for the neighbourhood, the records resolved. */
  rows: number | undefined;
}

/**
 * Times every statement TypeORM's PostgreSQL query runner sends while `into` is set: the product's
 * statements are plain `manager.query` calls, so this sees each one, from send to rows parsed.
 */
function timeStatements(): { into: TimedStatement[] | undefined } {
  const recorder: { into: TimedStatement[] | undefined } = { into: undefined };
  const send = PostgresQueryRunner.prototype.query;
  PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, query: string, parameters?: unknown[], structured?: boolean) {
    const started = performance.now();
    const result: unknown = await send.call(this, query, parameters as never[], structured);
    recorder.into?.push({ name: statementName(query), milliseconds: performance.now() - started, query, parameters, rows: Array.isArray(result) ? result.length : undefined });
    return result;
  } as typeof send;
  return recorder;
}

function statementName(query: string): string {
  const text = query.replace(/\s+/g, " ").trim();
  if (text.startsWith("WITH named")) return "neighbourhood (blocking_key → whole subjects)";
  if (text.startsWith("SELECT pg_advisory_xact_lock")) return "lock + planner settings";
  if (text.startsWith("SELECT max(version)")) return "current model version";
  if (text.includes("FROM link_constraint")) return "reviewer constraints";
  return text.slice(0, 48);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function distribution(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0, mean: sorted.reduce((total, value) => total + value, 0) / Math.max(sorted.length, 1) };
}

async function withServer<T>(run: (serverUrl: string) => Promise<T>): Promise<T> {
  const given = process.env.TESSERA_BENCH_PG_URL;
  if (given) return run(given.replace(/\/+$/, ""));
  const port = Number(process.env.TESSERA_BENCH_PG_PORT ?? 54349);
  const handle: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dataDir: path.join(__dirname, "..", ".tessera", `bench-pg-${port}`), port, ephemeral: true });
  try {
    return await run(handle.url("").replace(/\/$/, ""));
  } finally {
    await handle.stop();
  }
}

/** A kept database: what it holds, the load unmeasured, and the held-out records it already has left out. */
async function reused(dataSource: DataSource, generated: Workload): Promise<LoadReport> {
  const present = new Set(
    ((await dataSource.query(`SELECT agency, local_id AS "localId" FROM person_record p JOIN unnest($1::text[], $2::text[]) AS k(a, l) ON p.agency = k.a AND p.local_id = k.l`, [
      generated.samples.map(({ registration }) => registration.agency),
      generated.samples.map(({ registration }) => registration.localId),
    ])) as Array<{ agency: string; localId: string }>).map(recordKeyString),
  );
  generated.samples.splice(0, generated.samples.length, ...generated.samples.filter(({ registration }) => !present.has(recordKeyString(registration))));
  const [counts] = (await dataSource.query(`SELECT (SELECT count(*) FROM subject)::int AS subjects, (SELECT count(*) FROM link_review)::int AS "reviewPairs"`)) as Array<{ subjects: number; reviewPairs: number }>;
  return { insertSeconds: Number.NaN, estimateSeconds: Number.NaN, relinkSeconds: Number.NaN, analyzeSeconds: Number.NaN, ...counts!, f1: Number.NaN, precision: Number.NaN, recall: Number.NaN };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const records = Number(option("--records"));
  if (!Number.isInteger(records) || records < 1000) {
    process.stderr.write("usage: npm run bench:linkage:incremental -- --records N (at least 1000) [--sample 2000] [--seed 1] [--explain]\n");
    process.exit(2);
  }
  const sample = Number(option("--sample") ?? 2000);
  const seed = Number(option("--seed") ?? 1);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const generated = workload(records, sample, seed);
  log(`${generated.indexed.length} records to index, ${generated.samples.length} to register one at a time (${generated.refused} generated records refused by validation)`);
  const labelOf = new Map(generated.indexed.map((record, index) => [recordKeyString(record), generated.labels[index]!]));
  for (const { registration, label } of generated.samples) labelOf.set(recordKeyString(registration), label);

  const reuse = option("--reuse-database");
  await withServer(async (serverUrl) => {
    const url = `${serverUrl}/${reuse ?? `bench_identity_${randomBytes(5).toString("hex")}`}`;
    const { dataSource } = await openServiceDatabase({ service: subgraph.service, entities: subgraph.entities, migrations: subgraph.migrations, url });
    try {
      const server = (await dataSource.query(`SHOW server_version`))[0].server_version as string;
      log(`PostgreSQL ${server}, database ${new URL(url).pathname.slice(1)}; loading…`);
      const loadStarted = performance.now();
      const loaded = reuse ? await reused(dataSource, generated) : await load(dataSource, generated.indexed, labelOf, log);
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const loadPeakMb = process.resourceUsage().maxRSS / 1024;
      const sizes = (await dataSource.query(
        `SELECT (SELECT count(*) FROM blocking_key)::bigint AS keys, pg_size_pretty(pg_database_size(current_database())) AS size`,
      )) as Array<{ keys: string; size: string }>;

      const linkage = await currentLinkage(dataSource.manager);
      // Latency on two cores is at the mercy of anything else running: the load says whether something was.
      const loadBefore = loadavg()[0]!;
      const recorder = timeStatements();
      const registerMs: number[] = [];
      const lookupMs: number[] = [];
      const statements: TimedStatement[][] = [];
      const outcome = { existing: { joined: 0, withOthers: 0, count: 0 }, new: { apart: 0, withOthers: 0, count: 0 } };
      for (const { registration, label, kind } of generated.samples) {
        const keys = blockingKeysOf(linkage.model, prepareRecord(toLinkableRecord(registration), 0));
        let started = performance.now();
        await dataSource.query(`SELECT agency, local_id FROM blocking_key WHERE key = ANY($1::text[])`, [keys]);
        lookupMs.push(performance.now() - started);

        const sent: TimedStatement[] = [];
        recorder.into = sent;
        started = performance.now();
        const [result] = await registerPeople(dataSource, [registration]);
        registerMs.push(performance.now() - started);
        recorder.into = undefined;
        statements.push(sent);

        const members = (await dataSource.query(`SELECT agency, local_id AS "localId" FROM person_record WHERE subject_id = $1`, [result!.subjectId])) as Array<{ agency: string; localId: string }>;
        const others = members.filter((member) => member.agency !== registration.agency || member.localId !== registration.localId).map((member) => labelOf.get(recordKeyString(member)));
        const withOthers = others.some((other) => other !== label);
        if (kind === "existing") {
          outcome.existing.count += 1;
          if (others.includes(label)) outcome.existing.joined += 1;
          if (withOthers) outcome.existing.withOthers += 1;
        } else {
          outcome.new.count += 1;
          if (others.length === 0) outcome.new.apart += 1;
          if (withOthers) outcome.new.withOthers += 1;
        }
      }

      const loadAfter = loadavg()[0]!;
      const register = distribution(registerMs);
      const lookup = distribution(lookupMs);
      const byStatement = new Map<string, number[]>();
      statements.forEach((sent) => {
        const totals = new Map<string, number>();
        for (const { name, milliseconds } of sent) totals.set(name, (totals.get(name) ?? 0) + milliseconds);
        for (const [name, milliseconds] of totals) byStatement.set(name, [...(byStatement.get(name) ?? []), milliseconds]);
      });
      const neighbourhood = distribution(statements.map((sent) => sent.find(({ name }) => name.startsWith("neighbourhood"))?.rows ?? 0));
      const sqlMs = statements.map((sent) => sent.reduce((sum, { milliseconds }) => sum + milliseconds, 0));
      // The registrations at or above p99: which statements made them slow.
      const tail = registerMs.flatMap((total, index) => (total >= register.p99 ? [index] : []));
      const tailMean = (pick: (index: number) => number) => tail.reduce((sum, index) => sum + pick(index), 0) / Math.max(tail.length, 1);
      const tailByStatement = [...byStatement.keys()].map((name) => [name, tailMean((index) => statements[index]!.filter((statement) => statement.name === name).reduce((sum, { milliseconds }) => sum + milliseconds, 0))] as const);
      const tailOutsideSql = tailMean((index) => registerMs[index]! - sqlMs[index]!);
      const outsideSql = distribution(registerMs.map((total, index) => total - sqlMs[index]!));

      const ms = (value: number) => value.toFixed(2).padStart(8);
      const share = (part: number, whole: number) => (whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`);
      const lines = [
        `incremental linkage benchmark: ${records} records indexed (synthetic, seed ${seed}), ${generated.samples.length} registered one at a time; PostgreSQL ${server}`,
        `load ${loadSeconds.toFixed(1)} s: store unlinked ${loaded.insertSeconds.toFixed(1)} s, estimate ${loaded.estimateSeconds.toFixed(1)} s, re-link ${loaded.relinkSeconds.toFixed(1)} s, VACUUM ANALYZE ${loaded.analyzeSeconds.toFixed(1)} s; peak memory (maxRSS) ${loadPeakMb.toFixed(0)} MB`,
        `index: ${loaded.subjects} subjects, ${sizes[0]!.keys} blocking keys, ${loaded.reviewPairs} review pairs, database ${sizes[0]!.size}; bulk F1 ${loaded.f1.toFixed(4)} (precision ${loaded.precision.toFixed(4)}, recall ${loaded.recall.toFixed(4)})`,
        "",
        `milliseconds                           p50      p90      p99      max     mean`,
        `registerPeople (one record)       ${ms(register.p50)} ${ms(register.p90)} ${ms(register.p99)} ${ms(register.max)} ${ms(register.mean)}`,
        `baseline: blocking_key lookup     ${ms(lookup.p50)} ${ms(lookup.p90)} ${ms(lookup.p99)} ${ms(lookup.max)} ${ms(lookup.mean)}`,
        `ratio to baseline                 ${(register.p50 / lookup.p50).toFixed(1).padStart(7)}× ${(register.p90 / lookup.p90).toFixed(1).padStart(7)}× ${(register.p99 / lookup.p99).toFixed(1).padStart(7)}×`,
        `records in the neighbourhood resolved: p50 ${neighbourhood.p50}, p99 ${neighbourhood.p99}, max ${neighbourhood.max}; ${(statements.reduce((sum, sent) => sum + sent.length, 0) / statements.length).toFixed(1)} statements per registration`,
        "",
        `per registration, by statement (p50/p99 ms; share of total mean time)`,
        ...[...byStatement].map(([name, values]) => {
          const each = distribution(values);
          return `  ${name.padEnd(50)} ${ms(each.p50)} ${ms(each.p99)}   ${share(each.mean * values.length, register.mean * registerMs.length)}`;
        }),
        `  ${"outside SQL (JavaScript, pool, round trips)".padEnd(50)} ${ms(outsideSql.p50)} ${ms(outsideSql.p99)}   ${share(outsideSql.mean, register.mean)}`,
        "",
        `the ${tail.length} registrations at or above p99 (mean ${tailMean((index) => registerMs[index]!).toFixed(2)} ms), mean ms by statement:`,
        `  ${[...tailByStatement, ["outside SQL", tailOutsideSql] as const].filter(([, milliseconds]) => milliseconds >= 0.5).map(([name, milliseconds]) => `${name.slice(0, 28)} ${milliseconds.toFixed(1)}`).join("; ")}`,
        "",
        `placements: of ${outcome.existing.count} further records of indexed people, ${share(outcome.existing.joined, outcome.existing.count)} joined their own person, ${share(outcome.existing.withOthers, outcome.existing.count)} a subject holding someone else;`,
        `            of ${outcome.new.count} first records of new people, ${share(outcome.new.apart, outcome.new.count)} got a subject of their own, ${share(outcome.new.withOthers, outcome.new.count)} joined someone else`,
        `machine load average (1 min) ${loadBefore.toFixed(2)} before the registrations, ${loadAfter.toFixed(2)} after, on ${availableParallelism()} cores`,
        `peak memory (maxRSS) ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      ];
      process.stdout.write(`${lines.join("\n")}\n`);

      if (argv.includes("--explain")) {
        const slowest = statements
          .map((sent) => sent.find(({ name }) => name.startsWith("neighbourhood"))!)
          .reduce((worst, statement) => (statement.milliseconds > worst.milliseconds ? statement : worst));
        const plan = await dataSource.transaction(async (manager) => {
          await lockLinkage(manager);
          return (await manager.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.query}`, slowest.parameters)) as Array<{ "QUERY PLAN": string }>;
        });
        process.stdout.write(`\nEXPLAIN ANALYZE of the slowest neighbourhood statement (its first run took ${slowest.milliseconds.toFixed(2)} ms):\n${plan.map((row) => row["QUERY PLAN"]).join("\n")}\n`);
      }

      const figures = {
        records,
        sample: generated.samples.length,
        seed,
        postgres: server,
        load: { seconds: loadSeconds, ...loaded, blockingKeys: Number(sizes[0]!.keys), databaseSize: sizes[0]!.size, peakMemoryMb: loadPeakMb },
        registerMs: register,
        baselineLookupMs: lookup,
        ratioToBaseline: { p50: register.p50 / lookup.p50, p99: register.p99 / lookup.p99 },
        statementsMs: Object.fromEntries([...byStatement].map(([name, values]) => [name, distribution(values)])),
        neighbourhoodRecords: neighbourhood,
        outsideSqlMs: outsideSql,
        p99TailMeanMs: Object.fromEntries([...tailByStatement, ["outside SQL", tailOutsideSql]]),
        placements: outcome,
        loadAverage: { before: loadBefore, after: loadAfter },
        peakMemoryMb: process.resourceUsage().maxRSS / 1024,
      };
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    } finally {
      await dataSource.destroy();
      if (!reuse) await dropDatabase(url);
    }
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
