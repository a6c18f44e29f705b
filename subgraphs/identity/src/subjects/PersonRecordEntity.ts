import { Column, Entity, PrimaryColumn } from "typeorm";
import type { LinkRule } from "../linkage/LinkRule";
import type { StoredStep } from "../resolution/planResolution";

/**
 * An agency's person record as registered with identity: the minimum identifiers only, never
 * event data, and the subject it is linked to with the evidence for the link. Its indexes (the
 * blocking keys, the subject, the search keys) are in the migration.
 */
@Entity({ name: "person_record" })
export class PersonRecordEntity {
  @PrimaryColumn({ type: "text" })
  agency: string;

  @PrimaryColumn({ name: "local_id", type: "text" })
  localId: string;

  /** The force, trust or council holding the record. */
  @Column({ type: "text" })
  area: string;

  @Column({ name: "given_names", type: "text" })
  givenNames: string;

  @Column({ name: "family_name", type: "text" })
  familyName: string;

  @Column({ name: "name_key", type: "text" })
  nameKey: string;

  /** `YYYY-MM-DD` (TypeORM reads `date` columns as strings, so no time zone can shift it). */
  @Column({ name: "date_of_birth", type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "text", nullable: true })
  sex: string | null;

  @Column({ type: "text", nullable: true })
  postcode: string | null;

  @Column({ name: "nhs_number", type: "text", nullable: true })
  nhsNumber: string | null;

  @Column({ name: "pnc_id", type: "text", nullable: true })
  pncId: string | null;

  @Column({ type: "text", nullable: true })
  email: string | null;

  /** National digits, `07700900123`. */
  @Column({ type: "text", nullable: true })
  phone: string | null;

  @Column({ name: "subject_id", type: "uuid" })
  subjectId: string;

  @Column({ name: "link_rule", type: "text" })
  linkRule: LinkRule;

  @Column({ name: "linked_to_agency", type: "text", nullable: true })
  linkedToAgency: string | null;

  @Column({ name: "linked_to_local_id", type: "text", nullable: true })
  linkedToLocalId: string | null;

  /** log2 of the odds the model gives the link; null for a subject's only record. */
  @Column({ name: "match_weight", type: "double precision", nullable: true })
  matchWeight: number | null;

  @Column({ name: "match_probability", type: "double precision", nullable: true })
  matchProbability: number | null;

  /** The waterfall: each comparison's level and bits, the prior first. */
  @Column({ type: "jsonb", nullable: true })
  comparisons: StoredStep[] | null;

  /** The `linkage_model` version that scored the link; null for the declared starting parameters. */
  @Column({ name: "model_version", type: "int", nullable: true })
  modelVersion: number | null;

  /** The reviewer's decision behind a REVIEWER link. */
  @Column({ name: "decision_id", type: "bigint", nullable: true })
  decisionId: string | null;

  @Column({ name: "linked_at", type: "timestamptz" })
  linkedAt: Date;

  /** First registration: orders a subject's records, and its earliest is its first record. */
  @Column({ name: "registered_at", type: "timestamptz" })
  registeredAt: Date;

  /** When the agency last sent different details: the most recent names a subject is shown by. */
  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}
