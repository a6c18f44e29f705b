import { SafeguardingEvent } from "@tessera/kit";
import { Field, Int, ObjectType } from "type-graphql";
import { EpisodeCategory } from "../episodes/EpisodeCategory";

@ObjectType("CareEvent", {
  implements: SafeguardingEvent,
  description: "A social care episode a subject is part of: as its subject, or involved in it. occurredAt is when it started.",
})
export class CareEvent extends SafeguardingEvent {
  @Field(() => Date)
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: "When it closed; for a plan, when the plan ended." })
  endedAt: Date | null;

  @Field(() => String, { nullable: true })
  outcome: string | null;

  @Field(() => EpisodeCategory, { nullable: true })
  category: EpisodeCategory | null;

  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Children in the household of the client record the subject is in the episode through, at its start: members under 18 then, or, where no date of birth is recorded, the client's own children (PARENT_OF, or CHILD_OF read the other way). Null when the council recorded no household for that client.",
  })
  childrenInHousehold: number | null;
}
