import type { FORWARDED_HEADERS } from "./subgraphDataSource";

/**
 * What the gateway keeps of an incoming request for the subgraph fetches it makes. It exists only
 * for a request whose token the gateway verified; each subgraph verifies the forwarded token again.
 */
export interface GatewayContext {
  requestId: string;
  headers: Partial<Record<(typeof FORWARDED_HEADERS)[number], string>>;
  /** Aborts when the request's deadline passes or its caller hangs up; every subgraph fetch follows it. */
  deadline?: AbortSignal;
}
