import { AsyncLocalStorage } from "node:async_hooks";
import { GraphQLError } from "graphql";

/** The reason a request's signal aborts when its deadline passes (see useRequestDeadline). */
export class RequestDeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the request's ${deadlineMs} ms deadline passed`);
    this.name = "RequestDeadlineExceeded";
  }
}

/** The reason a request's signal aborts when its caller hangs up before the answer: nobody is left to wait for it. */
export class CallerWentAway extends Error {
  constructor() {
    super("the caller closed the connection before the answer");
    this.name = "CallerWentAway";
  }
}

/** A subgraph fetch aborted by a deadline: the error already names the agency and the limit. */
export class FetchCutShort extends GraphQLError {}

/** The signal of the subgraph fetch in progress, for the fetcher, which Apollo calls without the request's context. */
const fetchSignals = new AsyncLocalStorage<AbortSignal>();

/** The abort signal the current subgraph fetch must be sent with, if it runs under a deadline. */
export function currentFetchSignal(): AbortSignal | undefined {
  return fetchSignals.getStore();
}

/**
 * Runs one subgraph fetch so that it is aborted — its connection closed — after `timeoutMs`, or
 * when the incoming request's own signal aborts (its deadline, or its caller gone), whichever comes
 * first. An aborted fetch rejects with a GraphQL error that names the agency and says which limit
 * cut it short; any other failure is rethrown as it came, for the caller's own mapping.
 */
export async function fetchWithin<T>(serviceName: string, timeoutMs: number, request: AbortSignal | undefined, fetch: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const followRequest = () => controller.abort(request!.reason);
  if (request?.aborted) followRequest();
  else request?.addEventListener("abort", followRequest, { once: true });
  try {
    return await fetchSignals.run(controller.signal, fetch);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    throw cutShort(serviceName, timeoutMs, controller.signal.reason, error as Error);
  } finally {
    clearTimeout(timer);
    request?.removeEventListener("abort", followRequest);
  }
}

function cutShort(serviceName: string, timeoutMs: number, reason: unknown, originalError: Error): FetchCutShort {
  if (reason instanceof RequestDeadlineExceeded) {
    return new FetchCutShort(`${serviceName} had not answered when the request's ${reason.deadlineMs} ms deadline passed: its data is missing from this answer`, {
      extensions: { code: "REQUEST_DEADLINE_EXCEEDED", serviceName, deadlineMs: reason.deadlineMs },
      originalError,
    });
  }
  if (reason instanceof CallerWentAway) {
    return new FetchCutShort(`${serviceName} was not waited for: ${reason.message}`, { extensions: { code: "CALLER_WENT_AWAY", serviceName }, originalError });
  }
  return new FetchCutShort(`${serviceName} did not answer within ${timeoutMs} ms: its data is missing from this answer`, {
    extensions: { code: "SUBGRAPH_TIMEOUT", serviceName, timeoutMs },
    originalError,
  });
}
