import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Patients, their encounters and the safeguarding concerns raised about them. Ids are the trust's
 * own references (text), so the import can upsert on them; the allowed settings and categories are
 * checked here as well as in the record types, so no other writer can store a kind the API cannot
 * name.
 */
export class CreateHealthRecords1732250000000 implements MigrationInterface {
  name = "CreateHealthRecords1732250000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE patient (
      id text PRIMARY KEY,
      trust text NOT NULL,
      nhs_number text CHECK (nhs_number ~ '^[0-9]{10}$'),
      given_names text NOT NULL,
      family_name text NOT NULL,
      date_of_birth date,
      sex text CHECK (sex IN ('FEMALE', 'MALE', 'INDETERMINATE', 'NOT_KNOWN')),
      postcode text,
      registered_practice text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // One patient record per person per trust, not one in all: the NHS number is national, but each
    // trust keeps its own records, so a person who moves trust has a record at each (all with the same
    // NHS number) and identity links them. Within one trust, a second record with the number is a duplicate.
    await runner.query(`CREATE UNIQUE INDEX patient_trust_nhs_number ON patient (trust, nhs_number) WHERE nhs_number IS NOT NULL`);

    await runner.query(`CREATE TABLE encounter (
      id text PRIMARY KEY,
      patient_id text NOT NULL REFERENCES patient (id),
      trust text NOT NULL,
      setting text NOT NULL CHECK (setting IN ('EMERGENCY_DEPARTMENT', 'MINOR_INJURY_UNIT', 'MATERNITY', 'GP', 'SEXUAL_ASSAULT_REFERRAL_CENTRE')),
      occurred_at timestamptz NOT NULL,
      presenting_complaint text,
      injury boolean NOT NULL DEFAULT false,
      injury_description text,
      disclosed_abuse boolean NOT NULL DEFAULT false,
      alleged_perpetrator_name text,
      alleged_perpetrator_patient_id text REFERENCES patient (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (alleged_perpetrator_patient_id IS DISTINCT FROM patient_id)
    )`);
    await runner.query(`CREATE INDEX encounter_patient_occurred ON encounter (patient_id, occurred_at DESC)`);
    await runner.query(`CREATE INDEX encounter_alleged_perpetrator ON encounter (alleged_perpetrator_patient_id) WHERE alleged_perpetrator_patient_id IS NOT NULL`);

    await runner.query(`CREATE TABLE safeguarding_concern (
      id text PRIMARY KEY,
      patient_id text NOT NULL REFERENCES patient (id),
      encounter_id text REFERENCES encounter (id),
      raised_at timestamptz NOT NULL,
      category text NOT NULL CHECK (category IN ('DOMESTIC_ABUSE', 'SEXUAL_VIOLENCE', 'CHILD_PROTECTION', 'ADULT_SAFEGUARDING')),
      summary text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX safeguarding_concern_patient_raised ON safeguarding_concern (patient_id, raised_at DESC)`);
    await runner.query(`CREATE INDEX safeguarding_concern_encounter ON safeguarding_concern (encounter_id) WHERE encounter_id IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE safeguarding_concern`);
    await runner.query(`DROP TABLE encounter`);
    await runner.query(`DROP TABLE patient`);
  }
}
