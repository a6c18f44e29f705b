import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Clients, their episodes, the other clients involved in each episode, and households. Ids are the
 * council's own references (text); the value lists are checked here as well as in the record types,
 * so a row written by any other route still means what the schema says.
 */
export class CreateSocialCareTables1732250000000 implements MigrationInterface {
  name = "CreateSocialCareTables1732250000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE client (
      id text PRIMARY KEY,
      council text NOT NULL,
      nhs_number text,
      given_names text NOT NULL,
      family_name text NOT NULL,
      date_of_birth date,
      sex text CHECK (sex IN ('FEMALE', 'MALE', 'INDETERMINATE', 'NOT_KNOWN')),
      postcode text
    )`);
    await runner.query(`CREATE TABLE episode (
      id text PRIMARY KEY,
      council text NOT NULL,
      client_id text NOT NULL REFERENCES client (id),
      kind text NOT NULL CHECK (kind IN ('REFERRAL', 'SECTION_47_ENQUIRY', 'CHILD_PROTECTION_PLAN', 'CHILD_IN_NEED', 'SECTION_42_ENQUIRY')),
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      outcome text,
      category text CHECK (category IN ('NEGLECT', 'PHYSICAL_ABUSE', 'EMOTIONAL_ABUSE', 'SEXUAL_ABUSE', 'MULTIPLE')),
      summary text,
      CONSTRAINT episode_ends_after_start CHECK (ended_at IS NULL OR ended_at >= started_at)
    )`);
    await runner.query(`CREATE INDEX episode_client_id ON episode (client_id)`);
    await runner.query(`CREATE TABLE episode_involvement (
      episode_id text NOT NULL REFERENCES episode (id),
      client_id text NOT NULL REFERENCES client (id),
      role text NOT NULL CHECK (role IN ('PARENT_OR_CARER', 'HOUSEHOLD_MEMBER', 'ALLEGED_PERPETRATOR', 'OTHER')),
      PRIMARY KEY (episode_id, client_id, role)
    )`);
    await runner.query(`CREATE INDEX episode_involvement_client_id ON episode_involvement (client_id)`);
    await runner.query(`CREATE TABLE household_member (
      client_id text NOT NULL REFERENCES client (id),
      member_client_id text NOT NULL REFERENCES client (id),
      relationship text NOT NULL CHECK (relationship IN ('PARENT_OF', 'CHILD_OF', 'PARTNER_OF', 'SIBLING_OF', 'OTHER_ADULT')),
      PRIMARY KEY (client_id, member_client_id),
      CONSTRAINT household_member_not_self CHECK (client_id <> member_client_id)
    )`);
    await runner.query(`CREATE INDEX household_member_member_client_id ON household_member (member_client_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE household_member`);
    await runner.query(`DROP TABLE episode_involvement`);
    await runner.query(`DROP TABLE episode`);
    await runner.query(`DROP TABLE client`);
  }
}
