/**
 * What the access layer costs the cross-agency subject query (issue 4: "authentication, signing,
 * policy checks and logging together add no more than 20% to the p50 latency").
 *
 *   npm run bench:access [-- --subjects 1000] [--requests 2000] [--warmup 200] [--seed 20261122] [--breakdown] [--processes]
 *   TESSERA_BENCH_PG_URL=postgres://… npm run bench:access
 *
 * On fresh databases (one per service, on the server at TESSERA_BENCH_PG_URL, else an embedded
 * PostgreSQL on TESSERA_BENCH_PG_PORT, default 54381; all dropped at the end) it loads the
 * demonstration data through the product's own path — every secured service running, each agency's
 * file imported with `runImport`, which registers its people with identity — then estimates a
 * linkage model and re-links as `npm start` does, and runs VACUUM ANALYZE.
 *
 * Two stacks then serve the same databases, all in this one process (with `--processes`, every
 * service and gateway of both stacks in a process of its own, as in production):
 * - secured: the product as it is — `runSubgraph` for identity, police, health and social care and
 *   `startGateway` (with `--processes`: `launchStack`, as `npm start` runs it) — with tokens verified by the gateway and every subgraph, gateway→subgraph HMAC
 *   signatures, every field under the agency's policy and one access-log INSERT per subgraph request;
 * - baseline: assembled here, not by any switch of the product: each subgraph's own `buildSchema()`
 *   on a plain ApolloServer, and a plain ApolloGateway with `RemoteGraphQLDataSource`, over the same
 *   supergraph, with the same Apollo and Express settings except the access layer.
 *
 * The query is the subject query across identity, police, health and social care, for subjects with
 * records in two or more agencies (Penelope Ashworth among them), as a police officer with purpose
 * safeguarding, asking only for fields that officer may see: both stacks must give the same answer,
 * without errors, before anything is timed. Requests are sequential from one keep-alive client,
 * secured and baseline alternating (ABBA, the same subject for both of a pair), so drift in the
 * machine or the database falls on both alike.
 *
 * Printed: p50/p90/p99/max/mean milliseconds, requests per second and SQL statements per request of
 * each stack, the ratio secured/baseline and the overhead per request in milliseconds. The last
 * line is JSON with the figures.
 *
 * The front door's own share is measured in the same rounds: a third stack is the product again, on
 * subgraphs of its own, behind a product gateway started without its operation limits (issue 11:
 * depth, aliases, directives, tokens, fields, fan-out cost) and without planning on a thread — Apollo's
 * own way — so secured minus that stack is what the limits cost (target ≤ 0.3 ms at p50).
 *
 * `--breakdown` says where the overhead goes: three more stacks assembled here are timed in the same
 * rounds, each adding one part to the one before — the agency's policy on every field (a fixed
 * caller, no token), the access log written as the product writes it, the product's gateway (token
 * check, signing, forwarding the token) in front — so the secured stack adds only the subgraphs'
 * own signature and token checks; and the access-log INSERT and the token and signature
 * cryptography are timed on their own.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { availableParallelism, loadavg } from "node:os";
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { SCENARIO } from "@tessera/demo";
import {
  accessLogEntry,
  envPrefix,
  GatewaySignatureVerifier,
  issueDevToken,
  loadAccessConfig,
  loadAccessPolicy,
  LoaderRegistry,
  openServiceDatabase,
  RequestAccess,
  runSubgraph,
  secureSchema,
  SERVICE_NAMES,
  signRequest,
  SUBGRAPH_KEEP_ALIVE_MS,
  TokenVerifier,
  writeAccessLog,
  type AccessConfig,
  type Caller,
  type DevTokenClaims,
  type ServiceContext,
  type ServiceDatabase,
  type ServiceName,
  type SubgraphDefinition,
} from "@tessera/kit";
import { readMetrics } from "@tessera/kit/testing";
import type { QueryPlan } from "@apollo/query-planner";
import express from "express";
import { buildASTSchema, getOperationAST, parse, validate } from "graphql";
import { DataSource } from "typeorm";
import { operationLimitsFromEnv, supergraphFanOut, useOperationLimits } from "../gateway/src/limits";
import { PlanCache, planCacheKey, PlanningPool, usePlanningOffThread } from "../gateway/src/planning";
import { withInputErrorField } from "../gateway/src/inputErrorField";
import { DEFAULT_SUPERGRAPH_FILE, startGateway } from "../gateway/src/startGateway";
import { closingIdleConnections } from "../gateway/src/subgraphDataSource";
import { withoutApolloTelemetry } from "../gateway/src/withoutApolloTelemetry";
import { supergraphFromFile } from "../gateway/src/supergraphFile";
import { exited, launchStack, spawnTs } from "../scripts/stack";
import { subgraph as health } from "../subgraphs/health/src/index";
import { subgraph as identity } from "../subgraphs/identity/src/index";
import { subgraph as police } from "../subgraphs/police/src/index";
import { subgraph as risk } from "../subgraphs/risk/src/index";
import { subgraph as socialCare } from "../subgraphs/social-care/src/index";
import { distribution, importDemoPopulation, linkAsStartDoes, openBenchDatabases, populationFigures, runBench, serviceCounters, williamsDesign } from "./support";

const DEFINITIONS: Record<ServiceName, SubgraphDefinition> = { identity, police, health, "social-care": socialCare, risk };

const SUBJECT_QUERY = `query Subject($id: ID!) {
  subject(id: $id) {
    id
    displayName
    records { agency localId area }
    policeEvents { id occurredAt kind role area summary counterparts { role person { agency localId } } }
    healthEvents { id occurredAt kind injury }
    careEvents { id occurredAt kind }
  }
}`;

/**
 * Police's own detail (summary) and every partner's signal fields: all admitted, so the secured
 * answer is the whole answer and every stack can be held to the same bytes of data.
 */
