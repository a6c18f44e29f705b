import { Directive, Field, ID, ObjectType } from "type-graphql";
import { AgencyRecordLink } from "./AgencyRecordLink";

/** The entity every agency extends: identity is the single authority on who is who. */
@Directive('@key(fields: "id")')
@ObjectType("Subject", { description: "One person, however many agencies and areas hold records on them." })
export class Subject {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The names of the most recently registered record, "Given Family".' })
  displayName: string;

  @Field(() => [String], { description: "Every name the records carry, the most recent first; spellings differing only in case, accents or punctuation appear once." })
  knownNames: string[];

  @Field(() => [String], { description: "Every date of birth the records carry, YYYY-MM-DD, the most recent first." })
  datesOfBirth: string[];

  @Field(() => [AgencyRecordLink], { description: "The linked agency records, in the order they were registered." })
  records: AgencyRecordLink[];
}
