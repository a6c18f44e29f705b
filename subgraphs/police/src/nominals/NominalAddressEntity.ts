import { Column, Entity, PrimaryColumn } from "typeorm";

/** An address a nominal is known at, in the order the force listed them. */
@Entity({ name: "nominal_address" })
export class NominalAddressEntity {
  @PrimaryColumn({ name: "nominal_id", type: "text" })
  nominalId: string;

  @PrimaryColumn({ type: "int" })
  position: number;

  @Column({ type: "text", nullable: true })
  line1: string | null;

  @Column({ type: "text" })
  postcode: string;

  @Column({ name: "valid_from", type: "date", nullable: true })
  from: string | null;

  @Column({ name: "valid_to", type: "date", nullable: true })
  to: string | null;
}
