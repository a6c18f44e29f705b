import { CarePersonRecordInputFields } from "@tessera/kit";
import { Field, InputType } from "type-graphql";

/** Validated by the `patient` record type, exactly as an NDJSON `patient` line is. */
@InputType("PatientInput")
export class PatientInput extends CarePersonRecordInputFields {
  @Field({ description: "The NHS trust's code: 2 to 10 capital letters and digits, e.g. RX1. A record stays with its trust: an id another trust already holds is refused." })
  trust: string;

  @Field(() => String, { nullable: true, description: "The GP practice's organisation code." })
  registeredPractice?: string;
}
