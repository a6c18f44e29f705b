import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Whether an episode is about an unborn child — a pre-birth assessment or an unborn child's plan,
 * recorded on the expectant parent (issue 12). Episodes recorded before it were not, as an import
 * line without the field is not.
 */
export class EpisodeUnbornChild1732700000000 implements MigrationInterface {
  name = "EpisodeUnbornChild1732700000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE episode ADD COLUMN unborn_child boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE episode DROP COLUMN unborn_child`);
  }
}
