import { otherRegion, REGIONS } from "../areas";
import type { DashAnswer, MaracCriterion, PoliceCategory, RiskGrading } from "../format";
import { shortFormOf } from "../noise";
import type { Person } from "../people";
import { DAY, HOUR, MINUTE, YEAR } from "../time";
import type { World } from "../world";
import { CONCERN_SUMMARIES, COVER_STORIES, DISTRESS_COMPLAINTS, INJURIES, OCCURRENCE_SUMMARIES, PERPETRATOR_COMPLAINTS, REFERRAL_OUTCOMES, REFERRAL_SUMMARIES } from "./texts";

/** How many partners a perpetrator abuses within the window: most one, a tail of serial perpetrators. */
const PARTNERS: readonly (readonly [number, number])[] = [[1, 68], [2, 20], [3, 9], [4, 3]];

/** Incidents in one relationship, 1 to 12, most few. */
const INCIDENTS: readonly (readonly [number, number])[] = [
  [1, 16], [2, 15], [3, 13], [4, 11], [5, 9], [6, 8], [7, 7], [8, 6], [9, 5], [10, 4], [11, 3], [12, 3],
];

/** What an incident of each gravity (0 lowest) is recorded as, and how likely. */
const CATEGORIES: readonly (readonly (readonly [PoliceCategory, number])[])[] = [
  [["DOMESTIC_INCIDENT", 80], ["CRIMINAL_DAMAGE", 10], ["BREACH_OF_ORDER", 5], ["OTHER", 5]],
  [["COMMON_ASSAULT", 55], ["STALKING_HARASSMENT", 15], ["CRIMINAL_DAMAGE", 15], ["BREACH_OF_ORDER", 15]],
  [["ASSAULT_OCCASIONING_ABH", 50], ["COERCIVE_CONTROL", 25], ["THREATS_TO_KILL", 25]],
  [["GBH", 45], ["SEXUAL_ASSAULT", 25], ["RAPE", 30]],
];

const PHYSICAL: ReadonlySet<PoliceCategory> = new Set(["DOMESTIC_INCIDENT", "COMMON_ASSAULT", "ASSAULT_OCCASIONING_ABH", "GBH"]);
const SEXUAL: ReadonlySet<PoliceCategory> = new Set(["SEXUAL_ASSAULT", "RAPE"]);

interface Household {
  victim: Person;
  perpetrator: Person;
  children: Person[];
  perpetratorIsParent: boolean;
}

/** What one force knows about a victim: for the MARAC criteria (repeat, potential escalation). */
interface ForceHistory {
  reports: number[];
  lastMarac: number | undefined;
}

/**
 * A perpetrator and the partners he (occasionally she) abuses in turn: low-level incidents that
 * some relationships escalate, reported to police, seen in emergency departments, known to
 * children's services, often in more than one force area after a move.
 */
export function domesticAbuseStory(world: World): void {
  const { random, people } = world;
  const place = random.pick(REGIONS);
  let from = world.between(world.earliest, world.horizon - 60 * DAY);
  const perpetrator = people.adult(random.chance(0.9) ? "MALE" : "FEMALE", from, 18, 55, people.home(place, from - random.between(0, 6) * YEAR));
  if (random.chance(0.5)) people.arrest(perpetrator, place.force.code, Math.max(perpetrator.born + 17 * YEAR, from - random.between(1, 12) * YEAR));
  const partners = random.weighted(PARTNERS);
  for (let i = 0; i < partners && from < world.horizon - 30 * DAY; i += 1) {
    if (i > 0) {
      // A new relationship: he moves in with her, a third of the time in another force area.
      const next = random.chance(0.3) ? otherRegion(random, perpetrator.home.region) : perpetrator.home.region;
      people.move([perpetrator], next, from);
    }
    from = relationship(world, perpetrator, from, i) + random.between(30, 400) * DAY;
  }
}

