import { Entity, PrimaryColumn } from "typeorm";

/** A nominal's part in an occurrence; one nominal may play several parts (e.g. counter-allegations). */
@Entity({ name: "involvement" })
export class InvolvementEntity {
  @PrimaryColumn({ name: "occurrence_id", type: "text" })
  occurrenceId: string;

  @PrimaryColumn({ name: "nominal_id", type: "text" })
  nominalId: string;

  @PrimaryColumn({ type: "text" })
  role: string;
}
