import { Field, ID, ObjectType } from "type-graphql";
import { EpisodeCategory } from "./EpisodeCategory";
import { EpisodeKind } from "./EpisodeKind";

@ObjectType("Episode", { description: "A referral, enquiry or plan about one client, its subject." })
export class Episode {
  @Field(() => ID, { description: "The council's own id." })
  id: string;

  @Field()
  council: string;

  @Field(() => ID, { description: "The client the episode is about." })
  clientId: string;

  @Field(() => EpisodeKind)
  kind: EpisodeKind;

  @Field(() => Date)
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: "When it closed; for a plan, when the plan ended." })
  endedAt?: Date | null;

  @Field(() => String, { nullable: true })
  outcome?: string | null;

  @Field(() => EpisodeCategory, { nullable: true })
  category?: EpisodeCategory | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field({ description: "A pre-birth assessment or an unborn child's plan: the client is the expectant parent." })
  unbornChild: boolean;
}
