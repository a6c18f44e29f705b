import path from "node:path";
import { CreateAccessLog1732600000000 } from "@tessera/kit";
import "reflect-metadata";
import { CreateIdentityOutbox1732240000000, RegistrationOutboxEntry, type SubgraphDefinition } from "@tessera/kit";
import { ClientEntity } from "./clients/ClientEntity";
import { EpisodeEntity } from "./episodes/EpisodeEntity";
import { HouseholdMemberEntity } from "./households/HouseholdMemberEntity";
import { EpisodeInvolvementEntity } from "./involvements/EpisodeInvolvementEntity";
import { CreateSocialCareTables1732250000000 } from "./migrations/1732250000000-CreateSocialCareTables";
import { EpisodeUnbornChild1732700000000 } from "./migrations/1732700000000-EpisodeUnbornChild";
import { recordTypes } from "./records";
import { buildSchema } from "./schema";

export { SOCIAL_CARE_AGENCY } from "./agency";
export { EPISODE_KINDS } from "./episodes/EpisodeKind";
export { recordTypes } from "./records";
export { buildSchema } from "./schema";

/** The social care subgraph: councils' clients, referrals, enquiries and plans. */
export const subgraph: SubgraphDefinition = {
  service: "social-care",
  entities: [RegistrationOutboxEntry, ClientEntity, EpisodeEntity, EpisodeInvolvementEntity, HouseholdMemberEntity],
  migrations: [CreateIdentityOutbox1732240000000, CreateSocialCareTables1732250000000, CreateAccessLog1732600000000, EpisodeUnbornChild1732700000000],
  buildSchema,
  policyFile: path.resolve(__dirname, "..", "access-policy.json"),
  recordTypes,
};
