import { registerEnumType } from "type-graphql";

/**
 * Another client's part in an episode. Each value has the name of a common `SubjectRole`, so an
 * involvement becomes an event role or a counterpart role as it is (`SubjectRole[role]`).
 */
export enum InvolvementRole {
  PARENT_OR_CARER = "PARENT_OR_CARER",
  HOUSEHOLD_MEMBER = "HOUSEHOLD_MEMBER",
  ALLEGED_PERPETRATOR = "ALLEGED_PERPETRATOR",
  OTHER = "OTHER",
}
registerEnumType(InvolvementRole, {
  name: "EpisodeInvolvementRole",
  description: "Another client's part in an episode whose subject is someone else.",
});
export const INVOLVEMENT_ROLES = Object.values(InvolvementRole);
