import { Field, ID, ObjectType } from "type-graphql";
import { HouseholdRelationship } from "./HouseholdRelationship";

@ObjectType("HouseholdMember", { description: 'Two clients in one household: read as "client is relationship of member".' })
export class HouseholdMember {
  @Field(() => ID)
  clientId: string;

  @Field(() => ID)
  memberClientId: string;

  @Field(() => HouseholdRelationship)
  relationship: HouseholdRelationship;
}
