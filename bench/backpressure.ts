/**
 * What one greedy caller costs everyone else (issue 11: "six concurrent copies of a 2.5 KB query
 * took another user's normal query from 0.03 s to 16.9 s"), through the gateway with its in-flight
 * caps (the defaults) and through a gateway without them, in the same run.
 *
 *   npm run bench:backpressure [-- --subjects 300] [--requests 40] [--copies 6] [--seed 20261122]
 *   TESSERA_BENCH_PG_URL=postgres://… npm run bench:backpressure
 *
 * On fresh databases the product runs as `npm start` runs it (`launchStack`: each service and the
 * gateway a process of its own, the gateway with the default caps) with the demonstration data
 * imported and linked; a second gateway process over the same subgraphs has caps too high to bind
 * (the baseline).
 *
 * The greedy caller keeps `--copies` requests of a heavy query in flight — 20 aliases of
 * `subject(id:)` with risk and chronology, about 2.5 KB — re-sending each as soon as it is answered;
 * a refused one is re-sent after its `Retry-After`, as a well-behaved client does. Meanwhile another
 * caller asks the README's cross-agency query, sequentially. Timed: that caller's latency alone and
 * under the load, on each gateway, in blocks ordered ABBA so that drift falls on both alike.
 *
 * Printed: a table of the figures and the ratio of each gateway's latency under load to alone; the
 * last line is JSON with all of them.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { envPrefix, issueDevToken, SERVICE_NAMES, type DevTokenClaims, type ServiceName, type SubgraphDefinition } from "@tessera/kit";
import { exited, freePort, launchStack, spawnTs } from "../scripts/stack";
import { subgraph as health } from "../subgraphs/health/src/index";
import { subgraph as identity } from "../subgraphs/identity/src/index";
import { subgraph as police } from "../subgraphs/police/src/index";
import { subgraph as risk } from "../subgraphs/risk/src/index";
import { subgraph as socialCare } from "../subgraphs/social-care/src/index";
import { distribution, importDemoPopulation, linkAsStartDoes, openBenchDatabases, populationFigures, runBench, type Distribution } from "./support";

const DEFINITIONS: Record<ServiceName, SubgraphDefinition> = { identity, police, health, "social-care": socialCare, risk };
const ACROSS_AGENCIES = readFileSync(path.join(__dirname, "..", "docs", "queries", "penelope-across-agencies.graphql"), "utf8");
const GREEDY: DevTokenClaims = { user: "bench-greedy-analyst", name: "Greedy Analyst", agency: "police", roles: ["officer"], area: "EVP", purpose: "safeguarding" };
const OTHER: DevTokenClaims = { user: "bench-other-officer", name: "PC Other", agency: "police", roles: ["officer"], area: "EVP", purpose: "safeguarding" };
/** Caps no load here reaches: the gateway as it was before them. */
const UNCAPPED = "100000";
const ALIASES = 20;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const subjects = Number(option("--subjects") ?? 300);
  const requests = Number(option("--requests") ?? 40);
  const copies = Number(option("--copies") ?? 6);
  const seed = Number(option("--seed") ?? 20261122);
  if (![subjects, requests, copies, seed].every(Number.isInteger) || subjects < 100 || requests < 4 || copies < 1) {
    process.stderr.write("usage: npm run bench:backpressure -- [--subjects N (≥ 100)] [--requests N (≥ 4)] [--copies N] [--seed N]\n");
    process.exit(2);
  }
  await runBench("backpressure", 54383, async ({ log, quiet, databaseUrls, dataDir, later }) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const service of SERVICE_NAMES) env[`${envPrefix(service)}_DATABASE_URL`] = databaseUrls[service];
    const stack = await launchStack({ env, freePorts: true, log: (member, line) => quiet(`[${member}] ${line}`) });
    later(() => stack.stop());
    const uncapped = await startUncappedGateway(stack.env, quiet);
    later(uncapped.stop);

    await importDemoPopulation(DEFINITIONS, { dir: dataDir, seed, subjects, databaseUrls, identityUrl: stack.urls.identity, log, quiet });
    const databases = await openBenchDatabases(DEFINITIONS, databaseUrls);
    later(async () => {
      for (const database of Object.values(databases)) if (database.dataSource.isInitialized) await database.dataSource.destroy();
    });
    const relinked = await linkAsStartDoes(databases, "bench/backpressure.ts");
    const ids = ((await databases.identity.dataSource.query(`SELECT DISTINCT subject_id AS id FROM person_record ORDER BY 1 LIMIT ${ALIASES}`)) as { id: string }[]).map((row) => row.id);
    const heavy = `query Greedy { ${ids.map((id, i) => `s${i}: subject(id: "${id}") { riskAssessment { level reasons { ruleId } } chronology { occurredAt kind } }`).join(" ")} }`;

    const gateways = { capped: stack.gatewayUrl, uncapped: uncapped.url };
    const greedyToken = await issueDevToken(GREEDY);
    const otherToken = await issueDevToken(OTHER);
    for (const url of Object.values(gateways)) {
      const answer = await post(url, otherToken, ACROSS_AGENCIES);
      if (answer.status !== 200 || answer.body.errors) throw new Error(`the cross-agency query failed: ${JSON.stringify(answer.body).slice(0, 500)}`);
      const greedy = await post(url, greedyToken, heavy);
      if (greedy.status !== 200 || greedy.body.errors) throw new Error(`the heavy query failed: ${JSON.stringify(greedy.body).slice(0, 500)}`);
    }

    log(`timing: ${requests} requests of the cross-agency query alone and under ${copies} copies of a ${heavy.length}-byte query, per gateway (ABBA)…`);
    const loadBefore = loadavg();
    const times = { capped: { alone: [] as number[], loaded: [] as number[] }, uncapped: { alone: [] as number[], loaded: [] as number[] } };
    const greedyCounts = { capped: { served: 0, refused: 0 }, uncapped: { served: 0, refused: 0 } };
    const block = requests / 2;
    for (const which of ["capped", "uncapped", "uncapped", "capped"] as const) {
      const url = gateways[which];
      for (let i = 0; i < block / 2; i += 1) times[which].alone.push(await timed(url, otherToken));
      const load = greedyLoad(url, greedyToken, heavy, copies);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (let i = 0; i < block / 2; i += 1) times[which].loaded.push(await timed(url, otherToken));
      const counts = await load.stop();
      greedyCounts[which].served += counts.served;
      greedyCounts[which].refused += counts.refused;
    }
    const loadAfter = loadavg();

    const figures = Object.fromEntries(
      (["capped", "uncapped"] as const).map((which) => {
        const alone = distribution(times[which].alone);
        const loaded = distribution(times[which].loaded);
        return [which, { alone, loaded, ratio: loaded.p50 / alone.p50, greedy: greedyCounts[which] }];
      }),
    ) as Record<"capped" | "uncapped", { alone: Distribution; loaded: Distribution; ratio: number; greedy: { served: number; refused: number } }>;
    const row = (label: string, d: Distribution) => `${label.padEnd(44)}${[d.p50, d.p90, d.max, d.mean].map((v) => v.toFixed(1).padStart(9)).join("")}`;
    process.stdout.write(
      [
        `back-pressure benchmark: another caller's cross-agency query while one caller keeps ${copies} copies of a ${heavy.length}-byte query in flight`,
        `data: ${subjects} demonstration subjects (seed ${seed}); ${relinked.records} person records in ${relinked.subjectsAfter} subjects`,
        `milliseconds                                      p50      p90      max     mean`,
        row("capped gateway (defaults), alone", figures.capped.alone),
        row("capped gateway (defaults), under load", figures.capped.loaded),
        row("uncapped gateway, alone", figures.uncapped.alone),
        row("uncapped gateway, under load", figures.uncapped.loaded),
        `under load / alone (p50): capped ${figures.capped.ratio.toFixed(2)}×, uncapped ${figures.uncapped.ratio.toFixed(2)}×; capped / uncapped under load (p50) ${(figures.capped.loaded.p50 / figures.uncapped.loaded.p50).toFixed(2)}×`,
        `greedy caller: capped ${figures.capped.greedy.served} served, ${figures.capped.greedy.refused} refused (429); uncapped ${figures.uncapped.greedy.served} served, ${figures.uncapped.greedy.refused} refused`,
        `machine load average (1/5/15 min) ${loadBefore.map((v) => v.toFixed(2)).join("/")} before, ${loadAfter.map((v) => v.toFixed(2)).join("/")} after, on ${availableParallelism()} cores`,
        JSON.stringify({ ...(await populationFigures(databases.identity, { subjects, seed, relinked })), copies, heavyBytes: heavy.length, ...figures }),
        "",
      ].join("\n"),
    );
  });
}

