import { loadAccessConfig } from "../access/accessConfig";
import { openServiceDatabase } from "../database/createServiceDataSource";
import { importNdjson, type ImportReport } from "../records/importNdjson";
import { RegistrationRelay } from "../registration/RegistrationRelay";
import type { SubgraphDefinition } from "./SubgraphDefinition";

export interface RunImportOptions {
  file: string;
  databaseUrl?: string;
  identityUrl?: string;
  batchSize?: number;
  onBatch?: (report: ImportReport) => void;
  log?: (line: string) => void;
}

export interface RunImportResult extends ImportReport {
  /** Registrations identity has not received yet (it was unreachable): the running subgraph's relay will retry them. */
  registrationsPending: number;
  /** Registrations identity refused as invalid, set aside in the outbox with the reason. */
  registrationsRejected: number;
}

/** The bulk import command of an agency: migrate, load the file, register its people with identity. */
export async function runImport(definition: SubgraphDefinition, options: RunImportOptions): Promise<RunImportResult> {
  if (!definition.recordTypes) throw new Error(`${definition.service} has no record types to import`);
  const database = await openServiceDatabase({
    service: definition.service,
    entities: definition.entities,
    migrations: definition.migrations,
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
  });
  const access = await loadAccessConfig();
  const relay = new RegistrationRelay(database.dataSource, {
    credentials: () => access.serviceToken(definition.service),
    ...(options.identityUrl ? { identityUrl: options.identityUrl } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const report = await importNdjson({
      db: database.dataSource,
      types: definition.recordTypes,
      input: options.file,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      afterBatch: async (progress) => {
        options.onBatch?.(progress);
        await relay.flushQuietly();
      },
    });
    await relay.flushQuietly();
    const outbox = await relay.state();
    return { ...report, registrationsPending: outbox.pending, registrationsRejected: outbox.rejected };
  } finally {
    await database.dataSource.destroy();
  }
}
