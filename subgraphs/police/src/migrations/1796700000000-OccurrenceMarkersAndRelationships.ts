import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The markers this migration lets an occurrence hold, exported so that the occurrence parser accepts
 * exactly these (occurrences/occurrenceMarkers.ts) and cannot accept a code the constraint refuses.
 * Fixed here for good: a later change comes with a migration of its own, which exports its own list.
 */
export const OCCURRENCE_MARKERS_1796700000000 = [
  "INJURY", "STRANGULATION", "THREATS_TO_KILL", "WEAPON", "STALKING", "SEPARATION", "PREGNANCY", "NEW_BABY",
  "SEXUAL_ABUSE", "COERCIVE_CONTROL", "ESCALATING_ABUSE", "BREACH_OF_BAIL_OR_ORDER", "HONOUR_BASED_ABUSE",
  "CHILDREN_IN_HOUSEHOLD", "CHILD_HARMED_OR_THREATENED", "OVERDOSE", "SELF_HARM", "MENTAL_HEALTH_CRISIS", "DISCLOSURE_OF_ABUSE",
] as const;

/**
 * The markers an officer records as qualifiers of an occurrence (strangulation, a weapon, honour-based
 * abuse …), and how two nominals of an occurrence are related. The code lists are copied here, not
 * read from the kit's enums: a migration must create the same schema whenever it runs, and a code
 * added to the vocabulary later comes with a migration of its own.
 */
export class OccurrenceMarkersAndRelationships1796700000000 implements MigrationInterface {
  name = "OccurrenceMarkersAndRelationships1796700000000";

  async up(runner: QueryRunner): Promise<void> {
    // Old occurrences had no markers recorded: the empty list, as an import without the field gives.
    await runner.query(`ALTER TABLE occurrence
      ADD COLUMN markers text[] NOT NULL DEFAULT '{}',
      ADD CONSTRAINT occurrence_markers CHECK (markers <@ ARRAY[${OCCURRENCE_MARKERS_1796700000000.map((code) => `'${code}'`).join(", ")}]::text[])`);
    // A relationship is symmetric, so each pair is stored once, its ids in byte order ("C": the
    // order JavaScript compares ids in, whatever the database's collation).
    await runner.query(`CREATE TABLE relationship (
      occurrence_id text NOT NULL REFERENCES occurrence (id) ON DELETE CASCADE,
      nominal_id text NOT NULL REFERENCES nominal (id) ON DELETE CASCADE,
      other_nominal_id text NOT NULL REFERENCES nominal (id) ON DELETE CASCADE,
      relationship text NOT NULL CHECK (relationship IN ('CURRENT_PARTNER', 'EX_PARTNER', 'FAMILY_MEMBER', 'OTHER')),
      PRIMARY KEY (occurrence_id, nominal_id, other_nominal_id),
      CONSTRAINT relationship_pair_once CHECK (nominal_id COLLATE "C" < other_nominal_id COLLATE "C")
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE relationship`);
    await runner.query(`ALTER TABLE occurrence DROP COLUMN markers`);
  }
}
