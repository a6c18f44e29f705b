import type { Sex } from "@tessera/kit";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** A council's person record: the council's own child or adult id, and who they are. */
@Entity({ name: "client" })
export class ClientEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ type: "text" })
  council: string;

  @Column({ name: "nhs_number", type: "text", nullable: true })
  nhsNumber: string | null;

  @Column({ name: "given_names", type: "text" })
  givenNames: string;

  @Column({ name: "family_name", type: "text" })
  familyName: string;

  /** TypeORM hands `date` columns back as `YYYY-MM-DD` text: no time zone can shift a birthday. */
  @Column({ name: "date_of_birth", type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "text", nullable: true })
  sex: Sex | null;

  @Column({ type: "text", nullable: true })
  postcode: string | null;
}
