import { graphql, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { ServiceContext } from "../server/ServiceContext";
import { testContext } from "./records";

/** Runs one operation against a subgraph schema in-process, with a fresh request context. */
export async function executeGraphQL<T = Record<string, unknown>>(
  schema: GraphQLSchema,
  db: DataSource,
  source: string,
  variableValues?: Record<string, unknown>,
  extra: Partial<ServiceContext> = {},
): Promise<ExecutionResult<T>> {
  const contextValue = testContext(db, extra);
  return (await graphql({ schema, source, contextValue, ...(variableValues ? { variableValues } : {}) })) as ExecutionResult<T>;
}

/** The `_entities` query the gateway sends for `Subject` representations, with an events selection. */
export function subjectEntitiesQuery(selection: string): string {
  return `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { id ${selection} } } }`;
}
