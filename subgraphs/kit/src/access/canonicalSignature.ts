import { InvalidClaims } from "./Caller";

/**
 * The order n of each ECDSA curve JOSE signs with. For a valid signature (r, s), (r, n − s) is valid
 * too: without a rule, every token has a second spelling that verifies, which defeats anything keyed
 * on the token's text (a cache, a replay or revocation list). The canonical form is the low one,
 * s ≤ n/2, as Bitcoin (BIP 62/146) and Ethereum (EIP-2) require; jose checks only the mathematics.
 */
export const ECDSA_CURVE_ORDERS: Readonly<Record<string, bigint>> = {
  ES256: BigInt("0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"),
  ES384: BigInt("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973"),
  ES512: BigInt(
    "0x01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
  ),
};

interface EcdsaSignature {
  order: bigint;
  s: bigint;
  /** Rebuilds the token with another s. */
  withS(s: bigint): string;
}

/** The ECDSA parts of a compact JWS, or null for another algorithm or a token too malformed to read (jose refuses those itself). */
export function ecdsaSignature(token: string): EcdsaSignature | null {
  const [header, payload, signature] = token.split(".");
  if (!header || payload === undefined || !signature) return null;
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: unknown }).alg;
  } catch {
    return null;
  }
  const order = typeof alg === "string" ? ECDSA_CURVE_ORDERS[alg] : undefined;
  const bytes = Buffer.from(signature, "base64url");
  // JOSE's ECDSA signature is r ‖ s, each of the curve's size.
  if (order === undefined || bytes.length === 0 || bytes.length % 2 !== 0) return null;
  const half = bytes.length / 2;
  return {
    order,
    s: BigInt(`0x${bytes.subarray(half).toString("hex")}`),
    withS: (s) => `${header}.${payload}.${Buffer.concat([bytes.subarray(0, half), Buffer.from(s.toString(16).padStart(half * 2, "0"), "hex")]).toString("base64url")}`,
  };
}

/** Throws {@link InvalidClaims} when a token's ECDSA signature has s above n/2. */
export function checkLowS(token: string): void {
  const ecdsa = ecdsaSignature(token);
  if (ecdsa && ecdsa.s > ecdsa.order / 2n) throw new InvalidClaims("its ECDSA signature is not in canonical low-S form (s must not exceed n/2)");
}

/**
 * The canonical spelling of an ECDSA-signed token. Node's signer, like most, picks s at random, so
 * half its signatures are high-S: an issuer whose tokens Tessera is to accept must normalise them
 * so, as the development issuer does here.
 */
export function toLowS(token: string): string {
  const ecdsa = ecdsaSignature(token);
  return ecdsa && ecdsa.s > ecdsa.order / 2n ? ecdsa.withS(ecdsa.order - ecdsa.s) : token;
}
