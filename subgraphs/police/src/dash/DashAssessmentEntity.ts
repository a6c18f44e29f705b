import { Column, Entity, PrimaryColumn } from "typeorm";

/** A DASH or DARA checklist an officer completed with a victim after an occurrence. */
@Entity({ name: "dash_assessment" })
export class DashAssessmentEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ name: "occurrence_id", type: "text" })
  occurrenceId: string;

  @Column({ name: "victim_nominal_id", type: "text" })
  victimNominalId: string;

  @Column({ name: "assessed_at", type: "timestamptz" })
  assessedAt: Date;

  @Column({ type: "text" })
  tool: string;

  @Column({ type: "text", array: true })
  answers: string[];

  /** DASH only: DARA's scoring is not public, so its answers are never summed. */
  @Column({ name: "yes_count", type: "int", nullable: true })
  yesCount: number | null;

  @Column({ name: "officer_grading", type: "text", nullable: true })
  officerGrading: string | null;
}
