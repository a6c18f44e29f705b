/** Instants are epoch milliseconds (UTC) inside the generator; the files carry ISO 8601 text. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR = 365.25 * DAY;

/** `YYYY-MM-DD`, the format of dates of birth and address dates. */
export function isoDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** `2024-02-10T21:40:00Z`: to the minute, as agencies record times. */
export function isoTime(instant: number): string {
  return `${new Date(Math.floor(instant / MINUTE) * MINUTE).toISOString().slice(0, 16)}:00Z`;
}

export function dateInstant(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function startOfDay(instant: number): number {
  return Math.floor(instant / DAY) * DAY;
}

/** The instant an ISO 8601 text or a `Date` names; throws on anything else, so a bad `asOf` fails loudly. */
export function toInstant(value: string | Date): number {
  const instant = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(instant)) throw new Error(`not a date-time: ${String(value)}`);
  return instant;
}
