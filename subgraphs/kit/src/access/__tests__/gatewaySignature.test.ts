import { JUSTIFICATION_HEADER } from "../Caller";
import { GatewaySignatureVerifier, NONCE_HEADER, REPLAY_WINDOW_MS, SIGNATURE_HEADER, signRequest, TIMESTAMP_HEADER, type SignedParts } from "../gatewaySignature";

const SECRET = "police-gateway-secret-0123456789abcdef";
const BODY = JSON.stringify({ query: "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }", variables: { r: [{ __typename: "Subject", id: "S1" }] } });
const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

const PARTS: SignedParts = { service: "police", body: BODY, authorization: "Bearer abc.def.ghi", justification: "Section 47 enquiry, ref 2025/0142", requestId: "r-1" };

/** A request as the subgraph receives it: the forwarded headers of these parts, plus the signature headers. */
function received(parts: SignedParts, signature: Record<string, string>): (name: string) => string | undefined {
  const headers: Record<string, string | undefined> = {
    authorization: parts.authorization,
    [JUSTIFICATION_HEADER]: parts.justification,
    "x-request-id": parts.requestId,
    ...signature,
  };
  return (name) => headers[name.toLowerCase()];
}

describe("gateway request signatures", () => {
  let verifier: GatewaySignatureVerifier;
  beforeEach(() => (verifier = new GatewaySignatureVerifier("police", SECRET)));

  it("accepts a request the gateway signed, as bytes or as text", () => {
    const signature = signRequest(SECRET, PARTS, T0);
    expect(Object.keys(signature).sort()).toEqual([NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER].sort());
    expect(signature[SIGNATURE_HEADER]).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signature[TIMESTAMP_HEADER]).toBe(String(T0));
    expect(verifier.check(received(PARTS, signature), Buffer.from(BODY), T0 + 1000)).toBeNull();
    expect(verifier.check(received(PARTS, signRequest(SECRET, PARTS, T0)), BODY, T0)).toBeNull();
  });

  it("accepts a request without token, justification or request id, signed as such", () => {
    const bare: SignedParts = { service: "police", body: "{}" };
    expect(verifier.check(received(bare, signRequest(SECRET, bare, T0)), "{}", T0)).toBeNull();
  });

  it("gives every request its own nonce", () => {
    const nonces = new Set(Array.from({ length: 20 }, () => signRequest(SECRET, PARTS, T0)[NONCE_HEADER]));
    expect(nonces.size).toBe(20);
  });

  it.each<[string, Partial<SignedParts>]>([
    ["body was altered", { body: BODY.replace("S1", "S2") }],
    ["body gained a trailing byte", { body: `${BODY} ` }],
    ["token was swapped", { authorization: "Bearer xyz.def.ghi" }],
    ["token was removed", { authorization: undefined }],
    ["justification was changed", { justification: "Curiosity about a neighbour" }],
    ["justification was removed", { justification: undefined }],
    ["request id was changed", { requestId: "r-2" }],
  ])("refuses a signed request whose %s", (_what, change) => {
    const signature = signRequest(SECRET, PARTS, T0);
    const altered = { ...PARTS, ...change };
    expect(verifier.check(received(altered, signature), altered.body, T0)).toBe("The gateway signature does not match this request");
  });

  it("refuses a request signed for another subgraph, or with another subgraph's secret", () => {
    const forHealth = signRequest(SECRET, { ...PARTS, service: "health" }, T0);
    expect(verifier.check(received(PARTS, forHealth), BODY, T0)).toBe("The gateway signature does not match this request");
    const otherSecret = signRequest("health-gateway-secret-0123456789abcdef", PARTS, T0);
    expect(verifier.check(received(PARTS, otherSecret), BODY, T0)).toBe("The gateway signature does not match this request");
  });

  it("refuses a signature whose timestamp or nonce was changed after signing", () => {
    const signature = signRequest(SECRET, PARTS, T0);
    expect(verifier.check(received(PARTS, { ...signature, [TIMESTAMP_HEADER]: String(T0 + 1) }), BODY, T0)).toBe("The gateway signature does not match this request");
    expect(verifier.check(received(PARTS, { ...signature, [NONCE_HEADER]: "0".repeat(32) }), BODY, T0)).toBe("The gateway signature does not match this request");
    expect(verifier.check(received(PARTS, { ...signature, [SIGNATURE_HEADER]: signature[SIGNATURE_HEADER]!.slice(0, -2) }), BODY, T0)).toBe("The gateway signature does not match this request");
  });

  it("refuses a request signed outside the replay window, either side of the subgraph's clock", () => {
    const signature = signRequest(SECRET, PARTS, T0);
    expect(verifier.check(received(PARTS, signature), BODY, T0 + REPLAY_WINDOW_MS + 1)).toBe("The gateway signature is outside its replay window");
    expect(verifier.check(received(PARTS, signature), BODY, T0 - REPLAY_WINDOW_MS - 1)).toBe("The gateway signature is outside its replay window");
    expect(verifier.check(received(PARTS, { ...signature, [TIMESTAMP_HEADER]: "yesterday" }), BODY, T0)).toBe("The gateway signature is outside its replay window");
    // At the edge of the window it still holds.
    expect(verifier.check(received(PARTS, signature), BODY, T0 + REPLAY_WINDOW_MS)).toBeNull();
  });

  it("refuses the same signed request a second time as a replay, but not another signed the same", () => {
    const signature = signRequest(SECRET, PARTS, T0);
    expect(verifier.check(received(PARTS, signature), BODY, T0)).toBeNull();
    expect(verifier.check(received(PARTS, signature), BODY, T0 + 5)).toBe("This gateway signature has been used already (a replayed request)");
    expect(verifier.check(received(PARTS, signRequest(SECRET, PARTS, T0 + 10)), BODY, T0 + 10)).toBeNull();
  });

  it("does not let a refused (tampered) request use up the genuine request's nonce", () => {
    const signature = signRequest(SECRET, PARTS, T0);
    expect(verifier.check(received({ ...PARTS, requestId: "r-forged" }, signature), BODY, T0)).not.toBeNull();
    expect(verifier.check(received(PARTS, signature), BODY, T0)).toBeNull();
  });

  it("still refuses a replay once other nonces have expired", () => {
    const old = signRequest(SECRET, PARTS, T0);
    expect(verifier.check(received(PARTS, old), BODY, T0)).toBeNull();
    const recent = signRequest(SECRET, PARTS, T0 + 20_000);
    expect(verifier.check(received(PARTS, recent), BODY, T0 + 20_000)).toBeNull();
    // At T0 + 40s the first nonce is forgotten (its timestamp is outside the window anyway); the second is not.
    expect(verifier.check(received(PARTS, signRequest(SECRET, PARTS, T0 + 40_000)), BODY, T0 + 40_000)).toBeNull();
    expect(verifier.check(received(PARTS, recent), BODY, T0 + 40_000)).toBe("This gateway signature has been used already (a replayed request)");
    expect(verifier.check(received(PARTS, old), BODY, T0 + 40_000)).toBe("The gateway signature is outside its replay window");
  });

  it.each([SIGNATURE_HEADER, TIMESTAMP_HEADER, NONCE_HEADER])("refuses a request without the %s header as not from the gateway", (header) => {
    const signature = signRequest(SECRET, PARTS, T0);
    delete signature[header];
    expect(verifier.check(received(PARTS, signature), BODY, T0)).toBe("Requests to police must come through the gateway: this one is not signed");
  });

  it("refuses a request with no signature at all", () => {
    expect(verifier.check(received(PARTS, {}), BODY, T0)).toBe("Requests to police must come through the gateway: this one is not signed");
  });
});
