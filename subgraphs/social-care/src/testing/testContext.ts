import { randomUUID } from "node:crypto";
import { LoaderRegistry, type ServiceContext } from "@tessera/kit";
import type { DataSource } from "typeorm";

/** A request context with no identity relay: registrations stay queued in the outbox for the test to read. */
export function testContext(db: DataSource): ServiceContext {
  return { requestId: randomUUID(), db, loaders: new LoaderRegistry() };
}
