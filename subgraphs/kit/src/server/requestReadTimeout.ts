import { integerSetting } from "../config/integerSetting";

/**
 * How long a service waits for a whole request — headers and body — to arrive
 * (`TESSERA_REQUEST_READ_TIMEOUT_MS`, default 10 s), after which Node closes the connection. The
 * largest body a service reads (5 MiB) takes milliseconds on a network; Node's own default of five
 * minutes let 32 connections that sent half a body each hold every place in the gateway.
 */
export const DEFAULT_REQUEST_READ_TIMEOUT_MS = 10_000;

/** Shorter would cut off a large body on a slow link: a mistyped variable, not a choice. */
const SHORTEST_REQUEST_READ_TIMEOUT_MS = 1_000;

/**
 * The options for `http.createServer` that bound a request's arrival. Node checks open connections
 * against the timeout every `connectionsCheckingInterval` (default 30 s): once a second keeps the
 * bound close to what it says.
 */
export function requestReadTimeout(env: NodeJS.ProcessEnv = process.env): { requestTimeout: number; connectionsCheckingInterval: number } {
  return { requestTimeout: integerSetting(env, "TESSERA_REQUEST_READ_TIMEOUT_MS", DEFAULT_REQUEST_READ_TIMEOUT_MS, SHORTEST_REQUEST_READ_TIMEOUT_MS), connectionsCheckingInterval: 1_000 };
}
