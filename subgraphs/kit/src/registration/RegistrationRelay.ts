import type { DataSource, EntityManager } from "typeorm";
import { serviceUrl } from "../config/services";
import { BACKGROUND_SQL, backgroundTransaction } from "../database/StatementCounter";
import { REGISTRATION_PATH, type PersonRegistration } from "./PersonRegistration";

export interface RelayOptions {
  /** The agency's service token: identity accepts registrations only from agency service accounts. */
  credentials: () => Promise<string>;
  /** Identity's base URL; default from `IDENTITY_URL` or the identity port. */
  identityUrl?: string;
  batchSize?: number;
  /** How often undelivered registrations are retried. */
  intervalMs?: number;
  log?: (line: string) => void;
}

export interface OutboxState {
  /** Queued and not yet delivered: identity is behind by this many. */
  pending: number;
  /** Refused by identity as invalid; each keeps the reason in `last_error` for someone to fix. */
  rejected: number;
}

/** Any number, the same in every process of one agency: only one relay delivers at a time. */
const RELAY_LOCK = 0x7e55e7a;

/** What identity answers when a batch holds invalid registrations: nothing of the batch is saved. */
interface RegistrationRefusal {
  errors: { index: number; field: string; reason: string }[];
}

/**
 * Delivers queued registrations to identity in order, in batches, and marks them delivered.
 *
 * - One deliverer at a time per agency database (a transaction-scoped advisory lock), so the import
 *   command and the running subgraph never post the same rows, and never out of order.
 * - A registration identity refuses as invalid is set aside with its reason; it must not hold up
 *   every registration queued after it.
 * - Identity's registration is an idempotent upsert, so a batch redelivered after a crash between
 *   the post and the commit does no harm.
 */
export class RegistrationRelay {
  private readonly identityUrl: string;
  private readonly batchSize: number;
  private running: Promise<number> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly db: DataSource, private readonly options: RelayOptions) {
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

  async state(): Promise<OutboxState> {
    const [row] = await this.db.query(
      `${BACKGROUND_SQL}SELECT count(*) FILTER (WHERE delivered_at IS NULL AND rejected_at IS NULL)::int AS pending,
              count(*) FILTER (WHERE rejected_at IS NOT NULL)::int AS rejected
         FROM identity_outbox`,
    );
    return row;
  }

  private async deliverAll(): Promise<number> {
    let delivered = 0;
    for (;;) {
      let failure: { ids: string[]; error: Error } | undefined;
      const outcome = await backgroundTransaction(this.db, async (manager) => {
        const [{ locked }] = await manager.query(`${BACKGROUND_SQL}SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK]);
        if (!locked) return "busy" as const;
        const batch: { id: string; registration: PersonRegistration }[] = await manager.query(
          `${BACKGROUND_SQL}SELECT id, registration FROM identity_outbox
            WHERE delivered_at IS NULL AND rejected_at IS NULL ORDER BY id LIMIT $1`,
          [this.batchSize],
        );
        if (batch.length === 0) return "done" as const;
        try {
          const refusal = await this.post(batch.map((entry) => entry.registration));
          if (refusal) {
            await this.setAside(manager, batch, refusal);
            return "again" as const;
          }
        } catch (error) {
          failure = { ids: batch.map((entry) => entry.id), error: error as Error };
          return "failed" as const;
        }
        await manager.query(
          `${BACKGROUND_SQL}UPDATE identity_outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
          [batch.map((entry) => entry.id)],
        );
        delivered += batch.length;
        return "again" as const;
      });
      if (outcome === "done" || outcome === "busy") return delivered;
      if (failure) {
        await this.db.query(`${BACKGROUND_SQL}UPDATE identity_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
          failure.ids,
          failure.error.message,
        ]);
        throw failure.error;
      }
    }
  }

  /** Posts a batch; resolves to identity's refusal when it names invalid registrations. */
  private async post(registrations: PersonRegistration[]): Promise<RegistrationRefusal | undefined> {
    const response = await fetch(`${this.identityUrl}${REGISTRATION_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await this.options.credentials()}` },
      body: JSON.stringify({ registrations }),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.ok) return undefined;
    const text = await response.text();
    if (response.status === 400) {
      const body = safeJson(text) as Partial<RegistrationRefusal> | undefined;
      if (Array.isArray(body?.errors) && body.errors.length > 0) return body as RegistrationRefusal;
    }
    throw new Error(`identity answered ${response.status}: ${text.slice(0, 300)}`);
  }

  private async setAside(manager: EntityManager, batch: { id: string }[], refusal: RegistrationRefusal): Promise<void> {
    const reasons = new Map<string, string>();
    for (const error of refusal.errors) {
      const entry = batch[error.index];
      if (entry) reasons.set(entry.id, `${reasons.has(entry.id) ? `${reasons.get(entry.id)}; ` : ""}${error.field}: ${error.reason}`);
    }
    if (reasons.size === 0) throw new Error(`identity refused the batch without naming a registration: ${JSON.stringify(refusal).slice(0, 300)}`);
    for (const [id, reason] of reasons) this.log(`identity refused registration ${id}: ${reason}`);
    await manager.query(
      `${BACKGROUND_SQL}UPDATE identity_outbox AS o SET rejected_at = now(), attempts = attempts + 1, last_error = r.reason
         FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, reason text) WHERE o.id = r.id`,
      [JSON.stringify([...reasons].map(([id, reason]) => ({ id, reason })))],
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
