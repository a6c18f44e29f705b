import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { envPrefix, loadAccessConfig, SERVICE_NAMES, serviceHost, servicePort, TokenVerifier, type AccessConfig } from "@tessera/kit";
import { bodyLimit, DEFAULT_GATEWAY_BODY_LIMIT, jsonNotFound, maskInternalError, requestReadTimeout, useJsonErrors, withoutSuggestions } from "@tessera/kit";
import express from "express";
import { loadDeadlineSettings, subgraphTimeoutMs, type DeadlineSettings } from "./deadlineSettings";
import { corsForBrowserClients, corsOptionsFromEnv, type CorsOptions } from "./corsForBrowserClients";
import { explorerFromEnv, serveExplorer, type ExplorerOptions } from "./explorer/serveExplorer";
import type { GatewayContext } from "./GatewayContext";
import { loadInFlightCapOptions, useInFlightCap, type InFlightCapOptions } from "./inFlightCap";
import { withInputErrorField } from "./inputErrorField";
import { useOperationResolution } from "./operationResolution";
import { useRequestDeadline } from "./requestDeadline";
import { FORWARDED_HEADERS, SUBGRAPH_IDLE_MS, SubgraphDataSource } from "./subgraphDataSource";
import { loadReadyProbeTimeoutMs, subgraphReadiness } from "./subgraphReadiness";
import { supergraphFromFile } from "./supergraphFile";
import { trustedDocumentsFromEnv, useTrustedDocuments, type TrustedDocumentsOptions } from "./trustedDocuments/useTrustedDocuments";
import { useBoundedOperations, type BoundedOperationsOptions } from "./useBoundedOperations";
import { withoutApolloTelemetry } from "./withoutApolloTelemetry";
import { allowedHostsFromEnv, loopbackHostsOnly } from "./loopbackHostsOnly";
import { singleIntrospection } from "./singleIntrospection";
import { useVerifiedCaller, verifiedCaller } from "./useVerifiedCaller";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const DEFAULT_SUPERGRAPH_FILE = path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql");

