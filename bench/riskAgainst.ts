/**
 * `npm run bench:risk -- --against <rev>`: the risk benchmark of this checkout and of a checkout of
 * <rev>, in the same run, so that a change is held to issue 12's "Speed" (neither the 500-event
 * subject nor the caseload more than 10 % slower than at the head before the change) on figures
 * taken under the same machine load, not against a README figure from another day.
 *
 * The other side is a git worktree of <rev> under .bench/<commit> (git-ignored), installed once
 * from the npm cache and reused by every later run against the same commit. Each side runs its own
 * `npm run bench:risk` — a child process that makes and drops its own databases — one at a time,
 * never two at once (they would slow each other), alternating which side goes first from round to
 * round so that neither always runs on a machine the other has just warmed or loaded. Both use the
 * same PostgreSQL: TESSERA_BENCH_PG_URL if set, else one embedded server started here for both.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { LONGEST_WAIT_MS } from "../gateway/src/deadlineSettings";
import { withBenchPostgres } from "./support";

/** The most a figure of this checkout may be above the other's: issue 12, "Speed". */
const LIMIT = 1.1;

const ROOT = path.resolve(__dirname, "..");

/** What this comparison reads of the JSON line bench/risk.ts prints last. */
interface RiskFigures {
  heavySubject: { events: number; riskLevel: string };
  ms: Record<string, { p50: number; p90: number }>;
  lists: { label: string; total: { requests: number; sql: number }; ms: number }[];
  loadAverage: { before: number[]; after: number[] };
}

function series(figures: RiskFigures, name: string) {
  const found = figures.ms[name];
  if (!found) throw new Error(`the benchmark reported no series "${name}" (it has: ${Object.keys(figures.ms).join("; ")})`);
  return found;
}

function caseload(figures: RiskFigures) {
  const found = figures.lists.find((list) => list.label === "subjects(ids), 100 ids");
  if (!found) throw new Error(`the benchmark reported no caseload of 100 subjects through subjects(ids)`);
  return found;
}

/**
 * The figures the issue names. p90 is the tail: bench/risk.ts reports p50, p90 and p99 (no p95, at
 * 71d22a4 either, the head issue 12 starts from), and p99 of a few hundred requests is too few
 * samples to hold to 10 %. The caseload's time is the faster of two requests in each run, so it
 * moves more than the p50s do.
 */
const FIGURES: { name: string; unit: string; read: (figures: RiskFigures) => number }[] = [
  { name: "riskAssessment, 500-event subject, p50", unit: "ms", read: (f) => series(f, "riskAssessment, 500-event subject").p50 },
  { name: "riskAssessment, 500-event subject, p90", unit: "ms", read: (f) => series(f, "riskAssessment, 500-event subject").p90 },
  { name: "chronology, 500-event subject, p50", unit: "ms", read: (f) => series(f, "chronology, 500-event subject").p50 },
  { name: "chronology, 500-event subject, p90", unit: "ms", read: (f) => series(f, "chronology, 500-event subject").p90 },
  { name: "caseload of 100, subgraph requests", unit: "", read: (f) => caseload(f).total.requests },
  { name: "caseload of 100, SQL statements", unit: "", read: (f) => caseload(f).total.sql },
  { name: "caseload of 100, time", unit: "ms", read: (f) => caseload(f).ms },
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

/**
 * The environment for a child npm: without the npm_* variables of the `npm run` that started this
 * process — npm_config_local_prefix among them names this checkout, and a child npm in the other
 * checkout must find its own project. Everything they carry is re-read from the npmrc files.
 */
function childEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== "INIT_CWD")), ...extra };
}

/** Runs a command with its output on stderr (stdout is this report's); fails on a non-zero exit. */
function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: childEnv({}), stdio: ["ignore", process.stderr, process.stderr] });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} (in ${cwd}) exited with ${code}`))));
  });
}

/**
 * A checkout of `commit` under .bench/, with its own node_modules: made the first time (npm prefers
 * the cache and asks the registry only for what the cache lacks), reused afterwards. The marker is
 * written last, so an install that was interrupted is run again rather than trusted.
 */
async function checkoutOf(commit: string, log: (line: string) => void): Promise<string> {
  const dir = path.join(ROOT, ".bench", commit);
  const installed = path.join(dir, "node_modules", ".tessera-bench-installed");
  if (existsSync(dir)) {
    const head = git(dir, "rev-parse", "HEAD");
    if (head !== commit) throw new Error(`${dir} is at ${head}, not ${commit}: remove it (git worktree remove --force ${dir}) and run again`);
  } else {
    log(`making a checkout of ${commit} in ${path.relative(ROOT, dir)}…`);
    await run("git", ["worktree", "add", "--detach", dir, commit], ROOT);
  }
  if (!existsSync(installed)) {
    log(`installing its dependencies from the npm cache…`);
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], dir);
    writeFileSync(installed, `${new Date().toISOString()}\n`);
  } else log(`reusing the checkout of ${commit} in ${path.relative(ROOT, dir)}`);
  return dir;
}

/** One full `npm run bench:risk` of a checkout; its output goes to stderr under `label`, its last line is returned parsed. */
function benchOnce(label: string, cwd: string, benchArgs: string[], serverUrl: string, log: (line: string) => void): Promise<{ figures: RiskFigures; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The planning deadline lifted for both sides, as bench:risk itself lifts it since 6bdb337: a
    // head before that would otherwise die on a loaded machine, planning the list of 100 aliases.
    const env = childEnv({ TESSERA_BENCH_PG_URL: serverUrl, TESSERA_PLANNING_DEADLINE_MS: String(LONGEST_WAIT_MS) });
    const child = spawn("npm", ["run", "--silent", "bench:risk", "--", ...benchArgs], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    createInterface({ input: child.stderr }).on("line", (line) => log(`[${label}] ${line}`));
    // Each line is forwarded once the next arrives: the last one is the JSON, kept rather than shown.
    let last: string | undefined;
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (last !== undefined) log(`[${label}] ${last}`);
      last = line;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${label}: bench:risk exited with ${code}`));
      try {
        resolve({ figures: JSON.parse(last ?? "") as RiskFigures, seconds: (performance.now() - started) / 1000 });
      } catch {
        reject(new Error(`${label}: bench:risk's last line is not its JSON figures: ${(last ?? "").slice(0, 200)}`));
      }
    });
  });
}

