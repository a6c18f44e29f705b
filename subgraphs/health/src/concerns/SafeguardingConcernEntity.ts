import { Column, Entity, PrimaryColumn } from "typeorm";
import type { SafeguardingConcernCategory } from "./SafeguardingConcernCategory";

/** A safeguarding concern a health professional raised about a patient, perhaps from an encounter. */
@Entity({ name: "safeguarding_concern" })
export class SafeguardingConcernEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ name: "patient_id", type: "text" })
  patientId: string;

  /**
   * Need not be the same patient's encounter: a child protection concern about a baby is often
   * raised from the mother's maternity encounter.
   */
  @Column({ name: "encounter_id", type: "text", nullable: true })
  encounterId: string | null;

  @Column({ name: "raised_at", type: "timestamptz" })
  raisedAt: Date;

  @Column({ type: "text" })
  category: SafeguardingConcernCategory;

  @Column({ type: "text", nullable: true })
  summary: string | null;
}
