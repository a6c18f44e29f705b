import type { DemoRecord } from "./format";
import { adultSafeguardingStory } from "./stories/adultSafeguarding";
import { backgroundStory } from "./stories/background";
import { domesticAbuseStory } from "./stories/domesticAbuse";
import { sexualViolenceStory } from "./stories/sexualViolence";
import { toInstant } from "./time";
import { World } from "./world";

export const DEFAULT_AS_OF = "2026-11-01T00:00:00Z";

export interface PopulationOptions {
  seed: number;
  /** How many distinct people the agencies' records should describe (the subjects identity will find). */
  subjects: number;
  /** The generator's "now": nothing is later. Never the wall clock, so a seed always gives the same data. */
  asOf?: string | Date;
}

export interface PopulationSummary {
  /** Everyone in the synthetic area, including the majority no agency ever meets. */
  people: number;
  /** People with at least one agency record (slightly over the target: the last household is finished). */
  subjects: number;
  households: number;
}

type Story = (world: World) => void;

/** Households no agency meets: counted, never written. */
const unseenHousehold: Story = (world) => world.people.countUnseen(world.random.int(1, 5));

const STORIES: readonly (readonly [Story, number])[] = [
  [unseenHousehold, 50],
  [backgroundStory, 34],
  [domesticAbuseStory, 12],
  [sexualViolenceStory, 2],
  [adultSafeguardingStory, 2],
];

/**
 * The synthetic population, one household (or one perpetrator's relationships) at a time, as a
 * stream of NDJSON records: memory holds one story however many subjects are asked for. The
 * generator's return value summarises the population.
 */
export function* generatePopulation(options: PopulationOptions): Generator<DemoRecord, PopulationSummary> {
  if (!Number.isInteger(options.seed)) throw new Error(`seed must be an integer, not ${options.seed}`);
  if (!Number.isInteger(options.subjects) || options.subjects < 0) throw new Error(`subjects must be a whole number, not ${options.subjects}`);
  const world = new World(options.seed, toInstant(options.asOf ?? DEFAULT_AS_OF));
  let subjects = 0;
  let households = 0;
  while (subjects < options.subjects) {
    world.random.weighted(STORIES)(world);
    households += 1;
    const story = world.endStory();
    subjects += story.subjects;
    yield* story.records;
  }
  return { people: world.people.population, subjects, households };
}