export async function compareAgainst(options: { rev: string; rounds: number; benchArgs: string[] }): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  let commit: string;
  try {
    commit = git(ROOT, "rev-parse", "--verify", "--quiet", `${options.rev}^{commit}`);
  } catch {
    throw new Error(`--against ${options.rev}: no such commit in this repository`);
  }
  const current = { commit: git(ROOT, "rev-parse", "HEAD"), uncommitted: git(ROOT, "status", "--porcelain") !== "" };
  const sides = { current: ROOT, against: await checkoutOf(commit, log) };

  const runs: Record<keyof typeof sides, { figures: RiskFigures; seconds: number }[]> = { current: [], against: [] };
  await withBenchPostgres(54382, async (serverUrl) => {
    for (let round = 1; round <= options.rounds; round += 1) {
      const order: (keyof typeof sides)[] = round % 2 === 1 ? ["current", "against"] : ["against", "current"];
      for (const side of order) {
        const label = `${side} ${round}/${options.rounds}`;
        log(`${label}: npm run bench:risk -- ${options.benchArgs.join(" ")} in ${sides[side]}`);
        const result = await benchOnce(label, sides[side], options.benchArgs, serverUrl, log);
        runs[side].push(result);
        log(`${label}: done in ${result.seconds.toFixed(0)} s`);
      }
    }
  });

  const compared = FIGURES.map(({ name, unit, read }) => {
    const values = { current: runs.current.map((r) => read(r.figures)), against: runs.against.map((r) => read(r.figures)) };
    const ratio = median(values.current) / median(values.against);
    // How far apart runs of the same code land: a ratio nearer 1 than this tells nothing either way.
    const spread = Math.max(...[values.current, values.against].map((runsOfOneSide) => Math.max(...runsOfOneSide) / Math.min(...runsOfOneSide))) - 1;
    return { name, unit, current: values.current, against: values.against, ratio, spread, above: ratio > LIMIT };
  });
  const above = compared.filter((figure) => figure.above);
  const unresolved = compared.filter((figure) => figure.spread > LIMIT - 1);
  const seconds = (performance.now() - started) / 1000;

  const number = (value: number, unit: string) => (unit === "ms" ? value.toFixed(1) : String(value));
  const cell = (values: number[], unit: string) => `${number(median(values), unit)} (${values.map((v) => number(v, unit)).join(", ")})`;
  // As wide as the widest cell: it grows with the rounds.
  const width = Math.max("current".length, ...compared.flatMap((f) => [cell(f.current, f.unit).length, cell(f.against, f.unit).length]));
  const context = (side: keyof typeof sides) =>
    runs[side].map((r) => `${r.figures.heavySubject.riskLevel}/${r.figures.heavySubject.events} events, load ${r.figures.loadAverage.before[0]!.toFixed(2)}→${r.figures.loadAverage.after[0]!.toFixed(2)}`).join("; ");
  const lines = [
    `risk benchmark, this checkout against ${options.rev} (${commit.slice(0, 12)}): ${options.rounds} rounds of both, one run at a time, alternating which goes first; ${seconds.toFixed(0)} s in all`,
    `current: ${ROOT} at ${current.commit.slice(0, 12)}${current.uncommitted ? " with uncommitted changes" : ""}; against: ${sides.against}`,
    `each run: npm run bench:risk -- ${options.benchArgs.join(" ")}, on fresh databases`,
    `500-event subject's level/events and the 1-minute load before→after timing, per run: current ${context("current")}; against ${context("against")}`,
    "",
    `${"median of the runs (each run)".padEnd(48)} ${"current".padStart(width)} ${"against".padStart(width)}  current/against  runs of one side apart by`,
    ...compared.map(
      (f) =>
        `${`${f.name}${f.unit ? ` (${f.unit})` : ""}`.padEnd(48)} ${cell(f.current, f.unit).padStart(width)} ${cell(f.against, f.unit).padStart(width)}  ${f.ratio.toFixed(3).padStart(15)}  ${`${(f.spread * 100).toFixed(0)} %`.padStart(25)}${f.above ? `  ABOVE ${LIMIT.toFixed(2)}${f.ratio - 1 <= f.spread ? ", within how far runs of one side differ" : ""}` : ""}`,
    ),
    "",
    above.length === 0 ? `no figure is more than ${Math.round((LIMIT - 1) * 100)} % above ${options.rev}'s` : `${above.length} above ${LIMIT.toFixed(2)}× ${options.rev}'s: ${above.map((f) => f.name).join("; ")}`,
    ...(unresolved.length === 0
      ? []
      : [`runs of the same code differ by more than ${Math.round((LIMIT - 1) * 100)} % in ${unresolved.map((f) => f.name).join("; ")}: those ratios cannot tell a ${Math.round((LIMIT - 1) * 100)} % change from noise (more --rounds, more --requests or a quieter machine)`]),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const summary = {
    against: { rev: options.rev, commit },
    current,
    rounds: options.rounds,
    benchArgs: options.benchArgs,
    limit: LIMIT,
    figures: compared,
    above: above.map((f) => f.name),
    unresolved: unresolved.map((f) => f.name),
    runs,
    seconds,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
