import path from "node:path";
import { CreateAccessLog1732600000000, CreateIdentityOutbox1732240000000, RegistrationOutboxEntry, type SubgraphDefinition } from "@tessera/kit";
import { SafeguardingConcernEntity } from "./concerns/SafeguardingConcernEntity";
import { EncounterEntity } from "./encounters/EncounterEntity";
import { CreateHealthRecords1732250000000 } from "./migrations/1732250000000-CreateHealthRecords";
import { EncounterSignals1732700000000 } from "./migrations/1732700000000-EncounterSignals";
import { PatientEntity } from "./patients/PatientEntity";
import { recordTypes } from "./records";
import { buildSchema } from "./schema";

/** The health subgraph: NHS trusts' patients, encounters and safeguarding concerns. */
export const subgraph: SubgraphDefinition = {
  service: "health",
  entities: [RegistrationOutboxEntry, PatientEntity, EncounterEntity, SafeguardingConcernEntity],
  migrations: [CreateIdentityOutbox1732240000000, CreateHealthRecords1732250000000, CreateAccessLog1732600000000, EncounterSignals1732700000000],
  buildSchema,
  policyFile: path.resolve(__dirname, "..", "access-policy.json"),
  recordTypes,
};

export { HEALTH_AGENCY } from "./agency";
export { HEALTH_EVENT_KINDS } from "./events/healthEventKinds";
export { recordTypes } from "./records";
