import { InvalidInput } from "../errors/badUserInput";
import { parseDateOfBirth, parsePastTimestamp } from "./dates";
import { isValidNhsNumber, normaliseNhsNumber } from "./nhsNumber";
import { normalisePostcode } from "./postcode";

/**
 * Field readers shared by GraphQL mutations and the NDJSON import of every agency, so all of them
 * reject the same input with the same words. An optional value is absent when it is missing, null
 * or an empty string; a present one must be valid.
 */

/** Missing, null or "": what every optional reader treats as "not given". */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

export function requiredText(field: string, value: unknown, maxLength = 200): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidInput(field, "is required");
  const text = value.trim();
  if (text.length > maxLength) throw new InvalidInput(field, `must be at most ${maxLength} characters`);
  return text;
}

export function optionalText(field: string, value: unknown, maxLength = 2000): string | undefined {
  if (isAbsent(value)) return undefined;
  return requiredText(field, value, maxLength);
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) throw new InvalidInput(field, `must be one of ${allowed.join(", ")}`);
  return value as T;
}

export function optionalOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
  return isAbsent(value) ? undefined : oneOf(field, value, allowed);
}

export function optionalBoolean(field: string, value: unknown, fallback = false): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") throw new InvalidInput(field, "must be true or false");
  return value;
}

const AREA_CODE = /^[A-Z0-9]{2,10}$/;

/**
 * The code of the area a record belongs to — a police force (`NMC`), an NHS trust (`RX1`), a council
 * (`NMB`): 2 to 10 capital letters and digits, required. One rule for every agency, so an area is
 * named the same way wherever it appears (identity keeps it with each registration).
 */
export function areaCode(field: string, value: unknown): string {
  if (isAbsent(value)) throw new InvalidInput(field, "is required");
  if (typeof value !== "string" || !AREA_CODE.test(value)) throw new InvalidInput(field, "must be a code of 2 to 10 capital letters and digits, e.g. NMC or RX1");
  return value;
}

/** A record id an agency supplies (its own reference, or a reference to another record), or undefined when absent. */
export function recordId(field: string, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/.test(value)) {
    throw new InvalidInput(field, "must be 1–100 letters, digits or . _ : / - and start with a letter or digit");
  }
  return value;
}

/**
 * An id that must be given: a record's own id — required because the import upserts on it (a
 * mutation mints one first, with `withMintedId`) — or a reference to another record.
 */
export function requiredRecordId(field: string, value: unknown): string {
  const id = recordId(field, value);
  if (id === undefined) throw new InvalidInput(field, "is required");
  return id;
}

/** A calendar date `YYYY-MM-DD` that exists and is not in the future: a date of birth, an address's from/to. */
export function optionalPastDate(field: string, value: unknown, now?: Date): string | undefined {
  return isAbsent(value) ? undefined : parseDateOfBirth(field, value, now);
}

/** An ISO 8601 date-time with a time zone, not in the future. */
export function optionalPastTimestamp(field: string, value: unknown, now?: Date): Date | undefined {
  return isAbsent(value) ? undefined : parsePastTimestamp(field, value, now);
}

/** Stored without the spaces it is often printed with, so identity compares like with like. */
export function optionalNhsNumber(field: string, value: unknown): string | undefined {
  if (isAbsent(value)) return undefined;
  if (typeof value !== "string" || !isValidNhsNumber(value)) {
    throw new InvalidInput(field, "must be 10 digits passing the NHS number modulus-11 check");
  }
  return normaliseNhsNumber(value);
}

/** A UK postcode in its normal form (`ls6 2ab` → `LS6 2AB`). */
export function requiredPostcode(field: string, value: unknown): string {
  if (isAbsent(value)) throw new InvalidInput(field, "is required");
  const postcode = typeof value === "string" ? normalisePostcode(value) : undefined;
  if (!postcode) throw new InvalidInput(field, "must be a UK postcode, e.g. LS6 2AB");
  return postcode;
}

export function optionalPostcode(field: string, value: unknown): string | undefined {
  return isAbsent(value) ? undefined : requiredPostcode(field, value);
}

/** A nested object of an input (an address, a location); its fields are read with their dotted path. */
export function nestedObject(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InvalidInput(field, "must be an object");
  return value as Record<string, unknown>;
}
