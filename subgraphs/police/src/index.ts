import path from "node:path";
import { CreateAccessLog1732600000000, CreateIdentityOutbox1732240000000, RegistrationOutboxEntry, type SubgraphDefinition } from "@tessera/kit";
import { DashAssessmentEntity } from "./dash/DashAssessmentEntity";
import { InvolvementEntity } from "./involvements/InvolvementEntity";
import { MaracReferralEntity } from "./marac/MaracReferralEntity";
import { CreatePoliceRecords1732250000000 } from "./migrations/1732250000000-CreatePoliceRecords";
import { OccurrenceMarkersAndRelationships1796700000000 } from "./migrations/1796700000000-OccurrenceMarkersAndRelationships";
import { NominalAddressEntity } from "./nominals/NominalAddressEntity";
import { NominalEntity } from "./nominals/NominalEntity";
import { OccurrenceEntity } from "./occurrences/OccurrenceEntity";
import { recordTypes } from "./records";
import { RelationshipEntity } from "./relationships/RelationshipEntity";
import { buildSchema } from "./schema";

/** The police subgraph: POLE-shaped records across forces, and `Subject.policeEvents`. */
export const subgraph: SubgraphDefinition = {
  service: "police",
  entities: [RegistrationOutboxEntry, NominalEntity, NominalAddressEntity, OccurrenceEntity, InvolvementEntity, RelationshipEntity, DashAssessmentEntity, MaracReferralEntity],
  migrations: [CreateIdentityOutbox1732240000000, CreatePoliceRecords1732250000000, CreateAccessLog1732600000000, OccurrenceMarkersAndRelationships1796700000000],
  buildSchema,
  policyFile: path.resolve(__dirname, "..", "access-policy.json"),
  recordTypes,
};

export { POLICE_AGENCY } from "./agency";
export { POLICE_EVENT_KINDS } from "./events/policeEventKinds";
export { recordTypes } from "./records";
