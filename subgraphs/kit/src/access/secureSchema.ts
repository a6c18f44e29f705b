import {
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import type { ServiceContext } from "../server/ServiceContext";
import { levelAdmitsWithin, type AccessPolicy, type Level } from "./AccessPolicy";

/** Fields federation adds and types outside any agency's data. */
const FEDERATION_FIELDS = new Set(["_entities", "_service"]);

function policedTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("_"));
}

/** `@external` fields belong to another subgraph and are resolved there, under that agency's policy. */
function isExternal(field: GraphQLField<unknown, unknown>): boolean {
  return field.astNode?.directives?.some((directive) => directive.name.value === "external") ?? false;
}

function policedFields(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  // A type declared @external as a whole (risk's copies of the agencies' event types) is all the owner's.
  if (type.astNode?.directives?.some((directive) => directive.name.value === "external")) return [];
  return Object.values(type.getFields()).filter((field) => !isExternal(field) && !FEDERATION_FIELDS.has(field.name));
}

/**
 * Default deny, checked before a subgraph serves: every field the schema exposes has a level in the
 * policy, the policy names no field the schema lacks, and a field that is non-null resolves whenever
 * its value does — it is at a level no higher than every field that leads to its type — so that a
 * denial nulls that field alone, never its parent.
 */
export function policyCoverageProblems(schema: GraphQLSchema, policy: AccessPolicy): string[] {
  const problems: string[] = [];
  const types = policedTypes(schema);
  // Every level at which each type can be reached: a non-null field must admit everyone each of them admits.
  const entries = new Map<string, Set<Level>>();
  const reach = (typeName: string, level: Level) => entries.set(typeName, (entries.get(typeName) ?? new Set()).add(level));
  for (const type of types) {
    for (const field of policedFields(type)) {
      const level = policy.types[type.name]?.fields[field.name];
      if (level === undefined) {
        problems.push(`${type.name}.${field.name} has no entry in the ${policy.agency} access policy`);
        continue;
      }
      reach(getNamedType(field.type).name, level);
    }
  }
  // Entities reached through `_entities` may be read by anyone the gateway serves.
  for (const type of types) if (type.astNode?.directives?.some((d) => d.name.value === "key")) reach(type.name, "signal");
  for (const [typeName, typePolicy] of Object.entries(policy.types)) {
    const type = schema.getType(typeName);
    for (const field of Object.keys(typePolicy.fields)) {
      if (!type || !isObjectType(type) || !type.getFields()[field]) problems.push(`the ${policy.agency} access policy names ${typeName}.${field}, which the schema does not have`);
    }
  }
  for (const field of policedFields(schema.getQueryType()!)) {
    if (isNonNullType(field.type)) problems.push(`Query.${field.name} is non-null, but a policy can deny any root field: make it nullable`);
  }
  for (const type of types) {
    if (type.name === "Query" || type.name === "Mutation") continue;
    const reachedAt = [...(entries.get(type.name) ?? new Set<Level>(["signal"]))];
    for (const field of policedFields(type)) {
      const level = policy.types[type.name]?.fields[field.name];
      const wider = reachedAt.find((entry) => level !== undefined && !levelAdmitsWithin(entry, level));
      if (level !== undefined && isNonNullType(field.type) && wider) {
        problems.push(`${type.name}.${field.name} is non-null at ${level} level, but ${type.name} can be reached at ${wider} level: make it nullable`);
      }
    }
  }
  return problems;
}

/**
 * Puts a schema under an agency's policy, in place: every field's resolver first asks the request's
 * {@link RequestAccess} (in the context) and resolves to null with a FORBIDDEN error when the caller
 * may not see it. A request without a verified caller reads nothing. Throws when the policy does not
 * cover the schema, so a subgraph with an unlisted field never starts.
 */
export function secureSchema(schema: GraphQLSchema, policy: AccessPolicy): GraphQLSchema {
  const problems = policyCoverageProblems(schema, policy);
  if (problems.length > 0) throw new Error(`The ${policy.agency} access policy does not cover its schema:\n  - ${problems.join("\n  - ")}`);
  const mutationType = schema.getMutationType();
  const queryType = schema.getQueryType();
  for (const type of policedTypes(schema)) {
    const typePolicy = policy.types[type.name]!;
    for (const field of policedFields(type)) {
      const level: Level = typePolicy.fields[field.name]!;
      const resolve = field.resolve ?? defaultFieldResolver;
      const isMutation = type === mutationType;
      const returns = getNamedType(field.type).name;
      const name = `${type.name}.${field.name}`;
      field.resolve = (parent, args, contextValue, info) => {
        const context = contextValue as ServiceContext | undefined;
        if (!context?.access) throw new GraphQLError("Not authenticated", { extensions: { code: "UNAUTHENTICATED" } });
        const access = context.access;
        if (type === queryType) {
          // By `id`, or by `ids` for a list: logged even when the field is refused and nothing loads.
          const { id, ids } = args as { id?: unknown; ids?: unknown };
          for (const asked of Array.isArray(ids) ? [id, ...ids] : [id]) access.noteRecord(returns, asked);
        }
        access.check(type.name, field.name, level, typePolicy, parent, isMutation, name);
        if (!isMutation) return resolve(parent, args, context, info);
        return (async () => {
          await access.beforeWrite(name);
          const written = await resolve(parent, args, context, info);
          access.wrote(returns, written);
          return written;
        })();
      };
    }
  }
  return schema;
}
