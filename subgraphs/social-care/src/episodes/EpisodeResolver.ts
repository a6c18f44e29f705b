import { withMintedId, writeRecord, type ServiceContext } from "@tessera/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Client } from "../clients/Client";
import { loadClient } from "../clients/loadClient";
import { recordTypes, type EpisodeRow } from "../records";
import { Episode } from "./Episode";
import { EpisodeInput } from "./EpisodeInput";

@Resolver(() => Episode)
export class EpisodeResolver {
  @Mutation(() => Episode, { description: "Records an episode about a client (or corrects one, by id)." })
  recordEpisode(@Arg("input", () => EpisodeInput) input: EpisodeInput, @Ctx() context: ServiceContext): Promise<Episode> {
    return writeRecord<EpisodeRow>(context, recordTypes, "episode", withMintedId(input));
  }

  @FieldResolver(() => Client)
  client(@Root() episode: Episode, @Ctx() context: ServiceContext): Promise<Client | null> {
    return loadClient(context, episode.clientId);
  }
}
