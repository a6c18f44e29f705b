import { SafeguardingEvent } from "@tessera/kit";
import { Field, ObjectType } from "type-graphql";
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

  /** The subject's client record the event was found through: that record is no counterpart of its own. */
  recordId: string;
}
