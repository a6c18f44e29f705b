import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, type EntityManager, type MigrationInterface, type QueryRunner } from "typeorm";
import type { PersonRegistration } from "./PersonRegistration";

/**
 * Registrations waiting to reach identity, written in the same transaction as the person record:
 * a record is never saved without its registration, and identity being down loses nothing — the
 * relay delivers when it is back (the transactional outbox pattern).
 */
@Entity({ name: "identity_outbox" })
export class RegistrationOutboxEntry {
  @PrimaryGeneratedColumn({ type: "bigint" })
  id: string;

  @Index()
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
      last_error text
    )`);
    await runner.query(`CREATE INDEX identity_outbox_local_id ON identity_outbox (local_id)`);
    await runner.query(`CREATE INDEX identity_outbox_pending ON identity_outbox (id) WHERE delivered_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE identity_outbox`);
  }
}

/** Queues registrations inside the caller's transaction. */
export async function queueRegistrations(manager: EntityManager, registrations: PersonRegistration[]): Promise<void> {
  if (registrations.length === 0) return;
  await manager.query(
    `INSERT INTO identity_outbox (local_id, registration) SELECT r->>'localId', r FROM jsonb_array_elements($1::jsonb) AS r`,
    [JSON.stringify(registrations)],
  );
}
