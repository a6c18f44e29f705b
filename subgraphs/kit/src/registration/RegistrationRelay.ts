import type { DataSource } from "typeorm";
import { serviceUrl } from "../config/services";
import { BACKGROUND_SQL } from "../database/StatementCounter";
import { REGISTRATION_PATH, type PersonRegistration } from "./PersonRegistration";

export interface RelayOptions {
  /** Identity's base URL; default from `IDENTITY_URL` or the identity port. */
  identityUrl?: string;
  batchSize?: number;
  /** How often undelivered registrations are retried. */
  intervalMs?: number;
  log?: (line: string) => void;
}

/**
 * Delivers queued registrations to identity in order, in batches, and marks them delivered.
 * Identity's registration is idempotent (an upsert by agency and local id), so a batch delivered
 * twice after a crash does no harm.
 */
export class RegistrationRelay {
  private readonly identityUrl: string;
  private readonly batchSize: number;
  private running: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly db: DataSource, private readonly options: RelayOptions = {}) {
    this.identityUrl = options.identityUrl ?? serviceUrl("identity");
    this.batchSize = options.batchSize ?? 500;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Delivers everything pending now; one flush at a time. Resolves to the number delivered. */
  flush(): Promise<number> {
    this.running ??= this.deliverAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Flushes, but never fails the caller: undelivered entries stay queued for the next retry. */
  async flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.log(`identity registration deferred: ${(error as Error).message}`);
    }
  }

  start(): void {
    const interval = this.options.intervalMs ?? 5000;
    this.timer = setInterval(() => void this.flushQuietly(), interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  async pending(): Promise<number> {
    const [row] = await this.db.query(`${BACKGROUND_SQL}SELECT count(*)::int AS n FROM identity_outbox WHERE delivered_at IS NULL`);
    return row.n;
  }

  private async deliverAll(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const batch: { id: string; registration: PersonRegistration }[] = await this.db.query(
        `${BACKGROUND_SQL}SELECT id, registration FROM identity_outbox WHERE delivered_at IS NULL ORDER BY id LIMIT $1`,
        [this.batchSize],
      );
      if (batch.length === 0) return delivered;
      const ids = batch.map((entry) => entry.id);
      try {
        const response = await fetch(`${this.identityUrl}${REGISTRATION_PATH}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ registrations: batch.map((entry) => entry.registration) }),
          signal: AbortSignal.timeout(30_000),
        });
        if (!response.ok) throw new Error(`identity answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      } catch (error) {
        await this.db.query(`${BACKGROUND_SQL}UPDATE identity_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, (error as Error).message]);
        throw error;
      }
      await this.db.query(`${BACKGROUND_SQL}UPDATE identity_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`, [ids]);
      delivered += batch.length;
    }
  }
}
