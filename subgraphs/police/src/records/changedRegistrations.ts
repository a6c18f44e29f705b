import type { PersonRegistration } from "@tessera/kit";
import type { EntityManager } from "typeorm";

/**
 * The registrations identity has not already been given: those whose record has nothing in the
 * outbox yet, or whose last queued registration differs. Loading an unchanged file again queues
 * nothing; a changed name, date of birth or address re-registers the person. One statement.
 */
export async function changedRegistrations(manager: EntityManager, registrations: PersonRegistration[]): Promise<PersonRegistration[]> {
  if (registrations.length === 0) return [];
  const rows: { localId: string }[] = await manager.query(
    `SELECT r->>'localId' AS "localId"
       FROM jsonb_array_elements($1::jsonb) AS r
      WHERE NOT EXISTS (
        SELECT 1 FROM (
          SELECT o.registration FROM identity_outbox o WHERE o.local_id = r->>'localId' ORDER BY o.id DESC LIMIT 1
        ) AS last
        WHERE last.registration = r
      )`,
    [JSON.stringify(registrations)],
  );
  const changed = new Set(rows.map((row) => row.localId));
  return registrations.filter((registration) => changed.has(registration.localId));
}
