import { integerSetting } from "@tessera/kit";
import type { RequestHandler } from "express";

/**
 * How long the gateway's `/ready` waits for each subgraph's `/ready`. A subgraph's own check is one
 * `SELECT 1`, answered in a few milliseconds; a second is generous on a busy machine, and short
 * enough for an orchestrator's probe (Kubernetes' default probe timeout is 1 s too).
 */
export const DEFAULT_READY_PROBE_TIMEOUT_MS = 1_000;

/**
 * How long the gateway's `/ready` answers from its last probe. `/ready` needs no token and each probe
 * is a database query on every subgraph: without this, anyone could make the gateway send five queries
 * per request. An orchestrator probes every few seconds (Kubernetes: every 10 s by default), so an
 * answer a second old is as good as a fresh one to it.
 */
export const DEFAULT_READY_CACHE_MS = 1_000;

export function loadReadyProbeTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return integerSetting(env, "TESSERA_READY_PROBE_TIMEOUT_MS", DEFAULT_READY_PROBE_TIMEOUT_MS);
}

export interface SubgraphReadinessOptions {
  /** Each subgraph's GraphQL URL, by name, as the gateway calls it now. */
  subgraphs(): ReadonlyMap<string, string>;
  /** See DEFAULT_READY_PROBE_TIMEOUT_MS. */
  probeTimeoutMs: number;
  /** See DEFAULT_READY_CACHE_MS; counted from when the probe finished. Default DEFAULT_READY_CACHE_MS. */
  cacheMs?: number;
  /** True once the gateway is stopping: it is then not ready, whatever the subgraphs say. */
  stopping(): boolean;
}

export interface SubgraphProbe {
  ready: boolean;
  /** The subgraph's HTTP status, when it answered. */
  status?: number;
  /** Why it is not ready, when it did not answer. */
  error?: string;
}

/**
 * `GET /ready`: probes every subgraph's `/ready` in parallel, each with a short timeout, and
 * answers 200 when all are ready, else 503 naming those that are not. The body has one entry per
 * subgraph. `/health` says only that the gateway's process is up; this says whether its answers
 * would be whole. Concurrent calls share one probe, and its result answers for `cacheMs` after it
 * finishes; whether the gateway is stopping is never cached.
 */
export function subgraphReadiness(options: SubgraphReadinessOptions): RequestHandler {
  const cacheMs = options.cacheMs ?? DEFAULT_READY_CACHE_MS;
  let latest: { probes: Promise<[string, SubgraphProbe][]>; finishedAt?: number } | undefined;
  const probeAll = (): Promise<[string, SubgraphProbe][]> => {
    const fresh = latest && (latest.finishedAt === undefined || performance.now() - latest.finishedAt < cacheMs);
    if (latest && fresh) return latest.probes;
    const current: NonNullable<typeof latest> = {
      probes: Promise.all([...options.subgraphs()].map(async ([name, url]): Promise<[string, SubgraphProbe]> => [name, await probe(url, options.probeTimeoutMs)])),
    };
    void current.probes.finally(() => (current.finishedAt = performance.now()));
    latest = current;
    return current.probes;
  };
  return async (_req, res) => {
    const probes = await probeAll();
    const notReady = probes.filter(([, result]) => !result.ready).map(([name]) => name);
    const stopping = options.stopping();
    const ready = !stopping && notReady.length === 0 && probes.length > 0;
    res.status(ready ? 200 : 503).json({
      status: stopping ? "stopping" : ready ? "ready" : "not ready",
      service: "gateway",
      notReady,
      subgraphs: Object.fromEntries(probes),
    });
  };
}

async function probe(graphqlUrl: string, timeoutMs: number): Promise<SubgraphProbe> {
  const url = graphqlUrl.replace(/\/graphql\/?$/, "") + "/ready";
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok ? { ready: true, status: response.status } : { ready: false, status: response.status };
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return { ready: false, error: timedOut ? `no answer within ${timeoutMs} ms` : "unreachable" };
  }
}