async function post(url: string, token: string, query: string): Promise<{ status: number; retryAfter: number; body: { errors?: unknown[] } }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return { status: response.status, retryAfter: Number(response.headers.get("retry-after") ?? 0), body: (await response.json()) as { errors?: unknown[] } };
}

/** One cross-agency query's milliseconds; a wrong answer is no timing. */
async function timed(url: string, token: string): Promise<number> {
  const started = performance.now();
  const answer = await post(url, token, ACROSS_AGENCIES);
  const ms = performance.now() - started;
  if (answer.status !== 200 || answer.body.errors) throw new Error(`the timed query failed (HTTP ${answer.status}): ${JSON.stringify(answer.body).slice(0, 500)}`);
  return ms;
}

/** `copies` loops, each re-sending the heavy query as soon as it is answered, or after Retry-After when refused. */
function greedyLoad(url: string, token: string, query: string, copies: number): { stop(): Promise<{ served: number; refused: number }> } {
  let running = true;
  const counts = { served: 0, refused: 0 };
  const loops = Array.from({ length: copies }, async () => {
    while (running) {
      const answer = await post(url, token, query);
      if (answer.status === 429) {
        counts.refused += 1;
        await new Promise((resolve) => setTimeout(resolve, answer.retryAfter * 1000));
      } else counts.served += 1;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return counts;
    },
  };
}

/** The product's gateway, in a process of its own over the stack's subgraphs, with caps no load here reaches. */
async function startUncappedGateway(stackEnv: NodeJS.ProcessEnv, quiet: (line: string) => void): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const env = { ...stackEnv, GATEWAY_PORT: String(port), TESSERA_MAX_IN_FLIGHT_PER_CALLER: UNCAPPED, TESSERA_MAX_IN_FLIGHT: UNCAPPED };
  const child = spawnTs("gateway/src/main.ts", env, (line) => quiet(`[uncapped gateway] ${line}`));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`the uncapped gateway exited (code ${child.exitCode})`);
    const up = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (attempt > 600) throw new Error("the uncapped gateway did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${base}/graphql`,
    async stop() {
      child.kill("SIGTERM");
      await exited(child);
    },
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
