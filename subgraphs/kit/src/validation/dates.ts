import { InvalidInput } from "../errors/badUserInput";

/** A calendar date `YYYY-MM-DD` that exists (no 31 February) and is not in the future. */
export function parseDateOfBirth(field: string, value: unknown, now = new Date()): string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidInput(field, "must be a date YYYY-MM-DD");
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new InvalidInput(field, `${value} is not a calendar date`);
  if (date.getTime() > now.getTime()) throw new InvalidInput(field, "must not be in the future");
  if (date.getUTCFullYear() < 1900) throw new InvalidInput(field, "must not be before 1900");
  return value;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 date-time with a time zone, not in the future (a small clock skew allowed). Without a
 * zone the same text means different instants on different servers, and JavaScript quietly rolls
 * 30 February into March: both are refused rather than stored wrong.
 */
export function parsePastTimestamp(field: string, value: unknown, now = new Date()): Date {
  const date = value instanceof Date ? value : typeof value === "string" ? strictTimestamp(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new InvalidInput(field, "must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T21:30:00Z");
  if (date.getTime() > now.getTime() + 5 * 60_000) throw new InvalidInput(field, "must not be in the future");
  return date;
}

function strictTimestamp(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match as unknown as string[];
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.toISOString().slice(0, 10) !== `${year}-${month}-${day}`) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return undefined;
  return new Date(value);
}
