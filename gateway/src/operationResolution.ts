import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { GraphQLError } from "graphql";

/**
 * Refuses, with 400 and `OPERATION_RESOLUTION_FAILURE`, a request whose `operationName` names no
 * operation in its document (or that names none where the document has several). Apollo Server
 * does this itself for a schema it executes, but hands a gateway's requests to the gateway's
 * executor as they are, and the gateway's "Unknown operation named" came back as a 500 — as did a
 * subscription, which the gateway cannot run (the supergraph has no Subscription type, and the
 * executor's planner refuses one): that is 400 `OPERATION_NOT_SUPPORTED`.
 */
export function useOperationResolution<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation?.operation === "subscription") {
            throw new GraphQLError("Subscriptions are not supported: send a query or a mutation.", { extensions: { code: "OPERATION_NOT_SUPPORTED", http: { status: 400 } } });
          }
          if (operation) return;
          const message = request.operationName ? `Unknown operation named "${request.operationName}".` : "Must provide operation name if query contains multiple operations.";
          throw new GraphQLError(message, { extensions: { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
        },
      };
    },
  };
}