const OFFICER: DevTokenClaims = { user: "bench-officer", name: "PC Bench", agency: "police", roles: ["officer"], area: "EVP", purpose: "safeguarding" };

const QUERIED_SUBJECTS = 50;

/** Issue 11: "the limits cost ≤ 0.3 ms at p50 on the cross-agency query". */
const LIMITS_TARGET_P50_MS = 0.3;

interface Stack {
  name: string;
  /** The gateway's `/graphql`. */
  url: string;
  headers: Record<string, string>;
  /** Each subgraph's base URL, whose /metrics counts its SQL statements. */
  subgraphs: string[];
}

interface GraphQLAnswer {
  data?: { subject: SubjectAnswer | null } | null;
  errors?: unknown[];
}

interface SubjectAnswer {
  records: { agency: string }[];
  policeEvents: unknown[] | null;
  healthEvents: unknown[] | null;
  careEvents: unknown[] | null;
}

// ---------------------------------------------------------------------------------------------
// Stacks assembled here: the same schemas and supergraph, with none or some of the access layer.

/**
 * Which parts of the access layer a subgraph assembled here has. None: the baseline. `policy`: the
 * schema under the agency's policy, a RequestAccess per request for a fixed caller (no token, no
 * signature). `log`: also the access-log entry written before the answer leaves, as the product does.
 */
export interface Layers {
  policy?: { caller: Caller };
  log?: boolean;
}

/** A member of a stack: its base URL (`/graphql`, `/metrics`). */
export interface RunningMember {
  url: string;
  stop(): Promise<void>;
}

/** What bench/accessMember.ts starts in a process of its own. */
export type MemberConfig =
  | { role: "subgraph"; service: ServiceName; databaseUrl: string; layers: Layers }
  | { role: "gateway"; subgraphUrls: Record<string, string> }
  | { role: "gateway without limits"; subgraphUrls: Record<string, string> };

export async function startMember(config: MemberConfig): Promise<RunningMember> {
  if (config.role === "gateway without limits") return startGatewayWithoutLimits(config.subgraphUrls, await loadAccessConfig(), (line) => process.stderr.write(`${line}\n`));
  return config.role === "gateway" ? startPlainGateway(config.subgraphUrls) : startAssembledSubgraph(config.service, config.databaseUrl, config.layers);
}

/** The product's gateway without its operation limits, planning on its own thread as Apollo does: what the limits are measured against. */
function startGatewayWithoutLimits(subgraphUrls: Record<string, string>, access: AccessConfig, log: (line: string) => void): Promise<RunningMember> {
  return startGateway({ port: 0, host: "127.0.0.1", access, subgraphUrls, log, limits: false, planning: false });
}

/** A subgraph on connections of its own to the service's database, as `runSubgraph` opens them. */
async function startAssembledSubgraph(service: ServiceName, databaseUrl: string, layers: Layers): Promise<RunningMember> {
  const definition = DEFINITIONS[service];
  const database = await openServiceDatabase({ service, entities: definition.entities, migrations: definition.migrations, url: databaseUrl });
  // A schema of its own: secureSchema wraps a schema in place.
  const { schema } = await definition.buildSchema();
  const policy = layers.policy ? loadAccessPolicy(definition.policyFile, service) : undefined;
  // What writing its log costs a request in place, beside the INSERT timed on its own.
  const logWrites = { count: 0, milliseconds: 0, each: [] as number[] };
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer({ keepAliveTimeout: SUBGRAPH_KEEP_ALIVE_MS }, app);
  // The secured subgraph's settings, bar the access layer, so that only the access layer differs.
  const apollo = new ApolloServer<ServiceContext>({
    schema: policy ? secureSchema(schema, policy) : schema,
    introspection: true,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(layers.log
        ? [
            {
              async requestDidStart() {
                return {
                  async willSendResponse({ contextValue, operationName }: { contextValue: ServiceContext; operationName?: string | null }) {
                    const { caller, access } = contextValue;
                    if (!caller || !access) return;
                    const started = performance.now();
                    const entry = accessLogEntry(service, caller, { requestId: contextValue.requestId, operation: operationName ?? null }, access.record());
                    if (!entry) return;
                    await writeAccessLog(database.dataSource, entry);
                    const milliseconds = performance.now() - started;
                    logWrites.count += 1;
                    logWrites.milliseconds += milliseconds;
                    logWrites.each.push(milliseconds);
                  },
                };
              },
            },
          ]
        : []),
    ],
  });
  await apollo.start();
  // The product's metric, so that statements are counted alike on every stack.
  app.get("/metrics", (_req, res) => {
    res
      .type("text/plain")
      .send(
        [
          `tessera_sql_statements_total{service="${service}",origin="request"} ${database.counter.statements}`,
          `bench_access_log_write_milliseconds_sum{service="${service}"} ${logWrites.milliseconds}`,
          `bench_access_log_write_milliseconds_count{service="${service}"} ${logWrites.count}`,
          // Over every write so far, warm-up included: a median the sum and count cannot give.
          `bench_access_log_write_milliseconds_p50{service="${service}"} ${distribution(logWrites.each).p50}`,
          "",
        ].join("\n"),
      );
  });
  app.use(
    "/graphql",
    express.json({ limit: "5mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<ServiceContext> => {
        const context: ServiceContext = { requestId: req.header("x-request-id") ?? randomUUID(), db: database.dataSource, loaders: new LoaderRegistry() };
        if (policy && layers.policy) {
          context.caller = layers.policy.caller;
          context.access = new RequestAccess(policy, layers.policy.caller);
        }
        return context;
      },
    }),
  );
  const port = await listen(httpServer);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await apollo.stop();
      if (database.dataSource.isInitialized) await database.dataSource.destroy();
    },
  };
}

