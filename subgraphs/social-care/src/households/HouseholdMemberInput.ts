import { Field, ID, InputType } from "type-graphql";
import { HouseholdRelationship } from "./HouseholdRelationship";

@InputType("HouseholdMemberInput", { description: 'Two clients in one household: "client is relationship of member". Recording the same pair again replaces the relationship.' })
export class HouseholdMemberInput {
  @Field(() => ID)
  clientId: string;

  @Field(() => ID)
  memberClientId: string;

  @Field(() => HouseholdRelationship)
  relationship: HouseholdRelationship;
}
