import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { JUSTIFICATION_HEADER, signRequest } from "@tessera/kit";
import { GraphQLError, Kind, parse, type DocumentNode, type SelectionSetNode } from "graphql";
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from "./deadlineSettings";
import { currentFetchSignal, FetchCutShort, fetchWithin } from "./fetchDeadline";
import type { GatewayContext } from "./GatewayContext";
import { subgraphInputError, type SubgraphErrorBody } from "./subgraphInputError";

/**
 * Headers a subgraph needs from the caller's request: the token (each subgraph verifies it again:
 * subgraphs trust no network), the request id, and the justification for detail.
 */
export const FORWARDED_HEADERS = ["authorization", "x-request-id", JUSTIFICATION_HEADER] as const;

type Fetcher = RemoteGraphQLDataSource["fetcher"];

/**
 * The gateway closes a connection to a subgraph once it has been idle this long, well before the
 * subgraph would (the kit's `SUBGRAPH_KEEP_ALIVE_MS`). Apollo's own client never closes idle
 * connections, so the subgraph did, and a request sent on one it was closing failed (ECONNRESET):
 * an agency's data went missing from an answer with nothing down. Node's agent times out only idle
 * connections, never a request waiting for its answer.
 */
export const SUBGRAPH_IDLE_MS = 10_000;

/** Apollo's fetcher on a keep-alive agent of its own, which closes a connection idle for `idleMs`. */
export function closingIdleConnections(fetcher: Fetcher, url: string, idleMs = SUBGRAPH_IDLE_MS): Fetcher {
  const agent = new (url.startsWith("https:") ? HttpsAgent : HttpAgent)({ keepAlive: true, timeout: idleMs });
  return ((input, init) => fetcher(input, { ...init, agent } as Parameters<Fetcher>[1])) as Fetcher;
}

/**
 * Why a subgraph's data is missing from an answer while the request goes on: an outage, or its
 * refusal to serve without logging. Not the caller's own bad input, nor a request that is over.
 */
const MISSING_DATA_CODES: ReadonlySet<string> = new Set(["SUBGRAPH_TIMEOUT", "SUBGRAPH_UNAVAILABLE", "SUBGRAPH_REFUSED", "ACCESS_LOG_UNAVAILABLE"]);

/**
 * For an entity fetch (`_entities` with representations), each representation with the fields the
 * fetch asked of its type set to null; null for any other fetch. Apollo's gateway leaves a failed
 * fetch's fields undefined, and then drops every entity lacking them from the fetches that
 * @require them, so risk was never asked and answered nothing at all when one agency was down.
 */
function entitiesWithout(options: GraphQLDataSourceProcessOptions<GatewayContext>): Record<string, unknown>[] | null {
  const representations = options.request.variables?.representations;
  if (!Array.isArray(representations)) return null;
  const document: DocumentNode = "document" in options && options.document ? options.document : parse(options.request.query ?? "");
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const entities = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === "_entities");
  if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return null;
  const fieldsOf = fieldsByType(entities.selectionSet);
  return representations.map((representation: { __typename?: string }) => {
    const typename = representation.__typename ?? "";
    return Object.fromEntries([["__typename", typename], ...(fieldsOf.get(typename) ?? []).map((field) => [field, null])]);
  });
}

/** The response names an `_entities` selection asks of each type, from its `... on Type { }` fragments. */
function fieldsByType(selectionSet: SelectionSetNode): Map<string, string[]> {
  const byType = new Map<string, string[]>();
  for (const fragment of selectionSet.selections) {
    if (fragment.kind !== Kind.INLINE_FRAGMENT || !fragment.typeCondition) continue;
    const type = fragment.typeCondition.name.value;
    const names = fragment.selectionSet.selections.flatMap((field) => (field.kind === Kind.FIELD && field.name.value !== "__typename" ? [(field.alias ?? field.name).value] : []));
    byType.set(type, [...(byType.get(type) ?? []), ...names]);
  }
  return byType;
}

/**
 * The gateway's HTTP client for one subgraph. Every request it sends is signed with the secret it
 * shares with that subgraph, over the exact body bytes and the forwarded headers, so a subgraph can
 * tell the gateway's requests from anyone else's.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    url: string,
    secret: string,
    idleMs = SUBGRAPH_IDLE_MS,
    /** How long a fetch may wait for its answer before it is aborted (SUBGRAPH_TIMEOUT). */
    readonly timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
  ) {
    super({ url });
    const send = closingIdleConnections(this.fetcher, url, idleMs);
    this.fetcher = ((input, init) => {
      const headers = (init?.headers ?? {}) as Record<string, string>;
      const signature = signRequest(secret, {
        service: serviceName,
        body: String(init?.body ?? ""),
        authorization: headers.authorization,
        justification: headers[JUSTIFICATION_HEADER],
        requestId: headers["x-request-id"],
      });
      // Apollo passes no signal of its own: the fetch's deadline reaches the connection here.
      return send(input, { ...init, headers: { ...headers, ...signature }, signal: currentFetchSignal() } as Parameters<Fetcher>[1]);
    }) as Fetcher;
  }

  /**
   * A subgraph that cannot be reached, or does not answer within its timeout or the request's
   * deadline, costs only its own fields: the rest of the answer stands, and the error says which
   * agency is missing from it, so a partial picture is never taken for the whole.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    try {
      return await this.processOrThrow(options);
    } catch (error) {
      if (!(error instanceof GraphQLError) || !MISSING_DATA_CODES.has(String(error.extensions.code))) throw error;
      const missing = entitiesWithout(options);
      if (!missing) throw error;
      // The entities this fetch was to add to are given its fields as null, not left without them:
      // a field that @requires them (risk's) is then computed on what did arrive, and says what did not.
      return { data: { _entities: missing }, errors: [error.toJSON()] };
    }
  }

  private async processOrThrow(options: GraphQLDataSourceProcessOptions<GatewayContext>): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    try {
      return await fetchWithin(this.serviceName, this.timeoutMs, options.context?.deadline, () => super.process(options));
    } catch (error) {
      if (error instanceof FetchCutShort) throw error;
      const response = (error as { extensions?: { response?: { status?: number; body?: { errors?: (SubgraphErrorBody & { extensions?: { reference?: string } })[] } } } }).extensions?.response;
      const status = response?.status;
      const refusal = response?.body?.errors?.[0]?.extensions;
      // The caller's own input (a bad DateTimeISO), which the gateway passed on unparsed: not an outage.
      const badInput = subgraphInputError(this.serviceName, status, response?.body?.errors, options.request.query);
      if (badInput) throw badInput;
      if (refusal?.code === "ACCESS_LOG_UNAVAILABLE") {
        // Not an outage: the subgraph withheld its data because it could not log the access.
        throw new GraphQLError(`${this.serviceName} withheld its data: it could not record this access in its access log (reference ${refusal.reference})`, {
          extensions: { code: "ACCESS_LOG_UNAVAILABLE", serviceName: this.serviceName, reference: refusal.reference },
          originalError: error as Error,
        });
      }
      if (status === 401) {
        throw new GraphQLError(`${this.serviceName} refused the gateway's request: its data is missing from this answer`, {
          extensions: { code: "SUBGRAPH_REFUSED", serviceName: this.serviceName },
          originalError: error as Error,
        });
      }
      throw new GraphQLError(`${this.serviceName} is unavailable: its data is missing from this answer`, {
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: this.serviceName },
        originalError: error as Error,
      });
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!("headers" in context) || !context.headers) return;
    for (const name of FORWARDED_HEADERS) {
      const value = context.headers[name];
      if (value) request.http?.headers.set(name, value);
    }
  }
}
