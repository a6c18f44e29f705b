import { parentPort } from "node:worker_threads";
import { operationFromDocument, Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { GraphQLError, parse } from "graphql";
import type { FromPlanner, ToPlanner } from "./PlanningPool";

/**
 * A planning thread: holds the supergraph's planner, as @apollo/gateway builds it, and plans one
 * operation at a time. A plan is plain data and goes back to the gateway's thread whole.
 */
let planner: { generation: number; apiSchema: Schema; planner: QueryPlanner } | undefined;

const answer = (message: FromPlanner) => parentPort!.postMessage(message);

parentPort!.on("message", (message: ToPlanner) => {
  if (message.kind === "supergraph") {
    try {
      const supergraph = Supergraph.build(message.sdl);
      planner = { generation: message.generation, apiSchema: supergraph.apiSchema(), planner: new QueryPlanner(supergraph) };
      answer({ kind: "loaded", generation: message.generation });
    } catch (error) {
      // Told to the pool, which refuses planning until another supergraph comes: a crash would only be restarted into the same failure.
      planner = undefined;
      answer({ kind: "unloadable", generation: message.generation, message: (error as Error).message });
    }
    return;
  }
  if (!planner || planner.generation !== message.generation) {
    answer({ kind: "stale", id: message.id });
    return;
  }
  try {
    const operation = operationFromDocument(planner.apiSchema, parse(message.query), { operationName: message.operationName });
    // The gateway's own defaults (its APOLLO_DISABLE_SECURITY_* switches off).
    const plan = planner.planner.buildQueryPlan(operation, { recursiveSelectionsLimitDisabled: false, nonLocalSelectionsLimitDisabled: false });
    answer({ kind: "planned", id: message.id, plan });
  } catch (error) {
    const extensions = error instanceof GraphQLError ? (JSON.parse(JSON.stringify(error.extensions)) as Record<string, unknown>) : undefined;
    answer({ kind: "rejected", id: message.id, message: (error as Error).message, ...(extensions ? { extensions } : {}) });
  }
});
