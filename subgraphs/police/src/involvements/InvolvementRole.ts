import { registerEnumType } from "type-graphql";

/** A nominal's part in an occurrence, as the force recorded it. */
export enum InvolvementRole {
  VICTIM = "VICTIM",
  SUSPECT = "SUSPECT",
  OFFENDER = "OFFENDER",
  WITNESS = "WITNESS",
  OTHER = "OTHER",
}
registerEnumType(InvolvementRole, { name: "InvolvementRole", description: "A nominal's part in a police occurrence." });
export const INVOLVEMENT_ROLES = Object.values(InvolvementRole);
