import { registerEnumType } from "type-graphql";

/** Recorded sex, as the NHS Data Dictionary's person stated gender codes group them. */
export enum Sex {
  FEMALE = "FEMALE",
  MALE = "MALE",
  INDETERMINATE = "INDETERMINATE",
  NOT_KNOWN = "NOT_KNOWN",
}
registerEnumType(Sex, { name: "Sex", description: "Recorded sex of a person record." });
export const SEXES = Object.values(Sex);
