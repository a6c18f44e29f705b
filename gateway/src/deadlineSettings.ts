import { envPrefix, integerSetting, REPLAY_WINDOW_MS } from "@tessera/kit";

/**
 * How long the gateway waits for one subgraph fetch. The slowest documented query, risk for a
 * subject with 500 events, took 265 ms at p50, 684 ms at p99 and 774 ms at worst through the whole
 * gateway — every fetch of it included — on a 2-core machine at load average 11 (`npm run bench:risk
 * -- --requests 100 --warmup 10`; 106 ms at p50 on a quiet one). A fetch still unanswered after 5 s,
 * over six times the worst whole request, is late rather than slow: its subgraph is stopped, stuck or
 * drowning, and the caller is better served by the other agencies' data now.
 */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;

/**
 * How long one incoming request may take in all. The longest documented plans run three stages one
 * after another (identity → the agencies → risk's `@requires`); three fetch timeouts end to end is
 * 15 s, so no plan whose every fetch is on time is cut short by the deadline.
 */
export const DEFAULT_REQUEST_DEADLINE_MS = 15_000;

/**
 * Room left inside the signature's replay window for clocks that disagree: a subgraph compares
 * the gateway's signing time with its own clock, so a request the gateway still waits for must be
 * younger than the window by at least the hosts' clock difference. NTP keeps hosts within
 * milliseconds of each other; 5 s tolerates a badly kept clock too.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 5_000;

/** The longest a subgraph timeout or the request deadline may be (25 s with a 30 s window). */
export const LONGEST_WAIT_MS = REPLAY_WINDOW_MS - CLOCK_SKEW_ALLOWANCE_MS;

export interface DeadlineSettings {
  /** Wait for any subgraph without a timeout of its own. Default `TESSERA_SUBGRAPH_TIMEOUT_MS`, else 5000. */
  subgraphTimeoutMs: number;
  /** Per subgraph, by name. Default: each `<SUBGRAPH>_TIMEOUT_MS` set (e.g. `POLICE_TIMEOUT_MS`). */
  subgraphTimeoutsMs: Record<string, number>;
  /** The whole request. Default `TESSERA_REQUEST_DEADLINE_MS`, else 15000. */
  requestDeadlineMs: number;
}

/**
 * The deadlines from the environment, checked whole: every one must be inside the gateway
 * signature's replay window (less the clock allowance), or a subgraph could refuse as stale a
 * request the gateway is still waiting for.
 */
export function loadDeadlineSettings(subgraphNames: readonly string[], env: NodeJS.ProcessEnv = process.env): DeadlineSettings {
  const subgraphTimeoutMs = integerSetting(env, "TESSERA_SUBGRAPH_TIMEOUT_MS", DEFAULT_SUBGRAPH_TIMEOUT_MS);
  const subgraphTimeoutsMs: Record<string, number> = {};
  for (const name of subgraphNames) {
    const variable = `${envPrefix(name)}_TIMEOUT_MS`;
    if (env[variable]?.trim()) subgraphTimeoutsMs[name] = integerSetting(env, variable, subgraphTimeoutMs);
  }
  return checkDeadlineSettings({ subgraphTimeoutMs, subgraphTimeoutsMs, requestDeadlineMs: integerSetting(env, "TESSERA_REQUEST_DEADLINE_MS", DEFAULT_REQUEST_DEADLINE_MS) });
}

/** The settings unchanged when every wait fits the replay window; otherwise an error naming each that does not. */
export function checkDeadlineSettings(settings: DeadlineSettings): DeadlineSettings {
  const waits: [string, number][] = [
    ["the subgraph timeout (TESSERA_SUBGRAPH_TIMEOUT_MS)", settings.subgraphTimeoutMs],
    ...Object.entries(settings.subgraphTimeoutsMs).map(([name, ms]): [string, number] => [`${name}'s timeout (${envPrefix(name)}_TIMEOUT_MS)`, ms]),
    ["the request deadline (TESSERA_REQUEST_DEADLINE_MS)", settings.requestDeadlineMs],
  ];
  const tooLong = waits.filter(([, ms]) => !(Number.isSafeInteger(ms) && ms >= 1 && ms <= LONGEST_WAIT_MS));
  if (tooLong.length > 0) {
    throw new Error(
      `${tooLong.map(([what, ms]) => `${what} is ${ms} ms`).join("; ")}: each must be from 1 to ${LONGEST_WAIT_MS} ms, inside the subgraphs' ` +
        `${REPLAY_WINDOW_MS} ms signature replay window less ${CLOCK_SKEW_ALLOWANCE_MS} ms for clock differences, or a subgraph would refuse as stale a request the gateway still waits for`,
    );
  }
  return settings;
}

/** The timeout of one subgraph's fetches. */
export function subgraphTimeoutMs(settings: DeadlineSettings, name: string): number {
  return settings.subgraphTimeoutsMs[name] ?? settings.subgraphTimeoutMs;
}
