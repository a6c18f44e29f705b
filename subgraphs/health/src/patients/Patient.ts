import { CarePersonRecordFields } from "@tessera/kit";
import { Field, ObjectType } from "type-graphql";

@ObjectType("Patient", { description: "A patient record held by an NHS trust." })
export class Patient extends CarePersonRecordFields {
  @Field({ description: "The NHS trust (its organisation code) that holds the record." })
  trust: string;

  @Field(() => String, { nullable: true, description: "The GP practice's organisation code." })
  registeredPractice?: string | null;
}
