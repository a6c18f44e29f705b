import type { QueryPlan } from "@apollo/query-planner";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { GraphQLError } from "graphql";

/** Planner rejections kept: a rejected document asked again is answered from here, not planned again. */
const MAX_REJECTIONS = 1000;

/**
 * The gateway's plan cache (30 MiB, sized as @apollo/gateway sizes its own), given to ApolloGateway as
 * `queryPlannerConfig.cache` so the planning threads can fill it — and also holding the planner's
 * rejections: the gateway's executor reads its plan from here, and for a document the planner
 * refused, the read throws the planner's own error, which Apollo then answers exactly as it answers
 * a plan that fails on its own thread — without planning it there again. Cleared with the plans
 * when the gateway loads another supergraph.
 */
export class PlanCache extends InMemoryLRUCache<QueryPlan> {
  private readonly rejections = new Map<string, Error>();

  constructor() {
    super({ maxSize: 30 * 2 ** 20, sizeCalculation: InMemoryLRUCache.sizeCalculation });
  }

  override async get(key: string): Promise<QueryPlan | undefined> {
    const rejection = this.rejections.get(key);
    if (rejection) throw rejection;
    return super.get(key);
  }

  /** Whether the planner refused this document (for the current supergraph). */
  rejected(key: string): boolean {
    return this.rejections.has(key);
  }

  /** Remembers the planner's refusal of a document, as the error Apollo's gateway would have thrown. */
  reject(key: string, message: string, extensions?: Record<string, unknown>): void {
    if (this.rejections.size >= MAX_REJECTIONS) this.rejections.delete(this.rejections.keys().next().value!);
    this.rejections.set(key, extensions ? new GraphQLError(message, { extensions }) : new Error(message));
  }

  override clear(): void {
    this.rejections.clear();
    super.clear();
  }
}
