import { otherRegion, REGIONS } from "../areas";
import type { EncounterSetting, InvolvementRole, PoliceCategory } from "../format";
import type { Home, Person } from "../people";
import { DAY, HOUR, MINUTE, YEAR } from "../time";
import type { World } from "../world";
import { ADULT_CONCERNS, OCCURRENCE_SUMMARIES, ORDINARY_COMPLAINTS, ORDINARY_INJURIES } from "./texts";

/** Health encounters over the window: a few for most, many for some. */
const ENCOUNTERS: readonly (readonly [number, number])[] = [
  [1, 5], [2, 6], [3, 7], [4, 7], [5, 8], [6, 8], [7, 8], [8, 8], [9, 7], [10, 7], [11, 6], [12, 6], [13, 6], [14, 5], [15, 6],
];

const NON_DOMESTIC: readonly (readonly [PoliceCategory, number])[] = [
  ["CRIMINAL_DAMAGE", 35], ["OTHER", 30], ["COMMON_ASSAULT", 25], ["STALKING_HARASSMENT", 7], ["SEXUAL_ASSAULT", 3],
];

interface Household {
  adults: Person[];
  children: Person[];
  before: Home;
  /** Where the household lives after a move, and from when. */
  after: Home | undefined;
}

/**
 * An ordinary household: GP and hospital visits, the odd crime reported, a child in need. These
 * people share names and dates with the people at risk and are the false matches identity must
 * not make.
 */
export function backgroundStory(world: World): void {
  const { random, people } = world;
  const place = random.pick(REGIONS);
  const before = people.home(place, world.earliest - random.between(0, 10) * YEAR);
  const first = people.adult(people.randomSex(), world.earliest, 18, 85, before);
  const adults = [first];
  const firstAge = (world.earliest - first.born) / YEAR;
  if (random.chance(0.65)) {
    const sex = random.chance(0.9) ? (first.sex === "FEMALE" ? "MALE" : "FEMALE") : first.sex;
    adults.push(people.adult(sex, world.earliest, Math.max(18, firstAge - 6), firstAge + 6, before, random.chance(0.5) ? first.familyName : undefined));
  }
  const children: Person[] = [];
  if (firstAge < 45 && random.chance(0.6)) {
    const count = random.int(1, 3);
    for (let i = 0; i < count; i += 1) {
      const born = random.between(Math.max(first.born + 18 * YEAR, world.earliest - 15 * YEAR), world.horizon - 30 * DAY);
      children.push(people.person(people.randomSex(), born, before, random.chance(0.8) ? first.familyName : undefined));
    }
  }
  let after: Home | undefined;
  if (random.chance(0.12)) {
    const moveRegion = random.chance(0.5) ? otherRegion(random, place) : place;
    after = people.home(moveRegion, world.between(world.earliest + YEAR, world.horizon - 30 * DAY));
  }
  const household: Household = { adults, children, before, after };
  for (const person of [...adults, ...children]) {
    if (random.chance(adults.includes(person) ? 0.6 : 0.35)) contacts(world, household, person);
  }
}

function contacts(world: World, household: Household, person: Person): void {
  const { random } = world;
  const adult = household.adults.includes(person);
  const police = adult && random.chance(0.1);
  const care = !adult ? random.chance(0.05) : (world.horizon - person.born) / YEAR > 75 && random.chance(0.05);
  if (random.chance(0.92) || (!police && !care)) {
    for (const at of times(world, person, random.weighted(ENCOUNTERS))) healthVisit(world, household, person, at);
  }
  if (police) {
    for (const at of times(world, person, random.int(1, 2))) policeContact(world, household, person, at);
  }
  if (care) careEpisode(world, household, person, world.between(person.born + DAY, world.horizon));
}

/** Sorted instants in the person's life inside the window, so a move happens once, in order. */
function times(world: World, person: Person, count: number): number[] {
  const instants: number[] = [];
  for (let i = 0; i < count; i += 1) instants.push(world.between(person.born + DAY, world.horizon));
  return instants.sort((a, b) => a - b);
}

function livingAt(household: Household, person: Person, at: number): void {
  person.home = household.after && at >= household.after.since ? household.after : household.before;
}

function healthVisit(world: World, household: Household, person: Person, at: number): void {
  const { random } = world;
  livingAt(household, person, at);
  const age = (at - person.born) / YEAR;
  const setting = random.weighted<EncounterSetting>([
    ["GP", 70], ["EMERGENCY_DEPARTMENT", 10], ["MINOR_INJURY_UNIT", 10], ["MATERNITY", person.sex === "FEMALE" && age > 18 && age < 45 ? 6 : 0],
  ]);
  const complaints = ORDINARY_COMPLAINTS[setting as keyof typeof ORDINARY_COMPLAINTS];
  const injured = (setting === "EMERGENCY_DEPARTMENT" || setting === "MINOR_INJURY_UNIT") && random.chance(0.5);
  world.health.encounter(person, person.home.region.trust, {
    setting,
    occurredAt: world.atHours(at, setting === "GP" ? 8 : 0, setting === "GP" ? 18 : 24),
    presentingComplaint: random.pick(complaints),
    ...(injured ? { injuryDescription: random.pick(ORDINARY_INJURIES) } : {}),
  });
}

/** A crime against or witnessed by the person, by a stranger nobody identifies. */
function policeContact(world: World, household: Household, person: Person, at: number): void {
  const { random, police } = world;
  livingAt(household, person, at);
  const force = person.home.region.force;
  const category = random.weighted(NON_DOMESTIC);
  const occurredAt = world.atHours(at, 0, 24);
  const occurrenceId = police.occurrence({
    force,
    category,
    domesticAbuse: false,
    occurredAt,
    reportedAt: occurredAt + random.between(10 * MINUTE, 12 * HOUR),
    location: { description: random.pick(["street", "home address", "shop", "licensed premises", "park"]), postcode: person.home.postcode },
    summary: random.pick(OCCURRENCE_SUMMARIES[category]),
  });
  const role = random.weighted<InvolvementRole>([["VICTIM", 60], ["WITNESS", 30], ["SUSPECT", 8], ["OTHER", 2]]);
  police.involve(occurrenceId, person, force, role);
  if (role === "SUSPECT" && random.chance(0.5)) police.arrest(person, force, occurredAt);
}

/** A child in need (with a parent involved) or, for an older adult, a Section 42 enquiry. */
function careEpisode(world: World, household: Household, person: Person, at: number): void {
  const { random, care } = world;
  livingAt(household, person, at);
  const council = person.home.region.council;
  const adult = household.adults.includes(person);
  const episodeId = care.episode(person, council, adult
    ? { kind: "SECTION_42_ENQUIRY", startedAt: at, endedAt: at + random.between(14, 90) * DAY, outcome: "Enquiry concluded", summary: random.pick(ADULT_CONCERNS) }
    : { kind: "CHILD_IN_NEED", startedAt: at, endedAt: at + random.between(120, 720) * DAY, outcome: "Case closed", summary: random.pick(["Disability support", "Young carer", "Family support"]) });
  const parent = household.adults[0];
  if (!adult && parent) {
    livingAt(household, parent, at);
    care.involve(episodeId, parent, council, "PARENT_OR_CARER");
    care.householdMember(parent, person, council, "PARENT_OF");
  }
}