interface PlainGatewayContext {
  requestId: string;
}

/** Forwards the request id, as the product's data source does, and nothing else, over the same kind of connection. */
class ForwardingDataSource extends RemoteGraphQLDataSource<PlainGatewayContext> {
  constructor(url: string) {
    super({ url });
    this.fetcher = closingIdleConnections(this.fetcher, url);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<PlainGatewayContext>): void {
    if ("requestId" in context && context.requestId) request.http?.headers.set("x-request-id", context.requestId);
  }
}

/** The product's gateway without tokens or signatures. */
async function startPlainGateway(subgraphUrls: Record<string, string>): Promise<RunningMember> {
  withoutApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({ file: DEFAULT_SUPERGRAPH_FILE }),
    buildService: ({ name }) => {
      const url = subgraphUrls[name];
      if (!url) throw new Error(`no subgraph assembled for ${name}`);
      return new ForwardingDataSource(`${url}/graphql`);
    },
  });
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  const apollo = new ApolloServer<PlainGatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    formatError: withInputErrorField,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: async ({ req }) => ({ requestId: req.header("x-request-id") ?? randomUUID() }) }),
  );
  const port = await listen(httpServer);
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await apollo.stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Running the stacks: all in this process, or every member in a process of its own.

interface StartedStack {
  /** The gateway's `/graphql`. */
  gatewayUrl: string;
  /** Each subgraph's base URL. */
  urls: Record<ServiceName, string>;
  stop(): Promise<void>;
}

interface Runner {
  /** The product; its subgraphs are up before the gateway, and before the data is loaded through them. */
  secured(databaseUrls: Record<ServiceName, string>, access: AccessConfig, log: (line: string) => void): Promise<StartedStack>;
  /** Subgraphs assembled here, behind a plain gateway, or behind the product's (which signs and forwards the token). */
  assembled(databaseUrls: Record<ServiceName, string>, layers: Layers, gateway: "plain" | "product", access: AccessConfig, log: (line: string) => void): Promise<StartedStack>;
  /** A gateway without operation limits over a secured stack's subgraphs. */
  gatewayWithoutLimits(subgraphUrls: Record<ServiceName, string>, access: AccessConfig, log: (line: string) => void): Promise<RunningMember>;
}

async function stopAll(members: readonly { stop(): Promise<void> }[]): Promise<void> {
  for (const member of [...members].reverse()) await member.stop();
}

/** A subgraph for each service, identity first, then a gateway over them; all of it stopped if any part fails. */
async function startStack(startSubgraph: (service: ServiceName, urls: Partial<Record<ServiceName, string>>) => Promise<RunningMember>, startGatewayOver: (urls: Record<ServiceName, string>) => Promise<RunningMember>): Promise<StartedStack> {
  const running: RunningMember[] = [];
  const urls: Partial<Record<ServiceName, string>> = {};
  try {
    for (const service of SERVICE_NAMES) {
      const member = await startSubgraph(service, urls);
      running.push(member);
      urls[service] = member.url;
    }
    const gateway = await startGatewayOver(urls as Record<ServiceName, string>);
    running.push(gateway);
    return { gatewayUrl: `${gateway.url}/graphql`, urls: urls as Record<ServiceName, string>, stop: () => stopAll(running) };
  } catch (error) {
    await stopAll(running);
    throw error;
  }
}

