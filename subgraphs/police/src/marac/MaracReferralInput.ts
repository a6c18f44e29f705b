import { Field, ID, InputType } from "type-graphql";
import { MaracReferralCriterion } from "./MaracReferralCriterion";

@InputType("MaracReferralInput", { description: "A MARAC referral; saved over any referral with the same id." })
export class MaracReferralInput {
  @Field(() => ID, { nullable: true, description: "The force's reference; a UUID is assigned when omitted." })
  id?: string;

  @Field(() => ID)
  victimNominalId: string;

  @Field(() => ID, { nullable: true })
  occurrenceId?: string;

  @Field(() => Date, { description: "Not in the future." })
  referredAt: Date;

  @Field(() => MaracReferralCriterion)
  criterion: MaracReferralCriterion;
}
