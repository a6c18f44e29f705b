import { Column, Entity, PrimaryColumn } from "typeorm";

/** How two nominals of an occurrence are related: one row per pair, its ids in byte order. */
@Entity({ name: "relationship" })
export class RelationshipEntity {
  @PrimaryColumn({ name: "occurrence_id", type: "text" })
  occurrenceId: string;

  @PrimaryColumn({ name: "nominal_id", type: "text" })
  nominalId: string;

  @PrimaryColumn({ name: "other_nominal_id", type: "text" })
  otherNominalId: string;

  @Column({ type: "text" })
  relationship: string;
}
