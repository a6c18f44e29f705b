import { Sex } from "@tessera/kit";
import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("Patient", { description: "A patient record held by an NHS trust." })
export class Patient {
  @Field(() => ID, { description: "The trust's own reference for the patient." })
  id: string;

  @Field({ description: "The NHS trust (its organisation code) that holds the record." })
  trust: string;

  @Field(() => String, { nullable: true, description: "Ten digits, validated by the modulus-11 check." })
  nhsNumber?: string | null;

  @Field()
  givenNames: string;

  @Field()
  familyName: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD." })
  dateOfBirth?: string | null;

  @Field(() => Sex, { nullable: true })
  sex?: Sex | null;

  @Field(() => String, { nullable: true })
  postcode?: string | null;

  @Field(() => String, { nullable: true, description: "The GP practice's organisation code." })
  registeredPractice?: string | null;
}
