/**
 * How long Apollo's query planner takes on the worst operations the gateway's limits still accept
 * (issue 11, "Planning cannot hold the event loop": whatever passes the limits plans in bounded time,
 * and `/health` answers within 100 ms while the worst accepted query runs).
 *
 *   npm run bench:planner [-- --repeat 5]
 *
 * The planner is @apollo/query-planner 2.14.4, as @apollo/gateway runs it, on schema/supergraph.graphql.
 * Candidates are the shapes that make it work hardest — walks from a subject to other subjects
 * (associates, police events' counterparts, police counterparts), each level a hop into another
 * subgraph and, through risk, a @requires chain; several such fields side by side at every level;
 * aliases of them — each grown level by level for as long as the limits (the gateway's own check,
 * with the defaults or the TESSERA_MAX_* variables) accept it. Each accepted candidate is planned
 * `--repeat` times with a fresh plan each time (the gateway caches plans; an attacker renames an
 * alias to miss the cache), and its median kept.
 *
 * Baseline, planned in the same run: the README's cross-agency query
 * (docs/queries/penelope-across-agencies.graphql); every documented query is planned too. Printed: each candidate family's worst accepted
 * document, its figures and planning milliseconds, the ratio to the baseline; then the gateway's
 * event-loop delay (its longest stall, what /health would wait) while its planning thread
 * (PlanningPool, TESSERA_PLANNING_* settings) plans the worst accepted document, against planning
 * it on the same thread as Apollo does; the last line is JSON.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { operationFromDocument, Supergraph } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { getOperationAST, parse } from "graphql";
import { DEFAULT_SUPERGRAPH_FILE } from "../gateway/src/startGateway";
import { estimateFanOut, operationCounter, operationLimitsFromEnv, supergraphFanOut, tokenCount, type OperationLimits } from "../gateway/src/limits";
import { PlanningPool, planningOptionsFromEnv } from "../gateway/src/planning";
import { documentedOperations } from "../scripts/documentedQueries";

const ROOT = path.resolve(__dirname, "..");
const BASELINE = readFileSync(path.join(ROOT, "docs", "queries", "penelope-across-agencies.graphql"), "utf8");

/** A walk from a Subject to another Subject: its opening and closing text. */
const WALKS: Record<string, [string, string]> = {
  associates: ["associates { relationships subject {", "} }"],
  counterparts: ["policeEvents { kind counterparts { role person { subject {", "} } } }"],
  policeCounterparts: ["policeCounterparts { agency subject {", "} }"],
};

/** What is selected on the last subject of a walk (and, in the "wide" family, at every level). */
const LEAVES: Record<string, string> = {
  name: "displayName",
  risk: "riskAssessment { level reasons { ruleId } }",
  everything: "riskAssessment { level } marac { referralIndicated } perpetratorProfile { serialPerpetrator } chronology { kind } associates { relationships } policeEvents { kind } healthEvents { kind } careEvents { kind }",
};

interface Candidate {
  family: string;
  query: string;
}

function* candidates(): Generator<Candidate> {
  for (const [walk, [open, close]] of Object.entries(WALKS)) {
    for (const [leaf, selection] of Object.entries(LEAVES)) {
      for (let levels = 1; levels <= 12; levels++) {
        yield { family: `${walk} × n, then ${leaf}`, query: `{ subjects(ids: []) { ${open.repeat(levels)} ${selection} ${close.repeat(levels)} } }` };
        // Wide: every level also selects the leaf, so each level is a fan-out of its own.
        yield { family: `${walk} × n, ${leaf} at every level`, query: `{ subjects(ids: []) { ${`${selection} ${open}`.repeat(levels)} ${selection} ${close.repeat(levels)} } }` };
      }
    }
  }
  const walks = Object.values(WALKS);
  for (let levels = 1; levels <= 8; levels++) {
    // Every walk side by side at every level: the planner's options multiply at each.
    let inner = LEAVES.name!;
    for (let level = 0; level < levels; level++) inner = walks.map(([open, close]) => `${open} ${inner} ${close}`).join(" ");
    yield { family: "all three walks at every level", query: `{ subjects(ids: []) { ${inner} } }` };
  }
  for (let aliases = 1; aliases <= 40; aliases++) {
    for (const [leaf, selection] of Object.entries(LEAVES)) {
      const body = Array.from({ length: aliases }, (_, n) => `s${n}: subjects(ids: []) { ${WALKS.associates![0]} ${selection} ${WALKS.associates![1]} }`).join(" ");
      yield { family: `aliases × n of associates, then ${leaf}`, query: `{ ${body} }` };
    }
  }
}

/** The longest the event loop stalled while `work` ran, in milliseconds. */
async function longestStall(work: () => Promise<unknown> | unknown): Promise<number> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // A timer keeps the loop turning so that a stall shows as a late turn.
  const ticking = setInterval(() => undefined, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    clearInterval(ticking);
    delay.disable();
  }
  return delay.max / 1e6;
}

