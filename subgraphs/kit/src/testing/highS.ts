import { ecdsaSignature } from "../access/canonicalSignature";

/** The same ECDSA-signed token with its s on the high side (n − s when low): mathematically still a valid signature, but not the canonical one. */
export function withHighS(token: string): string {
  const ecdsa = ecdsaSignature(token);
  if (!ecdsa) throw new Error("not an ECDSA-signed token");
  return ecdsa.s > ecdsa.order / 2n ? token : ecdsa.withS(ecdsa.order - ecdsa.s);
}
