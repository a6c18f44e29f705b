import type { DataSource, EntityManager, Logger, QueryRunner } from "typeorm";

/** Marks a statement sent by a background worker (the identity relay), not on behalf of a request. */
export const BACKGROUND_SQL = "/* background */ ";

/**
 * A transaction of a background worker. TypeORM's `transaction()` sends its own unmarked
 * START TRANSACTION and COMMIT, which a request's statement count would pick up whenever a relay
 * tick overlaps the request; here the transaction's control statements are marked too.
 */
export async function backgroundTransaction<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`${BACKGROUND_SQL}BEGIN`);
    try {
      const result = await work(runner.manager);
      await runner.query(`${BACKGROUND_SQL}COMMIT`);
      return result;
    } catch (error) {
      await runner.query(`${BACKGROUND_SQL}ROLLBACK`);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * A TypeORM logger that counts every SQL statement the service sends, for `/metrics` and for the
 * tests that hold the DataLoader promise ("one statement per entity type per request").
 * Background statements are counted apart, so a relay tick never blurs what a request cost.
 * With `TESSERA_LOG_SQL=1` it also prints each statement.
 */
export class StatementCounter implements Logger {
  private count = 0;
  private backgroundCount = 0;
  constructor(private readonly service: string, private readonly print = process.env.TESSERA_LOG_SQL === "1") {}

  /** Statements sent for requests (and start-up migrations). */
  get statements(): number {
    return this.count;
  }

  get backgroundStatements(): number {
    return this.backgroundCount;
  }

  logQuery(query: string, parameters?: unknown[], _runner?: QueryRunner): void {
    if (query.startsWith(BACKGROUND_SQL)) this.backgroundCount += 1;
    else this.count += 1;
    if (this.print) process.stderr.write(`[sql ${this.service}] ${query}${parameters?.length ? ` -- ${JSON.stringify(parameters).slice(0, 200)}` : ""}\n`);
  }
  logQueryError(error: string | Error, query: string): void {
    process.stderr.write(`[sql ${this.service}] error ${String(error)} in ${query}\n`);
  }
  logQuerySlow(time: number, query: string): void {
    process.stderr.write(`[sql ${this.service}] slow (${time} ms) ${query.slice(0, 200)}\n`);
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.print) process.stderr.write(`[migration ${this.service}] ${message}\n`);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") process.stderr.write(`[typeorm ${this.service}] ${String(message)}\n`);
  }
}
