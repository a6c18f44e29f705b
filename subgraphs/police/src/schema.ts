import { buildFederatedSchema, type FederatedSchema } from "@tessera/kit";
import { DashAssessmentResolver } from "./dash/DashAssessmentResolver";
import { PoliceEvent } from "./events/PoliceEvent";
import { PoliceCounterpartsResolver } from "./events/PoliceCounterpartsResolver";
import { PoliceEventResolver } from "./events/PoliceEventResolver";
import { policeSubject } from "./events/policeSubject";
import { InvolvementResolver } from "./involvements/InvolvementResolver";
import { MaracReferralResolver } from "./marac/MaracReferralResolver";
import { NominalResolver } from "./nominals/NominalResolver";
import { OccurrenceResolver } from "./occurrences/OccurrenceResolver";
import { RelationshipResolver } from "./relationships/RelationshipResolver";

export function buildSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    service: "police",
    resolvers: [NominalResolver, OccurrenceResolver, InvolvementResolver, RelationshipResolver, DashAssessmentResolver, MaracReferralResolver, PoliceEventResolver, policeSubject.resolver, PoliceCounterpartsResolver],
    // Subject is reached only through `_entities`, PoliceEvent only through Subject.policeEvents.
    orphanedTypes: [policeSubject.subjectType, PoliceEvent],
    referenceResolvers: { Subject: policeSubject.resolveReference },
  });
}
