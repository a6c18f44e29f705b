import { Column, Entity, PrimaryColumn } from "typeorm";

/** Something a force recorded as happening (the E of POLE): a crime or a non-crime incident. */
@Entity({ name: "occurrence" })
export class OccurrenceEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ type: "text" })
  force: string;

  @Column({ type: "text" })
  category: string;

  @Column({ name: "domestic_abuse", type: "boolean", default: false })
  domesticAbuse: boolean;

  @Column({ name: "occurred_at", type: "timestamptz" })
  occurredAt: Date;

  @Column({ name: "reported_at", type: "timestamptz", nullable: true })
  reportedAt: Date | null;

  @Column({ name: "location_description", type: "text", nullable: true })
  locationDescription: string | null;

  @Column({ name: "location_postcode", type: "text", nullable: true })
  locationPostcode: string | null;

  @Column({ type: "text", nullable: true })
  summary: string | null;

  @Column({ type: "text", array: true, default: () => "'{}'" })
  markers: string[];
}
