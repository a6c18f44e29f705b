import { InvalidInput, normalisePostcode, oneOf, parseDateOfBirth, recordId, requiredText } from "@tessera/kit";

/*
 * Police field readers on top of the kit's, so every police record type words its rejections alike.
 * Optional values count as absent when null, undefined or an empty string, as the kit's `optionalText`.
 */

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** The record's own reference. Required here: the import upserts on it; mutations mint one first. */
export function requiredRecordId(field: string, value: unknown): string {
  const id = recordId(field, value);
  if (id === undefined) throw new InvalidInput(field, "is required");
  return id;
}

/** A force code such as `NMC`: the area a police record belongs to. */
export function forceCode(field: string, value: unknown): string {
  if (absent(value)) throw new InvalidInput(field, "is required");
  if (typeof value !== "string" || !/^[A-Z]{2,6}$/.test(value)) throw new InvalidInput(field, "must be a force code of 2 to 6 capital letters");
  return value;
}

export function optionalOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
  return absent(value) ? undefined : oneOf(field, value, allowed);
}

/** A calendar date `YYYY-MM-DD`, not in the future (an address's from/to, a date of birth). */
export function optionalDate(field: string, value: unknown, now: Date): string | undefined {
  return absent(value) ? undefined : parseDateOfBirth(field, value, now);
}

/** A UK postcode in its normal form (`ls6 2ab` → `LS6 2AB`). */
export function requiredPostcode(field: string, value: unknown): string {
  const postcode = normalisePostcode(requiredText(field, value, 16));
  if (!postcode) throw new InvalidInput(field, "must be a UK postcode");
  return postcode;
}

export function optionalPostcode(field: string, value: unknown): string | undefined {
  return absent(value) ? undefined : requiredPostcode(field, value);
}

/** A nested object of an input (an address, a location). */
export function nestedObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidInput(field, "must be an object");
  return value as Record<string, unknown>;
}
