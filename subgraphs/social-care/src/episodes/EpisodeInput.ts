import { Field, ID, InputType } from "type-graphql";
import { EpisodeCategory } from "./EpisodeCategory";
import { EpisodeKind } from "./EpisodeKind";

@InputType("EpisodeInput", { description: "An episode to record, or to correct when the id is already known." })
export class EpisodeInput {
  @Field(() => ID, { nullable: true, description: "The council's own id; a UUID is assigned when it is left out." })
  id?: string;

  @Field({ description: "The council's code: 2 to 10 capital letters and digits, e.g. NMB. A record stays with its council: an id another council already holds is refused." })
  council: string;

  @Field(() => ID, { description: "The client the episode is about; must already be recorded." })
  clientId: string;

  @Field(() => EpisodeKind)
  kind: EpisodeKind;

  @Field(() => Date, { description: "Not in the future." })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: "Not before startedAt, not in the future." })
  endedAt?: Date;

  @Field(() => String, { nullable: true })
  outcome?: string;

  @Field(() => EpisodeCategory, { nullable: true })
  category?: EpisodeCategory;

  @Field(() => String, { nullable: true })
  summary?: string;

  @Field(() => Boolean, { nullable: true, description: "A pre-birth assessment or an unborn child's plan, recorded on the expectant parent as its client. Default false." })
  unbornChild?: boolean;
}
