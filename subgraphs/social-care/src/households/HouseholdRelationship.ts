import { registerEnumType } from "type-graphql";

/** How a client is related to a member of their household, read as "client is <relationship> member". */
export enum HouseholdRelationship {
  PARENT_OF = "PARENT_OF",
  CHILD_OF = "CHILD_OF",
  PARTNER_OF = "PARTNER_OF",
  SIBLING_OF = "SIBLING_OF",
  OTHER_ADULT = "OTHER_ADULT",
}
registerEnumType(HouseholdRelationship, {
  name: "HouseholdRelationship",
  description: 'How a client is related to a household member, read as "client is <relationship> member"; OTHER_ADULT: another adult in the household, not family.',
});
export const HOUSEHOLD_RELATIONSHIPS = Object.values(HouseholdRelationship);
