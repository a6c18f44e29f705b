import type { RequestHandler } from "express";
import { positiveIntegerSetting } from "./positiveIntegerSetting";

/**
 * How long the gateway's `/ready` waits for each subgraph's `/ready`. A subgraph's own check is one
 * `SELECT 1`, answered in a few milliseconds; a second is generous on a busy machine, and short
 * enough for an orchestrator's probe (Kubernetes' default probe timeout is 1 s too).
 */
export const DEFAULT_READY_PROBE_TIMEOUT_MS = 1_000;

export function loadReadyProbeTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerSetting(env, "TESSERA_READY_PROBE_TIMEOUT_MS", DEFAULT_READY_PROBE_TIMEOUT_MS);
}

export interface SubgraphReadinessOptions {
  /** Each subgraph's GraphQL URL, by name, as the gateway calls it now. */
  subgraphs(): ReadonlyMap<string, string>;
  /** See DEFAULT_READY_PROBE_TIMEOUT_MS. */
  probeTimeoutMs: number;
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
 * would be whole.
 */
export function subgraphReadiness(options: SubgraphReadinessOptions): RequestHandler {
  return async (_req, res) => {
    const subgraphs = [...options.subgraphs()];
    const probes = await Promise.all(subgraphs.map(async ([name, url]): Promise<[string, SubgraphProbe]> => [name, await probe(url, options.probeTimeoutMs)]));
    const notReady = probes.filter(([, result]) => !result.ready).map(([name]) => name);
    const stopping = options.stopping();
    const ready = !stopping && notReady.length === 0 && subgraphs.length > 0;
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
