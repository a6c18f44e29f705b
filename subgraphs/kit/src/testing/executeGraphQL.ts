import { randomUUID } from "node:crypto";
import { graphql, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { LoaderRegistry } from "../loaders/LoaderRegistry";
import type { ServiceContext } from "../server/ServiceContext";

/** Runs one operation against a subgraph schema in-process, with a fresh request context. */
export async function executeGraphQL<T = Record<string, unknown>>(
  schema: GraphQLSchema,
  db: DataSource,
  source: string,
  variableValues?: Record<string, unknown>,
  extra: Partial<ServiceContext> = {},
): Promise<ExecutionResult<T>> {
  const contextValue: ServiceContext = { requestId: randomUUID(), db, loaders: new LoaderRegistry(), ...extra };
  return (await graphql({ schema, source, contextValue, ...(variableValues ? { variableValues } : {}) })) as ExecutionResult<T>;
}

/** The `_entities` query the gateway sends for `Subject` representations, with an events selection. */
export function subjectEntitiesQuery(selection: string): string {
  return `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { id ${selection} } } }`;
}