const inProcess: Runner = {
  secured(databaseUrls, access, log) {
    return startStack(
      (service, urls) => runSubgraph(DEFINITIONS[service], { port: 0, databaseUrl: databaseUrls[service], ...(service === "identity" ? {} : { identityUrl: urls.identity! }), access, log }),
      (urls) => startGateway({ port: 0, host: "127.0.0.1", access, subgraphUrls: urls, log }),
    );
  },
  assembled(databaseUrls, layers, gateway, access, log) {
    return startStack(
      (service) => startAssembledSubgraph(service, databaseUrls[service], layers),
      (urls) => (gateway === "plain" ? startPlainGateway(urls) : startGateway({ port: 0, host: "127.0.0.1", access, subgraphUrls: urls, log })),
    );
  },
  gatewayWithoutLimits: startGatewayWithoutLimits,
};

const separateProcesses: Runner = {
  async secured(databaseUrls, _access, log) {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const service of SERVICE_NAMES) env[`${envPrefix(service)}_DATABASE_URL`] = databaseUrls[service];
    const stack = await launchStack({ env, freePorts: true, log: (member, line) => log(`[${member}] ${line}`) });
    const urls = Object.fromEntries(SERVICE_NAMES.map((service) => [service, stack.urls[service]])) as Record<ServiceName, string>;
    return { gatewayUrl: stack.gatewayUrl, urls, stop: () => stack.stop() };
  },
  assembled(databaseUrls, layers, gateway, _access, log) {
    return startStack(
      (service) => spawnListening(`assembled ${service}`, "bench/accessMember.ts", [JSON.stringify({ role: "subgraph", service, databaseUrl: databaseUrls[service], layers } satisfies MemberConfig)], process.env, /^listening (\S+)$/, log),
      (urls) => {
        if (gateway === "plain") return spawnListening("assembled gateway", "bench/accessMember.ts", [JSON.stringify({ role: "gateway", subgraphUrls: urls } satisfies MemberConfig)], process.env, /^listening (\S+)$/, log);
        const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_PORT: "0", GATEWAY_HOST: "127.0.0.1" };
        for (const service of SERVICE_NAMES) env[`${envPrefix(service)}_URL`] = urls[service];
        return spawnListening("gateway", "gateway/src/main.ts", [], env, /gateway ready at (\S+)\/graphql$/, log);
      },
    );
  },
  gatewayWithoutLimits(subgraphUrls, _access, log) {
    return spawnListening("gateway without limits", "bench/accessMember.ts", [JSON.stringify({ role: "gateway without limits", subgraphUrls } satisfies MemberConfig)], process.env, /^listening (\S+)$/, log);
  },
};

/** Runs a script of this repository in a process of its own and waits for the line that gives its URL. */
async function spawnListening(name: string, script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, log: (line: string) => void): Promise<RunningMember> {
  let listening: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (listening = resolve));
  const child = spawnTs(script, env, (line) => {
    const match = ready.exec(line);
    if (match) listening(match[1]!);
    else log(`[${name}] ${line}`);
  }, args);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  const started = await Promise.race([url, exited(child).then((code) => Promise.reject(new Error(`${name} exited before it listened (exit code ${code})`)))]).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url: started, stop };
}

function listen(server: ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring.

async function ask(stack: Stack, id: string): Promise<{ milliseconds: number; body: string }> {
  const started = performance.now();
  const response = await fetch(stack.url, { method: "POST", headers: stack.headers, body: JSON.stringify({ query: SUBJECT_QUERY, variables: { id }, operationName: "Subject" }) });
  const body = await response.text();
  const milliseconds = performance.now() - started;
  if (response.status !== 200) throw new Error(`${stack.name}: HTTP ${response.status} for subject ${id}: ${body.slice(0, 500)}`);
  return { milliseconds, body };
}

/**
 * Requests go to every stack in turn, each round on one subject. The order of a round comes from a
 * Williams design (with two stacks: ABBA): over a cycle, each stack goes first as often as any
 * other and follows each other stack equally often, so neither drift nor what one request leaves
 * behind (garbage, WAL to write, a warm cache) falls on one stack more than another.
 */
async function interleaved(stacks: readonly Stack[], ids: readonly string[], rounds: number): Promise<number[][]> {
  const orders = williamsDesign(stacks.length);
  const times = stacks.map((): number[] => []);
  for (let round = 0; round < rounds; round += 1) {
    const id = ids[round % ids.length]!;
    for (const which of orders[round % orders.length]!) times[which]!.push((await ask(stacks[which]!, id)).milliseconds);
  }
  return times;
}

/** SQL statements sent for requests so far by the stack's subgraphs, from their /metrics. */
async function statements(stack: Stack): Promise<number> {
  return (await Promise.all(stack.subgraphs.map(serviceCounters))).reduce((sum, counters) => sum + counters.sql, 0);
}

/** Per subgraph of an assembled stack that writes the log: milliseconds spent writing it so far, and how many times. */
async function logWriteTimes(stack: Stack): Promise<Array<{ service: string; milliseconds: number; count: number; p50: number }>> {
  return Promise.all(
    stack.subgraphs.map(async (baseUrl) => {
      const text = await readMetrics(baseUrl);
      const read = (name: string) => /service="([^"]+)"\} ([\d.e+-]+)/.exec(text.split("\n").find((line) => line.startsWith(name)) ?? "");
      const sum = read("bench_access_log_write_milliseconds_sum");
      const count = read("bench_access_log_write_milliseconds_count");
      const p50 = read("bench_access_log_write_milliseconds_p50");
      return { service: sum?.[1] ?? baseUrl, milliseconds: Number(sum?.[2] ?? 0), count: Number(count?.[2] ?? 0), p50: Number(p50?.[2] ?? 0) };
    }),
  );
}

