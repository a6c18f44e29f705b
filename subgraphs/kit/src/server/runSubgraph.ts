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
  log?: (line: string) => void;
}

/**
 * Opens the service's database (migrating it), builds its schema and serves it. An agency (a
 * subgraph with record types) also runs its identity relay, which retries undelivered
 * registrations in the background.
 */
export async function runSubgraph(definition: SubgraphDefinition, options: RunOptions = {}): Promise<RunningService> {
  const database = await openServiceDatabase({
    service: definition.service,
    entities: definition.entities,
    migrations: definition.migrations,
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
  });
  try {
    const { schema } = await definition.buildSchema();
    const relay = definition.recordTypes
      ? new RegistrationRelay(database.dataSource, { ...(options.identityUrl ? { identityUrl: options.identityUrl } : {}), ...(options.log ? { log: options.log } : {}) })
      : undefined;
    relay?.start();
    const running = await startSubgraphServer({
      service: definition.service,
      schema,
      database,
      port: options.port ?? servicePort(definition.service),
      host: serviceHost(definition.service),
      ...(relay ? { registrations: relay } : {}),
      ...(definition.routes ? { routes: (app) => definition.routes!(app, database) } : {}),
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
