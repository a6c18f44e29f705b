import type { DemoRecord } from "./format";
import { IdentifierIssuer } from "./identifiers";
import { PeopleFactory } from "./people";
import { Random } from "./random";
import { HealthRecorder } from "./recorders/health";
import { PoliceRecorder } from "./recorders/police";
import { SocialCareRecorder } from "./recorders/socialCare";
import { DAY, isoDate, startOfDay, YEAR } from "./time";

/** How far back the synthetic agencies' records go. */
const HISTORY_YEARS = 6;

/**
 * Everything a story writes through: the seeded random source, the clock, the people factory and
 * the three agencies' recorders. A story's records are collected here and handed out by `endStory`,
 * so memory holds one story at a time however large the population.
 */
export class World {
  readonly random: Random;
  readonly people: PeopleFactory;
  readonly police: PoliceRecorder;
  readonly health: HealthRecorder;
  readonly care: SocialCareRecorder;
  /** Nothing recorded is later than this. */
  readonly asOf: number;
  /** Events happen before this (the start of the `asOf` day), so follow-ups fit before `asOf`. */
  readonly horizon: number;
  /** The earliest event. */
  readonly earliest: number;
  readonly asOfDate: string;
  private readonly counters = new Map<string, number>();
  private records: DemoRecord[] = [];
  private readonly recorded = new Set<string>();

  constructor(seed: number, asOf: number) {
    this.random = new Random(seed);
    this.people = new PeopleFactory(this.random, new IdentifierIssuer(this.random));
    this.asOf = asOf;
    this.horizon = startOfDay(asOf);
    this.earliest = startOfDay(asOf - HISTORY_YEARS * YEAR);
    this.asOfDate = isoDate(asOf);
    this.police = new PoliceRecorder(this);
    this.health = new HealthRecorder(this);
    this.care = new SocialCareRecorder(this);
  }

  /** `NMC-N-17`: the agency's next reference for this kind of record. */
  nextId(code: string, kind: string): string {
    const key = `${code}-${kind}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return `${key}-${next}`;
  }

  emit(record: DemoRecord): void {
    this.records.push(record);
    if (record.person) this.recorded.add(record.person.id);
  }

  /** Follow-ups (a report, an assessment, the end of an episode) never run past `asOf`. */
  clamp(instant: number): number {
    return Math.min(instant, this.asOf);
  }

  /** A uniformly random instant in [from, to), kept inside the history window. */
  between(from: number, to: number): number {
    const start = Math.max(from, this.earliest);
    const end = Math.min(to, this.horizon - 1);
    return end <= start ? start : this.random.between(start, end);
  }

  /** The same day at a random time between two hours (24+ runs into the small hours of the next day). */
  atHours(instant: number, fromHour: number, toHour: number): number {
    return this.clamp(startOfDay(instant) + this.random.between(fromHour, toHour) * (DAY / 24));
  }

  /** The story's records and how many distinct people they record; the recorders forget the story's people. */
  endStory(): { records: DemoRecord[]; subjects: number } {
    const story = { records: this.records, subjects: this.recorded.size };
    this.records = [];
    this.recorded.clear();
    this.police.forget();
    this.health.forget();
    this.care.forget();
    return story;
  }
}