/** One relationship; a serial perpetrator's later ones are shorter, so no one person's history runs to hundreds of events. */
function relationship(world: World, perpetrator: Person, start: number, earlier: number): number {
  const { random, people } = world;
  const perpetratorAge = (start - perpetrator.born) / YEAR;
  const victimSex = perpetrator.sex === "MALE" ? (random.chance(0.97) ? "FEMALE" : "MALE") : random.chance(0.85) ? "MALE" : "FEMALE";
  const victim = people.adult(victimSex, start, Math.max(16, perpetratorAge - 10), Math.max(17, perpetratorAge + 6), perpetrator.home);
  const household: Household = { victim, perpetrator, children: [], perpetratorIsParent: random.chance(0.6) };
  if (random.chance(0.45)) addChildren(world, household, start);

  const incidents = Math.ceil(random.weighted(INCIDENTS) / (1 + earlier));
  const escalating = random.chance(0.4);
  const moveAt = incidents >= 3 && random.chance(0.22) ? random.int(1, incidents - 1) : -1;
  const histories = new Map<string, ForceHistory>();
  let at = start + random.between(5, 180) * DAY;
  let gap = random.between(25, 150) * DAY;
  let last = at;
  for (let i = 0; i < incidents && at < world.horizon; i += 1) {
    // The couple may move to another force area together before this incident: the new force starts from nothing.
    const moved = i === moveAt ? Math.max(last + DAY, at - random.between(10, 60) * DAY) : at;
    if (i > 0 && random.chance(0.35)) distressVisit(world, victim, world.between(last, moved));
    if (i > 0 && random.chance(0.08)) perpetratorVisit(world, perpetrator, world.between(last, moved));
    if (i === moveAt) people.move([victim, perpetrator, ...household.children], otherRegion(random, victim.home.region), moved);
    const gravity = escalating
      ? Math.max(0, Math.min(3, Math.floor((4 * i) / incidents + random.between(-0.5, 0.8))))
      : random.weighted([[0, 50], [1, 35], [2, 12], [3, 3]] as const);
    incident(world, household, world.atHours(at, 17, 26), gravity, histories);
    last = at;
    at += escalating ? gap : gap * random.between(0.5, 1.6);
    if (escalating) gap = Math.max(4 * DAY, gap * 0.8);
  }
  return last;
}

function addChildren(world: World, household: Household, start: number): void {
  const { random, people } = world;
  const { victim, perpetrator } = household;
  const count = random.weighted([[1, 50], [2, 35], [3, 15]] as const);
  const earliestBirth = Math.max(victim.born + 17 * YEAR, start - 12 * YEAR);
  // A mother's children are born by her mid-forties: health refuses a maternity record past 60 as impossible.
  const latestBirth = Math.min(start + 2 * YEAR, world.horizon - 90 * DAY, victim.born + 45 * YEAR);
  if (latestBirth <= earliestBirth) return;
  for (let i = 0; i < count; i += 1) {
    const born = random.between(earliestBirth, latestBirth);
    const surname = household.perpetratorIsParent && random.chance(0.6) ? perpetrator.familyName : victim.familyName;
    const child = people.person(people.randomSex(), born, victim.home, surname);
    household.children.push(child);
    if (victim.sex === "FEMALE" && born >= world.earliest) {
      if (random.chance(0.5)) {
        world.health.encounter(victim, victim.home.region.trust, { setting: "MATERNITY", occurredAt: world.atHours(born - random.between(60, 180) * DAY, 9, 17), presentingComplaint: "Antenatal check" });
      }
      world.health.encounter(victim, victim.home.region.trust, { setting: "MATERNITY", occurredAt: world.clamp(born), presentingComplaint: "Delivery" });
    }
  }
}

function incident(world: World, household: Household, at: number, gravity: number, histories: Map<string, ForceHistory>): void {
  const { random } = world;
  const category = random.weighted(CATEGORIES[gravity]!);
  const reported = random.chance(gravity >= 2 ? 0.8 : 0.6);
  if (reported) policeIncident(world, household, at, gravity, category, histories);
  healthAfterIncident(world, household, at, gravity, category);
  if (household.children.length > 0 && !reported && random.chance(0.05)) {
    childrensServices(world, household, at + random.between(3, 30) * DAY, gravity, "School reports child disclosed shouting at home");
  }
}

