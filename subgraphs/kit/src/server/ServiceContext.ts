import type { DataSource } from "typeorm";
import type { Caller } from "../access/Caller";
import type { DeclaredCallers } from "../access/DeclaredCallers";
import type { RequestAccess } from "../access/RequestAccess";
import type { LoaderRegistry } from "../loaders/LoaderRegistry";
import type { RegistrationRelay } from "../registration/RegistrationRelay";

/** What every resolver of every subgraph gets for one request. */
export interface ServiceContext {
  /** From the gateway's `x-request-id`, else generated: ties logs across services together. */
  requestId: string;
  /**
   * Who is asking and why, from the bearer token the subgraph verified itself, with the request's
   * justification. Absent only in in-process tests of resolvers, which run without the policy.
   */
  caller?: Caller;
  /** The agencies and areas declared to Tessera, for writes by area; present whenever `caller` is. */
  callers?: DeclaredCallers;
  /** The agency's policy applied to this request; what it admits and refuses goes to the access log. */
  access?: RequestAccess;
  db: DataSource;
  loaders: LoaderRegistry;
  /** An agency's channel to identity: flushed after each person write. */
  registrations?: RegistrationRelay;
}
