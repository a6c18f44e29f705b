import { assessRisk } from "../assessRisk";
import type { RecordLink, RiskEvent, SourceVisibility } from "../RiskEvent";
import { againstAnother, care, daysBefore, health, him, history, input, maracReferral, police, RULES, RULES_V1 } from "./fixtures";

const POLICE_ONLY: SourceVisibility[] = [
  { agency: "police", visible: true, reason: null },
  { agency: "health", visible: false, reason: "withheld by the health access policy" },
  { agency: "social-care", visible: false, reason: "withheld by the social care access policy" },
];

/** A history with much in it: several agencies, markers, a serial perpetrator. */
function heavy(): { events: RiskEvent[]; his: ReturnType<typeof history> } {
  const events = [
    police({ id: "A", occurredAt: daysBefore(600), area: "NMC", counterparts: [him()] }),
    police({ id: "B", occurredAt: daysBefore(300), counterparts: [him()] }),
    health({ id: "C", occurredAt: daysBefore(200), markers: ["PREGNANCY", "STRANGULATION", "DISCLOSURE_OF_ABUSE"] }),
    care({ id: "D", occurredAt: daysBefore(150), kind: "CHILD_PROTECTION_PLAN" }),
    police({ id: "E", occurredAt: daysBefore(10), kind: "ASSAULT_OCCASIONING_ABH", counterparts: [him({ relationship: "EX_PARTNER" })], markers: ["THREATS_TO_KILL", "STALKING"] }),
  ];
  const hers = events.filter((event) => event.agency === "police").map((event) => ({ ...event, role: "SUSPECT", counterparts: [] }));
  const his = history([againstAnother(800, { area: "WYP" }, "subject-first"), againstAnother(400, { victimRisk: { dashYesCount: 18, officerGrading: "HIGH", maracReferred: true } }, "subject-second"), ...hers]);
  return { events, his };
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe("the headline", () => {
  it("is at most 20 words, the level first, with no rule ids and no arithmetic", () => {
    const { events, his } = heavy();
    const assessment = assessRisk(input(events), RULES, [his]);
    expect(assessment.headline).toMatch(/^HIGH — /);
    expect(words(assessment.headline)).toBeLessThanOrEqual(RULES.rules.explanation!.headlineMaximumWords);
    expect(assessment.headline).not.toMatch(/[a-z]+\.[a-z]+|markers\.|perpetratorHistory|score|\+|=|points/);
  });

  it("puts what sets the level first: his history before the points", () => {
    const { events, his } = heavy();
    expect(assessRisk(input(events), RULES, [his]).headline).toMatch(/^HIGH — his third known victim in three forces; /);
  });

  it("says so when nothing raises the level", () => {
    expect(assessRisk(input([]), RULES).headline).toBe("STANDARD — nothing in the records seen raises it");
  });

  it("under rule set v1, which wrote none, is the level alone", () => {
    expect(assessRisk(input(heavy().events), RULES_V1).headline).toBe("HIGH");
  });
});

describe("a partial view", () => {
  it("is a lower bound, and says so first", () => {
    const assessment = assessRisk(input([police({ occurredAt: daysBefore(5), counterparts: [him()] })], { sources: POLICE_ONLY }), RULES);
    expect(assessment).toMatchObject({ level: "STANDARD", completeness: "PARTIAL" });
    expect(assessment.summary).toMatch(/^At least STANDARD — health and social care were not visible and could raise it\. STANDARD risk as a potential victim: /);
    expect(assessment.headline).toMatch(/^At least STANDARD — health and social care not seen; /);
  });

  it("names a single agency not seen in words an officer would say: police were, health was", () => {
    const withoutPolice = [
      { agency: "police", visible: false, reason: "did not answer" },
      { agency: "health", visible: true, reason: null },
      { agency: "social-care", visible: true, reason: null },
    ];
    expect(assessRisk(input([], { sources: withoutPolice }), RULES).summary).toMatch(/^At least STANDARD — police were not visible and could raise it\./);
    const withoutHealth = withoutPolice.map((source) => ({ ...source, visible: source.agency !== "health", reason: source.agency === "health" ? "withheld" : null }));
    expect(assessRisk(input([], { sources: withoutHealth }), RULES).summary).toMatch(/^At least STANDARD — health was not visible and could raise it\./);
  });

  it("is HIGH, not 'at least HIGH', when what was seen is already HIGH: nothing unseen could raise it", () => {
    const graded = police({ occurredAt: daysBefore(5), counterparts: [him()], dash: { tool: "DASH", yesCount: 15, officerGrading: "HIGH" } });
    const assessment = assessRisk(input([graded], { sources: POLICE_ONLY }), RULES);
    expect(assessment).toMatchObject({ level: "HIGH", completeness: "PARTIAL" });
    expect(assessment.headline).toMatch(/^HIGH — health and social care not seen; /);
    expect(assessment.summary).toMatch(/^HIGH — health and social care were not visible: they could add reasons, not a higher level\. /);
  });

  it("is COMPLETE when every agency was seen", () => {
    const assessment = assessRisk(input([police({ occurredAt: daysBefore(5) })]), RULES);
    expect(assessment.completeness).toBe("COMPLETE");
    expect(assessment.summary).toMatch(/^STANDARD risk as a potential victim/);
  });

  it("was PARTIAL under rule set v1 too, though v1's summary did not say it first", () => {
    const assessment = assessRisk(input([police({ occurredAt: daysBefore(5) })], { sources: POLICE_ONLY }), RULES_V1);
    expect(assessment).toMatchObject({ completeness: "PARTIAL", headline: "At least STANDARD — health and social care were not visible and could raise it" });
    expect(assessment.summary).toMatch(/^STANDARD risk as a potential victim/);
  });
});

describe("the reasons", () => {
  it("come newest evidence first, each dated by it", () => {
    const { events, his } = heavy();
    const reasons = assessRisk(input(events), RULES, [his]).reasons;
    const dates = reasons.map((reason) => reason.latestAt!.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(reasons.find((reason) => reason.ruleId === "socialCare.involvement")!.latestAt).toEqual(daysBefore(150));
  });

  it("keep rule set v1's order under v1", () => {
    const reasons = assessRisk(input(heavy().events), RULES_V1).reasons.map((reason) => reason.ruleId);
    expect(reasons).toEqual(["repeatVictimisation", "escalation.harm", "recency", "health.injuries", "socialCare.involvement", "crossBorder"]);
  });
});

describe("link doubt", () => {
  const link = (fields: Partial<RecordLink>): RecordLink => ({ linkedBy: "NAME_AND_DATE_OF_BIRTH", probability: 0.999, acrossAreas: false, ...fields });
  const incident = (recordLink: RecordLink | null, recordId = "EVP-N-3") => police({ occurredAt: daysBefore(5), recordId, recordLink });

  it("marks a reason resting on a record linked by name and date of birth from another area", () => {
    const recency = assessRisk(input([incident(link({ acrossAreas: true }))]), RULES).reasons.find((reason) => reason.ruleId === "recency")!;
    expect(recency.linkDoubt).toBe("rests on a record linked by name and date of birth only (police/EVP-N-3, from another area)");
    expect(recency.statement).toMatch(/It rests on a record linked by name and date of birth only \(police\/EVP-N-3, from another area\)\.$/);
  });

  it("marks one linked by name and date of birth below 0.99, and not one at 0.99", () => {
    const below = assessRisk(input([incident(link({ probability: 0.97 }))]), RULES).reasons[0]!;
    expect(below.linkDoubt).toBe("rests on a record linked by name and date of birth only (police/EVP-N-3, link probability 0.97)");
    expect(assessRisk(input([incident(link({ probability: 0.99 }))]), RULES).reasons[0]!.linkDoubt).toBeNull();
  });

  it("does not doubt a strong identifier, a reviewer's link or a sole record, from wherever", () => {
    for (const linkedBy of ["STRONG_IDENTIFIER", "REVIEWER", "SOLE_RECORD"] as const) {
      expect(assessRisk(input([incident({ linkedBy, probability: null, acrossAreas: true })]), RULES).reasons[0]!.linkDoubt).toBeNull();
    }
    expect(assessRisk(input([incident(null)]), RULES).reasons[0]!.linkDoubt).toBeNull();
  });

  it("names each doubtful record once, however many events rest on it", () => {
    const events = [1, 2, 3].map((n) => police({ occurredAt: daysBefore(n * 50), area: "NMC", recordId: "NMC-N-9", recordLink: link({ acrossAreas: true }) }));
    const repeat = assessRisk(input([...events, maracReferral("REPEAT", { occurredAt: daysBefore(20) })]), RULES).reasons.find((reason) => reason.ruleId === "repeatVictimisation")!;
    expect(repeat.linkDoubt).toBe("rests on a record linked by name and date of birth only (police/NMC-N-9, from another area)");
  });

  it("is never raised under rule set v1", () => {
    expect(assessRisk(input([incident(link({ acrossAreas: true }))]), RULES_V1).reasons[0]!.linkDoubt).toBeNull();
  });
});
