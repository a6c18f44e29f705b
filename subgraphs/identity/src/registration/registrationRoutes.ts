import { randomUUID } from "node:crypto";
import { accessLogEntry, AuthenticationFailure, REGISTRATION_PATH, SERVICE_ROLE, useJsonErrors, writeAccessLog, type Caller, type ServiceDatabase, type TokenVerifier } from "@tessera/kit";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { parseRegistrations } from "./parseRegistrations";
import { registerPeople } from "./registerPeople";

/**
 * `POST /internal/registrations` — agencies' outbox relays deliver `{ "registrations": [...] }` here.
 * 200 `{ results: [{ agency, localId, subjectId }] }` in the batch's order; 400 `{ errors: [{ index,
 * field, reason }] }` with nothing saved when anything is wrong. Its own body limit: a batch of
 * 1000 registrations is far larger than any GraphQL request.
 *
 * Only an agency's service account may call it (a token with the `service` role; 401 otherwise,
 * 403 for a person's token), and only for its own agency's records. Each accepted batch is a
 * collection of personal data, so it is written to identity's access log before the answer.
 */
export function registrationRoutes(app: Express, database: ServiceDatabase, verifier: TokenVerifier): void {
  // The caller is checked before the body is read: nobody else gets identity to parse 20 MB.
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = await verifier.verify(req.header("authorization"));
      if (!caller.roles.includes(SERVICE_ROLE)) {
        return void res.status(403).json({ errors: [{ index: null, field: "authorization", reason: "registrations are accepted only from an agency's service account" }] });
      }
      res.locals.caller = caller;
      next();
    } catch (error) {
      if (error instanceof AuthenticationFailure) return void res.status(401).json({ errors: [{ index: null, field: "authorization", reason: error.message }] });
      next(error);
    }
  };
  app.post(REGISTRATION_PATH, authenticate, express.json({ limit: "20mb" }), async (req: Request, res: Response) => {
    const caller = res.locals.caller as Caller;
    const parsed = parseRegistrations(req.body);
    if (parsed.errors) return void res.status(400).json({ errors: parsed.errors });
    const foreign = parsed.registrations.findIndex((registration) => registration.agency !== caller.agency);
    if (foreign >= 0) {
      return void res.status(403).json({ errors: [{ index: foreign, field: "agency", reason: `the ${caller.agency} service account may register only ${caller.agency} records` }] });
    }
    // Logged before it is made, so that no registration is saved unlogged; a failure afterwards leaves
    // an entry for a write that did not happen, which the relay's retry then makes.
    const record = {
      action: "write" as const,
      subjects: [],
      records: parsed.registrations.map((registration) => `PersonRecord:${registration.agency}/${registration.localId}`),
      fields: ["registration"],
      denied: [],
    };
    await writeAccessLog(database.dataSource, accessLogEntry("identity", caller, { requestId: req.header("x-request-id") ?? randomUUID(), operation: "register" }, record)!);
    const results = await registerPeople(database.dataSource, parsed.registrations);
    res.json({ results });
  });
  // The batch endpoint's own error shape, with the kit's wording; causes of internal errors logged, never sent.
  app.use(
    REGISTRATION_PATH,
    useJsonErrors({
      service: "identity",
      body: ({ status, message }) => (status >= 500 ? { error: message } : { errors: [{ index: null, field: "body", reason: message }] }),
    }),
  );
}
