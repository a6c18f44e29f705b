import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { AuthenticationFailure, envPrefix, InvalidClaims, JUSTIFICATION_HEADER, loadAccessConfig, serviceHost, servicePort, TokenVerifier, requestCaller, type AccessConfig } from "@tessera/kit";
import express from "express";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./GatewayContext";
import { withInputErrorField } from "./inputErrorField";
import { FORWARDED_HEADERS, SubgraphDataSource } from "./subgraphDataSource";
import { supergraphFromFile } from "./supergraphFile";
import { useBoundedOperations, type BoundedOperationsOptions } from "./useBoundedOperations";

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
  log?: (line: string) => void;
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
  const bounded = useBoundedOperations(options);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile({ file: options.supergraphFile ?? DEFAULT_SUPERGRAPH_FILE, log }),
    buildService: ({ name, url }) => new SubgraphDataSource(name, subgraphUrl(name, url, options.subgraphUrls), access.gatewaySecret(name)),
    queryPlannerConfig: bounded.queryPlannerConfig,
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => bounded.supergraphLoaded(coreSupergraphSdl));
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  let stopping = false;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    formatError: (formatted) => withInputErrorField(bounded.formatError(formatted)),
    parseOptions: bounded.parseOptions,
    validationRules: bounded.validationRules,
    // Apollo's default landing page loads Sandbox from a CDN, which secure networks cannot reach.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), ...bounded.plugins],
  });
  await apollo.start();

  app.get("/health", (_req, res) => {
    res.json({ status: stopping ? "stopping" : "ok", service: "gateway" });
  });
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        // A caller's own id is kept only when it looks like one: it is repeated in every service's log.
        const given = req.header("x-request-id");
        const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
        try {
          requestCaller(await verifier.verify(req.header("authorization")), req.header(JUSTIFICATION_HEADER));
        } catch (error) {
          if (!(error instanceof AuthenticationFailure || error instanceof InvalidClaims)) throw error;
          throw new GraphQLError(error.message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
        }
        const headers: GatewayContext["headers"] = { "x-request-id": requestId };
        for (const name of FORWARDED_HEADERS) {
          const value = req.header(name);
          if (value && name !== "x-request-id") headers[name] = value;
        }
        return { requestId, headers };
      },
    }),
  );

  const host = options.host ?? serviceHost("gateway");
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? servicePort("gateway"), host, () => resolve());
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
