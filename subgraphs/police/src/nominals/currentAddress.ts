import type { NominalAddress } from "./Nominal";

/**
 * The address a nominal is at now, whose postcode identity compares: an open address (no `to`),
 * the latest started; if every address has ended, the one that ended last. Ties go to the later
 * listed. Dates are `YYYY-MM-DD`, so they compare as text.
 */
export function currentAddress(addresses: readonly NominalAddress[]): NominalAddress | undefined {
  const open = addresses.filter((address) => !address.to);
  const candidates = open.length > 0 ? open : addresses;
  const since = (address: NominalAddress) => (open.length > 0 ? (address.from ?? "") : (address.to ?? ""));
  let current: NominalAddress | undefined;
  for (const address of candidates) if (!current || since(address) >= since(current)) current = address;
  return current;
}