export interface GatewayOptions extends BoundedOperationsOptions {
  /** Default: `GATEWAY_PORT`, else 4000. 0 picks a free port. */
  port?: number;
  host?: string;
  /** Default: schema/supergraph.graphql; watched, and reloaded when it changes. */
  supergraphFile?: string;
  /**
   * Where each subgraph really is, overriding the supergraph's routing URLs. Default: the
   * `<SUBGRAPH>_URL` variables (e.g. `POLICE_URL=http://police:4002`), else the routing URL.
   */
  subgraphUrls?: Record<string, string>;
  /** Default: from the environment (see loadAccessConfig). */
  access?: AccessConfig;
  /** Subgraph timeouts and the request deadline. Default: from the environment (see loadDeadlineSettings). */
  deadlines?: DeadlineSettings;
  /** Requests in flight per caller and in all. Default: from the environment (see loadInFlightCapOptions). */
  inFlight?: InFlightCapOptions;
  /** How long `/ready` waits for each subgraph. Default `TESSERA_READY_PROBE_TIMEOUT_MS`, else 1000. */
  readyProbeTimeoutMs?: number;
  log?: (line: string) => void;
  /** Origins browser clients may call from. Default: `TESSERA_CORS_ORIGINS` (none). */
  cors?: CorsOptions;
  /** Run only a manifest's operations, by id. Default: `TESSERA_TRUSTED_DOCUMENTS`; null turns it off. */
  trustedDocuments?: TrustedDocumentsOptions | null;
  /** The explorer at `/`. Default: from the environment (explorerFromEnv); null serves none. */
  explorer?: ExplorerOptions | null;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The Apollo gateway: composes nothing at run time (it serves the supergraph that `npm run compose`
 * wrote), plans each query across the subgraphs and calls them over HTTP.
 */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const access = options.access ?? (await loadAccessConfig());
  const verifier = new TokenVerifier(access);
  const deadlines = options.deadlines ?? loadDeadlineSettings(SERVICE_NAMES);
  const inFlight = options.inFlight ?? loadInFlightCapOptions();
  const readyProbeTimeoutMs = options.readyProbeTimeoutMs ?? loadReadyProbeTimeoutMs();
  const subgraphs = new Map<string, string>();
  const trusted = options.trustedDocuments === undefined ? trustedDocumentsFromEnv() : (options.trustedDocuments ?? undefined);
  const cors = options.cors ?? corsOptionsFromEnv();
  const explorer = options.explorer === undefined ? explorerFromEnv(access, trusted) : (options.explorer ?? undefined);
  const bounded = useBoundedOperations(options);
  withoutApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({ file: options.supergraphFile ?? DEFAULT_SUPERGRAPH_FILE, log }),
    buildService: ({ name, url }) => {
      const at = subgraphUrl(name, url, options.subgraphUrls);
      subgraphs.set(name, at);
      return new SubgraphDataSource(name, at, access.gatewaySecret(name), SUBGRAPH_IDLE_MS, subgraphTimeoutMs(deadlines, name));
    },
    queryPlannerConfig: bounded.queryPlannerConfig,
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => bounded.supergraphLoaded(coreSupergraphSdl));
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(requestReadTimeout(), app);
  let stopping = false;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    formatError: (formatted) => withInputErrorField(maskInternalError(withoutSuggestions(bounded.formatError(formatted)), "gateway", log)),
    parseOptions: bounded.parseOptions,
    validationRules: [...(bounded.validationRules ?? []), singleIntrospection],
    // Automatic persisted queries would cache any caller's text under a hash; trusted documents, when
    // configured, are served by their own middleware from a manifest instead.
    persistedQueries: false,
    // Apollo's default landing page loads Sandbox from a CDN, which secure networks cannot reach.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), useOperationResolution(), ...bounded.plugins],
  });
  // The planning threads start with the first supergraph load: a start that fails must not leave them running.
  await apollo.start().catch(async (error: unknown) => {
    await bounded.stop();
    throw error;
  });
  await bounded.ready();

  if (access.development) app.use(loopbackHostsOnly(allowedHostsFromEnv()));
  app.get("/health", (_req, res) => {
    res.json({ status: stopping ? "stopping" : "ok", service: "gateway" });
  });
  app.get("/ready", subgraphReadiness({ subgraphs: () => subgraphs, probeTimeoutMs: readyProbeTimeoutMs, stopping: () => stopping }));
  const deadline = useRequestDeadline({ deadlineMs: deadlines.requestDeadlineMs });
  // Before the cap: a browser's preflight is answered without taking a place in flight.
  if (cors.origins.length > 0) app.use("/graphql", corsForBrowserClients(cors));
  app.use(
    "/graphql",
    useVerifiedCaller({ verifier, justification: access.justification }),
    // A caller is the verified token's subject: unverified claims could name anyone and spend their places.
    useInFlightCap({ ...inFlight, callerOf: async (req) => `${access.issuer} ${verifiedCaller(req.res!).user}` }),
    deadline.middleware,
    express.json({ limit: bodyLimit("TESSERA_GATEWAY_BODY_LIMIT", DEFAULT_GATEWAY_BODY_LIMIT) }),
    ...(trusted ? [useTrustedDocuments(trusted)] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        // A caller's own id is kept only when it looks like one: it is repeated in every service's log.
        const given = req.header("x-request-id");
        const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
        const headers: GatewayContext["headers"] = { "x-request-id": requestId };
        for (const name of FORWARDED_HEADERS) {
          const value = req.header(name);
          if (value && name !== "x-request-id") headers[name] = value;
        }
        return { requestId, headers, deadline: deadline.signalOf(res) };
      },
    }),
  );
  if (explorer) app.use(serveExplorer({ log, ...explorer }));
  // Last: malformed, oversized and unreadable bodies answered as JSON, never Express's HTML stack page.
  app.use(jsonNotFound, useJsonErrors({ service: "gateway", log }));

  const host = options.host ?? serviceHost("gateway");
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? servicePort("gateway"), host, () => resolve());
  }).catch(async (error: unknown) => {
    await apollo.stop().catch(() => undefined);
    await bounded.stop();
    throw error;
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    async stop() {
      if (stopping) return;
      stopping = true;
      await apollo.stop();
      await bounded.stop();
    },
  };
}

function subgraphUrl(name: string, routingUrl: string | undefined, overrides: Record<string, string> = {}): string {
  const base = overrides[name] ?? process.env[`${envPrefix(name)}_URL`];
  if (base) return base.endsWith("/graphql") ? base : `${base.replace(/\/$/, "")}/graphql`;
  if (!routingUrl) throw new Error(`subgraph ${name} has no routing URL in the supergraph and no ${envPrefix(name)}_URL`);
  return routingUrl;
}
