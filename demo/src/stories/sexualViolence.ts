import { REGIONS } from "../areas";
import type { PoliceCategory } from "../format";
import { shortFormOf } from "../noise";
import type { Person } from "../people";
import { DAY, HOUR, YEAR } from "../time";
import type { World } from "../world";
import { CONCERN_SUMMARIES, DISTRESS_COMPLAINTS, OCCURRENCE_SUMMARIES } from "./texts";

/**
 * Rape and serious sexual offences by someone outside the household — an acquaintance, sometimes
 * against more than one victim: a SARC attendance, a police report (often not), low mood after.
 */
export function sexualViolenceStory(world: World): void {
  const { random, people } = world;
  const place = random.pick(REGIONS);
  const perpetrator = people.adult("MALE", world.earliest, 18, 50, people.home(place, world.earliest - YEAR));
  const victims = random.weighted([[1, 80], [2, 15], [3, 5]] as const);
  for (let i = 0; i < victims; i += 1) {
    const at = world.atHours(world.between(world.earliest, world.horizon), 0, 24);
    const victimPlace = random.chance(0.8) ? place : random.pick(REGIONS);
    const victim = people.adult(random.chance(0.9) ? "FEMALE" : "MALE", at, 16, 35, people.home(victimPlace, at - random.between(0, 5) * YEAR));
    offence(world, victim, perpetrator, at, random.weighted<PoliceCategory>([["RAPE", 55], ["SEXUAL_ASSAULT", 45]]));
  }
}

function offence(world: World, victim: Person, perpetrator: Person, at: number, category: PoliceCategory): void {
  const { random, police, health } = world;
  const force = victim.home.region.force;
  const trust = victim.home.region.trust;
  if (random.chance(0.55)) {
    const occurrenceId = police.occurrence({
      force,
      category,
      domesticAbuse: false,
      occurredAt: at,
      reportedAt: at + random.between(HOUR, 30 * DAY),
      location: { description: random.pick(["private address", "licensed premises", "park"]), postcode: victim.home.postcode },
      summary: random.pick(OCCURRENCE_SUMMARIES[category]),
    });
    police.involve(occurrenceId, victim, force, "VICTIM");
    if (random.chance(0.75)) police.involve(occurrenceId, perpetrator, force, "SUSPECT");
  }
  if (random.chance(0.6)) {
    const named = random.chance(0.3);
    const visit = health.encounter(victim, trust, {
      setting: "SEXUAL_ASSAULT_REFERRAL_CENTRE",
      occurredAt: world.clamp(at + random.between(2 * HOUR, 5 * DAY)),
      presentingComplaint: "Sexual assault",
      disclosedAbuse: true,
      ...(named ? { allegedPerpetratorName: random.chance(0.5) ? shortFormOf(random, perpetrator.givenName) : perpetrator.givenName.name } : {}),
    });
    if (random.chance(0.6)) health.safeguardingConcern(trust, visit.patientId, visit.encounterId, world.clamp(at + 6 * DAY), "SEXUAL_VIOLENCE", random.pick(CONCERN_SUMMARIES.SEXUAL_VIOLENCE));
  }
  const after = at + 7 * DAY < world.horizon ? random.int(0, 3) : 0;
  for (let i = 0; i < after; i += 1) {
    health.encounter(victim, trust, { setting: "GP", occurredAt: world.atHours(world.between(at + 7 * DAY, at + 300 * DAY), 8, 18), presentingComplaint: random.pick(DISTRESS_COMPLAINTS) });
  }
}
