import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The POLE records one force set holds: nominals (people) with their addresses, occurrences
 * (events), the involvements between them, DASH/DARA assessments and MARAC referrals. Ids are the
 * forces' own references. The checks repeat the few rules a bad write must never get past, even
 * from outside the record types.
 */
export class CreatePoliceRecords1732250000000 implements MigrationInterface {
  name = "CreatePoliceRecords1732250000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE nominal (
      id text PRIMARY KEY,
      force text NOT NULL,
      given_names text NOT NULL,
      family_name text NOT NULL,
      date_of_birth date,
      sex text,
      pnc_id text
    )`);
    await runner.query(`CREATE TABLE nominal_address (
      nominal_id text NOT NULL REFERENCES nominal (id) ON DELETE CASCADE,
      position int NOT NULL,
      line1 text,
      postcode text NOT NULL,
      valid_from date,
      valid_to date,
      PRIMARY KEY (nominal_id, position),
      CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
    )`);
    await runner.query(`CREATE TABLE occurrence (
      id text PRIMARY KEY,
      force text NOT NULL,
      category text NOT NULL,
      domestic_abuse boolean NOT NULL DEFAULT false,
      occurred_at timestamptz NOT NULL,
      reported_at timestamptz,
      location_description text,
      location_postcode text,
      summary text,
      CHECK (reported_at IS NULL OR reported_at >= occurred_at)
    )`);
    await runner.query(`CREATE TABLE involvement (
      occurrence_id text NOT NULL REFERENCES occurrence (id) ON DELETE CASCADE,
      nominal_id text NOT NULL REFERENCES nominal (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('VICTIM', 'SUSPECT', 'OFFENDER', 'WITNESS', 'OTHER')),
      PRIMARY KEY (occurrence_id, nominal_id, role)
    )`);
    await runner.query(`CREATE INDEX involvement_nominal_id ON involvement (nominal_id)`);
    await runner.query(`CREATE TABLE dash_assessment (
      id text PRIMARY KEY,
      occurrence_id text NOT NULL REFERENCES occurrence (id) ON DELETE CASCADE,
      victim_nominal_id text NOT NULL REFERENCES nominal (id) ON DELETE CASCADE,
      assessed_at timestamptz NOT NULL,
      tool text NOT NULL,
      answers text[] NOT NULL,
      yes_count int,
      officer_grading text CHECK (officer_grading IN ('STANDARD', 'MEDIUM', 'HIGH')),
      CHECK (answers <@ ARRAY['YES', 'NO', 'NOT_KNOWN']),
      CHECK ((tool = 'DASH' AND cardinality(answers) = 27 AND yes_count IS NOT NULL) OR (tool = 'DARA' AND yes_count IS NULL))
    )`);
    await runner.query(`CREATE INDEX dash_assessment_occurrence_victim ON dash_assessment (occurrence_id, victim_nominal_id, assessed_at DESC)`);
    await runner.query(`CREATE INDEX dash_assessment_victim_nominal_id ON dash_assessment (victim_nominal_id)`);
    await runner.query(`CREATE TABLE marac_referral (
      id text PRIMARY KEY,
      victim_nominal_id text NOT NULL REFERENCES nominal (id) ON DELETE CASCADE,
      occurrence_id text REFERENCES occurrence (id) ON DELETE SET NULL,
      referred_at timestamptz NOT NULL,
      criterion text NOT NULL
    )`);
    await runner.query(`CREATE INDEX marac_referral_victim_nominal_id ON marac_referral (victim_nominal_id)`);
    await runner.query(`CREATE INDEX marac_referral_occurrence_id ON marac_referral (occurrence_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE marac_referral`);
    await runner.query(`DROP TABLE dash_assessment`);
    await runner.query(`DROP TABLE involvement`);
    await runner.query(`DROP TABLE occurrence`);
    await runner.query(`DROP TABLE nominal_address`);
    await runner.query(`DROP TABLE nominal`);
  }
}
