import type { Caller } from "@tessera/kit";
import type { FORWARDED_HEADERS } from "./subgraphDataSource";

/** What the gateway keeps of an incoming request for the subgraph fetches it makes. */
export interface GatewayContext {
  requestId: string;
  /** The verified caller: the gateway forwards nothing for a request it could not verify. */
  caller: Caller;
  headers: Partial<Record<(typeof FORWARDED_HEADERS)[number], string>>;
}