function policeIncident(world: World, household: Household, at: number, gravity: number, category: PoliceCategory, histories: Map<string, ForceHistory>): void {
  const { random, police } = world;
  const { victim, perpetrator, children } = household;
  const force = victim.home.region.force;
  const reportedAt = random.chance(0.9) ? at + random.between(5 * MINUTE, 3 * HOUR) : at + random.between(1, 10) * DAY;
  const occurrenceId = police.occurrence({
    force,
    category,
    domesticAbuse: true,
    occurredAt: at,
    reportedAt,
    location: { description: random.chance(0.85) ? "home address" : "street", postcode: victim.home.postcode },
    summary: random.pick(OCCURRENCE_SUMMARIES[category]),
  });
  const victimNominalId = police.involve(occurrenceId, victim, force, "VICTIM");
  const crime = category !== "DOMESTIC_INCIDENT";
  police.involve(occurrenceId, perpetrator, force, crime && random.chance(0.25) ? "OFFENDER" : "SUSPECT");
  if (crime && random.chance(0.35)) police.arrest(perpetrator, force, at);
  for (const child of children) {
    if (at - child.born > 4 * YEAR && random.chance(0.08)) police.involve(occurrenceId, child, force, "WITNESS");
  }

  const history = histories.get(force.code) ?? { reports: [], lastMarac: undefined };
  histories.set(force.code, history);
  history.reports.push(at);
  let grading: RiskGrading | undefined;
  if (random.chance(0.75)) {
    const yes = dashYesCount(world, gravity, history.reports.length);
    grading = officerGrading(world, yes);
    police.dashAssessment(force, occurrenceId, victimNominalId, world.clamp(reportedAt + random.between(20, 180) * MINUTE), dashAnswers(world, yes), random.chance(0.95) ? grading : undefined);
  }
  const criterion = maracCriterion(world, at, grading, history);
  if (criterion) {
    history.lastMarac = at;
    police.maracReferral(force, victimNominalId, random.chance(0.9) ? occurrenceId : undefined, world.clamp(at + random.between(1, 10) * DAY), criterion);
  }
  if (children.some((child) => child.born < at) && random.chance(0.3)) {
    childrensServices(world, household, at + random.between(1, 7) * DAY, gravity, random.pick(REFERRAL_SUMMARIES));
  }
}

/** The DASH yes-count rises with the incident's gravity and with the history the victim discloses. */
function dashYesCount(world: World, gravity: number, reportsInForce: number): number {
  const [low, high] = ([[1, 6], [2, 9], [6, 14], [10, 20]] as const)[gravity]!;
  return Math.min(27, world.random.int(low, high) + Math.min(4, Math.floor((reportsInForce - 1) / 2)));
}

/** The band of the yes-count (1–9 standard, 10–13 medium, 14+ high), which an officer may raise but never lower. */
function officerGrading(world: World, yes: number): RiskGrading {
  const levels: RiskGrading[] = ["STANDARD", "MEDIUM", "HIGH"];
  const band = yes >= 14 ? 2 : yes >= 10 ? 1 : 0;
  return levels[Math.min(2, band + (world.random.chance(0.08) ? 1 : 0))]!;
}

function dashAnswers(world: World, yes: number): DashAnswer[] {
  const { random } = world;
  const answers: DashAnswer[] = Array.from({ length: 27 }, () => (random.chance(0.75) ? "NO" : "NOT_KNOWN"));
  let placed = 0;
  while (placed < yes) {
    const question = random.int(0, 26);
    if (answers[question] !== "YES") {
      answers[question] = "YES";
      placed += 1;
    }
  }
  return answers;
}

