import { assessRisk } from "../assessRisk";
import { maracCriteria } from "../maracCriteria";
import { perpetratorProfile } from "../perpetratorProfile";
import type { RiskEvent } from "../RiskEvent";
import { counterpart, daysBefore, him, HIM, input, police, RULES, RULES_V1 } from "./fixtures";

/** She is recorded as suspect, he as victim. */
function counterAllegation(days: number, fields: Partial<RiskEvent> = {}): RiskEvent {
  return police({ id: `CA-${days}`, occurredAt: daysBefore(days), kind: "COMMON_ASSAULT", role: "SUSPECT", counterparts: [counterpart("VICTIM", HIM, "EVP-N-HIM", "police", { displayName: "Danny Rourke" })], ...fields });
}

/** Two incidents in which he was recorded as her abuser, then his counter-allegation. */
function history(): RiskEvent[] {
  return [police({ occurredAt: daysBefore(300), counterparts: [him()] }), police({ occurredAt: daysBefore(200), counterparts: [him()] }), counterAllegation(20)];
}

describe("a counter-allegation by her established abuser", () => {
  it("still counts in her history as an incident with her abuser, and sets her level as it would as victim", () => {
    const assessment = assessRisk(input(history()), RULES);
    const repeat = assessment.reasons.find((reason) => reason.ruleId === "repeatVictimisation")!;
    expect(repeat.eventIds).toContain("police/CA-20");
    expect(repeat.statement).toContain("One of them is a possible counter-allegation: she was recorded as suspect against her established abuser.");
    const asVictim = assessRisk(input([...history().slice(0, 2), police({ occurredAt: daysBefore(20), kind: "COMMON_ASSAULT", counterparts: [him()] })]), RULES);
    expect(assessment.score).toBe(asVictim.score);
    expect(assessment.level).toBe(asVictim.level);
    expect(assessment.level).toBe("MEDIUM");
    // Rule set v1 dropped it from her history.
    expect(assessRisk(input(history()), RULES_V1).level).toBe("STANDARD");
  });

  it("needs an established abuser: one incident naming him is not enough, nor more naming her as his", () => {
    const once = [police({ occurredAt: daysBefore(200), counterparts: [him()] }), counterAllegation(20)];
    expect(assessRisk(input(once), RULES).reasons.find((reason) => reason.ruleId === "counterAllegation")).toBeUndefined();
    // An abuser's own view: recorded once as the victim of the partner he then assaulted twice. He
    // does not become her victim, and her strangulation on his later incident is not his marker.
    const his = [
      police({ id: "HIS-VICTIM", occurredAt: daysBefore(300), counterparts: [counterpart("SUSPECT", "subject-her")] }),
      police({ id: "HIS-1", occurredAt: daysBefore(200), role: "SUSPECT", counterparts: [counterpart("VICTIM", "subject-her")] }),
      police({ id: "HIS-2", occurredAt: daysBefore(100), role: "SUSPECT", counterparts: [counterpart("VICTIM", "subject-her")] }),
      police({ id: "HIS-3", occurredAt: daysBefore(20), role: "SUSPECT", markers: ["STRANGULATION"], counterparts: [counterpart("VICTIM", "subject-her")] }),
    ];
    const assessment = assessRisk(input(his), RULES);
    expect(assessment.reasons.map((reason) => reason.ruleId)).not.toContain("counterAllegation");
    expect(assessment.reasons.map((reason) => reason.ruleId)).not.toContain("markers.STRANGULATION");
    expect(perpetratorProfile(input(his), RULES)).toMatchObject({ counterAllegation: false, caveat: null });
  });

  it("is flagged in the reasons, naming him as the records name him", () => {
    const found = assessRisk(input(history()), RULES).reasons.find((reason) => reason.ruleId === "counterAllegation")!;
    expect(found.statement).toMatch(/^A possible counter-allegation: on .* \(police, EVP, common assault\) she was recorded as suspect and her established abuser, Danny Rourke, as victim, after 2 earlier incidents naming him as hers/);
    expect(found.contribution).toBe(0);
  });

  it("keeps the markers of the incident: a strangulation after separation recorded on his counter-allegation is hers", () => {
    const strangled = counterAllegation(20, {
      markers: ["STRANGULATION"],
      counterparts: [counterpart("VICTIM", HIM, "EVP-N-HIM", "police", { displayName: "Danny Rourke", relationship: "EX_PARTNER" })],
    });
    const reasons = assessRisk(input([...history().slice(0, 2), strangled]), RULES).reasons;
    expect(reasons.find((reason) => reason.ruleId === "markers.STRANGULATION")!.statement).toContain("1 record is a possible counter-allegation, which records her abuse all the same.");
    expect(reasons.map((reason) => reason.ruleId)).toContain("markers.SEPARATION");
  });

  it("counts towards MARAC's potential escalation", () => {
    const found = maracCriteria(input(history().map((event) => ({ ...event, area: "NMC" }))), RULES).criteria.find((criterion) => criterion.criterion === "POTENTIAL_ESCALATION")!;
    expect(found).toMatchObject({ met: true, evidence: expect.stringContaining("1 is a possible counter-allegation against her established abuser.") });
  });

  it("is not one when he was never named as her abuser, or only more than five years before", () => {
    expect(assessRisk(input([counterAllegation(20)]), RULES).reasons.map((reason) => reason.ruleId)).not.toContain("counterAllegation");
    const longBefore = [police({ occurredAt: daysBefore(1900), counterparts: [him()] }), counterAllegation(20)];
    expect(assessRisk(input(longBefore), RULES).reasons.map((reason) => reason.ruleId)).not.toContain("counterAllegation");
  });

  it("gives her perpetrator profile a caveat: its only victim is her own abuser, and she is no serial perpetrator", () => {
    const profile = perpetratorProfile(input(history()), RULES);
    expect(profile).toMatchObject({ distinctVictims: 1, counterAllegation: true, serialPerpetrator: false });
    expect(profile.caveat).toMatch(/^Its only victim is her own established abuser, Danny Rourke: 1 incident in which she is recorded as suspect against him/);
    expect(profile.serialPerpetratorEvidence).toContain("0 incidents against 0 different victims");
  });

  it("leaves a real perpetrator's profile without a caveat", () => {
    const his = [police({ occurredAt: daysBefore(20), role: "SUSPECT", counterparts: [counterpart("VICTIM", "subject-victim")] })];
    expect(perpetratorProfile(input(his), RULES)).toMatchObject({ counterAllegation: false, caveat: null });
    expect(perpetratorProfile(input(history()), RULES_V1)).toMatchObject({ counterAllegation: false, caveat: null });
  });
});
