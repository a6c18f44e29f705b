import { buildFederatedSchema, type FederatedSchema } from "@tessera/kit";
import { ClientResolver } from "./clients/ClientResolver";
import { EpisodeResolver } from "./episodes/EpisodeResolver";
import { CareEvent } from "./events/CareEvent";
import { CareEventResolver } from "./events/CareEventResolver";
import { careSubject } from "./events/careSubject";
import { HouseholdMemberResolver } from "./households/HouseholdMemberResolver";
import { EpisodeInvolvementResolver } from "./involvements/EpisodeInvolvementResolver";

export function buildSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    service: "social-care",
    resolvers: [ClientResolver, EpisodeResolver, EpisodeInvolvementResolver, HouseholdMemberResolver, CareEventResolver, careSubject.resolver],
    orphanedTypes: [careSubject.subjectType, CareEvent],
    referenceResolvers: { Subject: careSubject.resolveReference },
  });
}
