import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayContext } from "./GatewayContext";

/** Headers a subgraph needs from the caller's request: who is asking, and which request this is. */
const FORWARDED_HEADERS = ["authorization", "x-request-id"] as const;

/**
 * The gateway's HTTP client for one subgraph. It forwards the caller's `Authorization` header
 * (each subgraph verifies it again: subgraphs trust no network) and the request id. Signing
 * subgraph requests is the access layer's job and goes here.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!("headers" in context) || !context.headers) return;
    for (const name of FORWARDED_HEADERS) {
      const value = context.headers[name];
      if (value) request.http?.headers.set(name, value);
    }
  }
}