// ---------------------------------------------------------------------------------------------

/** Subjects with records in two agencies or more, Penelope Ashworth first; the same on every run of one seed. */
async function pickSubjects(database: ServiceDatabase): Promise<string[]> {
  const [penelope] = (await database.dataSource.query(`SELECT subject_id AS id FROM person_record WHERE agency = 'police' AND local_id = $1`, [SCENARIO.penelope.policeA])) as Array<{ id: string }>;
  if (!penelope) throw new Error("Penelope Ashworth's record is not in identity");
  // Ordered by a hash of the subject's first record key: local ids come from the seed, subject ids do not.
  const rows = (await database.dataSource.query(
    `SELECT subject_id AS id FROM person_record WHERE subject_id <> $1 GROUP BY subject_id HAVING count(DISTINCT agency) >= 2
      ORDER BY md5(min(agency || '/' || local_id)) LIMIT $2`,
    [penelope.id, QUERIED_SUBJECTS - 1],
  )) as Array<{ id: string }>;
  return [penelope.id, ...rows.map((row) => row.id)];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const subjects = Number(option("--subjects") ?? 1000);
  const requests = Number(option("--requests") ?? 2000);
  const warmup = Number(option("--warmup") ?? 200);
  const seed = Number(option("--seed") ?? 20261122);
  const breakdown = argv.includes("--breakdown");
  const processes = argv.includes("--processes");
  const runner = processes ? separateProcesses : inProcess;
  if (![subjects, requests, warmup, seed].every(Number.isInteger) || subjects < 100 || requests < 1 || warmup < 0) {
    process.stderr.write("usage: npm run bench:access -- [--subjects N (≥ 100)] [--requests N] [--warmup N] [--seed N] [--breakdown] [--processes]\n");
    process.exit(2);
  }
  await runBench("access", 54381, async ({ log, quiet, databaseUrls: urls, dataDir, later }) => {
    const access = await loadAccessConfig();

    // The secured stack: the product, as `runSubgraph` and `startGateway` (or `npm start`) start it.
    const secured = await runner.secured(urls, access, quiet);
    later(() => secured.stop());

    const loadStarted = performance.now();
    await importDemoPopulation(DEFINITIONS, { dir: dataDir, seed, subjects, databaseUrls: urls, identityUrl: secured.urls.identity, log, quiet });
    // The benchmark's own connections: the load's last steps, picking subjects, reading the logs.
    const admin = await openBenchDatabases(DEFINITIONS, urls);
    later(async () => {
      for (const database of Object.values(admin)) if (database.dataSource.isInitialized) await database.dataSource.destroy();
    });
    const relinked = await linkAsStartDoes(admin, "bench/access.ts");
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    log(`  loaded and linked in ${loadSeconds.toFixed(1)} s: ${relinked.records} person records in ${relinked.subjectsAfter} subjects`);

    const token = await issueDevToken(OFFICER);
    // Same headers to every stack: those without tokens ignore it, and the bytes on the wire are alike.
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    /** A stack assembled here, on connections of its own to the same databases. */
    const assemble = async (name: string, layers: Layers, gateway: "plain" | "product" = "plain"): Promise<Stack> => {
      const started = await runner.assembled(urls, layers, gateway, access, quiet);
      later(() => started.stop());
      return { name, url: started.gatewayUrl, headers, subgraphs: Object.values(started.urls) };
    };
    const caller: Caller = { ...OFFICER };
    // The product again, on subgraphs of its own (so each stack's SQL counts are its own), behind a gateway without the limits.
    const unlimitedStack = await runner.secured(urls, access, quiet);
    later(() => unlimitedStack.stop());
    const unlimitedGateway = await runner.gatewayWithoutLimits(unlimitedStack.urls, access, quiet);
    later(() => unlimitedGateway.stop());
    const withoutLimits: Stack = { name: "secured without operation limits", url: `${unlimitedGateway.url}/graphql`, headers, subgraphs: Object.values(unlimitedStack.urls) };
    const stacks: Stack[] = [
      { name: "secured (the product)", url: secured.gatewayUrl, headers, subgraphs: Object.values(secured.urls) },
      await assemble("baseline (no access layer)", {}),
      ...(breakdown
        ? [
            await assemble("baseline + field policy", { policy: { caller } }),
            await assemble("  + access log", { policy: { caller }, log: true }),
            await assemble("  + product gateway (token, signing)", { policy: { caller }, log: true }, "product"),
          ]
        : []),
      withoutLimits,
    ];
    const baselineStack = stacks[1]!;

    const ids = await pickSubjects(admin.identity);
    // The same answer from every stack, without errors, before anything is timed.
    const answers: SubjectAnswer[] = [];
    for (const id of ids) {
      const expected = await ask(baselineStack, id);
      const answer = JSON.parse(expected.body) as GraphQLAnswer;
      if (answer.errors || !answer.data?.subject) throw new Error(`subject ${id}: the baseline answers ${expected.body.slice(0, 800)}`);
      for (const stack of stacks) {
        const { body } = await ask(stack, id);
        if (body !== expected.body) throw new Error(`subject ${id}: ${stack.name} answers differently from the baseline\n ${stack.name}: ${body.slice(0, 800)}\n baseline: ${expected.body.slice(0, 800)}`);
      }
      answers.push(answer.data.subject);
    }
    const events = answers.map((subject) => (subject.policeEvents?.length ?? 0) + (subject.healthEvents?.length ?? 0) + (subject.careEvents?.length ?? 0));
    const agencies = answers.map((subject) => new Set(subject.records.map((record) => record.agency)).size);
    const withEventsInSeveral = answers.filter((subject) => [subject.policeEvents, subject.healthEvents, subject.careEvents].filter((list) => (list?.length ?? 0) > 0).length >= 2).length;
    const answerBytes = mean(await Promise.all(ids.map(async (id) => (await ask(baselineStack, id)).body.length)));
    log(`${ids.length} subjects, the same answers from ${stacks.length} stacks; warming up (${warmup} requests each)…`);

    await interleaved(stacks, ids, warmup);
    const logBefore = await accessLogEntries(admin);
    const statementsBefore = await Promise.all(stacks.map(statements));
    const logWritesBefore = breakdown ? await logWriteTimes(stacks[3]!) : [];
    const loadBefore = loadavg();
    log(`timing ${requests} requests each, interleaved…`);
    const timingStarted = performance.now();
    const times = await interleaved(stacks, ids, requests);
    const timingSeconds = (performance.now() - timingStarted) / 1000;
    const loadAfter = loadavg();
    const statementsAfter = await Promise.all(stacks.map(statements));
    const logWritesInPlace = breakdown
      ? (await logWriteTimes(stacks[3]!)).map(({ service, milliseconds, count, p50 }, index) => ({
          service,
          p50Ms: p50,
          meanMs: (milliseconds - logWritesBefore[index]!.milliseconds) / Math.max(count - logWritesBefore[index]!.count, 1),
        }))
      : [];
    const logEntriesPerRequest = ((await accessLogEntries(admin)) - logBefore) / requests / (breakdown ? 3 : 1);
    const results = stacks.map((stack, index) => ({ name: stack.name, ms: distribution(times[index]!), sqlPerRequest: (statementsAfter[index]! - statementsBefore[index]!) / requests }));
    const [mine, theirs] = [results[0]!.ms, results[1]!.ms];
    const ratio = { p50: mine.p50 / theirs.p50, p90: mine.p90 / theirs.p90, p99: mine.p99 / theirs.p99, mean: mine.mean / theirs.mean };
    const overheadMs = { p50: mine.p50 - theirs.p50, mean: mine.mean - theirs.mean };
    const met = ratio.p50 <= 1.2;
    const unlimited = results.at(-1)!.ms;
    const limitsMs = { p50: mine.p50 - unlimited.p50, mean: mine.mean - unlimited.mean };
    const limitsMet = limitsMs.p50 <= LIMITS_TARGET_P50_MS;
    // Paired by round (Williams design: each round asks both stacks about one subject), the middle difference.
    const pairedMs = distribution(times[0]!.map((ms, round) => ms - times.at(-1)![round]!)).p50;
    const limitsOwnMicroseconds = await limitsTimes();
    const insert = breakdown ? await accessLogInsertTimes(admin.police, urls.police, caller) : undefined;
    const crypto = breakdown ? await authenticationTimes(access, token) : undefined;
    const walSettings = breakdown
      ? ((await admin.police.dataSource.query(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync', 'wal_sync_method', 'commit_delay')`)) as Array<{ name: string; setting: string }>)
          .map(({ name, setting }) => `${name}=${setting}`)
          .join(", ")
      : undefined;
    const population = await populationFigures(admin.identity, { subjects, seed, relinked });
    const server = population.postgres;

    const ms = (value: number) => value.toFixed(2).padStart(8);
    const x = (value: number) => `${value.toFixed(3)}×`.padStart(8);
    const row = ({ name, ms: d, sqlPerRequest }: (typeof results)[number]) =>
      `${name.padEnd(37)} ${ms(d.p50)} ${ms(d.p90)} ${ms(d.p99)} ${ms(d.max)} ${ms(d.mean)} ${d.requestsPerSecond.toFixed(0).padStart(8)}   ${sqlPerRequest.toFixed(2)}`;
    const lines = [
      `access-layer benchmark: the cross-agency subject query (identity → police, health, social care), as a police officer (safeguarding)`,
      `data: ${subjects} demonstration subjects (seed ${seed}) + the Ashworth/Rourke scenario, ${relinked.records} person records in ${relinked.subjectsAfter} subjects; PostgreSQL ${server}; load ${loadSeconds.toFixed(1)} s`,
      `queried: ${ids.length} subjects with records in ≥ 2 agencies (Penelope Ashworth first): agencies per subject mean ${mean(agencies).toFixed(2)}, events per answer mean ${mean(events).toFixed(1)} (max ${Math.max(...events)}), ${withEventsInSeveral} with events from ≥ 2 agencies, answer ${answerBytes.toFixed(0)} bytes mean`,
      `${processes ? "every gateway and subgraph in a process of its own" : "all stacks in this process"}, on the same databases; ${requests} requests each, sequential, one keep-alive client, interleaved (Williams design), after ${warmup} warm-up requests each; ${timingSeconds.toFixed(1)} s`,
      "",
      `milliseconds                                p50      p90      p99      max     mean    req/s   SQL/request`,
      ...results.map(row),
      `ratio secured / baseline              ${x(ratio.p50)} ${x(ratio.p90)} ${x(ratio.p99)} ${" ".repeat(8)} ${x(ratio.mean)}`,
      `overhead per request                  ${ms(overheadMs.p50)} ms at p50, ${overheadMs.mean.toFixed(2)} ms mean; access-log entries written per secured request ${logEntriesPerRequest.toFixed(2)}`,
      ...(breakdown
        ? [
            "",
            `where the overhead goes (p50 / mean, ms added by each layer over the row before):`,
            `  per-field policy (secureSchema, RequestAccess)      ${signed(results[2]!.ms.p50 - theirs.p50)} / ${signed(results[2]!.ms.mean - theirs.mean)}`,
            `  access log, one INSERT per subgraph request         ${signed(results[3]!.ms.p50 - results[2]!.ms.p50)} / ${signed(results[3]!.ms.mean - results[2]!.ms.mean)}`,
            `  gateway: token check, signing, forwarding the token ${signed(results[4]!.ms.p50 - results[3]!.ms.p50)} / ${signed(results[4]!.ms.mean - results[3]!.ms.mean)}`,
            `  subgraphs: signature and token checks (the rest)    ${signed(mine.p50 - results[4]!.ms.p50)} / ${signed(mine.mean - results[4]!.ms.mean)}`,
            `  the access log inside a request (entry built and INSERT awaited, "+ access log" stack), p50 / mean ms: ${logWritesInPlace.map(({ service, p50Ms, meanMs }) => `${service} ${p50Ms.toFixed(2)} / ${meanMs.toFixed(2)}`).join(", ")}`,
            `  one access-log INSERT on its own (police): p50 ${insert!.durable.p50.toFixed(2)} ms, mean ${insert!.durable.mean.toFixed(2)} ms; with synchronous_commit off: p50 ${insert!.asynchronous.p50.toFixed(2)} ms; SELECT 1: p50 ${insert!.select.p50.toFixed(2)} ms (${walSettings})`,
            `  per call, µs (mean): token verification, cached ${crypto!.verifyCached.toFixed(1)}, uncached ${crypto!.verifyUncached.toFixed(1)}; signing a subgraph request ${crypto!.sign.toFixed(1)}; checking its signature ${crypto!.check.toFixed(1)}`,
          ]
        : []),
      "",
      `operation limits and planning on a thread (secured − secured without operation limits): ${signed(limitsMs.p50)} ms at p50, ${signed(limitsMs.mean)} ms mean; median of the per-round differences ${signed(pairedMs)} ms`,
      `  the limits' own work per request, timed on its own (checks + plan-cache lookup): ${limitsOwnMicroseconds.toFixed(1)} µs`,
      "",
      `requirement (p50 ratio ≤ 1.20): ${met ? "met" : "NOT met"} (${ratio.p50.toFixed(3)})`,
      `requirement (operation limits ≤ ${LIMITS_TARGET_P50_MS} ms at p50): ${limitsMet ? "met" : "NOT met"} (${limitsMs.p50.toFixed(3)} ms)`,
      `machine load average (1/5/15 min) ${fmtLoad(loadBefore)} before the timed requests, ${fmtLoad(loadAfter)} after, on ${availableParallelism()} cores`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    const figures = {
      ...population,
      queriedSubjects: ids.length,
      eventsPerAnswerMean: mean(events),
      answerBytesMean: answerBytes,
      requests,
      warmup,
      mode: `${processes ? "separate processes" : "in-process"}, interleaved (Williams design)`,
      securedMs: mine,
      baselineMs: theirs,
      ratio,
      overheadMs,
      sqlPerRequest: { secured: results[0]!.sqlPerRequest, baseline: results[1]!.sqlPerRequest },
      withoutLimitsMs: unlimited,
      limitsMs,
      limitsPairedMedianMs: pairedMs,
      limitsOwnMicroseconds,
      limitsRequirementMet: limitsMet,
      accessLogEntriesPerRequest: logEntriesPerRequest,
      ...(breakdown ? { breakdown: { stacks: results, accessLogInPlaceMeanMs: logWritesInPlace, accessLogInsertMs: insert, authenticationMicroseconds: crypto, postgresSettings: walSettings } } : {}),
      requirementMet: met,
      loadAverage: { before: loadBefore, after: loadAfter },
      cores: availableParallelism(),
      loadSeconds,
      timingSeconds,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  });
}

/**
 * The access log's INSERT on its own, as the product sends it, one after another: durable (as the
 * product commits it), and on a connection with synchronous_commit off, to see how much of it is
 * waiting for the WAL to reach the disk; SELECT 1 is the round trip any statement costs.
 */
async function accessLogInsertTimes(database: ServiceDatabase, url: string, caller: Caller, count = 500) {
  const entry = accessLogEntry("police", caller, { requestId: "bench-insert", operation: "Subject" }, {
    action: "read",
    subjects: [randomUUID()],
    records: Array.from({ length: 8 }, (_, index) => `PoliceEvent:NMC-O-${index}`),
    fields: ["PoliceEvent.id", "PoliceEvent.kind", "PoliceEvent.occurredAt", "Subject.id", "Subject.policeEvents"],
    denied: [],
  })!;
  const time = async (work: () => Promise<unknown>) => {
    const values: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const started = performance.now();
      await work();
      values.push(performance.now() - started);
    }
    return distribution(values);
  };
  const asynchronous = new DataSource({ type: "postgres", url, extra: { max: 1, options: "-c synchronous_commit=off" } });
  await asynchronous.initialize();
  try {
    return {
      select: await time(() => database.dataSource.query(`SELECT 1`)),
      durable: await time(() => writeAccessLog(database.dataSource, entry)),
      asynchronous: await time(() => writeAccessLog(asynchronous, entry)),
    };
  } finally {
    await asynchronous.destroy();
  }
}

/**
 * The per-request cryptography of the access layer, on its own, in microseconds per call: what a
 * gateway request costs in token checks (one at the gateway, one per subgraph: all cached after
 * the first for a busy user) and HMAC signatures (one signed and one checked per subgraph request).
 */
async function authenticationTimes(access: AccessConfig, token: string, count = 5000) {
  const body = JSON.stringify({ query: SUBJECT_QUERY, variables: { representations: Array.from({ length: 3 }, () => ({ __typename: "Subject", id: randomUUID() })) } });
  const authorization = `Bearer ${token}`;
  const secret = access.gatewaySecret("police");
  const perCall = async (work: (index: number) => unknown) => {
    const started = performance.now();
    for (let index = 0; index < count; index += 1) await work(index);
    return ((performance.now() - started) * 1000) / count;
  };
  const cached = new TokenVerifier(access);
  const verifyCached = await perCall(() => cached.verify(authorization));
  const verifyUncached = await perCall(() => new TokenVerifier(access).verify(authorization));
  const signatures = Array.from({ length: count }, () => signRequest(secret, { service: "police", body, authorization }));
  const sign = await perCall(() => signRequest(secret, { service: "police", body, authorization }));
  const verifier = new GatewaySignatureVerifier("police", secret);
  const bodyBytes = Buffer.from(body);
  const check = await perCall((index) => {
    const refused = verifier.check((name) => (name === "authorization" ? authorization : signatures[index]![name]), bodyBytes);
    if (refused) throw new Error(`signature refused: ${refused}`);
  });
  return { verifyCached, verifyUncached, sign, check };
}

/**
 * The limits' own work in a request, timed on its own with the product's plugins on the benchmark's
 * query: the checks in `didResolveOperation` (the armor counts, kept per document, and the fan-out
 * estimate) and the plan-cache lookup in `responseForOperation` (the plan already cached, as for
 * every request after a document's first). Microseconds per request, mean.
 */
async function limitsTimes(count = 20_000) {
  const sdl = readFileSync(DEFAULT_SUPERGRAPH_FILE, "utf8");
  const fanOut = supergraphFanOut(sdl);
  const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
  const limited = useOperationLimits({ limits: operationLimitsFromEnv(), fanOut: () => fanOut });
  const cache = new PlanCache();
  const planning = usePlanningOffThread({ pool: new PlanningPool(), cache });
  const document = parse(SUBJECT_QUERY);
  // Apollo validates a document once and caches it; its counts are taken then.
  validate(schema, document, limited.validationRules);
  const request = { query: SUBJECT_QUERY, operationName: "Subject", variables: { id: randomUUID() } };
  const context = { document, operation: getOperationAST(document, "Subject"), schema, request, queryHash: "bench", source: SUBJECT_QUERY } as never;
  await cache.set(planCacheKey("bench", "Subject"), { kind: "QueryPlan" } as QueryPlan);
  const [checks, plans] = await Promise.all([limited.plugins[0]!.requestDidStart!(context), planning.requestDidStart!(context)]);
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    await checks!.didResolveOperation!(context);
    if ((await plans!.responseForOperation!(context)) !== null) throw new Error("the cached plan was not found");
  }
  return ((performance.now() - started) * 1000) / count;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(2)}`.padStart(7);
}

async function accessLogEntries(databases: Partial<Record<ServiceName, ServiceDatabase>>): Promise<number> {
  let total = 0;
  for (const database of Object.values(databases)) total += Number(((await database.dataSource.query(`SELECT entries FROM access_log_head`)) as Array<{ entries: string }>)[0]!.entries);
  return total;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
}

function fmtLoad(values: number[]): string {
  return values.map((value) => value.toFixed(2)).join("/");
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
