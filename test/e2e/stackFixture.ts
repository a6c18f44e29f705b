import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeDemoData } from "@tessera/demo";
import { AGENCY_NAMES, envPrefix, issueDevToken, SERVICE_NAMES, type DevTokenClaims, type DevTokenOptions } from "@tessera/kit";
import { dropDatabase, freshDatabaseUrl, readMetrics } from "@tessera/kit/testing";
import { Client } from "pg";
import { exited, launchStack, spawnTs, type RunningStack } from "../../scripts/stack";

export interface StackFixture {
  stack: RunningStack;
  databaseUrls: Record<string, string>;
  /** The stack's own development issuer (a key made for this stack alone). */
  token(claims: DevTokenClaims, options?: DevTokenOptions): Promise<string>;
  /**
   * POSTs an operation to the gateway as this caller (a token from the stack's issuer), or with
   * exactly the headers given when `as` is null, and returns the HTTP status and parsed answer.
   */
  query<T = Record<string, any>>(
    as: DevTokenClaims | null,
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLAnswer<T>>;
  /** One service's /metrics text, read with the stack's scraper token as Prometheus would. */
  metrics(service: string): Promise<string>;
  /** SQL statements one service sent for requests (not background work), read from its /metrics. */
  statements(service: string): Promise<number>;
  /**
   * A superuser connection to one service's database (the stack's databases belong to the test
   * server's superuser), kept for the suite and closed with the stack: to look behind the API.
   */
  sql(service: string): Promise<Client>;
  /** Rows in one service's access log. */
  accessLogRows(service: string): Promise<number>;
  /** Every line the stack's processes have written so far, each prefixed with `[member]`. */
  logs: string[];
  /** Runs the bulk import command for an agency file. */
  importFile(agency: string, file: string): Promise<{ code: number; output: string[] }>;
  close(): Promise<void>;
}

export interface GraphQLAnswer<T> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: unknown[] }[];
}

/**
 * The whole of Tessera as separate processes over HTTP, each service on its own fresh database on
 * the test PostgreSQL server (embedded, or CI's real one), exactly as `npm start` runs it, with
 * `options.env` added to its environment.
 */
export async function startStackFixture(options: { env?: NodeJS.ProcessEnv } = {}): Promise<StackFixture> {
  const databaseUrls = Object.fromEntries(SERVICE_NAMES.map((service) => [service, freshDatabaseUrl(`e2e_${service}`)]));
  const issuerDir = mkdtempSync(path.join(tmpdir(), "tessera-e2e-issuer-"));
  // `options.env` last: a suite may bring an issuer of its own (a JWKS file, its own issuer directory).
  const env: NodeJS.ProcessEnv = { ...process.env, TESSERA_DEV_ISSUER_DIR: issuerDir, ...options.env };
  for (const service of SERVICE_NAMES) env[`${envPrefix(service)}_DATABASE_URL`] = databaseUrls[service];
  const logs: string[] = [];
  const stack = await launchStack({ env, freePorts: true, log: (member, line) => logs.push(`[${member}] ${line}`) }).catch((error: Error) => {
    throw new Error(`${error.message}\n${logs.slice(-40).join("\n")}`);
  });
  const metrics = (service: string) => readMetrics(stack.urls[service as keyof typeof stack.urls], env);
  const clients = new Map<string, Promise<Client>>();
  const sql = (service: string): Promise<Client> => {
    let client = clients.get(service);
    if (!client) {
      const connecting = new Client({ connectionString: databaseUrls[service] });
      client = connecting.connect().then(() => connecting);
      clients.set(service, client);
    }
    return client;
  };
  return {
    stack,
    databaseUrls,
    logs,
    token: (claims, options) => issueDevToken(claims, options, env),
    async query(as, query, variables, headers = {}) {
      const authorization: Record<string, string> = as ? { authorization: `Bearer ${await issueDevToken(as, {}, env)}` } : {};
      const response = await fetch(stack.gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...authorization, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) } as never;
    },
    metrics,
    sql,
    async accessLogRows(service) {
      const { rows } = await (await sql(service)).query(`SELECT count(*)::int AS n FROM access_log`);
      return rows[0].n;
    },
    async statements(service) {
      const text = await metrics(service);
      const match = /tessera_sql_statements_total\{[^}]*origin="request"\} (\d+)/.exec(text);
      if (!match) throw new Error(`no statement counter in ${service} metrics`);
      return Number(match[1]);
    },
    async importFile(agency, file) {
      const output: string[] = [];
      const child = spawnTs("scripts/import.ts", stack.env, (line) => output.push(line), [agency, file]);
      return { code: await exited(child), output };
    },
    async close() {
      await Promise.all([...clients.values()].map((client) => client.then((c) => c.end()).catch(() => undefined)));
      await stack.stop();
      await Promise.all(Object.values(databaseUrls).map(dropDatabase));
      rmSync(issuerDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes a demonstration population (the scenario included) to a new temporary folder and loads it
 * through every agency's bulk import, as `npm start` does on a first run. Resolves to the folder.
 */
export async function importDemoData(
  fixture: StackFixture,
  options: { seed: number; subjects: number },
  part?: { only: readonly string[]; lines: (line: string) => boolean },
): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "tessera-e2e-data-"));
  await writeDemoData({ dir, ...options });
  for (const agency of part ? part.only : AGENCY_NAMES) {
    let file = path.join(dir, `${agency}.ndjson`);
    if (part) {
      const lines = readFileSync(file, "utf8").split("\n").filter((line) => line !== "" && part.lines(line));
      file = path.join(dir, `${agency}.part.ndjson`);
      writeFileSync(file, `${lines.join("\n")}\n`);
    }
    const result = await fixture.importFile(agency, file);
    if (result.code !== 0) throw new Error(`import ${agency} failed:\n${result.output.join("\n")}`);
  }
  return dir;
}
