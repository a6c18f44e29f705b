import { REGIONS } from "../areas";
import { DAY, HOUR, MINUTE, YEAR } from "../time";
import type { World } from "../world";
import { ADULT_CONCERNS, CONCERN_SUMMARIES, ORDINARY_COMPLAINTS } from "./texts";

/**
 * An older adult abused or neglected by a relative who cares for them: Section 42 enquiries, GP
 * visits, sometimes a report to police of financial abuse.
 */
export function adultSafeguardingStory(world: World): void {
  const { random, people, care, health, police } = world;
  const place = random.pick(REGIONS);
  const home = people.home(place, world.earliest - random.between(5, 30) * YEAR);
  const elder = people.adult(people.randomSex(), world.earliest, 70, 92, home);
  const carer = people.adult(people.randomSex(), world.earliest, 35, 62, random.chance(0.5) ? home : people.home(place, world.earliest), random.chance(0.7) ? elder.familyName : undefined);
  const trust = place.trust;
  const visits = random.int(2, 8);
  for (let i = 0; i < visits; i += 1) {
    health.encounter(elder, trust, { setting: "GP", occurredAt: world.atHours(world.between(world.earliest, world.horizon), 8, 18), presentingComplaint: random.pick(ORDINARY_COMPLAINTS.GP) });
  }
  const enquiries = random.weighted([[1, 60], [2, 28], [3, 12]] as const);
  let at = world.between(world.earliest, world.horizon - 60 * DAY);
  for (let i = 0; i < enquiries && at < world.horizon; i += 1) {
    if (random.chance(0.5)) {
      // The GP sees the bruising and raises the concern that starts the enquiry.
      const seen = world.atHours(at - random.between(2, 10) * DAY, 8, 18);
      const visit = health.encounter(elder, trust, { setting: "GP", occurredAt: seen, presentingComplaint: "Unexplained bruising", injuryDescription: "Bruising to upper arms" });
      health.safeguardingConcern(trust, visit.patientId, visit.encounterId, world.clamp(seen + random.between(1, 24) * HOUR), "ADULT_SAFEGUARDING", random.pick(CONCERN_SUMMARIES.ADULT_SAFEGUARDING));
    }
    const episodeId = care.episode(elder, place.council, { kind: "SECTION_42_ENQUIRY", startedAt: world.atHours(at, 9, 17), endedAt: at + random.between(14, 90) * DAY, outcome: random.pick(["Risk reduced", "Risk remains", "Enquiry concluded"]), summary: random.pick(ADULT_CONCERNS) });
    care.involve(episodeId, carer, place.council, "ALLEGED_PERPETRATOR");
    if (random.chance(0.3)) {
      const occurredAt = world.atHours(at, 9, 20);
      const occurrenceId = police.occurrence({ force: place.force, category: "OTHER", domesticAbuse: true, occurredAt, reportedAt: occurredAt + random.between(30 * MINUTE, 48 * HOUR), location: { description: "home address", postcode: elder.home.postcode }, summary: "Financial abuse reported by bank" });
      police.involve(occurrenceId, elder, place.force, "VICTIM");
      police.involve(occurrenceId, carer, place.force, "SUSPECT");
    }
    at += random.between(60, 400) * DAY;
  }
}
