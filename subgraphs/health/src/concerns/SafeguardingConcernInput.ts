import { Field, ID, InputType } from "type-graphql";
import { SafeguardingConcernCategory } from "./SafeguardingConcernCategory";

/** Validated by the `safeguardingConcern` record type, exactly as an NDJSON line is. */
@InputType("SafeguardingConcernInput")
export class SafeguardingConcernInput {
  @Field(() => ID, { nullable: true, description: "The trust's own reference; a UUID is assigned when left out." })
  id?: string;

  @Field(() => ID)
  patientId: string;

  @Field(() => ID, { nullable: true })
  encounterId?: string;

  @Field(() => Date, { description: "Not in the future." })
  raisedAt: Date;

  @Field(() => SafeguardingConcernCategory)
  category: SafeguardingConcernCategory;

  @Field(() => String, { nullable: true })
  summary?: string;
}
