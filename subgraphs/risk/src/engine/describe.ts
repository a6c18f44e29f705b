import { formatDate } from "./dates";
import type { RiskEvent } from "./RiskEvent";

/** Words of the agencies' kinds that are read as initials. */
const INITIALS: ReadonlySet<string> = new Set(["ABH", "GBH", "GP", "MARAC"]);

/** An agency's kind as words: COMMON_ASSAULT → "common assault", ASSAULT_OCCASIONING_ABH → "assault occasioning ABH". */
export function kindLabel(kind: string): string {
  let label = labels.get(kind);
  if (label === undefined) {
    label = kind
      .split("_")
      .map((word) => (INITIALS.has(word) ? word : word.toLowerCase()))
      .join(" ");
    labels.set(kind, label);
  }
  return label;
}

/** Kinds are few and read in every statement: each is put into words once. */
const labels = new Map<string, string>();

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
  return listed([...groupedBy(events, (event) => event.area)].map(([area, list]) => `${list.length} in ${area} (${dates(list)})`));
}

/** Events grouped by a key, the groups in the order each key first appears and each in the events' order. */
function groupedBy(events: readonly RiskEvent[], key: (event: RiskEvent) => string): Map<string, RiskEvent[]> {
  const groups = new Map<string, RiskEvent[]>();
  for (const event of events) {
    const list = groups.get(key(event));
    if (list) list.push(event);
    else groups.set(key(event), [event]);
  }
  return groups;
}

/** The distinct values of a key, in order of first appearance. */
export function distinct<T>(items: readonly T[], key: (item: T) => string): string[] {
  return [...new Set(items.map(key))];
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "three" up to ten, digits beyond: a headline is read, not counted. */
export function inWords(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}

/** "third" up to tenth, "11th" beyond. */
export function ordinal(count: number): string {
  return ORDINALS[count] ?? `${count}th`;
}

/** A window as a reader says it: 365 days "a year", 1826 "five years", 183 "six months", 28 "four weeks". */
export function periodWords(days: number): string {
  const years = Math.round(days / 365.25);
  if (years >= 1 && Math.abs(days - years * 365.25) <= 2) return years === 1 ? "a year" : `${inWords(years)} years`;
  const months = Math.round(days / 30.44);
  if (days >= 56 && Math.abs(days - months * 30.44) <= 2) return `${inWords(months)} months`;
  if (days % 7 === 0) return days === 7 ? "a week" : `${inWords(days / 7)} weeks`;
  return counted(days, "day");
}

/** "the last year", "the last five years": a window as a statement ends it. */
export function theLast(days: number): string {
  return `the last ${periodWords(days).replace(/^a /, "")}`;
}

/** An agency's code in words: "social-care" is "social care". */
export function agencyWords(agency: string): string {
  return agency.replace(/-/g, " ");
}

/** Agency names that take a plural verb on their own in British English: "police were". */
const PLURAL_AGENCIES: ReadonlySet<string> = new Set(["police"]);

/** "health and social care were not visible", "police were not visible": the agencies whose events a result could not read. */
export function notVisible(agencies: readonly string[]): string {
  const plural = agencies.length > 1 || PLURAL_AGENCIES.has(agencies[0] ?? "");
  return `${listed(agencies.map(agencyWords))} ${plural ? "were" : "was"} not visible`;
}

/** A statement's first letter in capitals. */
export function capitalised(text: string): string {
  return text.length === 0 ? text : `${text[0]!.toUpperCase()}${text.slice(1)}`;
}

/**
 * Events (oldest first) grouped by the agency that recorded them: "police (common assault in EVP,
 * 1 Mar 2026) and health (emergency department in NVH, 3 Mar 2026)". Past a few records an agency's
 * are counted, with the first and last dates.
 */
export function byAgency(events: readonly RiskEvent[]): string {
  return listed(
    [...groupedBy(events, (event) => event.agency)].map(([agency, list]) => {
      if (list.length > DATES_LISTED) return `${agencyWords(agency)} (${list.length} records in ${listed(distinct(list, (event) => event.area))}, ${dates(list)})`;
      return `${agencyWords(agency)} (${list.map((event) => `${kindLabel(event.kind)} in ${event.area}, ${formatDate(event.occurredAt)}`).join("; ")})`;
    }),
  );
}
