import { Column, Entity, PrimaryColumn } from "typeorm";

/** A victim's referral to a Multi-Agency Risk Assessment Conference. */
@Entity({ name: "marac_referral" })
export class MaracReferralEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ name: "victim_nominal_id", type: "text" })
  victimNominalId: string;

  @Column({ name: "occurrence_id", type: "text", nullable: true })
  occurrenceId: string | null;

  @Column({ name: "referred_at", type: "timestamptz" })
  referredAt: Date;

  @Column({ type: "text" })
  criterion: string;
}
