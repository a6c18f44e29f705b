import { createHash } from "node:crypto";
import { HeaderMap, type ApolloServerPlugin, type BaseContext, type GraphQLResponse } from "@apollo/server";
import { RequestDeadlineExceeded } from "../fetchDeadline";
import type { PlanCache } from "./PlanCache";
import { PlannerRejected, PlanningBusy, PlanningDeadlineExceeded, type PlanningPool } from "./PlanningPool";

/** Seconds a refused caller is told to wait (`Retry-After`): about the time the documented queries take to plan under load, several times over. */
export const DEFAULT_PLANNING_RETRY_AFTER_SECONDS = 1;

export interface PlanningOffThreadOptions {
  pool: Pick<PlanningPool, "plan" | "generation">;
  /** The gateway's plan cache: the same object given to ApolloGateway as `queryPlannerConfig.cache`. */
  cache: PlanCache;
  /** The request's abort signal (its deadline, or its caller gone). Default: the context's `deadline` (GatewayContext). */
  signalOf?(context: BaseContext): AbortSignal | undefined;
  /** `Retry-After` on a 503. Default DEFAULT_PLANNING_RETRY_AFTER_SECONDS. */
  retryAfterSeconds?: number;
}

/**
 * Makes the gateway's plan on a planning thread and puts it in the gateway's own plan cache, where
 * the gateway's executor then finds it and plans nothing itself. Runs in `responseForOperation`,
 * after every limit has passed (`didResolveOperation`), so a refused operation is never planned.
 * Nothing falls back to planning on the gateway's thread:
 *
 * - a plan that overruns the deadline: 400 `OPERATION_TOO_COMPLEX`;
 * - the planner's own refusal of the operation: kept in the plan cache, whose read then throws it
 *   in the executor, so Apollo answers it as it answers any plan that fails (PlanCache);
 * - no thread free in time, or too many waiting: 503 `PLANNING_BUSY` with `Retry-After`;
 * - no thread able to plan (crashed, out of memory, the supergraph unbuildable, stopping): 503
 *   `PLANNING_UNAVAILABLE` with `Retry-After`;
 * - the request's deadline passing while it waits: 503 `REQUEST_DEADLINE_EXCEEDED` (a caller who
 *   hung up gets the same, unread); its job leaves the queue if no other request waits for it.
 */
export function usePlanningOffThread(options: PlanningOffThreadOptions): ApolloServerPlugin<BaseContext> {
  const signalOf = options.signalOf ?? ((context: BaseContext) => (context as { deadline?: AbortSignal }).deadline);
  const retryAfter = String(options.retryAfterSeconds ?? DEFAULT_PLANNING_RETRY_AFTER_SECONDS);
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ queryHash, request, source, contextValue }) {
          // Apollo sets both before this hook; their types allow them to be missing.
          if (queryHash === undefined || source === undefined) throw new Error("no query to plan");
          const key = planCacheKey(queryHash, request.operationName ?? undefined);
          if (options.cache.rejected(key) || (await options.cache.get(key))) return null;
          try {
            const { plan } = await options.pool.plan(source, request.operationName ?? undefined, { key, signal: signalOf(contextValue) });
            // The pool resolves a plan only for the supergraph it serves now: one made for an earlier one is made again.
            await options.cache.set(key, plan);
            return null;
          } catch (error) {
            if (error instanceof PlannerRejected) {
              options.cache.reject(key, error.message, error.extensions);
              return null;
            }
            return refusal(error, retryAfter);
          }
        },
      };
    },
  };
}

function refusal(error: unknown, retryAfter: string): GraphQLResponse {
  if (error instanceof PlanningDeadlineExceeded) {
    return answer(400, undefined, `Operation refused: planning it took longer than ${error.deadlineMs} ms (planning deadline).`, {
      code: "OPERATION_TOO_COMPLEX",
      limit: "planning",
      maximum: error.deadlineMs,
    });
  }
  if (error instanceof PlanningBusy) {
    return answer(503, retryAfter, `The gateway is busy planning other operations (${error.message}): retry after ${retryAfter} s.`, {
      code: "PLANNING_BUSY",
      retryAfterSeconds: Number(retryAfter),
    });
  }
  if (error instanceof RequestDeadlineExceeded) {
    return answer(503, retryAfter, `The request's ${error.deadlineMs} ms deadline passed while its operation waited to be planned.`, {
      code: "REQUEST_DEADLINE_EXCEEDED",
      deadlineMs: error.deadlineMs,
    });
  }
  // PlanningUnavailable, or the caller gone (no one reads it). Why a thread failed is for the operator, not the caller.
  return answer(503, retryAfter, `The gateway cannot plan operations now: retry after ${retryAfter} s.`, {
    code: "PLANNING_UNAVAILABLE",
    retryAfterSeconds: Number(retryAfter),
  });
}

function answer(status: number, retryAfter: string | undefined, message: string, extensions: Record<string, unknown>): GraphQLResponse {
  const headers = new HeaderMap();
  if (retryAfter !== undefined) headers.set("retry-after", retryAfter);
  return { http: { status, headers }, body: { kind: "single", singleResult: { errors: [{ message, extensions }] } } };
}

/** The key @apollo/gateway 2.14's executor reads its plan cache with (ApolloGateway.executor). */
export function planCacheKey(queryHash: string, operationName: string | undefined): string {
  return operationName ? createHash("sha256").update(queryHash).update(operationName).digest("hex") : queryHash;
}
