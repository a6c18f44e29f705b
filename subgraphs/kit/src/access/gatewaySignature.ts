import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { JUSTIFICATION_HEADER } from "./Caller";

/**
 * The gateway signs every request it sends a subgraph: an HMAC-SHA256, with a secret that gateway
 * and subgraph alone share, over the exact body bytes, the caller's token, justification and request
 * id, a timestamp and a one-time nonce. A subgraph refuses anything else, so nobody who can reach it
 * on the network can call `_entities` with hand-made `@requires` inputs or swap the token.
 */
export const SIGNATURE_HEADER = "x-tessera-signature";
export const TIMESTAMP_HEADER = "x-tessera-timestamp";
export const NONCE_HEADER = "x-tessera-nonce";

/** How far a request's timestamp may be from the subgraph's clock; nonces are kept this long. */
export const REPLAY_WINDOW_MS = 30_000;

export interface SignedParts {
  service: string;
  body: string | Buffer;
  authorization?: string | undefined;
  justification?: string | undefined;
  requestId?: string | undefined;
}

function mac(secret: string, parts: SignedParts, timestamp: string, nonce: string): string {
  const bodyDigest = createHash("sha256").update(parts.body).digest("hex");
  const signed = ["tessera-v1", parts.service, timestamp, nonce, bodyDigest, parts.authorization ?? "", parts.justification ?? "", parts.requestId ?? ""].join("\n");
  return createHmac("sha256", secret).update(signed).digest("hex");
}

/** The headers that prove the gateway sent this request. */
export function signRequest(secret: string, parts: SignedParts, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  const nonce = randomBytes(16).toString("hex");
  return { [SIGNATURE_HEADER]: `v1=${mac(secret, parts, timestamp, nonce)}`, [TIMESTAMP_HEADER]: timestamp, [NONCE_HEADER]: nonce };
}

/** Checks signatures for one subgraph and remembers nonces for the replay window. */
export class GatewaySignatureVerifier {
  private readonly seen = new Map<string, number>();

  constructor(private readonly service: string, private readonly secret: string) {}

  /** Null when the request is genuine and new; otherwise why it is refused. */
  check(headers: (name: string) => string | undefined, body: Buffer | string, now = Date.now()): string | null {
    const signature = headers(SIGNATURE_HEADER);
    const timestamp = headers(TIMESTAMP_HEADER);
    const nonce = headers(NONCE_HEADER);
    if (!signature || !timestamp || !nonce) return `Requests to ${this.service} must come through the gateway: this one is not signed`;
    const sent = Number(timestamp);
    if (!Number.isFinite(sent) || Math.abs(now - sent) > REPLAY_WINDOW_MS) return "The gateway signature is outside its replay window";
    const expected = Buffer.from(`v1=${mac(this.secret, { service: this.service, body, authorization: headers("authorization"), justification: headers(JUSTIFICATION_HEADER), requestId: headers("x-request-id") }, timestamp, nonce)}`);
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "The gateway signature does not match this request";
    this.forgetExpired(now);
    if (this.seen.has(nonce)) return "This gateway signature has been used already (a replayed request)";
    this.seen.set(nonce, sent);
    return null;
  }

  private forgetExpired(now: number): void {
    // Insertion order is roughly time order, so expired nonces sit at the front.
    for (const [nonce, sent] of this.seen) {
      if (now - sent <= REPLAY_WINDOW_MS) break;
      this.seen.delete(nonce);
    }
  }
}
