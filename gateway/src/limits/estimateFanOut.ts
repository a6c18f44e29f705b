import { Kind, valueFromASTUntyped, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from "graphql";
import { LIST_SIZE_ARGUMENTS, type SupergraphFanOut } from "./supergraphFanOut";

/**
 * How many entities one fetch may carry and still count as one: 500, the largest batch the product
 * itself asks a subgraph for in one request (`subjects(ids:)` takes at most 500 ids, an access-log
 * page at most 500 entries). Every subgraph reads a batch with one statement per table
 * (`= ANY($1)`), so up to this size a longer list costs data, not round trips.
 */
export const DEFAULT_ENTITIES_PER_FETCH = 500;

export interface FanOutOptions {
  /** See DEFAULT_ENTITIES_PER_FETCH. */
  entitiesPerFetch?: number;
  /** Stop walking once the cost passes this (the answer is then only "more than"). Default: no stop. */
  stopAbove?: number;
  /** Stop walking once this many fields were expanded (fragments spread into each place they are used). */
  stopAboveFields?: number;
}

export interface FanOutEstimate {
  /** The subgraph fetches the gateway's plan will hold: one per subgraph per response path it enters. */
  fetches: number;
  /** Fetches weighted by the entities each carries: a fetch of up to `entitiesPerFetch` counts 1. */
  cost: number;
  /** Fields the caller selected, with every fragment spread where it is used (what the planner walks). */
  fields: number;
  /** True when the walk stopped at `stopAbove` or `stopAboveFields`: the figures are lower bounds. */
  stopped: boolean;
}

/**
 * Estimates what the gateway will fan out for one operation, before it plans it. No cost library
 * knows federation (graphql-armor's cost and the GraphQL cost spec weigh fields of one schema; they
 * cannot see that a field lives in another subgraph or that risk's `@requires` makes the planner
 * fetch police, identity, health and social care first), so the walk follows the planner's routing:
 *
 * - a field another subgraph resolves is an entity hop: one fetch to that subgraph at that response
 *   path, shared by every field routed there from the same path (as the planner groups them);
 * - a field with `@requires` in its subgraph first fetches its field set, walked the same way, so
 *   `riskAssessment` costs the eight fetches of its chain — police (events and counterparts),
 *   identity (the event counterparts' subjects), identity (the police counterparts' subjects),
 *   police (their events), identity (their counterparts' subjects), health, social care, then risk —
 *   and nine with identity's own fetch of the subject;
 * - an alias is its own response path and so its own fetches: the planner does not share a fetch
 *   between `a0: subject(…)` and `a1: subject(…)`, which is how 200 aliases made 1,601 requests;
 * - a list does not multiply fetches — the gateway sends every item of a list to the next subgraph
 *   in one `_entities` request — it multiplies the entities each fetch below it carries: `ids` by the
 *   list's length, `first`/`limit` by their value — a variable's as the operation declares it (its
 *   default when the caller gives none), and for an argument left out or null the field's own
 *   default (the supergraph's, else the subgraph's: UNDECLARED_SIZE_DEFAULTS) — and a fetch costs
 *   one per `entitiesPerFetch` entities. A caseload of 500 ids costs what one subject
 *   does; `first: 100` under it costs 100 times that. Lists inside `@requires` field sets are the
 *   product's own and carry no caller's size, so they multiply nothing.
 */
export function estimateFanOut(
  model: SupergraphFanOut,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  options: FanOutOptions = {},
): FanOutEstimate {
  const perFetch = options.entitiesPerFetch ?? DEFAULT_ENTITIES_PER_FETCH;
  const stopAbove = options.stopAbove ?? Number.POSITIVE_INFINITY;
  const stopAboveFields = options.stopAboveFields ?? Number.POSITIVE_INFINITY;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const fetches = new Set<string>();
  const estimate: FanOutEstimate = { fetches: 0, cost: 0, fields: 0, stopped: false };
  const sequential = operation.operation === "mutation";
  const given = variableValues(operation, variables);

  const fetch = (graph: string, path: string, entities: number) => {
    const key = `${graph}@${path}`;
    if (fetches.has(key)) return;
    fetches.add(key);
    estimate.fetches += 1;
    estimate.cost += Math.max(1, Math.ceil(entities / perFetch));
    if (estimate.cost > stopAbove) estimate.stopped = true;
  };

  const walk = (selectionSet: SelectionSetNode, typeName: string, graph: string | null, path: string, entities: number, callerSized: boolean, spreading: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (estimate.stopped) return;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, graph, path, entities, callerSized, spreading);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // Validation refuses cycles; this only keeps the walk finite if it ever runs first.
        if (!fragment || spreading.has(fragment.name.value)) continue;
        walk(fragment.selectionSet, fragment.typeCondition.name.value, graph, path, entities, callerSized, new Set([...spreading, fragment.name.value]));
        continue;
      }
      // __typename and introspection are answered by the gateway itself.
      if (selection.name.value.startsWith("__")) continue;
      if (callerSized && ++estimate.fields > stopAboveFields) {
        estimate.stopped = true;
        return;
      }
      const field = model.types.get(typeName)?.get(selection.name.value);
      if (!field) continue;
      const responseKey = selection.alias?.value ?? selection.name.value;
      const here = graph !== null && field.graphs.includes(graph) ? graph : field.graphs[0];
      if (here === undefined) continue;
      const required = field.requires.get(here);
      // The planner fetches a field's @requires from the subgraph holding the entity now, before the hop.
      if (required) walk(required, typeName, graph, path, entities, false, spreading);
      if (here !== graph) fetch(here, graph === null && sequential ? responseKey : path, entities);
      if (!selection.selectionSet) continue;
      const size = callerSized ? listSize(selection, field.defaultSizes, given) : 1;
      walk(selection.selectionSet, field.type, here, `${path}.${responseKey}`, entities * size, callerSized, spreading);
    }
  };

  const root = model.rootTypes[operation.operation];
  walk(operation.selectionSet, root, null, "", 1, true, new Set());
  return estimate;
}

