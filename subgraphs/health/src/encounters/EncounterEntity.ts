import { Column, Entity, PrimaryColumn } from "typeorm";
import type { EncounterSetting } from "./EncounterSetting";
import type { HealthSignal } from "./HealthSignal";

/** A patient's attendance or consultation (a FHIR Encounter, reduced to what safeguarding needs). */
@Entity({ name: "encounter" })
export class EncounterEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ name: "patient_id", type: "text" })
  patientId: string;

  @Column({ type: "text" })
  trust: string;

  @Column({ type: "text" })
  setting: EncounterSetting;

  @Column({ name: "occurred_at", type: "timestamptz" })
  occurredAt: Date;

  @Column({ name: "presenting_complaint", type: "text", nullable: true })
  presentingComplaint: string | null;

  @Column({ type: "boolean" })
  injury: boolean;

  @Column({ name: "injury_description", type: "text", nullable: true })
  injuryDescription: string | null;

  @Column({ name: "disclosed_abuse", type: "boolean" })
  disclosedAbuse: boolean;

  /** As the patient said it: often a first name only, so identity cannot resolve it. */
  @Column({ name: "alleged_perpetrator_name", type: "text", nullable: true })
  allegedPerpetratorName: string | null;

  @Column({ name: "alleged_perpetrator_patient_id", type: "text", nullable: true })
  allegedPerpetratorPatientId: string | null;

  @Column({ type: "text", array: true })
  signals: HealthSignal[];

  @Column({ name: "gestation_weeks", type: "int", nullable: true })
  gestationWeeks: number | null;
}
