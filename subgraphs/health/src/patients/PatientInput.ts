import { Sex } from "@tessera/kit";
import { Field, ID, InputType } from "type-graphql";

/** Validated by the `patient` record type, exactly as an NDJSON `patient` line is. */
@InputType("PatientInput")
export class PatientInput {
  @Field(() => ID, { nullable: true, description: "The trust's own reference; a UUID is assigned when left out. Recording an existing id updates it." })
  id?: string;

  @Field({ description: "The NHS trust's code: 2 to 10 capital letters and digits, e.g. RX1. A record stays with its trust: an id another trust already holds is refused." })
  trust: string;

  @Field(() => String, { nullable: true, description: "Ten digits passing the modulus-11 check; spaces allowed." })
  nhsNumber?: string;

  @Field()
  givenNames: string;

  @Field()
  familyName: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, not in the future." })
  dateOfBirth?: string;

  @Field(() => Sex, { nullable: true })
  sex?: Sex;

  @Field(() => String, { nullable: true, description: "A UK postcode, any case and spacing." })
  postcode?: string;

  @Field(() => String, { nullable: true, description: "The GP practice's organisation code." })
  registeredPractice?: string;
}
