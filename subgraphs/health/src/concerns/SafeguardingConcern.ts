import { Field, ID, ObjectType } from "type-graphql";
import { SafeguardingConcernCategory } from "./SafeguardingConcernCategory";

@ObjectType("SafeguardingConcern", { description: "A safeguarding concern a health professional raised about a patient." })
export class SafeguardingConcern {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  patientId: string;

  @Field(() => ID, { nullable: true, description: "The encounter it was raised from, which may be another patient's (a mother's, for her baby)." })
  encounterId?: string | null;

  @Field(() => Date)
  raisedAt: Date;

  @Field(() => SafeguardingConcernCategory)
  category: SafeguardingConcernCategory;

  @Field(() => String, { nullable: true })
  summary?: string | null;
}
