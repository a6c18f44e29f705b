import { assessRisk } from "../assessRisk";
import { maracCriteria } from "../maracCriteria";
import type { PerpetratorHistory, RiskEvent } from "../RiskEvent";
import { againstAnother, bornYearsBefore, counterpart, daysBefore, health, him, history, HIM, input, police, RULES, RULES_V1 } from "./fixtures";

/** Her incidents: one domestic incident and one common assault, as the third victim had. */
function hers(fields: Partial<RiskEvent> = {}): RiskEvent[] {
  return [
    police({ id: "HER-1", occurredAt: daysBefore(150), counterparts: [him()], ...fields }),
    police({ id: "HER-2", occurredAt: daysBefore(40), kind: "COMMON_ASSAULT", counterparts: [him()], ...fields }),
  ];
}

/** Her incidents as his own records hold them: the same records, he the suspect. */
function hersAsHis(): RiskEvent[] {
  return hers().map((event) => ({ ...event, role: "SUSPECT", counterparts: [counterpart("VICTIM", "subject-1")] }));
}

function assess(perpetrator: PerpetratorHistory, events: RiskEvent[] = hers(), fields = {}) {
  return assessRisk(input(events, fields), RULES, [perpetrator]);
}

function reason(perpetrator: PerpetratorHistory, events: RiskEvent[] = hers()) {
  return assess(perpetrator, events).reasons.find((found) => found.ruleId === "perpetratorHistory");
}

function professionalJudgement(perpetrator: PerpetratorHistory, events: RiskEvent[] = hers()) {
  return maracCriteria(input(events), RULES, [perpetrator]).criteria.find((criterion) => criterion.criterion === "PROFESSIONAL_JUDGEMENT")!;
}

/** The serial perpetrator: a first partner in WYP, a second in NMC at visible high risk and referred to MARAC, a breach of order. */
function serialWithReferredVictim(): PerpetratorHistory {
  return history(
    [
      againstAnother(900, { area: "WYP" }, "subject-first"),
      againstAnother(500, { kind: "ASSAULT_OCCASIONING_ABH", victimRisk: { dashYesCount: 16, officerGrading: "HIGH", maracReferred: true } }, "subject-second"),
      againstAnother(450, { kind: "BREACH_OF_ORDER", domesticAbuse: false }, "subject-second"),
      ...hersAsHis(),
    ],
    { displayName: "Danny Rourke" },
  );
}

