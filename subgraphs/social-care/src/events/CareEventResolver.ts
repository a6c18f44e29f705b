import { Counterpart, type ServiceContext } from "@tessera/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { SOCIAL_CARE_AGENCY } from "../agency";
import { CareEvent } from "./CareEvent";
import { loadEpisodeParticipants } from "./loadEpisodeParticipants";

@Resolver(() => CareEvent)
export class CareEventResolver {
  @FieldResolver(() => [Counterpart], { nullable: true, description: "Everyone else in the episode — its subject and the clients involved — with their parts." })
  async counterparts(@Root() event: CareEvent, @Ctx() context: ServiceContext): Promise<Counterpart[]> {
    const participants = await loadEpisodeParticipants(context, event.id);
    return participants
      .filter((participant) => participant.clientId !== event.recordId)
      .map((participant) => ({ role: participant.role, person: { agency: SOCIAL_CARE_AGENCY, localId: participant.clientId } }));
  }
}
