import { formatDate } from "./dates";
import type { RiskEvent } from "./RiskEvent";

/** Words of the agencies' kinds that are read as initials. */
const INITIALS: ReadonlySet<string> = new Set(["ABH", "GBH", "GP", "MARAC"]);

/** An agency's kind as words: COMMON_ASSAULT → "common assault", ASSAULT_OCCASIONING_ABH → "assault occasioning ABH". */
export function kindLabel(kind: string): string {
  return kind
    .split("_")
    .map((word) => (INITIALS.has(word) ? word : word.toLowerCase()))
    .join(" ");
}

/** "a referral", "an early help assessment": partners' kinds may begin with a vowel. */
export function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? "an" : "a"} ${words}`;
}

export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** "a", "a and b", "a, b and c". */
export function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Whole days, for statements: a fraction of a day would suggest precision the records do not have. */
export function wholeDays(days: number): string {
  return days < 1 ? "less than a day" : counted(Math.floor(days), "day");
}

/** Up to this many dates are listed; beyond it a statement gives the first and the last. */
const DATES_LISTED = 4;

function dates(events: readonly RiskEvent[]): string {
  if (events.length <= DATES_LISTED) return events.map((event) => formatDate(event.occurredAt)).join(", ");
  return `${formatDate(events[0]!.occurredAt)} to ${formatDate(events[events.length - 1]!.occurredAt)}`;
}

/**
 * Events (oldest first) grouped by the area that recorded them, in the order each area first
 * appears: "2 in NMC (16 Sep 2023, 25 May 2024) and 1 in EVP (18 Oct 2026)".
 */
export function byArea(events: readonly RiskEvent[]): string {
  const areas = new Map<string, RiskEvent[]>();
  for (const event of events) {
    const list = areas.get(event.area);
    if (list) list.push(event);
    else areas.set(event.area, [event]);
  }
  return listed([...areas].map(([area, list]) => `${list.length} in ${area} (${dates(list)})`));
}

/** The distinct values of a key, in order of first appearance. */
export function distinct<T>(items: readonly T[], key: (item: T) => string): string[] {
  return [...new Set(items.map(key))];
}
