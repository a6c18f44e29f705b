import { DataSource, type MixedList, type EntitySchema } from "typeorm";
import { databaseUrl, type ServiceName } from "../config/services";
import { ensureDatabase } from "./ensureDatabase";
import { StatementCounter } from "./StatementCounter";

export interface ServiceDataSourceOptions {
  service: ServiceName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Overrides the URL from configuration (tests give each suite its own database). */
  url?: string;
}

export interface ServiceDatabase {
  dataSource: DataSource;
  counter: StatementCounter;
}

/**
 * Opens a service's own database — from `<SERVICE>_DATABASE_URL`, else the embedded default — creates
 * it if missing and applies the service's migrations. Never `synchronize`: the schema is what the
 * migrations say, on a laptop and in production alike.
 */
export async function openServiceDatabase(options: ServiceDataSourceOptions): Promise<ServiceDatabase> {
  const url = options.url ?? databaseUrl(options.service);
  await ensureDatabase(url);
  const counter = new StatementCounter(options.service);
  const dataSource = new DataSource({
    type: "postgres",
    url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: "migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    uuidExtension: "pgcrypto",
    logging: true,
    logger: counter,
    applicationName: `tessera-${options.service}`,
    extra: { max: Number(process.env.TESSERA_PG_POOL ?? 10) },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  return { dataSource, counter };
}
