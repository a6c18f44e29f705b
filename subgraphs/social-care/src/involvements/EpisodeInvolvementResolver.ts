import { writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Client } from "../clients/Client";
import { loadClient } from "../clients/loadClient";
import { recordTypes, type EpisodeInvolvementRow } from "../records";
import { EpisodeInvolvement } from "./EpisodeInvolvement";
import { EpisodeInvolvementInput } from "./EpisodeInvolvementInput";

@Resolver(() => EpisodeInvolvement)
export class EpisodeInvolvementResolver {
  @Mutation(() => EpisodeInvolvement, { description: "Records another client's part in an episode." })
  recordEpisodeInvolvement(
    @Arg("input", () => EpisodeInvolvementInput) input: EpisodeInvolvementInput,
    @Ctx() context: ServiceContext,
  ): Promise<EpisodeInvolvement> {
    return writeRecord<EpisodeInvolvementRow>(context, recordTypes, "episodeInvolvement", input);
  }

  @FieldResolver(() => Client)
  client(@Root() involvement: EpisodeInvolvement, @Ctx() context: ServiceContext): Promise<Client | null> {
    return loadClient(context, involvement.clientId);
  }
}
