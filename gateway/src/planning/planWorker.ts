import { parentPort } from "node:worker_threads";
import { operationFromDocument, Supergraph, type Schema } from "@apollo/federation-internals";
import { QueryPlanner } from "@apollo/query-planner";
import { parse } from "graphql";
import type { ToPlanner } from "./PlanningPool";

/**
 * A planning thread: holds the supergraph's planner, as @apollo/gateway builds it, and plans one
 * operation at a time. A plan is plain data and goes back to the gateway's thread whole.
 */
let planner: { generation: number; apiSchema: Schema; planner: QueryPlanner } | undefined;

parentPort!.on("message", (message: ToPlanner) => {
  if (message.kind === "supergraph") {
    const supergraph = Supergraph.build(message.sdl);
    planner = { generation: message.generation, apiSchema: supergraph.apiSchema(), planner: new QueryPlanner(supergraph) };
    parentPort!.postMessage({ kind: "loaded", generation: message.generation });
    return;
  }
  try {
    if (!planner || planner.generation !== message.generation) throw new Error(`planning thread has supergraph ${planner?.generation}, not ${message.generation}`);
    const operation = operationFromDocument(planner.apiSchema, parse(message.query), { operationName: message.operationName });
    // The gateway's own defaults (its APOLLO_DISABLE_SECURITY_* switches off).
    const plan = planner.planner.buildQueryPlan(operation, { recursiveSelectionsLimitDisabled: false, nonLocalSelectionsLimitDisabled: false });
    parentPort!.postMessage({ kind: "planned", id: message.id, plan });
  } catch (error) {
    parentPort!.postMessage({ kind: "failed", id: message.id, message: (error as Error).message });
  }
});
