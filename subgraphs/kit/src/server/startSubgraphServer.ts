import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { AccessConfig } from "../access/accessConfig";
import { accessLogEntry, writeAccessLog } from "../access/accessLog";
import type { AccessPolicy } from "../access/AccessPolicy";
import { InvalidClaims, type Caller } from "../access/Caller";
import { justificationHeader } from "../access/justification";
import { requestCaller } from "../access/requestCaller";
import { GatewaySignatureVerifier } from "../access/gatewaySignature";
import { RequestAccess, type AccessRecord } from "../access/RequestAccess";
import { secureSchema } from "../access/secureSchema";
import { AuthenticationFailure, TokenVerifier } from "../access/TokenVerifier";
import type { ServiceDatabase } from "../database/createServiceDataSource";
import { BACKGROUND_SQL } from "../database/StatementCounter";
import { maskInternalError } from "../errors/maskInternalError";
import { withoutSuggestions } from "../errors/withoutSuggestions";
import { LoaderRegistry } from "../loaders/LoaderRegistry";
import type { RegistrationRelay } from "../registration/RegistrationRelay";
import { bodyLimit, DEFAULT_SUBGRAPH_BODY_LIMIT } from "./bodyLimit";
import { GatewayRefusalLog } from "./GatewayRefusalLog";
import { jsonNotFound, sendRefusal, useJsonErrors } from "./jsonErrors";
import { metricsToken, useMetricsAccess } from "./metricsAccess";
import { requestReadTimeout } from "./requestReadTimeout";
import type { ServiceContext } from "./ServiceContext";

export interface SubgraphServerOptions {
  service: string;
  schema: GraphQLSchema;
  database: ServiceDatabase;
  /** 0 picks a free port (tests). */
  port: number;
  host?: string;
  /** An agency's identity relay, handed to resolvers in the context. */
  registrations?: RegistrationRelay;
  /** How tokens are verified and the gateway's secret; and the agency's policy, applied to the schema. */
  access: { config: AccessConfig; policy: AccessPolicy };
  /** Routes beside `/graphql`, e.g. identity's registration endpoint, which verify callers themselves. */
  routes?: (app: Express, verifier: TokenVerifier) => void;
  /** Called on stop before the database closes (background workers). */
  onStop?: () => Promise<void>;
  log?: (line: string) => void;
}

export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * How long a subgraph keeps an idle keep-alive connection open: longer than its callers keep theirs
 * (the gateway: `SUBGRAPH_IDLE_MS`), so that the caller always closes first. Closed by the server
 * first, a connection can be closing just as the caller sends on it, and that request fails.
 */
export const SUBGRAPH_KEEP_ALIVE_MS = 30_000;

