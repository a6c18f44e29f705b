import path from "node:path";
import { CreateAccessLog1732600000000, type SubgraphDefinition } from "@tessera/kit";
import { CreateLinkageModel1732400000000 } from "./migrations/1732400000000-CreateLinkageModel";
import { CreateSubjectIndex1732300000000 } from "./migrations/1732300000000-CreateSubjectIndex";
import { ProbabilisticLinkage1732500000000 } from "./migrations/1732500000000-ProbabilisticLinkage";
import { registrationRoutes } from "./registration/registrationRoutes";
import { buildSchema } from "./schema";
import { PersonRecordEntity } from "./subjects/PersonRecordEntity";
import { SubjectEntity } from "./subjects/SubjectEntity";

/**
 * Identity: the subject index. Not an agency — it holds no events and writes no records of its
 * own; agencies register their person records with it, and it decides who is who.
 */
export const subgraph: SubgraphDefinition = {
  service: "identity",
  entities: [SubjectEntity, PersonRecordEntity],
  migrations: [CreateSubjectIndex1732300000000, CreateLinkageModel1732400000000, ProbabilisticLinkage1732500000000, CreateAccessLog1732600000000],
  buildSchema,
  policyFile: path.resolve(__dirname, "..", "access-policy.json"),
  routes: registrationRoutes,
};

export type { RecordKey } from "./linkage/RecordKey";
export { LinkRule } from "./linkage/LinkRule";