/**
 * The operation's variables as execution will see them (graphql-js's getVariableValues, for what
 * sizes a list): the caller's value where one is given, null included, else the operation's default
 * (`$limit: Int = 1000`); a variable with neither is left out, and an argument given it then takes
 * the field's own default, as graphql-js's getArgumentValues does.
 */
function variableValues(operation: OperationDefinitionNode, variables: Record<string, unknown>): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (Object.hasOwn(variables, name) && variables[name] !== undefined) values.set(name, variables[name]);
    else if (definition.defaultValue) values.set(name, valueFromASTUntyped(definition.defaultValue));
  }
  return values;
}

/** Left out, or null: the argument takes the field's default. */
const FIELD_DEFAULT = Symbol("the field's default");

/** The largest size any of the field's list-sizing arguments gives, at least 1. */
function listSize(field: FieldNode, defaults: ReadonlyMap<string, number>, variables: ReadonlyMap<string, unknown>): number {
  let size = 1;
  for (const name of LIST_SIZE_ARGUMENTS) {
    const argument = field.arguments?.find((candidate) => candidate.name.value === name);
    const found = argument ? sizeOf(argument.value, variables) : FIELD_DEFAULT;
    const value = found === FIELD_DEFAULT ? defaults.get(name) : found;
    if (value !== undefined && value > size) size = value;
  }
  return size;
}

function sizeOf(value: ValueNode, variables: ReadonlyMap<string, unknown>): number | typeof FIELD_DEFAULT | undefined {
  switch (value.kind) {
    case Kind.LIST:
      return value.values.length;
    case Kind.INT:
      return Number(value.value);
    case Kind.NULL:
      return FIELD_DEFAULT;
    case Kind.VARIABLE: {
      if (!variables.has(value.name.value)) return FIELD_DEFAULT;
      const given = variables.get(value.name.value);
      if (given === null) return FIELD_DEFAULT;
      if (Array.isArray(given)) return given.length;
      return typeof given === "number" && Number.isFinite(given) ? given : undefined;
    }
    default:
      return undefined;
  }
}
