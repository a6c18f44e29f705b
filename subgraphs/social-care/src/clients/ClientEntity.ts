import { CarePersonRecordColumns } from "@tessera/kit";
import { Column, Entity } from "typeorm";

/** A council's person record: the council's own child or adult id, and who they are. */
@Entity({ name: "client" })
export class ClientEntity extends CarePersonRecordColumns {
  @Column({ type: "text" })
  council: string;
}
