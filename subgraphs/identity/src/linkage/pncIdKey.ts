import { normalisePncId } from "@tessera/kit";

/**
 * The form PNC IDs are compared and stored in: `YY/NNNNNNNC`. Forces write both `2011/0123456Z` and
 * `11/0123456Z`; the check letter is computed over the two-digit year, and the century cannot be
 * recovered from the short form, so the short form is the one both can be reduced to.
 * Undefined when the value is not a PNC ID.
 */
export function pncIdKey(value: string): string | undefined {
  const normalised = normalisePncId(value);
  return normalised?.replace(/^\d{2}(\d{2}\/)/, "$1");
}
