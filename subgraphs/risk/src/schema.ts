import { buildFederatedSchema, type FederatedSchema } from "@tessera/kit";
import { RiskResolver } from "./RiskResolver";
import { externalTypeDefs, loadSources } from "./sources";
import { Subject } from "./types";

export function buildSchema(): Promise<FederatedSchema> {
  return buildFederatedSchema({
    service: "risk",
    resolvers: [RiskResolver],
    // Subject is reached only through `_entities`: type-graphql drops types no query reaches.
    orphanedTypes: [Subject],
    // The gateway hands risk each subject with the events its fields @require: nothing to load.
    referenceResolvers: { Subject: (reference) => reference },
    typeDefs: externalTypeDefs(loadSources()),
  });
}
