import { Field, ID, ObjectType } from "type-graphql";
import { MaracReferralCriterion } from "./MaracReferralCriterion";

@ObjectType("MaracReferral", { description: "A victim's referral to a Multi-Agency Risk Assessment Conference." })
export class MaracReferral {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  victimNominalId: string;

  @Field(() => ID, { nullable: true, description: "The occurrence that prompted the referral, if one did." })
  occurrenceId?: string;

  @Field(() => Date)
  referredAt: Date;

  @Field(() => MaracReferralCriterion)
  criterion: MaracReferralCriterion;
}
