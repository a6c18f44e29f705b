/** What the gateway keeps of an incoming request for the subgraph fetches it makes. */
export interface GatewayContext {
  requestId: string;
  headers: Partial<Record<"authorization" | "x-request-id", string>>;
}
