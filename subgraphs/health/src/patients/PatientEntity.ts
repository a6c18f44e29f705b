import { CarePersonRecordColumns } from "@tessera/kit";
import { Column, Entity } from "typeorm";

/** A patient record as a trust holds it; the schema is the migration's, never synchronized. */
@Entity({ name: "patient" })
export class PatientEntity extends CarePersonRecordColumns {
  @Column({ type: "text" })
  trust: string;

  @Column({ name: "registered_practice", type: "text", nullable: true })
  registeredPractice: string | null;
}
