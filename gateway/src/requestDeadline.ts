import type { RequestHandler, Response } from "express";
import { CallerWentAway, RequestDeadlineExceeded } from "./fetchDeadline";

export interface RequestDeadlineOptions {
  /** How long one request may take in all, from its arrival; see DEFAULT_REQUEST_DEADLINE_MS. */
  deadlineMs: number;
}

const DEADLINE = Symbol("request deadline");

/**
 * A deadline for each request, from the moment it reaches the gateway: an abort signal that fires
 * when the deadline passes (reason RequestDeadlineExceeded) or when the caller hangs up first
 * (CallerWentAway). The subgraph fetches still outstanding then are aborted, and the caller gets
 * what had arrived with an error for each agency cut short. Hand the signal to the request's
 * context with `signalOf(res)`.
 */
export function useRequestDeadline(options: RequestDeadlineOptions): { middleware: RequestHandler; signalOf(res: Response): AbortSignal | undefined } {
  return {
    middleware(_req, res, next) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new RequestDeadlineExceeded(options.deadlineMs)), options.deadlineMs);
      res.once("close", () => {
        clearTimeout(timer);
        if (!res.writableFinished) controller.abort(new CallerWentAway());
      });
      (res.locals as Record<symbol, AbortSignal>)[DEADLINE] = controller.signal;
      next();
    },
    signalOf: (res) => (res.locals as Record<symbol, AbortSignal | undefined>)[DEADLINE],
  };
}
