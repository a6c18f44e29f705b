import { loadAccessConfig, type AccessConfig } from "../access/accessConfig";
import { checkPolicyAgencies } from "../access/DeclaredCallers";
import { loadAccessPolicy } from "../access/loadAccessPolicy";
import { serviceHost, servicePort } from "../config/services";
import { openServiceDatabase } from "../database/createServiceDataSource";
import { RegistrationRelay } from "../registration/RegistrationRelay";
import type { SubgraphDefinition } from "./SubgraphDefinition";
import { startSubgraphServer, type RunningService } from "./startSubgraphServer";

export interface RunOptions {
  /** Default: `<SERVICE>_PORT`, else the service's default port. 0 picks a free one. */
  port?: number;
  /** Default: `<SERVICE>_DATABASE_URL`, else the embedded server. */
  databaseUrl?: string;
  identityUrl?: string;
  /** Default: from the environment (see loadAccessConfig). */
  access?: AccessConfig;
  log?: (line: string) => void;
}

/**
 * Opens the service's database (migrating it), builds its schema and serves it. An agency (a
 * subgraph with record types) also runs its identity relay, which retries undelivered
 * registrations in the background.
 */
export async function runSubgraph(definition: SubgraphDefinition, options: RunOptions = {}): Promise<RunningService> {
  // Both before the database opens: a policy that does not parse, or no keys, and nothing starts.
  const policy = loadAccessPolicy(definition.policyFile, definition.service);
  const access = options.access ?? (await loadAccessConfig());
  checkPolicyAgencies(policy, access.callers, definition.policyFile);
  const database = await openServiceDatabase({
    service: definition.service,
    entities: definition.entities,
    migrations: definition.migrations,
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
  });
  try {
    const { schema } = await definition.buildSchema();
    const relay = definition.recordTypes
      ? new RegistrationRelay(database.dataSource, {
          credentials: () => access.serviceToken(definition.service),
          ...(options.identityUrl ? { identityUrl: options.identityUrl } : {}),
          ...(options.log ? { log: options.log } : {}),
        })
      : undefined;
    relay?.start();
    const running = await startSubgraphServer({
      service: definition.service,
      schema,
      database,
      port: options.port ?? servicePort(definition.service),
      host: serviceHost(definition.service),
      access: { config: access, policy },
      ...(relay ? { registrations: relay } : {}),
      ...(definition.routes ? { routes: (app, verifier) => definition.routes!(app, database, verifier) } : {}),
      ...(relay ? { onStop: () => relay.stop() } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    void relay?.flushQuietly();
    return running;
  } catch (error) {
    await database.dataSource.destroy();
    throw error;
  }
}
