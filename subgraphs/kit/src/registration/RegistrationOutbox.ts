import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type EntityManager, type MigrationInterface, type QueryRunner } from "typeorm";
import type { PersonRegistration } from "./PersonRegistration";

/**
 * Registrations waiting to reach identity, written in the same transaction as the person record:
 * a record is never saved without its registration, and identity being down loses nothing — the
 * relay delivers when it is back (the transactional outbox pattern).
 */
@Entity({ name: "identity_outbox" })
@Index("identity_outbox_local_id", ["localId", "id"])
export class RegistrationOutboxEntry {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Column({ name: "local_id", type: "text" })
  localId: string;

  @Column({ type: "jsonb" })
  registration: PersonRegistration;

  @CreateDateColumn({ name: "queued_at", type: "timestamptz" })
  queuedAt: Date;

  @Column({ name: "delivered_at", type: "timestamptz", nullable: true })
  deliveredAt: Date | null;

  @Column({ type: "int", default: 0 })
  attempts: number;

  @Column({ name: "last_error", type: "text", nullable: true })
  lastError: string | null;

  /** Identity refused it as invalid: set aside with the reason in `last_error`, never retried. */
  @Column({ name: "rejected_at", type: "timestamptz", nullable: true })
  rejectedAt: Date | null;
}

/** Every agency's migration list includes this once, before its own tables. */
export class CreateIdentityOutbox1732240000000 implements MigrationInterface {
  name = "CreateIdentityOutbox1732240000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE identity_outbox (
      id bigserial PRIMARY KEY,
      local_id text NOT NULL,
      registration jsonb NOT NULL,
      queued_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      rejected_at timestamptz
    )`);
    // (local_id, id): "the last registration queued for this record" is then one index probe. With
    // local_id alone the planner walks the primary key backwards through the whole outbox instead.
    await runner.query(`CREATE INDEX identity_outbox_local_id ON identity_outbox (local_id, id)`);
    await runner.query(`CREATE INDEX identity_outbox_pending ON identity_outbox (id) WHERE delivered_at IS NULL AND rejected_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE identity_outbox`);
  }
}

/**
 * Queues registrations inside the caller's transaction, skipping each one identical to the last
 * registration queued for the same record (delivered or not): identity already has it. So a person
 * record saved again unchanged — a file loaded twice, a mutation repeated, a change to a field
 * identity is never told (an address line, a GP practice) — queues nothing, while a changed name,
 * date of birth or postcode re-registers the person. Agencies therefore queue the registration of
 * every person row they save. The comparison is of the JSON values (key order does not matter), and
 * a repeat within one call is compared with the one before it in that call. One statement.
 */
export async function queueRegistrations(manager: EntityManager, registrations: PersonRegistration[]): Promise<void> {
  if (registrations.length === 0) return;
  await manager.query(
    `WITH incoming AS (
       SELECT r, n, lag(r) OVER (PARTITION BY r->>'localId' ORDER BY n) AS previous
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(r, n)
     )
     INSERT INTO identity_outbox (local_id, registration)
     SELECT r->>'localId', r
       FROM incoming
      WHERE CASE
              WHEN previous IS NOT NULL THEN previous <> r
              ELSE NOT EXISTS (
                SELECT 1 FROM (
                  SELECT o.registration FROM identity_outbox o WHERE o.local_id = incoming.r->>'localId' ORDER BY o.id DESC LIMIT 1
                ) AS last
                WHERE last.registration = incoming.r
              )
            END
      ORDER BY n`,
    [JSON.stringify(registrations)],
  );
}