/** The SafeLives criteria, applied as inconsistently as in practice. */
function maracCriterion(world: World, at: number, grading: RiskGrading | undefined, history: ForceHistory): MaracCriterion | undefined {
  const { random } = world;
  if (grading === "HIGH" && random.chance(0.85)) return "VISIBLE_HIGH_RISK";
  if (history.lastMarac !== undefined && at - history.lastMarac < YEAR && random.chance(0.35)) return "REPEAT";
  if (history.reports.filter((report) => report > at - YEAR).length >= 3 && random.chance(0.2)) return "POTENTIAL_ESCALATION";
  if (random.chance(0.02)) return "PROFESSIONAL_JUDGEMENT";
  return undefined;
}

function healthAfterIncident(world: World, household: Household, at: number, gravity: number, category: PoliceCategory): void {
  const { random, health } = world;
  const { victim, perpetrator } = household;
  const trust = victim.home.region.trust;
  const named = () => (random.chance(0.7) ? shortFormOf(random, perpetrator.givenName) : perpetrator.givenName.name);
  if (SEXUAL.has(category)) {
    if (!random.chance(0.5)) return;
    const { patientId, encounterId } = health.encounter(victim, trust, {
      setting: "SEXUAL_ASSAULT_REFERRAL_CENTRE",
      occurredAt: world.clamp(at + random.between(2 * HOUR, 3 * DAY)),
      presentingComplaint: "Sexual assault",
      ...(random.chance(0.4) ? { injuryDescription: random.pick(INJURIES[1]!) } : {}),
      disclosedAbuse: true,
      ...(random.chance(0.6) ? { allegedPerpetratorName: named() } : {}),
    });
    if (random.chance(0.7)) health.safeguardingConcern(trust, patientId, encounterId, world.clamp(at + 3 * DAY), "SEXUAL_VIOLENCE", random.pick(CONCERN_SUMMARIES.SEXUAL_VIOLENCE));
    return;
  }
  if (!PHYSICAL.has(category) || !random.chance([0.12, 0.35, 0.55, 0.75][gravity]!)) return;
  const coverStory = random.chance(0.55);
  const disclosed = random.chance(coverStory ? 0.2 : 0.6);
  const knownPerpetrator = health.knownPatient(perpetrator, trust);
  const occurredAt = world.clamp(at + random.between(HOUR, 20 * HOUR));
  const { patientId, encounterId } = health.encounter(victim, trust, {
    setting: random.chance(0.8) ? "EMERGENCY_DEPARTMENT" : "MINOR_INJURY_UNIT",
    occurredAt,
    presentingComplaint: coverStory ? random.pick(COVER_STORIES) : "Assault",
    injuryDescription: random.pick(INJURIES[gravity]!),
    disclosedAbuse: disclosed,
    ...(disclosed && random.chance(0.9) ? { allegedPerpetratorName: named() } : {}),
    ...(disclosed && knownPerpetrator && random.chance(0.5) ? { allegedPerpetratorPatientId: knownPerpetrator } : {}),
  });
  if (random.chance(disclosed ? 0.6 : 0.05)) {
    health.safeguardingConcern(trust, patientId, encounterId, world.clamp(occurredAt + random.between(HOUR, 6 * HOUR)), "DOMESTIC_ABUSE", random.pick(CONCERN_SUMMARIES.DOMESTIC_ABUSE));
  }
  const infant = household.children.find((child) => at - child.born < 2 * YEAR && at > child.born);
  if (infant && gravity >= 2 && random.chance(0.1)) {
    const visit = health.encounter(infant, trust, { setting: "EMERGENCY_DEPARTMENT", occurredAt, presentingComplaint: "Brought in with mother", injuryDescription: "Bruising to cheek" });
    health.safeguardingConcern(trust, visit.patientId, visit.encounterId, world.clamp(occurredAt + 2 * HOUR), "CHILD_PROTECTION", random.pick(CONCERN_SUMMARIES.CHILD_PROTECTION));
  }
}

