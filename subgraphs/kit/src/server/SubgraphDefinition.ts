import type { Express } from "express";
import type { TokenVerifier } from "../access/TokenVerifier";
import type { EntitySchema, MixedList } from "typeorm";
import type { ServiceName } from "../config/services";
import type { ServiceDatabase } from "../database/createServiceDataSource";
import type { RecordTypes } from "../records/RecordType";
import type { FederatedSchema } from "../schema/buildFederatedSchema";

/**
 * Everything the kit needs to run, compose, migrate and import into one subgraph. Each subgraph
 * exports one from its `src/index.ts`; its `src/main.ts` only runs it.
 */
export interface SubgraphDefinition {
  service: ServiceName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  buildSchema(): Promise<FederatedSchema>;
  /** Agencies: the record types their mutations and bulk import write, in dependency order. */
  recordTypes?: RecordTypes;
  /**
   * The subgraph's `access-policy.json`: the tier of every field it serves. The subgraph does not
   * start if a field has no entry.
   */
  policyFile: string;
  /** Routes beside `/graphql` (identity's registration endpoint), which verify their callers with `verifier`. */
  routes?(app: Express, database: ServiceDatabase, verifier: TokenVerifier): void;
}