describe("the perpetrator's history is risk to his victim", () => {
  it("makes a serial perpetrator's next victim HIGH when his previous victim was referred to MARAC and he breached an order", () => {
    const assessment = assess(serialWithReferredVictim());
    expect(assessment).toMatchObject({ level: "HIGH", floor: "HIGH" });
    // Rule set v1 gave the same victim a flat 6 points and no floor: MEDIUM.
    expect(assessRisk(input(hers()), RULES_V1, [serialWithReferredVictim()]).level).toBe("MEDIUM");
  });

  it("makes PROFESSIONAL_JUDGEMENT met for his next victim through his previous victim's MARAC referral", () => {
    const criterion = professionalJudgement(serialWithReferredVictim());
    expect(criterion.met).toBe(true);
    expect(criterion.evidence).toContain("The history of her named abuser, Danny Rourke (a serial perpetrator and a previous victim at high risk)");
    expect(maracCriteria(input(hers()), RULES, [serialWithReferredVictim()]).referralIndicated).toBe(true);
  });

  it("says when his history reaches her only through a record of his linked by name and date of birth from another force", () => {
    const weak = { linkedBy: "NAME_AND_DATE_OF_BIRTH" as const, probability: 0.992, acrossAreas: true };
    const found = reason(serialWithReferredVictim(), hers({ counterparts: [{ ...him(), displayName: "Stephen Harcourt", recordLink: weak }] }))!;
    expect(found.linkDoubt).toMatch(/^rests on a record linked by name and date of birth only \(Stephen Harcourt's record police\/[^,]+, from another area\)$/);
    expect(found.statement).toContain("It rests on a record linked by name and date of birth only");
    // Her own reasons rest on her records alone: his weak link is no doubt about them.
    expect(assess(serialWithReferredVictim(), hers({ counterparts: [{ ...him(), recordLink: weak }] })).reasons.filter((r) => r.ruleId !== "perpetratorHistory").every((r) => r.linkDoubt === null)).toBe(true);
    // Through a record linked by his PNC ID, nothing is in doubt.
    expect(reason(serialWithReferredVictim(), hers({ counterparts: [{ ...him(), recordLink: { linkedBy: "STRONG_IDENTIFIER", probability: 0.9999, acrossAreas: true } }] }))!.linkDoubt).toBeNull();
  });

  it("says when her abuser is known only by a record identity has not linked, so his history could not be read", () => {
    const unlinked = counterpart("SUSPECT", null, "EVP-N-9", "police");
    const found = assessRisk(input([police({ id: "HER-U", occurredAt: daysBefore(10), counterparts: [unlinked] })]), RULES).reasons.filter((r) => r.ruleId === "perpetratorHistory");
    expect(found).toHaveLength(1);
    expect(found[0]!.statement).toMatch(/is known only by the record police\/EVP-N-9, which identity has not linked to a person: his history in other records and forces could not be read/);
    expect(found[0]!.contribution).toBe(0);
    expect(found[0]!.eventIds).toEqual(["police/HER-U"]);
    // Rule set v1 said nothing of him.
    expect(assessRisk(input([police({ occurredAt: daysBefore(10), counterparts: [unlinked] })]), RULES_V1).reasons.map((r) => r.statement).join(" ")).not.toContain("identity has not linked");
  });

  it("names him by display name, his other victims only as counts, and which forces recorded them", () => {
    const found = reason(serialWithReferredVictim())!;
    expect(found.statement).toMatch(/^Her named abuser, Danny Rourke, named in 2 of her incidents since .*: his own records, as the caller sees them, show 2 other victims, recorded in WYP and NMC;/);
    expect(found.statement).toContain("a previous victim was at visible high risk (a DASH of 14 or more), graded HIGH by an officer and referred to MARAC (NMC");
    expect(found.statement).toContain("he breached bail or an order (NMC");
    expect(found.statement).not.toMatch(/subject-(first|second)/);
    expect(assess(serialWithReferredVictim()).headline).toMatch(/^HIGH — his third known victim in three forces/);
  });

  it("calls him her named abuser when his name may not be shown", () => {
    const unnamed = { ...serialWithReferredVictim(), displayName: null };
    expect(reason(unnamed)!.statement).toMatch(/^Her named abuser, named in 2 of her incidents/);
  });

  it("adds each fact's points: serial 6, previous victim at high risk 6, breach 5", () => {
    expect(reason(serialWithReferredVictim())!.contribution).toBe(
      RULES.rules.serialPerpetrator.points + RULES.rules.perpetratorHistory!.previousVictimHighRisk.points + RULES.rules.perpetratorHistory!.markers.BREACH_OF_BAIL_OR_ORDER!.points,
    );
  });

  it("sets no floor for a serial perpetrator with nothing else in his history, but weighs him", () => {
    // As harmful against his first victim as against her: no rise across victims.
    const serialOnly = history([againstAnother(600, { kind: "COMMON_ASSAULT" }, "subject-first"), ...hersAsHis()]);
    const found = reason(serialOnly)!;
    expect(found).toMatchObject({ floor: null, contribution: RULES.rules.serialPerpetrator.points });
    expect(professionalJudgement(serialOnly).met).toBe(false);
  });

  it("reads strangulation and a weapon in his incidents against others, and with them a serial perpetrator is HIGH", () => {
    const strangler = history([againstAnother(700, { markers: ["STRANGULATION"] }, "subject-first"), ...hersAsHis()]);
    expect(reason(strangler)!.statement).toContain("strangling or choking is recorded in his incidents (NMC");
    expect(assess(strangler).floor).toBe("HIGH");
    const armed = history([againstAnother(700, { kind: "THREATS_TO_KILL", markers: ["WEAPON"] }, "subject-first"), ...hersAsHis()]);
    expect(reason(armed)!.statement).toContain("a weapon is recorded in his incidents");
    expect(reason(armed)!.statement).toContain("threats to kill are recorded in his incidents");
  });

  it("does not count twice what her own records hold: his incidents against her are hers to weigh", () => {
    const onlyHer = history(hersAsHis().map((event) => ({ ...event, markers: ["STRANGULATION"] })));
    expect(reason(onlyHer)).toBeUndefined();
  });

  it("finds harm rising across his victims", () => {
    const escalating = history([
      againstAnother(1500, {}, "subject-first"),
      againstAnother(900, { kind: "COMMON_ASSAULT" }, "subject-second"),
      police({ id: "HER-3", occurredAt: daysBefore(20), kind: "ASSAULT_OCCASIONING_ABH", role: "SUSPECT", counterparts: [counterpart("VICTIM", "subject-1")] }),
    ]);
    const events = [police({ id: "HER-3", occurredAt: daysBefore(20), kind: "ASSAULT_OCCASIONING_ABH", counterparts: [him()] })];
    expect(reason(escalating, events)!.statement).toContain(
      "the harm he does has risen from victim to victim: the worst against each, in turn, a domestic incident in NMC, a common assault in NMC and an assault occasioning ABH in EVP",
    );
  });

  it("reads only the perpetrators named in her incidents of the last year", () => {
    const serial = serialWithReferredVictim();
    const longAgo = hers().map((event) => ({ ...event, occurredAt: daysBefore(400) }));
    expect(reason(serial, longAgo)).toBeUndefined();
    expect(reason(serial, [police({ occurredAt: daysBefore(20), counterparts: [counterpart("SUSPECT", "subject-someone-else")] })])).toBeUndefined();
  });

  it("names him from an A&E disclosure too", () => {
    const disclosed = [health({ occurredAt: daysBefore(10), injury: false, markers: ["DISCLOSURE_OF_ABUSE"], counterparts: [counterpart("ALLEGED_PERPETRATOR", HIM, "NVH-P-7", "health")] })];
    expect(assess(serialWithReferredVictim(), disclosed).floor).toBe("HIGH");
  });

  it("takes a partner's assessment of him as a high risk of serious harm as professional judgement, while it is current", () => {
    const recall = (days: number) => ({
      agency: "probation",
      id: `PR-${days}`,
      area: "NPS",
      occurredAt: daysBefore(days),
      kind: "RECALL",
      role: "OFFENDER",
      counterparts: [],
      markers: ["BREACH_OF_BAIL_OR_ORDER", "HIGH_RISK_OF_SERIOUS_HARM"],
    });
    const current = history([...hersAsHis(), recall(30)]);
    expect(professionalJudgement(current).met).toBe(true);
    expect(reason(current)!.statement).toContain("he is assessed as a high risk of serious harm (NPS");
    expect(assess(current).level).toBe("HIGH");
    expect(professionalJudgement(history([...hersAsHis(), recall(400)])).met).toBe(false);
  });

  it("does not count a victim known to be under 16 towards MATAC", () => {
    const serial = history([againstAnother(600, { kind: "COMMON_ASSAULT" }, "subject-first"), ...hersAsHis()]);
    expect(reason(serial)!.statement).toContain("he meets the MATAC serial perpetrator test");
    const found = assess(serial, hers(), { datesOfBirth: [bornYearsBefore(15)] }).reasons.find((r) => r.ruleId === "perpetratorHistory")!;
    expect(found.statement).not.toContain("MATAC");
    expect(found.contribution).toBe(0);
  });

  it("is not read by rule set v1, which weighed only the MATAC test, flatly", () => {
    const v1 = assessRisk(input(hers()), RULES_V1, [serialWithReferredVictim()]);
    expect(v1.reasons.map((r) => r.ruleId)).toContain("serialPerpetrator");
    expect(v1.reasons.map((r) => r.ruleId)).not.toContain("perpetratorHistory");
  });
});

describe("his whole history, for a victim seen by every agency", () => {
  it("leaves the records of his other victims to identity: an unresolved victim counts by her record", () => {
    const unresolved = history([againstAnother(600, { counterparts: [counterpart("VICTIM", null, "NMC-N-77")] }), ...hersAsHis()]);
    expect(reason(unresolved)!.statement).toContain("1 other victim, recorded in NMC");
  });

  it("uses the caller's view of his events: an agency not seen contributes nothing", () => {
    const recall = { agency: "probation", id: "PR-1", area: "NPS", occurredAt: daysBefore(30), kind: "RECALL", role: "OFFENDER", counterparts: [], markers: ["HIGH_RISK_OF_SERIOUS_HARM"] };
    const sources = [
      { agency: "police", visible: true, reason: null },
      { agency: "probation", visible: false, reason: "withheld" },
    ];
    expect(assessRisk(input(hers(), { sources }), RULES, [history([...hersAsHis(), recall])]).reasons.map((r) => r.ruleId)).not.toContain("perpetratorHistory");
  });
});
