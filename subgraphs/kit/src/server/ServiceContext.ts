import type { DataSource } from "typeorm";
import type { LoaderRegistry } from "../loaders/LoaderRegistry";
import type { RegistrationRelay } from "../registration/RegistrationRelay";

/** What every resolver of every subgraph gets for one request. */
export interface ServiceContext {
  /** From the gateway's `x-request-id`, else generated: ties logs across services together. */
  requestId: string;
  /**
   * The caller's `Authorization` header as the gateway forwarded it. Verifying it and applying the
   * agency's policy is the access layer's job (issue 4); nothing here trusts it yet.
   */
  authorization?: string;
  /**
   * The professional making the request, from `x-tessera-user`, recorded with the decisions they
   * make. Not verified: until access control carries a verified user in the token, it is what the
   * caller says.
   */
  user?: string;
  db: DataSource;
  loaders: LoaderRegistry;
  /** An agency's channel to identity: flushed after each person write. */
  registrations?: RegistrationRelay;
}
