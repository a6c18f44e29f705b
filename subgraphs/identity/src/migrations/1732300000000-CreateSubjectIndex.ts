import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The subject index: one `subject` per person, and every agency person record registered with
 * identity, each linked to its subject with the rule and the record that put it there.
 */
export class CreateSubjectIndex1732300000000 implements MigrationInterface {
  name = "CreateSubjectIndex1732300000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE subject (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE TABLE person_record (
      agency text NOT NULL,
      local_id text NOT NULL,
      area text NOT NULL,
      given_names text NOT NULL,
      family_name text NOT NULL,
      name_key text NOT NULL,
      date_of_birth date,
      sex text CHECK (sex IN ('FEMALE', 'MALE', 'INDETERMINATE', 'NOT_KNOWN')),
      postcode text,
      nhs_number text,
      pnc_id text,
      subject_id uuid NOT NULL REFERENCES subject (id),
      link_rule text NOT NULL CHECK (link_rule IN ('FIRST_RECORD', 'NHS_NUMBER', 'PNC_ID', 'NAME_AND_DATE_OF_BIRTH')),
      linked_to_agency text,
      linked_to_local_id text,
      linked_at timestamptz NOT NULL,
      registered_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (agency, local_id),
      FOREIGN KEY (linked_to_agency, linked_to_local_id) REFERENCES person_record (agency, local_id),
      CHECK ((link_rule = 'FIRST_RECORD') = (linked_to_local_id IS NULL)),
      CHECK ((linked_to_agency IS NULL) = (linked_to_local_id IS NULL))
    )`);
    await runner.query(`COMMENT ON COLUMN person_record.name_key IS 'normaliseName(given_names || '' '' || family_name): the form names are compared and searched in'`);
    await runner.query(`COMMENT ON COLUMN person_record.pnc_id IS 'YY/NNNNNNNC: the short form both PNC ID forms reduce to'`);
    // The blocking keys of linkage, and the keys resolvers load by.
    await runner.query(`CREATE INDEX person_record_nhs_number ON person_record (nhs_number) WHERE nhs_number IS NOT NULL`);
    await runner.query(`CREATE INDEX person_record_pnc_id ON person_record (pnc_id) WHERE pnc_id IS NOT NULL`);
    await runner.query(`CREATE INDEX person_record_name_key_date_of_birth ON person_record (name_key, date_of_birth)`);
    await runner.query(`CREATE INDEX person_record_subject_id ON person_record (subject_id)`);
    // Subject search: every name token, a date of birth or a postcode on its own.
    await runner.query(`CREATE INDEX person_record_name_tokens ON person_record USING gin (string_to_array(name_key, ' '))`);
    await runner.query(`CREATE INDEX person_record_date_of_birth ON person_record (date_of_birth)`);
    await runner.query(`CREATE INDEX person_record_postcode ON person_record (postcode) WHERE postcode IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE person_record`);
    await runner.query(`DROP TABLE subject`);
  }
}
