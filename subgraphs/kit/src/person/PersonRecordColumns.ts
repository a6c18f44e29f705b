import { Column, PrimaryColumn } from "typeorm";
import type { Sex } from "../validation/sex";

/**
 * The columns of an agency's person record table that every agency shares. An agency's entity
 * extends it (TypeORM inherits columns from a class that is not an entity itself) and adds its own;
 * the table is the agency's migration's, never synchronized.
 */
export abstract class PersonRecordColumns {
  @PrimaryColumn({ type: "text" })
  id: string;

  @Column({ name: "given_names", type: "text" })
  givenNames: string;

  @Column({ name: "family_name", type: "text" })
  familyName: string;

  /** `YYYY-MM-DD`: TypeORM returns a `date` column as text, so no time zone can shift a birthday. */
  @Column({ name: "date_of_birth", type: "date", nullable: true })
  dateOfBirth: string | null;

  @Column({ type: "text", nullable: true })
  sex: Sex | null;
}

/** A care record's person (health, social care): also the NHS number and the postcode the person lives at. */
export abstract class CarePersonRecordColumns extends PersonRecordColumns {
  /** Normalised to ten digits. */
  @Column({ name: "nhs_number", type: "text", nullable: true })
  nhsNumber: string | null;

  @Column({ type: "text", nullable: true })
  postcode: string | null;
}
