import { seededRandom } from "@tessera/kit";
import type { PerpetratorHistory, RiskCounterpart, RiskEvent, RiskInput, SourceVisibility } from "../../RiskEvent";

/**
 * A seeded family of varied histories — kinds, roles, checklists, referrals, agencies, areas,
 * counterparts, dates, and the perpetrators' own events — for the v1 golden results. The same
 * histories for the same seed on every run: changing this file changes the inputs the golden file
 * was captured from, so it is frozen once the file is committed.
 *
 * The histories also carry the fields issue 12 added to the engine's input (markers, record links,
 * victimRisk, relationships, display names, dates of birth), so the golden test shows that rule set
 * v1 still ignores them.
 */


class Draw {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  number(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  some<T>(items: readonly T[], p: number): T[] {
    return items.filter(() => this.chance(p));
  }
}

const DAY_MS = 86_400_000;
const MOMENTS = ["2026-10-19T09:00:00Z", "2025-03-01T12:00:00Z", "2026-11-22T00:00:00Z"].map((iso) => new Date(iso));
/** Window edges of rule set v1, so boundaries are exercised: each exactly, and a day beyond. */
const EDGES = [28, 29, 183, 184, 365, 366, 1096, 1097, 1826, 1827];

const POLICE_KINDS = [
  "DOMESTIC_INCIDENT", "DOMESTIC_INCIDENT", "DOMESTIC_INCIDENT", "COMMON_ASSAULT", "COMMON_ASSAULT", "ASSAULT_OCCASIONING_ABH", "GBH", "THREATS_TO_KILL",
  "STALKING_HARASSMENT", "COERCIVE_CONTROL", "SEXUAL_ASSAULT", "RAPE", "CRIMINAL_DAMAGE", "BREACH_OF_ORDER", "OTHER", "MARAC_REFERRAL", "MARAC_REFERRAL",
];
const HEALTH_KINDS = ["EMERGENCY_DEPARTMENT", "EMERGENCY_DEPARTMENT", "MINOR_INJURY_UNIT", "MATERNITY", "GP", "SEXUAL_ASSAULT_REFERRAL_CENTRE", "SAFEGUARDING_CONCERN", "SAFEGUARDING_CONCERN"];
const CARE_KINDS = ["REFERRAL", "REFERRAL", "CHILD_IN_NEED", "SECTION_47_ENQUIRY", "CHILD_PROTECTION_PLAN", "SECTION_42_ENQUIRY", "EARLY_HELP_ASSESSMENT"];
const PROBATION_KINDS = ["RECALL", "SUPERVISION"];
const MARAC_CRITERIA = ["VISIBLE_HIGH_RISK", "POTENTIAL_ESCALATION", "REPEAT", "PROFESSIONAL_JUDGEMENT", null];
const GRADINGS = ["STANDARD", "MEDIUM", "HIGH", null] as const;
const MARKERS = [
  "INJURY", "STRANGULATION", "THREATS_TO_KILL", "WEAPON", "STALKING", "SEPARATION", "PREGNANCY", "NEW_BABY", "SEXUAL_ABUSE", "COERCIVE_CONTROL", "ESCALATING_ABUSE",
  "BREACH_OF_BAIL_OR_ORDER", "HONOUR_BASED_ABUSE", "CHILDREN_IN_HOUSEHOLD", "CHILD_HARMED_OR_THREATENED", "OVERDOSE", "SELF_HARM", "MENTAL_HEALTH_CRISIS", "DISCLOSURE_OF_ABUSE",
];
const RELATIONSHIPS = ["CURRENT_PARTNER", "EX_PARTNER", "FAMILY_MEMBER", "OTHER", null] as const;
const LINK_BASES = ["SOLE_RECORD", "STRONG_IDENTIFIER", "REVIEWER", "NAME_AND_DATE_OF_BIRTH", "NAME_AND_DATE_OF_BIRTH"] as const;
const AREAS: Record<string, readonly string[]> = { police: ["NMC", "EVP", "WYP"], health: ["NVH", "EVT"], "social-care": ["NMB", "EVC"], probation: ["NPS"] };
const POLICE_ROLES = ["VICTIM", "VICTIM", "VICTIM", "VICTIM", "SUSPECT", "SUSPECT", "OFFENDER", "WITNESS", "OTHER"];
const HEALTH_ROLES = ["PATIENT", "PATIENT", "PATIENT", "SUBJECT_OF_CONCERN", "ALLEGED_PERPETRATOR"];
const CARE_ROLES = ["SUBJECT_OF_CONCERN", "PARENT_OR_CARER", "PARENT_OR_CARER", "HOUSEHOLD_MEMBER", "ALLEGED_PERPETRATOR", "VICTIM"];
const COUNTERPART_ROLES = ["SUSPECT", "SUSPECT", "OFFENDER", "ALLEGED_PERPETRATOR", "VICTIM", "WITNESS", "HOUSEHOLD_MEMBER", "SUBJECT_OF_CONCERN", "PARENT_OR_CARER"];
/** The parts in a perpetrator's own events: mostly the suspect or offender, against a victim. */
const HIS_ROLES = { own: ["SUSPECT", "SUSPECT", "OFFENDER", "VICTIM", "WITNESS"], counterparts: ["VICTIM", "VICTIM", "VICTIM", "WITNESS", "SUSPECT"] };
const HER_ROLES = { own: POLICE_ROLES, counterparts: COUNTERPART_ROLES };
const NAMES = ["Daniel Rourke", "Marcus Fenn", "Owen Tally", null];

/** A person who may appear in a history: resolved to a subject or known only by a record. */
interface Person {
  key: string;
  subjectId: string | null;
  displayName: string | null;
}

export interface GeneratedCase {
  name: string;
  input: RiskInput;
  perpetrators: PerpetratorHistory[];
}

function recordLink(draw: Draw) {
  if (draw.chance(0.3)) return draw.chance(0.5) ? null : undefined;
  const linkedBy = draw.pick(LINK_BASES);
  const modelled = linkedBy === "NAME_AND_DATE_OF_BIRTH" || linkedBy === "STRONG_IDENTIFIER";
  return { linkedBy, probability: modelled ? Math.round((0.9 + draw.number() * 0.1) * 10_000) / 10_000 : null, acrossAreas: draw.chance(0.3) };
}

/** When an event happened: mostly spread over eight years, sometimes exactly on a window's edge, sometimes after `now`. */
function when(draw: Draw, now: Date): Date {
  const roll = draw.number();
  const days = roll < 0.12 ? draw.pick(EDGES) : roll < 0.16 ? -draw.int(1, 40) : roll < 0.4 ? draw.number() * 120 : draw.number() * 2900;
  return new Date(now.getTime() - days * DAY_MS - (roll < 0.12 ? 0 : draw.int(0, 86_399) * 1000));
}

function counterpartsFor(draw: Draw, agency: string, area: string, people: readonly Person[], subject: Person, roles: readonly string[] = COUNTERPART_ROLES): RiskCounterpart[] {
  const count = draw.pick([0, 1, 1, 1, 2, 2, 3]);
  const counterparts: RiskCounterpart[] = [];
  for (let index = 0; index < count; index += 1) {
    const person = draw.chance(0.06) ? subject : draw.pick(people);
    const counterpart: RiskCounterpart = {
      role: draw.pick(roles),
      agency,
      localId: `${area}-N-${person.key}`,
      subjectId: person.subjectId,
    };
    if (draw.chance(0.7)) counterpart.relationship = draw.pick(RELATIONSHIPS);
    if (draw.chance(0.5)) counterpart.displayName = person.displayName;
    counterparts.push(counterpart);
  }
  return counterparts;
}

function event(draw: Draw, sequence: number, prefix: string, now: Date, people: readonly Person[], subject: Person, roles = HER_ROLES, agencyRoll?: string): RiskEvent {
  const agency = agencyRoll ?? draw.pick(["police", "police", "police", "police", "police", "police", "health", "health", "health", "social-care", "social-care", "probation"]);
  const area = draw.pick(AREAS[agency]!);
  const occurredAt = when(draw, now);
  const base = { agency, id: `${prefix}-${agency.slice(0, 2).toUpperCase()}-${sequence}`, area, occurredAt };
  const extra: Record<string, unknown> = {};
  if (draw.chance(0.8)) extra.recordId = `${area}-R-${subject.key}`;
  const link = recordLink(draw);
  if (link !== undefined) extra.recordLink = link;
  if (draw.chance(0.6)) extra.markers = draw.some(MARKERS, 0.08);
  let fields: RiskEvent;
  if (agency === "police") {
    const kind = draw.pick(POLICE_KINDS);
    const referral = kind === "MARAC_REFERRAL";
    fields = {
      ...base,
      kind,
      role: referral ? "VICTIM" : draw.pick(roles.own),
      counterparts: counterpartsFor(draw, agency, area, people, subject, roles.counterparts),
      domesticAbuse: draw.pick([true, true, true, false, null, undefined]),
      dash: !referral && draw.chance(0.3) ? { tool: draw.chance(0.85) ? "DASH" : "DARA", yesCount: draw.chance(0.9) ? draw.int(0, 27) : null, officerGrading: draw.pick(GRADINGS) } : draw.pick([null, undefined]),
      maracCriterion: referral ? draw.pick(MARAC_CRITERIA) : draw.pick([null, undefined]),
    };
    if (!referral && draw.chance(0.5)) extra.victimRisk = { dashYesCount: draw.chance(0.6) ? draw.int(0, 27) : null, officerGrading: draw.pick(GRADINGS), maracReferred: draw.chance(0.3) };
  } else if (agency === "health") {
    const kind = draw.pick(HEALTH_KINDS);
    fields = {
      ...base,
      kind,
      role: draw.pick(HEALTH_ROLES),
      counterparts: draw.chance(0.3) ? counterpartsFor(draw, agency, area, people, subject) : [],
      injury: draw.pick([true, true, false, null, undefined]),
      category: kind === "SAFEGUARDING_CONCERN" ? draw.pick(["DOMESTIC_ABUSE", "SEXUAL_VIOLENCE", "NEGLECT", null]) : null,
    };
  } else if (agency === "social-care") {
    fields = {
      ...base,
      kind: draw.pick(CARE_KINDS),
      role: draw.pick(CARE_ROLES),
      counterparts: counterpartsFor(draw, agency, area, people, subject),
      category: draw.pick(["DOMESTIC_ABUSE", "NEGLECT", "PHYSICAL_ABUSE", null, undefined]),
    };
    if (draw.chance(0.5)) extra.childrenInHousehold = draw.pick([0, 1, 2, 3, null]);
  } else {
    fields = { ...base, kind: draw.pick(PROBATION_KINDS), role: draw.pick(["OFFENDER", "OTHER", "VICTIM"]), counterparts: [] };
  }
  return { ...fields, ...extra } as RiskEvent;
}

/** Her events seen from his side: the same record, he the suspect or offender, she the victim. */
function asHis(draw: Draw, hers: RiskEvent, subject: Person): RiskEvent {
  return {
    ...hers,
    role: draw.pick(["SUSPECT", "OFFENDER"]),
    dash: null,
    counterparts: [{ role: "VICTIM", agency: hers.agency, localId: `${hers.area}-N-${subject.key}`, subjectId: subject.subjectId }],
  };
}

function sources(draw: Draw): SourceVisibility[] {
  if (draw.chance(0.65)) return draw.chance(0.5) ? [] : ["police", "health", "social-care"].map((agency) => ({ agency, visible: true, reason: null }));
  const agencies = draw.chance(0.3) ? ["police", "health", "social-care", "probation"] : ["police", "health", "social-care"];
  return agencies.map((agency) => {
    const visible = draw.chance(0.6);
    return { agency, visible, reason: visible ? null : draw.pick(["withheld by the agency's access policy", null]) };
  });
}

function dateOfBirth(draw: Draw, now: Date): string {
  const age = draw.pick([15, 16, 17, 17, 18, 24, 33, 47, 64, 65, 66, 78, 90]);
  const born = new Date(now.getTime() - (age * 365.25 + draw.int(-200, 200)) * DAY_MS);
  return born.toISOString().slice(0, 10);
}

export function generatedCase(seed: number): GeneratedCase {
  const draw = new Draw(seed * 7919 + 17);
  const now = draw.pick(MOMENTS);
  const subject: Person = { key: `S${seed}`, subjectId: `subject-g${seed}`, displayName: "Alex Morgan" };
  const people: Person[] = Array.from({ length: draw.int(1, 5) }, (_, index) => ({
    key: `P${seed}-${index}`,
    subjectId: draw.chance(0.75) ? `subject-g${seed}-p${index}` : null,
    displayName: draw.pick(NAMES),
  }));
  const size = draw.chance(0.1) ? draw.int(40, 90) : draw.int(1, 24);
  const events = Array.from({ length: size }, (_, index) => event(draw, index, `G${seed}`, now, people, subject));

  const perpetrators: PerpetratorHistory[] = [];
  for (const person of people) {
    if (person.subjectId === null || draw.chance(0.2)) continue;
    const against = events.filter((hers) => hers.counterparts.some((c) => c.subjectId === person.subjectId && c.role !== "VICTIM") && draw.chance(0.8));
    const own = Array.from({ length: draw.int(0, 10) }, (_, index) => {
      const others: Person[] = [
        { key: `V${seed}-${index}`, subjectId: draw.chance(0.7) ? `subject-g${seed}-v${draw.int(0, 3)}` : null, displayName: null },
        subject,
      ];
      return event(draw, index, `H${seed}-${person.key}`, now, others, person, HIS_ROLES, draw.chance(0.85) ? "police" : draw.pick(["health", "probation"]));
    });
    const history = { subjectId: person.subjectId, events: [...against.map((hers) => asHis(draw, hers, subject)), ...own] } as PerpetratorHistory & { displayName?: string | null };
    if (draw.chance(0.7)) history.displayName = person.displayName;
    perpetrators.push(history);
  }
  if (draw.chance(0.15)) perpetrators.push({ subjectId: `subject-g${seed}-stranger`, events: [event(draw, 0, `X${seed}`, now, people, subject, HIS_ROLES, "police")] });

  const input = { subjectId: subject.subjectId!, events, sources: sources(draw), now } as RiskInput & { displayName?: string | null; datesOfBirth?: string[] };
  if (draw.chance(0.6)) input.displayName = draw.pick(["Alex Morgan", null]);
  if (draw.chance(0.7)) input.datesOfBirth = Array.from({ length: draw.int(0, 2) }, () => dateOfBirth(draw, now));
  return { name: `generated #${seed}`, input, perpetrators };
}
