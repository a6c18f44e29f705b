import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import path from "node:path";
import { loadAccessConfig } from "../access/accessConfig";
import { accessLogEntry, writeAccessLog } from "../access/accessLog";
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
  try {
    const access = await loadAccessConfig();
    const relay = new RegistrationRelay(database.dataSource, {
      credentials: () => access.serviceToken(definition.service),
      ...(options.identityUrl ? { identityUrl: options.identityUrl } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    // Before any line loads: each batch commits on its own, so an import that fails halfway has
    // still collected personal data, and the entry must already be there.
    await logImport(definition, database.dataSource, options.file);
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

/**
 * A bulk load is a collection of personal data (DPA 2018 s62): it is logged as a write by the
 * operator who ran it, naming the file. No professional's purpose applies, so the purpose says what
 * it was; the records are the file's, which the import's own report lists line by line.
 */
async function logImport(definition: SubgraphDefinition, db: Parameters<typeof writeAccessLog>[0], file: string): Promise<void> {
  const operator = operatorName();
  const caller = { user: `operator:${operator}`, name: operator, agency: definition.service, roles: ["operator"], area: definition.service, purpose: "safeguarding" as const };
  const entry = accessLogEntry(definition.service, caller, { requestId: randomUUID(), operation: `import ${path.resolve(file)}` }, {
    action: "write",
    subjects: [],
    records: [],
    fields: [],
    denied: [],
  })!;
  await writeAccessLog(db, { ...entry, purpose: "bulk import" });
}

/** The account running the import; a container's user may have no name, only a uid. */
function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? `uid ${process.getuid?.() ?? "unknown"}`;
  }
}
