import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { QueryPlannerConfig } from "@apollo/query-planner";
import type { GraphQLFormattedError, ParseOptions, ValidationRule } from "graphql";
import { operationLimitsFromEnv, supergraphFanOut, useOperationLimits, type OperationLimits, type SupergraphFanOut } from "./limits";
import { PlanCache, PlanningPool, planningOptionsFromEnv, usePlanningOffThread, type PlanningOptions } from "./planning";

export interface BoundedOperationsOptions {
  /** Default: from the environment (operationLimitsFromEnv). `false` only for a benchmark's baseline. */
  limits?: OperationLimits | false;
  /** Planning threads and deadline. Default: from the environment (planningOptionsFromEnv). `false`: plan on the gateway's thread, as Apollo does. */
  planning?: PlanningOptions | false;
}

/** The pieces the gateway assembles: for ApolloGateway, for ApolloServer, and the supergraph to follow. */
export interface BoundedOperations {
  queryPlannerConfig: QueryPlannerConfig;
  parseOptions?: ParseOptions;
  validationRules?: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
  formatError(formatted: GraphQLFormattedError): GraphQLFormattedError;
  /** Call with each supergraph the gateway loads (ApolloGateway.onSchemaLoadOrUpdate). */
  supergraphLoaded(sdl: string): void;
  /** Resolves when planning is ready for the supergraph loaded (see PlanningPool.settled). */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every operation the gateway runs is bounded before it costs anything: the operation limits refuse
 * what is too large (gateway/src/limits), and what passes is planned on a planning thread with a
 * deadline (gateway/src/planning), whose plan goes into the gateway's own plan cache.
 */
export function useBoundedOperations(options: BoundedOperationsOptions = {}): BoundedOperations {
  const limits = options.limits ?? operationLimitsFromEnv();
  const planning = options.planning ?? planningOptionsFromEnv();
  const pool = planning ? new PlanningPool(planning) : undefined;
  // The gateway's plan cache, made here so the planning threads can fill it.
  const cache = new PlanCache();
  let fanOut: SupergraphFanOut | undefined;
  const limited = limits
    ? useOperationLimits({
        limits,
        fanOut: () => {
          // The gateway serves no operation before its first schema load, which sets it.
          if (!fanOut) throw new Error("operation limits: no supergraph loaded");
          return fanOut;
        },
      })
    : undefined;
  return {
    queryPlannerConfig: { cache },
    parseOptions: limited?.parseOptions,
    validationRules: limited?.validationRules,
    plugins: [...(limited?.plugins ?? []), ...(pool ? [usePlanningOffThread({ pool, cache })] : [])],
    formatError: (formatted) => (limited ? limited.formatError(formatted) : formatted),
    supergraphLoaded(sdl) {
      fanOut = supergraphFanOut(sdl);
      pool?.load(sdl);
    },
    ready: async () => pool?.settled(),
    stop: async () => pool?.stop(),
  };
}
