import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An encounter's coded signals and gestation (issue 12). Existing encounters recorded none, so they
 * read as an empty list and no gestation, exactly as an import line without the fields is stored.
 * The codes are checked here as in the record type, so no other writer can store a signal the API
 * cannot name, nor a gestation without the pregnancy it implies; the bounds the record type takes from
 * config/pregnancy.json are not repeated here, so that changing them needs no migration.
 */
export class EncounterSignals1732700000000 implements MigrationInterface {
  name = "EncounterSignals1732700000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE encounter
      ADD COLUMN signals text[] NOT NULL DEFAULT '{}'
        CONSTRAINT encounter_signals_known CHECK (signals <@ ARRAY['PREGNANT', 'POSTNATAL', 'OVERDOSE', 'SELF_HARM', 'MENTAL_HEALTH_CRISIS', 'NON_FATAL_STRANGULATION']),
      ADD COLUMN gestation_weeks integer
        CONSTRAINT encounter_gestation_is_pregnancy CHECK (gestation_weeks IS NULL OR 'PREGNANT' = ANY (signals))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE encounter DROP COLUMN gestation_weeks, DROP COLUMN signals`);
  }
}