async function main(): Promise<void> {
  const repeat = Number(argument("--repeat") ?? 5);
  const limits = operationLimitsFromEnv();
  const sdl = readFileSync(DEFAULT_SUPERGRAPH_FILE, "utf8");
  const supergraph = Supergraph.build(sdl);
  const apiSchema = supergraph.apiSchema();
  const graphqlSchema = apiSchema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const fanOut = supergraphFanOut(sdl);
  const counter = operationCounter();

  const accepted = (query: string) => {
    const document = parse(query, { maxTokens: limits.maxTokens });
    const operation = getOperationAST(document)!;
    const counts = counter.countsOf(graphqlSchema, document, operation)!;
    const estimate = estimateFanOut(fanOut, document, operation, {}, { entitiesPerFetch: limits.entitiesPerFetch });
    const figures = { tokens: tokenCount(query), ...counts, fields: estimate.fields, fetches: estimate.fetches, cost: estimate.cost };
    const ok =
      figures.tokens <= limits.maxTokens &&
      counts.depth <= limits.maxDepth &&
      counts.aliases <= limits.maxAliases &&
      counts.directives <= limits.maxDirectives &&
      estimate.fields <= limits.maxFields &&
      estimate.cost <= limits.maxCost;
    return { ok, figures, document };
  };
  const plan = (document: ReturnType<typeof parse>) => {
    const times: number[] = [];
    for (let run = 0; run < repeat; run++) {
      const started = performance.now();
      planner.buildQueryPlan(operationFromDocument(apiSchema, document));
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };

  // Warm the planner and the JIT on the baseline before anything is timed.
  const baselineDocument = parse(BASELINE);
  for (let run = 0; run < 20; run++) planner.buildQueryPlan(operationFromDocument(apiSchema, baselineDocument));
  const baselineMs = plan(baselineDocument);

  const worst = new Map<string, { ms: number; query: string; figures: ReturnType<typeof accepted>["figures"] }>();
  let planned = 0;
  let refused = 0;
  const refusedFamilies = new Set<string>();
  for (const { family, query } of candidates()) {
    // Grown level by level: once a family's document is refused, its larger ones are too.
    if (refusedFamilies.has(family)) continue;
    let check: ReturnType<typeof accepted>;
    try {
      check = accepted(query);
    } catch {
      check = { ok: false } as never;
    }
    if (!check.ok) {
      refused += 1;
      refusedFamilies.add(family);
      continue;
    }
    planned += 1;
    const ms = plan(check.document);
    const before = worst.get(family);
    if (!before || ms > before.ms) worst.set(family, { ms, query, figures: check.figures });
  }

  const documented = documentedOperations().map(({ name, query }) => ({ name, ms: plan(parse(query)) }));
  const slowestDocumented = documented.reduce((a, b) => (b.ms > a.ms ? b : a));

  const rows = [...worst.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const [worstFamily, worstOf] = rows[0]!;

  const planning = planningOptionsFromEnv();
  const pool = new PlanningPool(planning);
  pool.load(sdl);
  // The thread's first plan loads its planner: not what a request waits on once the gateway is up.
  await pool.plan(BASELINE);
  const worstDocument = parse(worstOf.query);
  const stallOnThread = await longestStall(() => pool.plan(`${worstOf.query} `));
  const stallInline = await longestStall(() => planner.buildQueryPlan(operationFromDocument(apiSchema, worstDocument)));
  await pool.stop();
  const line = (label: string, ms: number, figures?: Record<string, number>) =>
    `${label.padEnd(48)} ${ms.toFixed(1).padStart(8)} ms ${(ms / baselineMs).toFixed(1).padStart(8)}×   ${figures ? Object.entries(figures).map(([key, value]) => `${key} ${value}`).join(", ") : ""}`;
  const report = [
    `query planner (@apollo/query-planner 2.14.4) on schema/supergraph.graphql; median of ${repeat} plans each`,
    `limits: ${describe(limits)}`,
    `${planned} accepted documents planned, ${refused} refused by the limits (each family grown until refused)`,
    "",
    `${"worst accepted document of each family".padEnd(48)} ${"planning".padStart(11)} ${"ratio".padStart(9)}   figures`,
    line("baseline: README cross-agency query", baselineMs),
    ...rows.map(([family, { ms, figures }]) => line(family, ms, figures)),
    "",
    `documented queries (docs/queries): ${documented.map(({ name, ms }) => `${name.replace(/\.graphql$/, "")} ${ms.toFixed(1)}`).join(", ")} ms; slowest ${slowestDocumented.name} ${slowestDocumented.ms.toFixed(1)} ms`,
    "",
    `worst accepted: ${worstFamily}, ${worstOf.ms.toFixed(1)} ms (${(worstOf.ms / baselineMs).toFixed(1)}× the baseline):`,
    `  ${worstOf.query}`,
    "",
    `the gateway's longest event-loop stall while the worst accepted document is planned:`,
    `  on a planning thread (PlanningPool, ${planning.threads} thread, deadline ${planning.deadlineMs} ms)  ${stallOnThread.toFixed(1).padStart(8)} ms`,
    `  on the gateway's own thread, as Apollo plans              ${stallInline.toFixed(1).padStart(8)} ms`,
    `requirement (/health answers within 100 ms while it plans): ${stallOnThread < 100 ? "met" : "NOT met"} (${stallOnThread.toFixed(1)} ms)`,
  ];
  process.stdout.write(`${report.join("\n")}\n`);
  process.stdout.write(
    `${JSON.stringify({ limits, planning, repeat, baselineMs, planned, refused, stallOnThreadMs: stallOnThread, stallInlineMs: stallInline, documentedMs: Object.fromEntries(documented.map(({ name, ms }) => [name, ms])), worst: { family: worstFamily, ms: worstOf.ms, ratio: worstOf.ms / baselineMs, figures: worstOf.figures, query: worstOf.query }, families: Object.fromEntries(rows.map(([family, { ms }]) => [family, ms])) })}\n`,
  );
}

function describe(limits: OperationLimits): string {
  return Object.entries(limits).map(([key, value]) => `${key} ${value}`).join(", ");
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
