export const DAY_MS = 86_400_000;

/** Days, with their fraction, from `earlier` to `later`; negative when `later` is earlier. */
export function daysBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / DAY_MS;
}

/**
 * Whether `event` lies in the `days` up to `moment`. Inclusive: exactly `days` before still counts,
 * as "within 12 months" does in the SafeLives criteria.
 */
export function within(event: Date, moment: Date, days: number): boolean {
  const elapsed = daysBetween(event, moment);
  return elapsed >= 0 && elapsed <= days;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "16 Sep 2023": in UTC, so a statement reads the same wherever it is computed. */
export function formatDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Whole years from a date of birth ("YYYY-MM-DD") to `moment`; null for a date that is not one. */
export function ageAt(dateOfBirth: string, moment: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const born = new Date(Date.UTC(year, month - 1, day));
  if (born.getUTCMonth() !== month - 1 || born.getUTCDate() !== day || born > moment) return null;
  const beforeBirthday = moment.getUTCMonth() < month - 1 || (moment.getUTCMonth() === month - 1 && moment.getUTCDate() < day);
  return moment.getUTCFullYear() - year - (beforeBirthday ? 1 : 0);
}
