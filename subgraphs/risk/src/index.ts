import path from "node:path";
import { CreateAccessLog1732600000000, type SubgraphDefinition } from "@tessera/kit";
import { buildSchema } from "./schema";

/**
 * Risk: computed fields on `Subject` — chronology, risk assessment, MARAC criteria, perpetrator
 * profile, associates — from the agencies' signal-level events, which the gateway fetches for each
 * caller under each agency's own policy. It keeps no copy of agency data: its database holds its own
 * access log only.
 */
export const subgraph: SubgraphDefinition = {
  service: "risk",
  entities: [],
  migrations: [CreateAccessLog1732600000000],
  buildSchema,
  policyFile: path.resolve(__dirname, "..", "access-policy.json"),
};
