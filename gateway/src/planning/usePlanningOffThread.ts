import { createHash } from "node:crypto";
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import type { QueryPlan } from "@apollo/query-planner";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { PlanningDeadlineExceeded, type PlanningPool } from "./PlanningPool";

export interface PlanningOffThreadOptions {
  pool: PlanningPool;
  /** The gateway's plan cache: the same object given to ApolloGateway as `queryPlannerConfig.cache`. */
  cache: KeyValueCache<QueryPlan>;
}

/**
 * Makes the gateway's plan on a planning thread and puts it in the gateway's own plan cache, where
 * the gateway's executor then finds it and plans nothing itself. Runs in `responseForOperation`,
 * after every limit has passed (`didResolveOperation`), so a refused operation is never planned.
 * A plan that overruns the deadline is refused with a 400 `OPERATION_TOO_COMPLEX`; one the planner
 * rejects is left to the gateway, which reports the planner's own error as before.
 */
export function usePlanningOffThread(options: PlanningOffThreadOptions): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ queryHash, request, source }) {
          // Apollo sets both before this hook; their types allow them to be missing.
          if (queryHash === undefined || source === undefined) throw new Error("no query to plan");
          const key = planCacheKey(queryHash, request.operationName ?? undefined);
          if (await options.cache.get(key)) return null;
          try {
            const { plan, generation } = await options.pool.plan(source, request.operationName ?? undefined);
            if (generation === options.pool.generation) await options.cache.set(key, plan);
            return null;
          } catch (error) {
            if (!(error instanceof PlanningDeadlineExceeded)) return null;
            return {
              http: { status: 400, headers: new HeaderMap() },
              body: {
                kind: "single",
                singleResult: {
                  errors: [
                    {
                      message: `Operation refused: planning it took longer than ${error.deadlineMs} ms (planning deadline).`,
                      extensions: { code: "OPERATION_TOO_COMPLEX", limit: "planning", maximum: error.deadlineMs },
                    },
                  ],
                },
              },
            };
          }
        },
      };
    },
  };
}

/** The key @apollo/gateway 2.14's executor reads its plan cache with (ApolloGateway.executor). */
export function planCacheKey(queryHash: string, operationName: string | undefined): string {
  return operationName ? createHash("sha256").update(queryHash).update(operationName).digest("hex") : queryHash;
}
