import { registerEnumType } from "type-graphql";

/** The category of abuse or neglect an episode is about, as child protection plans record it. */
export enum EpisodeCategory {
  NEGLECT = "NEGLECT",
  PHYSICAL_ABUSE = "PHYSICAL_ABUSE",
  EMOTIONAL_ABUSE = "EMOTIONAL_ABUSE",
  SEXUAL_ABUSE = "SEXUAL_ABUSE",
  MULTIPLE = "MULTIPLE",
}
registerEnumType(EpisodeCategory, {
  name: "EpisodeCategory",
  description: "Category of abuse or neglect (the categories of a child protection plan).",
});
export const EPISODE_CATEGORIES = Object.values(EpisodeCategory);
