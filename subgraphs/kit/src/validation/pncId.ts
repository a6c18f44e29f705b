/**
 * PNC ID, `YYYY/NNNNNNNC` (or the short form `YY/NNNNNNNC`). The check letter is
 * (two-digit year × 10^7 + serial) mod 23 over A–Z without I, O and S — from a secondary source, so
 * it is used as a format check, never as proof of identity.
 */
const CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY";

export function normalisePncId(value: string): string | undefined {
  const match = /^(\d{2}|\d{4})\/(\d{1,7})([A-Z])$/i.exec(value.trim());
  if (!match) return undefined;
  const [, yearText, serialText, letter] = match as unknown as [string, string, string, string];
  return `${yearText}/${serialText.padStart(7, "0")}${letter.toUpperCase()}`;
}

/**
 * The form PNC IDs are compared in: `YY/NNNNNNNC`. Forces write both `2011/0123456Z` and
 * `11/0123456Z`; the check letter is computed over the two-digit year and the century cannot be
 * recovered from the short form, so the short form is the one both reduce to.
 * Undefined when the value is not shaped like a PNC ID.
 */
export function pncIdKey(value: string): string | undefined {
  return normalisePncId(value)?.replace(/^\d{2}(\d{2}\/)/, "$1");
}

export function isValidPncId(value: string): boolean {
  const normalised = normalisePncId(value);
  if (!normalised) return false;
  const [yearText, rest] = normalised.split("/") as [string, string];
  const serial = Number(rest.slice(0, 7));
  const twoDigitYear = Number(yearText.slice(-2));
  const expected = CHECK_LETTERS[(twoDigitYear * 10_000_000 + serial) % 23];
  return rest.slice(7) === expected;
}

/** Builds a valid PNC ID for a year and serial (demonstration data). */
export function makePncId(year: number, serial: number): string {
  const expected = CHECK_LETTERS[((year % 100) * 10_000_000 + serial) % 23];
  return `${year}/${String(serial).padStart(7, "0")}${expected}`;
}
