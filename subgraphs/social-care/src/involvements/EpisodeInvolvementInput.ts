import { Field, ID, InputType } from "type-graphql";
import { InvolvementRole } from "./InvolvementRole";

@InputType("EpisodeInvolvementInput", { description: "Another client's part in an episode; recording it twice changes nothing." })
export class EpisodeInvolvementInput {
  @Field(() => ID)
  episodeId: string;

  @Field(() => ID)
  clientId: string;

  @Field(() => InvolvementRole)
  role: InvolvementRole;
}
