/** UK postcode: outward code (area letters, district) and inward code (sector digit, unit letters). */
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;

/** `sw1a1aa` → `SW1A 1AA`; undefined when it is not a UK postcode. */
export function normalisePostcode(value: string): string | undefined {
  const match = POSTCODE.exec(value.trim().toUpperCase().replace(/\s+/g, " "));
  return match ? `${match[1]} ${match[2]}` : undefined;
}
