import { randomUUID } from "node:crypto";
import { REGISTRATION_PATH, type ServiceDatabase } from "@tessera/kit";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { parseRegistrations } from "./parseRegistrations";
import { registerPeople } from "./registerPeople";

/**
 * `POST /internal/registrations` — agencies' outbox relays deliver `{ "registrations": [...] }` here.
 * 200 `{ results: [{ agency, localId, subjectId }] }` in the batch's order; 400 `{ errors: [{ index,
 * field, reason }] }` with nothing saved when anything is wrong. Its own body limit: a batch of
 * 1000 registrations is far larger than any GraphQL request.
 */
export function registrationRoutes(app: Express, database: ServiceDatabase): void {
  app.post(REGISTRATION_PATH, express.json({ limit: "20mb" }), async (req: Request, res: Response) => {
    const parsed = parseRegistrations(req.body);
    if (parsed.errors) return void res.status(400).json({ errors: parsed.errors });
    const results = await registerPeople(database.dataSource, parsed.registrations);
    res.json({ results });
  });
  app.use(REGISTRATION_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (status === 400 || status === 413 || status === 415) {
      return void res.status(status).json({ errors: [{ index: null, field: "body", reason: (error as Error).message }] });
    }
    // Database errors can carry personal data: log them here, answer with a reference only.
    const reference = randomUUID();
    process.stderr.write(`${JSON.stringify({ level: "error", service: "identity", reference, message: (error as Error).message })}\n`);
    res.status(500).json({ error: `internal error (reference ${reference})` });
  });
}
