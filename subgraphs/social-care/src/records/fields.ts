import {
  InvalidInput,
  isValidNhsNumber,
  normaliseNhsNumber,
  normalisePostcode,
  oneOf,
  parseDateOfBirth,
  parsePastTimestamp,
  recordId,
} from "@tessera/kit";

/**
 * Field readers for the optional and reference fields of social care records, built on the kit's
 * validators: an absent value (missing, null or "") is undefined, a present one must be valid.
 */

/** An id that must be given: a record's own id in the import, or a reference to another record. */
export function requiredRecordId(field: string, value: unknown): string {
  const id = recordId(field, value);
  if (id === undefined) throw new InvalidInput(field, "is required");
  return id;
}

/** Stored without the spaces it is often printed with, so identity compares like with like. */
export function optionalNhsNumber(field: string, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== "string" || !isValidNhsNumber(value)) {
    throw new InvalidInput(field, "must be 10 digits passing the NHS number modulus-11 check");
  }
  return normaliseNhsNumber(value);
}

export function optionalPostcode(field: string, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  const postcode = typeof value === "string" ? normalisePostcode(value) : undefined;
  if (!postcode) throw new InvalidInput(field, "must be a UK postcode, e.g. LS6 2AB");
  return postcode;
}

export function optionalOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
  return isAbsent(value) ? undefined : oneOf(field, value, allowed);
}

export function optionalDateOfBirth(field: string, value: unknown, now: Date): string | undefined {
  return isAbsent(value) ? undefined : parseDateOfBirth(field, value, now);
}

export function optionalPastTimestamp(field: string, value: unknown, now: Date): Date | undefined {
  return isAbsent(value) ? undefined : parsePastTimestamp(field, value, now);
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}
