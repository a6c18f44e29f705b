import type { Sex } from "@tessera/kit";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** A patient record as a trust holds it; the schema is the migration's, never synchronized. */
@Entity({ name: "patient" })
export class PatientEntity {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ type: "text" })
  trust: string;

  /** Normalised to ten digits. */
  @Column({ name: "nhs_number", type: "text", nullable: true })
  nhsNumber: string | null;

  @Column({ name: "given_names", type: "text" })
  givenNames: string;

  @Column({ name: "family_name", type: "text" })
  familyName: string;

  /** `YYYY-MM-DD`: a `date` column comes back as text, so no time zone can shift it. */
  @Column({ name: "date_of_birth", type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "text", nullable: true })
  sex: Sex | null;

  @Column({ type: "text", nullable: true })
  postcode: string | null;

  @Column({ name: "registered_practice", type: "text", nullable: true })
  registeredPractice: string | null;
}
