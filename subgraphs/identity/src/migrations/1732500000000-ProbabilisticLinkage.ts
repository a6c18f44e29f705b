import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Probabilistic linkage: every record's link carries its match weight and waterfall; blocking keys
 * are indexed for incremental linking; reviewers' decisions and the review queue are kept.
 *
 * Records linked by the earlier exact rules keep their subjects but lose their rule (it no longer
 * exists): they become MODEL links with no weight, which `npm start` and `npm run identity:relink`
 * recognise as "needs a re-link".
 */
export class ProbabilisticLinkage1732500000000 implements MigrationInterface {
  name = "ProbabilisticLinkage1732500000000";

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE person_record
      DROP CONSTRAINT person_record_link_rule_check,
      DROP CONSTRAINT person_record_check,
      ADD COLUMN email text,
      ADD COLUMN phone text,
      ADD COLUMN match_weight double precision,
      ADD COLUMN match_probability double precision CHECK (match_probability BETWEEN 0 AND 1),
      ADD COLUMN comparisons jsonb,
      ADD COLUMN model_version int REFERENCES linkage_model (version),
      ADD COLUMN decision_id bigint`);
    await runner.query(`UPDATE person_record SET link_rule = CASE link_rule WHEN 'FIRST_RECORD' THEN 'SOLE_RECORD' ELSE 'MODEL' END`);
    await runner.query(`ALTER TABLE person_record
      ADD CONSTRAINT person_record_link_rule CHECK (link_rule IN ('SOLE_RECORD', 'MODEL', 'REVIEWER')),
      ADD CONSTRAINT person_record_matched_record CHECK ((link_rule = 'SOLE_RECORD') = (linked_to_local_id IS NULL)),
      ADD CONSTRAINT person_record_reviewer_decision CHECK ((link_rule = 'REVIEWER') = (decision_id IS NOT NULL))`);
    await runner.query(`COMMENT ON COLUMN person_record.comparisons IS 'The waterfall of the link: [{comparison, level, bits}], the prior first'`);
    await runner.query(`ALTER TABLE subject ADD COLUMN support double precision NOT NULL DEFAULT 1 CHECK (support BETWEEN 0 AND 1)`);
    await runner.query(`COMMENT ON COLUMN subject.support IS 'Share of the subject''s record pairs the model finds plausible or a reviewer confirmed'`);
    await runner.query(`ALTER TABLE linkage_model ADD COLUMN term_frequencies jsonb NOT NULL DEFAULT '{}'`);
    await runner.query(`COMMENT ON COLUMN linkage_model.term_frequencies IS 'Per column: {total, counts: {value: n}} for values held more than once, from the records the model was estimated on'`);

    // One row per record per blocking rule: the candidates of a record are the rows sharing its keys.
    await runner.query(`CREATE TABLE blocking_key (
      key text NOT NULL,
      agency text NOT NULL,
      local_id text NOT NULL,
      PRIMARY KEY (key, agency, local_id),
      FOREIGN KEY (agency, local_id) REFERENCES person_record (agency, local_id) ON DELETE CASCADE
    )`);
    await runner.query(`CREATE INDEX blocking_key_record ON blocking_key (agency, local_id)`);

    await runner.query(`CREATE TABLE link_decision (
      id bigserial PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('CONFIRM_PAIR', 'REJECT_PAIR', 'SPLIT_RECORD', 'MERGE_SUBJECTS')),
      records jsonb NOT NULL,
      decided_by text NOT NULL CHECK (btrim(decided_by) <> ''),
      decided_at timestamptz NOT NULL,
      reason text NOT NULL CHECK (btrim(reason) <> ''),
      revoked_by text,
      revoked_at timestamptz,
      revoke_reason text,
      CHECK ((revoked_at IS NULL) = (revoked_by IS NULL) AND (revoked_at IS NULL) = (revoke_reason IS NULL))
    )`);
    await runner.query(`COMMENT ON TABLE link_decision IS 'Reviewers'' decisions: who, when, why; revoked, never deleted. Also the labels the accuracy benchmark can read'`);
    await runner.query(`ALTER TABLE person_record ADD CONSTRAINT person_record_decision FOREIGN KEY (decision_id) REFERENCES link_decision (id)`);
    await runner.query(`CREATE TABLE link_constraint (
      decision_id bigint NOT NULL REFERENCES link_decision (id),
      left_agency text NOT NULL,
      left_local_id text NOT NULL,
      right_agency text NOT NULL,
      right_local_id text NOT NULL,
      same_person boolean NOT NULL,
      PRIMARY KEY (decision_id, left_agency, left_local_id, right_agency, right_local_id),
      FOREIGN KEY (left_agency, left_local_id) REFERENCES person_record (agency, local_id),
      FOREIGN KEY (right_agency, right_local_id) REFERENCES person_record (agency, local_id)
    )`);
    await runner.query(`COMMENT ON TABLE link_constraint IS 'The record pairs a decision makes one person (must-link) or two (cannot-link)'`);
    await runner.query(`CREATE INDEX link_constraint_left ON link_constraint (left_agency, left_local_id)`);
    await runner.query(`CREATE INDEX link_constraint_right ON link_constraint (right_agency, right_local_id)`);

    await runner.query(`CREATE TABLE link_review (
      left_agency text NOT NULL,
      left_local_id text NOT NULL,
      right_agency text NOT NULL,
      right_local_id text NOT NULL,
      match_weight double precision NOT NULL,
      match_probability double precision NOT NULL,
      comparisons jsonb NOT NULL,
      model_version int REFERENCES linkage_model (version),
      queued_at timestamptz NOT NULL,
      PRIMARY KEY (left_agency, left_local_id, right_agency, right_local_id),
      FOREIGN KEY (left_agency, left_local_id) REFERENCES person_record (agency, local_id) ON DELETE CASCADE,
      FOREIGN KEY (right_agency, right_local_id) REFERENCES person_record (agency, local_id) ON DELETE CASCADE
    )`);
    await runner.query(`COMMENT ON TABLE link_review IS 'Record pairs the model cannot settle: plausible but below the match threshold, or matching but kept apart by clustering'`);
    await runner.query(`CREATE INDEX link_review_right ON link_review (right_agency, right_local_id)`);
    // The queue's order as one ascending key, so a page's start is a single row comparison the index answers.
    await runner.query(`CREATE INDEX link_review_queue ON link_review ((-match_probability), left_agency, left_local_id, right_agency, right_local_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE link_review`);
    await runner.query(`DROP TABLE link_constraint`);
    await runner.query(`ALTER TABLE person_record DROP CONSTRAINT person_record_decision`);
    await runner.query(`DROP TABLE link_decision`);
    await runner.query(`DROP TABLE blocking_key`);
    await runner.query(`ALTER TABLE linkage_model DROP COLUMN term_frequencies`);
    await runner.query(`ALTER TABLE subject DROP COLUMN support`);
    await runner.query(`ALTER TABLE person_record DROP CONSTRAINT person_record_link_rule, DROP CONSTRAINT person_record_matched_record, DROP CONSTRAINT person_record_reviewer_decision`);
    await runner.query(`UPDATE person_record SET link_rule = CASE link_rule WHEN 'SOLE_RECORD' THEN 'FIRST_RECORD' ELSE 'NAME_AND_DATE_OF_BIRTH' END`);
    await runner.query(`ALTER TABLE person_record DROP COLUMN email, DROP COLUMN phone, DROP COLUMN match_weight, DROP COLUMN match_probability,
      DROP COLUMN comparisons, DROP COLUMN model_version, DROP COLUMN decision_id,
      ADD CONSTRAINT person_record_link_rule_check CHECK (link_rule IN ('FIRST_RECORD', 'NHS_NUMBER', 'PNC_ID', 'NAME_AND_DATE_OF_BIRTH')),
      ADD CONSTRAINT person_record_check CHECK ((link_rule = 'FIRST_RECORD') = (linked_to_local_id IS NULL))`);
  }
}
