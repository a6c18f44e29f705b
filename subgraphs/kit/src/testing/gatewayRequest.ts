import { loadAccessConfig } from "../access/accessConfig";
import { issueDevToken, type DevTokenClaims } from "../access/devIssuer";
import { signRequest } from "../access/gatewaySignature";
import { JUSTIFICATION_HEADER } from "../access/Caller";

export interface GatewayRequestOptions {
  /** The subgraph's `/graphql` URL. */
  url: string;
  service: string;
  /** Who the token names; null sends no token. */
  as: DevTokenClaims | null;
  query: string;
  variables?: Record<string, unknown>;
  justification?: string;
  /** Leave the request unsigned, as anyone but the gateway would send it. */
  unsigned?: boolean;
}

/**
 * Calls a subgraph directly as the gateway would: a token from the development issuer and the
 * gateway's signature with the development secret. For tests of a subgraph served on its own.
 */
export async function gatewayRequest(options: GatewayRequestOptions): Promise<{ status: number; body: any; headers: Record<string, string> }> {
  const body = JSON.stringify({ query: options.query, variables: options.variables ?? {} });
  const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": `test-${Date.now()}-${Math.random()}` };
  if (options.as) headers.authorization = `Bearer ${await issueDevToken(options.as)}`;
  if (options.justification) headers[JUSTIFICATION_HEADER] = options.justification;
  if (!options.unsigned) {
    const secret = (await loadAccessConfig()).gatewaySecret(options.service);
    Object.assign(headers, signRequest(secret, { service: options.service, body, authorization: headers.authorization, justification: options.justification, requestId: headers["x-request-id"] }));
  }
  const response = await fetch(options.url, { method: "POST", headers, body });
  return { status: response.status, body: await response.json(), headers };
}
