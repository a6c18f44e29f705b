import { DEFAULT_EVENT_LIMIT } from "@tessera/kit";
import { Kind, parse, type ConstDirectiveNode, type DocumentNode, type SelectionSetNode, type TypeNode } from "graphql";

/** Where one field of the supergraph is resolved, and what its subgraph needs fetched first. */
export interface FanOutField {
  /** The named type the field returns. */
  type: string;
  /** Subgraphs that resolve the field themselves (its `@join__field`s without `external`), in supergraph order. */
  graphs: readonly string[];
  /** A subgraph's `@requires` field set, parsed: fetched from the other subgraphs before that subgraph is asked. */
  requires: ReadonlyMap<string, SelectionSetNode>;
  /**
   * The size each list-sizing argument the field declares (`first`, `limit`) takes when a caller
   * leaves it out or passes null: its supergraph default, else the subgraph's own (UNDECLARED_SIZE_DEFAULTS).
   */
  defaultSizes: ReadonlyMap<string, number>;
}

/**
 * What the gateway's query planner knows about routing, reduced to what decides how many fetches an
 * operation costs: for each object and interface type, each field's subgraphs and `@requires`.
 * Read from the supergraph's `@join__type` / `@join__field` directives, so a recompose that adds a
 * subgraph or a `@requires` changes the estimate with no code change.
 */
export interface SupergraphFanOut {
  rootTypes: { query: string; mutation: string; subscription: string };
  types: ReadonlyMap<string, ReadonlyMap<string, FanOutField>>;
}

/** Arguments whose value sizes the list a field returns (or the page of a connection). */
export const LIST_SIZE_ARGUMENTS = ["ids", "first", "limit"] as const;

/**
 * What a subgraph does with a list-sizing argument its SDL declares without a default, when the
 * caller leaves it out or passes null — the supergraph cannot say, so it is written here. Every
 * agency's events field (`policeEvents`, `healthEvents`, `careEvents`: the kit's agencySubject)
 * declares `limit: Int` and reads an absent or null one as the kit's DEFAULT_EVENT_LIMIT, 100
 * (subgraphs/kit/src/schema/agencySubject.ts); counting it as 1 would let an omitted `limit` cost
 * a hundredth of what it fetches.
 */
export const UNDECLARED_SIZE_DEFAULTS: Readonly<Partial<Record<(typeof LIST_SIZE_ARGUMENTS)[number], number>>> = { limit: DEFAULT_EVENT_LIMIT };

export function supergraphFanOut(supergraphSdl: string): SupergraphFanOut {
  const document = parse(supergraphSdl, { noLocation: true });
  const types = new Map<string, Map<string, FanOutField>>();
  const rootTypes = { query: "Query", mutation: "Mutation", subscription: "Subscription" };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      for (const root of definition.operationTypes) rootTypes[root.operation] = root.type.name.value;
      continue;
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeGraphs = joinGraphs(definition.directives, "join__type").map(({ graph }) => graph);
    const fields = new Map<string, FanOutField>();
    for (const field of definition.fields ?? []) {
      const joins = joinGraphs(field.directives, "join__field");
      // A field with no @join__field is resolved by every subgraph that defines the type.
      const owners = joins.length === 0 ? typeGraphs : joins.filter((join) => !join.external && !join.usedOverridden).map(({ graph }) => graph);
      const requires = new Map<string, SelectionSetNode>();
      for (const join of joins) if (join.requires) requires.set(join.graph, fieldSet(join.requires));
      const defaultSizes = new Map<string, number>();
      for (const argument of field.arguments ?? []) {
        const name = argument.name.value as (typeof LIST_SIZE_ARGUMENTS)[number];
        if (!LIST_SIZE_ARGUMENTS.includes(name)) continue;
        const declared = argument.defaultValue?.kind === Kind.INT ? Number(argument.defaultValue.value) : undefined;
        const size = declared ?? UNDECLARED_SIZE_DEFAULTS[name];
        if (size !== undefined) defaultSizes.set(name, size);
      }
      fields.set(field.name.value, { type: namedType(field.type), graphs: owners, requires, defaultSizes });
    }
    types.set(definition.name.value, fields);
  }
  return { rootTypes, types };
}

interface Join {
  graph: string;
  external: boolean;
  usedOverridden: boolean;
  requires?: string;
}

function joinGraphs(directives: readonly ConstDirectiveNode[] | undefined, name: string): Join[] {
  const joins: Join[] = [];
  for (const directive of directives ?? []) {
    if (directive.name.value !== name) continue;
    const join: Partial<Join> = { external: false, usedOverridden: false };
    for (const argument of directive.arguments ?? []) {
      const value = argument.value;
      if (argument.name.value === "graph" && value.kind === Kind.ENUM) join.graph = value.value;
      else if (argument.name.value === "external" && value.kind === Kind.BOOLEAN) join.external = value.value;
      else if (argument.name.value === "usedOverridden" && value.kind === Kind.BOOLEAN) join.usedOverridden = value.value;
      else if (argument.name.value === "requires" && value.kind === Kind.STRING) join.requires = value.value;
    }
    if (join.graph) joins.push(join as Join);
  }
  return joins;
}

function fieldSet(text: string): SelectionSetNode {
  const document: DocumentNode = parse(`{ ${text} }`, { noLocation: true });
  const [operation] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`not a field set: ${text}`);
  return operation.selectionSet;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}
