import { PersonRecordColumns } from "@tessera/kit";
import { Column, Entity } from "typeorm";

/** A person record held by one force (the P of POLE). One person may be several nominals across forces. */
@Entity({ name: "nominal" })
export class NominalEntity extends PersonRecordColumns {
  @Column({ type: "text" })
  force: string;

  @Column({ name: "pnc_id", type: "text", nullable: true })
  pncId: string | null;
}
