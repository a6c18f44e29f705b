import { integerSetting, sendRefusal } from "@tessera/kit";
import type { Request, RequestHandler } from "express";

/**
 * Requests one caller may have in flight at once. A professional at a screen waits for one answer
 * at a time; a page that loads a caseload and its risk side by side sends two or three. Four leaves
 * room for that, while the six concurrent copies of a heavy query from one token are refused
 * beyond the fourth instead of queueing in front of everyone else.
 */
export const DEFAULT_MAX_IN_FLIGHT_PER_CALLER = 4;

/**
 * Requests the gateway has in flight at once, all callers together. Each subgraph has a pool of 10
 * database connections (`TESSERA_PG_POOL`); a request beyond about three times that only waits in a
 * queue behind the others until its fetches time out, so it is better told at once to come back.
 */
export const DEFAULT_MAX_IN_FLIGHT = 32;

/** What a refused caller is told to wait before trying again: about the time a heavy query takes to finish. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

export interface InFlightCapOptions {
  /** Default `TESSERA_MAX_IN_FLIGHT_PER_CALLER`, else DEFAULT_MAX_IN_FLIGHT_PER_CALLER. */
  perCaller: number;
  /** Default `TESSERA_MAX_IN_FLIGHT`, else DEFAULT_MAX_IN_FLIGHT. */
  overall: number;
  /** The `Retry-After` of a refusal. Default `TESSERA_RETRY_AFTER_SECONDS`, else DEFAULT_RETRY_AFTER_SECONDS. */
  retryAfterSeconds: number;
}

/** The cap's settings from the environment; a value that is not a whole number above zero stops the gateway at start. */
export function loadInFlightCapOptions(env: NodeJS.ProcessEnv = process.env): InFlightCapOptions {
  return {
    perCaller: integerSetting(env, "TESSERA_MAX_IN_FLIGHT_PER_CALLER", DEFAULT_MAX_IN_FLIGHT_PER_CALLER),
    overall: integerSetting(env, "TESSERA_MAX_IN_FLIGHT", DEFAULT_MAX_IN_FLIGHT),
    retryAfterSeconds: integerSetting(env, "TESSERA_RETRY_AFTER_SECONDS", DEFAULT_RETRY_AFTER_SECONDS),
  };
}

/** Which limit refused a request: the caller's own, or the gateway's. */
export type CapScope = "caller" | "gateway";

/**
 * Counts requests in flight, per caller and in all; a request is admitted only while both counts
 * are under their limits, and it holds its place until it is released. Requests whose caller is
 * unknown (no valid token: refused moments later) count towards the overall limit only.
 */
export class InFlightCap {
  private total = 0;
  private readonly perCaller = new Map<string, number>();

  constructor(private readonly limits: Pick<InFlightCapOptions, "perCaller" | "overall">) {}

  /** A release function when admitted (safe to call more than once), else the limit that refused. */
  enter(caller: string | undefined): { release(): void } | { refused: CapScope; limit: number } {
    const held = caller === undefined ? 0 : (this.perCaller.get(caller) ?? 0);
    if (caller !== undefined && held >= this.limits.perCaller) return { refused: "caller", limit: this.limits.perCaller };
    if (this.total >= this.limits.overall) return { refused: "gateway", limit: this.limits.overall };
    this.total += 1;
    if (caller !== undefined) this.perCaller.set(caller, held + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        if (caller === undefined) return;
        const left = this.perCaller.get(caller)! - 1;
        if (left === 0) this.perCaller.delete(caller);
        else this.perCaller.set(caller, left);
      },
    };
  }

  /** Requests in flight: in all, or of one caller. */
  inFlight(caller?: string): number {
    return caller === undefined ? this.total : (this.perCaller.get(caller) ?? 0);
  }
}

/**
 * Back-pressure at the gateway's door: a request over the caller's or the gateway's in-flight cap
 * is answered at once with HTTP 429, a `Retry-After` header and a GraphQL error (code
 * `TOO_MANY_REQUESTS`, with the scope and limit that refused it), before its body is read.
 * An admitted request holds its place until its response is finished or its connection closes; a
 * request whose caller hung up before it was admitted takes none and is not answered.
 * `callerOf` names the caller (their verified token's subject within its issuer), or undefined.
 */
export function useInFlightCap(options: InFlightCapOptions & { callerOf(req: Request): Promise<string | undefined> }): RequestHandler {
  const cap = new InFlightCap(options);
  return async (req, res, next) => {
    // Listened for before the caller is known: a client that hangs up while its token is verified
    // has already closed by the time the cap could admit it, and a place taken then is never given back.
    let closed = false;
    const markClosed = () => void (closed = true);
    res.once("close", markClosed);
    const caller = await options.callerOf(req);
    res.off("close", markClosed);
    if (closed || req.destroyed) return;
    const entry = cap.enter(caller);
    if ("refused" in entry) {
      const whose = entry.refused === "caller" ? "you already have" : "the gateway already has";
      sendRefusal(res.set("retry-after", String(options.retryAfterSeconds)), {
        status: 429,
        code: "TOO_MANY_REQUESTS",
        message: `Too many requests in flight: ${whose} ${entry.limit}. Wait for an answer, then retry after ${options.retryAfterSeconds} s`,
        extensions: { scope: entry.refused, limit: entry.limit, retryAfterSeconds: options.retryAfterSeconds },
      });
      return;
    }
    res.once("close", entry.release);
    next();
  };
}
