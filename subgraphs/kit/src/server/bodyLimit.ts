import { integerSetting } from "../config/integerSetting";

/**
 * The gateway reads request bodies up to 1 MiB (`TESSERA_GATEWAY_BODY_LIMIT`): every documented
 * query together is under 4 KB (docs/queries), and a caseload of 500 ids in variables about 20 KB;
 * the rest is room for a front end's larger documents, not for a body that only costs parsing.
 */
export const DEFAULT_GATEWAY_BODY_LIMIT = 1024 * 1024;

/**
 * A subgraph reads request bodies up to 5 MiB (`TESSERA_SUBGRAPH_BODY_LIMIT`): the gateway's
 * `_entities` fetches carry every subject's representation, and risk's carry the events its
 * `@requires` asked for (up to 1,000 per agency per subject).
 */
export const DEFAULT_SUBGRAPH_BODY_LIMIT = 5 * 1024 * 1024;

/** Below this a limit would refuse ordinary queries: a mistyped variable, not a choice. */
const SMALLEST_BODY_LIMIT = 1024;

/**
 * The largest request body a service reads, in bytes: `variable` when set, else `fallback`. Over it
 * the kit's `useJsonErrors` answers 413 `PAYLOAD_TOO_LARGE` with the limit named.
 */
export function bodyLimit(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  return integerSetting(env, variable, fallback, SMALLEST_BODY_LIMIT);
}