/**
 * Serves a subgraph over HTTP: `POST /graphql`, `/health` (the process is up), `/ready` (its
 * database answers), `/metrics` (Prometheus text, for the configured scraper only), and a stop that
 * drains requests and closes the database. Apollo's landing page loads from a CDN, so it is off:
 * subgraphs are for the gateway.
 *
 * `/graphql` answers only requests the gateway signed, carrying a token the subgraph verifies
 * itself; the schema is put under the agency's policy, and each request's reads and writes of
 * personal data are logged before its answer leaves: if the log cannot be written, the data is not
 * returned.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningService> {
  const { database, service } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer({ keepAliveTimeout: SUBGRAPH_KEEP_ALIVE_MS, ...requestReadTimeout() }, app);
  let requests = 0;
  let stopping = false;
  const verifier = new TokenVerifier(options.access.config);
  const signatures = new GatewaySignatureVerifier(service, options.access.config.gatewaySecret(service));
  const refusals = new GatewayRefusalLog(service, log);
  const { policy } = options.access;
  // The error for an access-log entry that could not be written; the cause goes to the service's log only.
  const accessLogUnavailable = (error: unknown, consequence: string): GraphQLError => {
    const reference = randomUUID();
    log(JSON.stringify({ level: "error", service, reference, message: `access log not written: ${(error as Error).message}` }));
    return new GraphQLError(`${service} could not record this access in its access log, so it ${consequence} (reference ${reference})`, {
      extensions: { code: "ACCESS_LOG_UNAVAILABLE", reference },
    });
  };

  const apollo = new ApolloServer<ServiceContext>({
    schema: secureSchema(options.schema, policy),
    // Only the gateway reaches this endpoint, and only for a verified caller.
    introspection: true,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted) => maskInternalError(withoutSuggestions(formatted), service, log),
    // No inline traces: they would hand resolver timings to any caller who asks for them. No cache
    // control: personal data is never to be cached, and its hook wrapped every field resolver (for
    // 500 events, several thousand calls a request).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response, operationName }) {
              const { caller, access } = contextValue;
              if (!caller || !access) return;
              const entry = accessLogEntry(service, caller, { requestId: contextValue.requestId, operation: operationName ?? null }, access.record());
              if (!entry) return;
              try {
                await writeAccessLog(database.dataSource, entry);
              } catch (error) {
                // No unlogged disclosure: without its log entry, the answer is withheld.
                const refusal = accessLogUnavailable(error, "returns no data");
                response.http.status = 503;
                response.body = { kind: "single", singleResult: { errors: [{ message: refusal.message, extensions: refusal.extensions }] } };
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get("/health", (_req, res) => {
    res.json({ status: "ok", service });
  });
  app.get("/ready", async (_req, res) => {
    if (stopping) return void res.status(503).json({ status: "stopping", service });
    try {
      await database.dataSource.query(`${BACKGROUND_SQL}SELECT 1`);
      res.json({ status: "ready", service });
    } catch (error) {
      // The driver's message can name hosts and users: it goes to the log, not to whoever asks.
      log(JSON.stringify({ level: "warn", service, message: `not ready: ${(error as Error).message}` }));
      res.status(503).json({ status: "database unavailable", service });
    }
  });
  app.get("/metrics", useMetricsAccess(metricsToken(options.access.config.development)), async (_req, res) => {
    const outbox = await options.registrations?.state().catch(() => undefined);
    res.type("text/plain").send(
      [
        ...(outbox
          ? [
              "# HELP tessera_identity_registrations Person registrations in the outbox not delivered to identity.",
              "# TYPE tessera_identity_registrations gauge",
              `tessera_identity_registrations{service="${service}",state="pending"} ${outbox.pending}`,
              `tessera_identity_registrations{service="${service}",state="refused"} ${outbox.rejected}`,
            ]
          : []),
        "# HELP tessera_sql_statements_total SQL statements sent to this service's database.",
        "# TYPE tessera_sql_statements_total counter",
        `tessera_sql_statements_total{service="${service}",origin="request"} ${database.counter.statements}`,
        `tessera_sql_statements_total{service="${service}",origin="background"} ${database.counter.backgroundStatements}`,
        "# HELP tessera_graphql_requests_total GraphQL requests served.",
        "# TYPE tessera_graphql_requests_total counter",
        `tessera_graphql_requests_total{service="${service}"} ${requests}`,
        "",
      ].join("\n"),
    );
  });
  options.routes?.(app, verifier);
  app.use(
    "/graphql",
    // The signature covers the exact bytes sent, so they are kept as they arrived.
    express.json({ limit: bodyLimit("TESSERA_SUBGRAPH_BODY_LIMIT", DEFAULT_SUBGRAPH_BODY_LIMIT), verify: (req, _res, body) => void ((req as RawBodyRequest).rawBody = body) }),
    async (req: Request, res: Response, next: NextFunction) => {
      // The gateway only POSTs; a GET's query string is outside what the signature covers.
      if (req.method !== "POST") return sendRefusal(res.set("allow", "POST"), { status: 405, code: "METHOD_NOT_ALLOWED", message: "POST only" });
      const refused = signatures.check((name) => req.header(name), (req as RawBodyRequest).rawBody ?? Buffer.alloc(0));
      if (refused) {
        refusals.refused(refused);
        return void unauthenticated(res, refused);
      }
      try {
        (req as RawBodyRequest).caller = requestCaller(await verifier.verify(req.header("authorization")), justificationHeader(req.headersDistinct), options.access.config.justification);
        next();
      } catch (error) {
        if (error instanceof AuthenticationFailure || error instanceof InvalidClaims) return void unauthenticated(res, error.message);
        next(error);
      }
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        requests += 1;
        const caller = (req as RawBodyRequest).caller!;
        const requestId = req.header("x-request-id") ?? randomUUID();
        const operation = typeof req.body?.operationName === "string" ? req.body.operationName : null;
        const logWrite = async (record: AccessRecord) => {
          try {
            await writeAccessLog(database.dataSource, accessLogEntry(service, caller, { requestId, operation }, record)!);
          } catch (error) {
            throw accessLogUnavailable(error, "makes no change");
          }
        };
        const context: ServiceContext = {
          requestId,
          caller,
          callers: options.access.config.callers,
          access: new RequestAccess(policy, caller, logWrite),
          db: database.dataSource,
          loaders: new LoaderRegistry(),
        };
        if (options.registrations) context.registrations = options.registrations;
        return context;
      },
    }),
  );
  // Last: malformed, oversized and unreadable bodies, and any route's failure, answered as JSON.
  app.use(jsonNotFound, useJsonErrors({ service, log }));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;

  return {
    port,
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    async stop() {
      if (stopping) return;
      stopping = true;
      // Stops accepting connections and waits for requests in flight, then closes the server.
      await apollo.stop();
      refusals.flush();
      await options.onStop?.();
      if (database.dataSource.isInitialized) await database.dataSource.destroy();
    },
  };
}

type RawBodyRequest = Request & { rawBody?: Buffer; caller?: Caller };

function unauthenticated(res: Response, message: string): void {
  sendRefusal(res, { status: 401, code: "UNAUTHENTICATED", message });
}

/**
 * Stops the service cleanly on Ctrl-C or a container's SIGTERM. The same signal twice forces the
 * exit; a different one does not, because Ctrl-C in a terminal reaches every process of `npm start`
 * and the launcher then sends each service its own SIGTERM.
 */
export function stopOnSignals(running: { stop(): Promise<void> }, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  let first: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (first === signal) process.exit(1);
    if (first) return;
    first = signal;
    log(`${signal}: stopping`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`stop failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
