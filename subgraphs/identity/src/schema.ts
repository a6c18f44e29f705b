import { buildFederatedSchema, type FederatedSchema } from "@tessera/kit";
import { PersonRef } from "./personRefs/PersonRef";
import { PersonRefResolver, resolvePersonRefReference } from "./personRefs/PersonRefResolver";
import { ReviewResolver } from "./review/ReviewResolver";
import { SearchSubjectsResolver } from "./search/SearchSubjectsResolver";
import { resolveSubjectReference, SubjectResolver } from "./subjects/SubjectResolver";

export function buildSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    service: "identity",
    resolvers: [SubjectResolver, SearchSubjectsResolver, PersonRefResolver, ReviewResolver],
    // No query returns a PersonRef: agencies' counterparts reach it only through `_entities`.
    orphanedTypes: [PersonRef],
    referenceResolvers: { Subject: resolveSubjectReference, PersonRef: resolvePersonRefReference },
  });
}
