import path from "node:path";
import {
  AGENCY_NAMES,
  configuredDatabaseUrl,
  databaseUrl,
  embeddedPgPort,
  hasRegisteredPeople,
  issueDevToken,
  loadAccessConfig,
  SERVICE_NAMES,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from "@tessera/kit";
import { writeDemoData } from "@tessera/demo";
import { DEMO_ROLES } from "@tessera/gateway";
import { exited, launchStack, spawnTs, type RunningStack } from "./stack";

const ROOT = path.resolve(__dirname, "..");
const STATE_DIR = path.join(ROOT, ".tessera");

const EXAMPLE_QUERY = `{
  searchSubjects(name: "Penelope Ashworth") {
    nodes {
      id
      displayName
      records { agency localId }
      policeEvents { area occurredAt kind role }
      healthEvents { occurredAt kind }
      careEvents { occurredAt kind }
    }
  }
}`;

/**
 * `npm start`: PostgreSQL (embedded, unless every service has its own `<SERVICE>_DATABASE_URL`),
 * every subgraph and the gateway as separate processes, the demonstration data on first run, and
 * a banner with the URL and an example query. Ctrl-C stops everything.
 */
async function main(): Promise<void> {
  const startedAt = Date.now();
  let postgres: EmbeddedPostgresHandle | undefined;
  let stack: RunningStack | undefined;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write("\nstopping Tessera…\n");
    await stack?.stop();
    await postgres?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  try {
    if (SERVICE_NAMES.some((service) => !configuredDatabaseUrl(service))) {
      const port = embeddedPgPort();
      process.stderr.write(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in .tessera/pg)\n`);
      postgres = await startEmbeddedPostgres({ dataDir: path.join(STATE_DIR, "pg"), port });
    }
    stack = await launchStack({ log: (member, line) => process.stderr.write(`[${member}] ${line}\n`) });

    const populated = await Promise.all(AGENCY_NAMES.map((agency) => hasRegisteredPeople(databaseUrl(agency))));
    if (!populated.some(Boolean)) await loadDemonstrationData(stack);
    await relinkIfStale(stack);

    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    process.stdout.write(banner(stack.gatewayUrl, seconds, await demoTokens()));
  } catch (error) {
    process.stderr.write(`npm start failed: ${(error as Error).stack ?? String(error)}\n`);
    await stopAll(1);
  }
}

async function loadDemonstrationData(stack: RunningStack): Promise<void> {
  const subjects = Number(process.env.TESSERA_DEMO_SUBJECTS ?? 3000);
  const dir = path.join(STATE_DIR, "demo");
  process.stderr.write(`loading demonstration data: ${subjects} synthetic subjects and the Ashworth/Rourke scenario\n`);
  await writeDemoData({ dir, seed: 20261122, subjects });
  const codes = await Promise.all(
    AGENCY_NAMES.map((agency) => {
      const child = spawnTs("scripts/import.ts", stack.env, (line) => process.stderr.write(`[import ${agency}] ${line}\n`), [agency, path.join(dir, `${agency}.ndjson`)]);
      return exited(child);
    }),
  );
  if (codes.some((code) => code !== 0)) throw new Error(`demonstration import failed (exit codes ${codes.join(", ")})`);
}

/**
 * Records registered while no model was estimated were linked with the declared starting
 * parameters, and links made before probabilistic linkage have no weight: estimate a first model
 * from the records (no labels) and re-link them all. A no-op, quickly, when links are current.
 */
async function relinkIfStale(stack: RunningStack): Promise<void> {
  const child = spawnTs("subgraphs/identity/src/commands/relink.ts", stack.env, (line) => process.stderr.write(`[identity:relink] ${line}\n`), ["--if-stale"]);
  const code = await exited(child);
  if (code !== 0) throw new Error(`identity:relink --if-stale failed (exit code ${code})`);
}

/** Ready-made tokens for the demonstration roles, when tokens come from the development issuer. */
async function demoTokens(): Promise<string> {
  if (!(await loadAccessConfig()).development) return "Tokens come from your organisation's issuer (TESSERA_JWKS_URL or TESSERA_JWKS_FILE).\n";
  const lines = await Promise.all(DEMO_ROLES.map(async ({ label, claims }) => `  ${label}:\n    ${await issueDevToken(claims)}`));
  return `Development tokens (valid 8 hours; more with npm run token -- --help):\n${lines.join("\n")}\n`;
}

function banner(gatewayUrl: string, seconds: string, tokens: string): string {
  const body = JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, " ") });
  return `
Tessera is ready (${seconds} s).

${tokens}
  Gateway:   ${gatewayUrl}
  Try:       TOKEN=$(npm run -s token -- --agency police --role officer --area EVP --purpose safeguarding)
             curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
               -d '${body}'

${EXAMPLE_QUERY}

Ctrl-C stops everything.
`;
}

void main();
