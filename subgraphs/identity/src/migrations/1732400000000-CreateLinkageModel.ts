import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The estimated linkage models, versioned: each row is one estimate of the Fellegi–Sunter model (u
 * from random pairs, m and the prior by EM, no labels) as `modelToJson` writes it. A row is never
 * updated — re-estimating adds the next version — so any link can be traced to the exact parameters
 * that scored it, and an UPDATE is refused by a trigger.
 */
export class CreateLinkageModel1732400000000 implements MigrationInterface {
  name = "CreateLinkageModel1732400000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE linkage_model (
      version serial PRIMARY KEY,
      estimated_at timestamptz NOT NULL DEFAULT now(),
      records int NOT NULL CHECK (records >= 0),
      model jsonb NOT NULL,
      note text
    )`);
    await runner.query(`COMMENT ON TABLE linkage_model IS 'One row per estimated linkage model; never updated: the next estimate is a new version, the latest is current'`);
    await runner.query(`COMMENT ON COLUMN linkage_model.records IS 'How many person records the model was estimated from'`);
    await runner.query(`CREATE FUNCTION linkage_model_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'linkage_model rows are never updated: store a re-estimate as a new version';
      END
    $$`);
    await runner.query(`CREATE TRIGGER linkage_model_append_only BEFORE UPDATE ON linkage_model FOR EACH ROW EXECUTE FUNCTION linkage_model_refuse_update()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE linkage_model`);
    await runner.query(`DROP FUNCTION linkage_model_refuse_update()`);
  }
}
