import { buildFederatedSchema, type FederatedSchema } from "@tessera/kit";
import { SafeguardingConcernResolver } from "./concerns/SafeguardingConcernResolver";
import { EncounterResolver } from "./encounters/EncounterResolver";
import { HealthEvent } from "./events/HealthEvent";
import { healthSubject } from "./events/healthSubject";
import { PatientResolver } from "./patients/PatientResolver";

export function buildSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    service: "health",
    resolvers: [PatientResolver, EncounterResolver, SafeguardingConcernResolver, healthSubject.resolver],
    orphanedTypes: [healthSubject.subjectType, HealthEvent],
    referenceResolvers: { Subject: healthSubject.resolveReference },
  });
}
