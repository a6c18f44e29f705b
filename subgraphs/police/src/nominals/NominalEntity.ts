import { Column, Entity, PrimaryColumn } from "typeorm";

/** A person record held by one force (the P of POLE). One person may be several nominals across forces. */
@Entity({ name: "nominal" })
export class NominalEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ type: "text" })
  force: string;

  @Column({ name: "given_names", type: "text" })
  givenNames: string;

  @Column({ name: "family_name", type: "text" })
  familyName: string;

  /** `YYYY-MM-DD`: TypeORM returns `date` columns as text, so no time zone can shift it. */
  @Column({ name: "date_of_birth", type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "text", nullable: true })
  sex: string | null;

  @Column({ name: "pnc_id", type: "text", nullable: true })
  pncId: string | null;
}
