import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./GatewayContext";

/**
 * Headers a subgraph needs from the caller's request: who is asking, and which request this is.
 * `x-tessera-user` names the professional behind a review decision until access control puts a
 * verified user in the token.
 */
export const FORWARDED_HEADERS = ["authorization", "x-request-id", "x-tessera-user"] as const;

/**
 * The gateway's HTTP client for one subgraph. It forwards the caller's `Authorization` header
 * (each subgraph verifies it again: subgraphs trust no network) and the request id. Signing
 * subgraph requests is the access layer's job and goes here.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(readonly serviceName: string, url: string) {
    super({ url });
  }

  /**
   * A subgraph that cannot be reached costs only its own fields: the rest of the answer stands, and
   * the error says which agency is missing from it, so a partial picture is never taken for the whole.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    try {
      return await super.process(options);
    } catch (error) {
      throw new GraphQLError(`${this.serviceName} is unavailable: its data is missing from this answer`, {
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: this.serviceName },
        originalError: error as Error,
      });
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!("headers" in context) || !context.headers) return;
    for (const name of FORWARDED_HEADERS) {
      const value = context.headers[name];
      if (value) request.http?.headers.set(name, value);
    }
  }
}
