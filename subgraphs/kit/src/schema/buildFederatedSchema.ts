import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import { accessLogResolver } from "../access/AccessLogResolver";
import type { ServiceContext } from "../server/ServiceContext";

/** The Federation 2 directives Tessera's subgraphs use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@requires", "@external", "@shareable"])';

/** Resolves an entity from its key (and any `@requires` fields) in `_entities` queries. */
export type ReferenceResolver = (reference: Record<string, unknown>, context: ServiceContext) => unknown;

export interface FederatedSchemaOptions {
  /** The service: its schema gets `<service>AccessLog`, its auditors' query over its own access log. */
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /**
   * Types no query reaches directly — entities that only extend `Subject`, event types behind an
   * interface. type-graphql drops them otherwise and the gateway cannot plan to them.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name. */
  referenceResolvers?: Record<string, ReferenceResolver>;
  /**
   * SDL appended to what type-graphql generates: types a subgraph reads from others and does not
   * own (`@external` declarations), when they come from configuration rather than from classes.
   */
  typeDefs?: string;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL with federation directives, as composition reads it. */
  sdl: string;
}

/**
 * Builds a Federation 2 subgraph from type-graphql classes: type-graphql generates the schema and
 * resolvers, the directives (`@key`, `@requires`, ...) it carries are printed into SDL, and
 * @apollo/subgraph rebuilds it with `_service` / `_entities` and the reference resolvers.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const generated = await buildSchema({
    resolvers: [...options.resolvers, accessLogResolver(options.service)],
    orphanedTypes: options.orphanedTypes ?? [],
    skipCheck: true,
    validate: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(generated)}\n${options.typeDefs ?? ""}`);
  const resolvers = createResolversMap(generated) as Record<string, Record<string, unknown>>;
  for (const [typeName, resolveReference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolveReference };
  }
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
  return { schema, sdl: printSubgraphSchema(schema) };
}
