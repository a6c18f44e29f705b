import { registerEnumType } from "type-graphql";

/** What a safeguarding concern is about; every category is handled as OFFICIAL-SENSITIVE. */
export enum SafeguardingConcernCategory {
  DOMESTIC_ABUSE = "DOMESTIC_ABUSE",
  SEXUAL_VIOLENCE = "SEXUAL_VIOLENCE",
  CHILD_PROTECTION = "CHILD_PROTECTION",
  ADULT_SAFEGUARDING = "ADULT_SAFEGUARDING",
}
registerEnumType(SafeguardingConcernCategory, {
  name: "SafeguardingConcernCategory",
  description: "What a safeguarding concern raised by a health professional is about.",
});
export const SAFEGUARDING_CONCERN_CATEGORIES = Object.values(SafeguardingConcernCategory);