/** A referral about the household's children, which may lead to a Section 47 enquiry and a plan. */
function childrensServices(world: World, household: Household, start: number, gravity: number, summary: string): void {
  const { random, care } = world;
  const startedAt = world.clamp(start);
  const children = household.children.filter((child) => child.born < startedAt);
  if (children.length === 0 || startedAt >= world.asOf) return;
  const council = household.victim.home.region.council;
  const subject = random.pick(children);
  const { victim, perpetrator } = household;
  for (const child of children) {
    care.householdMember(victim, child, council, "PARENT_OF");
    if (household.perpetratorIsParent) care.householdMember(perpetrator, child, council, "PARENT_OF");
  }
  care.householdMember(victim, perpetrator, council, household.perpetratorIsParent ? "PARTNER_OF" : "OTHER_ADULT");
  const involve = (episodeId: string) => {
    care.involve(episodeId, victim, council, "PARENT_OR_CARER");
    care.involve(episodeId, perpetrator, council, household.perpetratorIsParent && random.chance(0.6) ? "PARENT_OR_CARER" : "ALLEGED_PERPETRATOR");
    for (const child of children) if (child !== subject) care.involve(episodeId, child, council, "HOUSEHOLD_MEMBER");
  };
  const referralEnd = startedAt + random.between(3, 30) * DAY;
  const escalates = random.chance(0.25 + 0.1 * gravity);
  involve(care.episode(subject, council, {
    kind: "REFERRAL",
    startedAt,
    endedAt: referralEnd,
    outcome: escalates ? "Progressed to assessment" : random.pick(REFERRAL_OUTCOMES),
    summary,
  }));
  if (escalates) {
    const enquiryStart = referralEnd + random.between(1, 5) * DAY;
    if (enquiryStart >= world.asOf) return;
    const enquiryEnd = enquiryStart + random.between(10, 40) * DAY;
    const plan = random.chance(0.5);
    involve(care.episode(subject, council, {
      kind: "SECTION_47_ENQUIRY",
      startedAt: enquiryStart,
      endedAt: enquiryEnd,
      outcome: plan ? "Initial child protection conference" : "Child in need plan",
      summary: "Reasonable cause to suspect significant harm from domestic abuse",
    }));
    const followStart = enquiryEnd + random.between(5, 15) * DAY;
    if (followStart >= world.asOf) return;
    involve(care.episode(subject, council, plan
      ? { kind: "CHILD_PROTECTION_PLAN", startedAt: followStart, endedAt: followStart + random.between(180, 540) * DAY, outcome: "Plan ended", category: random.weighted([["EMOTIONAL_ABUSE", 60], ["PHYSICAL_ABUSE", 15], ["NEGLECT", 15], ["MULTIPLE", 10]] as const), summary: "Child protection plan" }
      : { kind: "CHILD_IN_NEED", startedAt: followStart, endedAt: followStart + random.between(90, 365) * DAY, outcome: "Case closed", summary: "Support for family affected by domestic abuse" }));
  } else if (random.chance(0.2) && referralEnd + DAY < world.asOf) {
    involve(care.episode(subject, council, { kind: "CHILD_IN_NEED", startedAt: referralEnd + DAY, endedAt: referralEnd + random.between(90, 365) * DAY, outcome: "Case closed", summary: "Early support for family" }));
  }
}

/** A GP visit for low mood or anxiety: unspecific, but part of the picture. */
function distressVisit(world: World, victim: Person, at: number): void {
  const { random, health } = world;
  health.encounter(victim, victim.home.region.trust, { setting: "GP", occurredAt: world.atHours(at, 8, 18), presentingComplaint: random.pick(DISTRESS_COMPLAINTS) });
}

function perpetratorVisit(world: World, perpetrator: Person, at: number): void {
  const { random, health } = world;
  const [complaint, injury] = random.pick(PERPETRATOR_COMPLAINTS);
  health.encounter(perpetrator, perpetrator.home.region.trust, {
    setting: injury ? "EMERGENCY_DEPARTMENT" : "GP",
    occurredAt: world.atHours(at, 8, 23),
    presentingComplaint: complaint,
    ...(injury ? { injuryDescription: injury } : {}),
  });
}
