import { InvalidInput } from "../errors/badUserInput";

/**
 * Field readers shared by GraphQL mutations and the NDJSON import, so both reject the same input
 * with the same words.
 */
export function requiredText(field: string, value: unknown, maxLength = 200): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidInput(field, "is required");
  const text = value.trim();
  if (text.length > maxLength) throw new InvalidInput(field, `must be at most ${maxLength} characters`);
  return text;
}

export function optionalText(field: string, value: unknown, maxLength = 2000): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  return requiredText(field, value, maxLength);
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !allowed.includes(value as T)) throw new InvalidInput(field, `must be one of ${allowed.join(", ")}`);
  return value as T;
}

export function optionalBoolean(field: string, value: unknown, fallback = false): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "boolean") throw new InvalidInput(field, "must be true or false");
  return value;
}

/** A record id an agency supplies (its own reference), or the caller leaves it for us to assign. */
export function recordId(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || !/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/.test(value)) {
    throw new InvalidInput(field, "must be 1–100 letters, digits or . _ : / - and start with a letter or digit");
  }
  return value;
}
