import { Field, ID, ObjectType } from "type-graphql";
import { InvolvementRole } from "./InvolvementRole";

@ObjectType("EpisodeInvolvement", { description: "Another client's part in an episode about someone else." })
export class EpisodeInvolvement {
  @Field(() => ID)
  episodeId: string;

  @Field(() => ID)
  clientId: string;

  @Field(() => InvolvementRole)
  role: InvolvementRole;
}
