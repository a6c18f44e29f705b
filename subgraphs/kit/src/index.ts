/**
 * @tessera/kit — what every Tessera subgraph is built from, and what a partner agency builds its
 * own subgraph on.
 */
import "reflect-metadata";

export * from "./access";
export * from "./config/integerSetting";
export * from "./config/services";
export * from "./database/createServiceDataSource";
export * from "./database/embeddedPostgres";
export * from "./database/ensureDatabase";
export * from "./database/StatementCounter";
export * from "./errors/badUserInput";
export * from "./errors/maskInternalError";
export * from "./errors/withoutSuggestions";
export * from "./loaders/LoaderRegistry";
export * from "./person/personIdentifiers";
export * from "./person/PersonRecordColumns";
export * from "./person/PersonRecordFields";
export * from "./person/PersonRecordInputFields";
export * from "./person/toPersonRegistration";
export * from "./records/bulkUpsert";
export * from "./records/existingIds";
export * from "./records/importNdjson";
export * from "./records/lastPerKey";
export * from "./records/naturalKey";
export * from "./records/RecordType";
export * from "./records/withMintedId";
export * from "./records/writeRecord";
export * from "./registration/hasRegisteredPeople";
export * from "./registration/PersonRegistration";
export * from "./registration/RegistrationOutbox";
export * from "./registration/RegistrationRelay";
export * from "./schema/agencySubject";
export * from "./schema/buildFederatedSchema";
export * from "./schema/newestPerRecord";
export * from "./schema/safeguardingEvent";
export * from "./random/seededRandom";
export * from "./server/bodyLimit";
export * from "./server/jsonErrors";
export * from "./server/requestReadTimeout";
export * from "./server/metricsAccess";
export * from "./server/runImport";
export * from "./server/runSubgraph";
export * from "./server/ServiceContext";
export * from "./server/startSubgraphServer";
export * from "./server/SubgraphDefinition";
export * from "./validation/contact";
export * from "./validation/dates";
export * from "./validation/fields";
export * from "./validation/names";
export * from "./validation/nhsNumber";
export * from "./validation/pncId";
export * from "./validation/postcode";
export * from "./validation/sex";
