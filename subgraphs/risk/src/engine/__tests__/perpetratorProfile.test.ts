import { perpetratorProfile } from "../perpetratorProfile";
import type { RiskCounterpart, RiskEvent } from "../RiskEvent";
import { counterpart, daysBefore, input, police, RULES } from "./fixtures";

const HIM = "subject-him";

function against(victim: RiskCounterpart, days: number, area: string, kind = "DOMESTIC_INCIDENT"): RiskEvent {
  return police({ occurredAt: daysBefore(days), area, kind, role: "SUSPECT", counterparts: [victim] });
}

function profile(events: RiskEvent[]) {
  return perpetratorProfile(input(events, { subjectId: HIM }), RULES);
}

const first = counterpart("VICTIM", "subject-first", "NMC-N-1");
const second = counterpart("VICTIM", "subject-second", "EVP-N-2");

describe("the serial-perpetrator test (Northumbria MATAC)", () => {
  it("is met by two victims, distinct subjects, in two forces inside three years", () => {
    const result = profile([against(first, 1000, "NMC"), against(second, 20, "EVP", "COMMON_ASSAULT")]);
    expect(result).toMatchObject({ serialPerpetrator: true, distinctVictims: 2, victims: ["subject-first", "subject-second"], areas: ["NMC", "EVP"] });
    expect(result.serialPerpetratorEvidence).toMatch(/^Meets the serial perpetrator test .*: 2 incidents against 2 different victims in the 1096 days to 19 Oct 2026: 1 in NMC .* and 1 in EVP/);
  });

  it("is not met with the second victim four years earlier", () => {
    const result = profile([against(first, 4 * 365, "NMC"), against(second, 20, "EVP")]);
    expect(result).toMatchObject({ serialPerpetrator: false, distinctVictims: 2, incidentsTotal: 2 });
    expect(result.serialPerpetratorEvidence).toContain("1 incident against 1 victim in the 1096 days");
  });

  it("counts the window's edge: 1096 days, not 1097", () => {
    expect(profile([against(first, 1096, "NMC"), against(second, 20, "EVP")]).serialPerpetrator).toBe(true);
    expect(profile([against(first, 1097, "NMC"), against(second, 20, "EVP")]).serialPerpetrator).toBe(false);
  });

  it("counts one victim recorded by two forces once identity has linked her", () => {
    const sameInEastvale = counterpart("VICTIM", "subject-first", "EVP-N-9");
    const result = profile([against(first, 1000, "NMC"), against(sameInEastvale, 20, "EVP")]);
    expect(result).toMatchObject({ serialPerpetrator: false, distinctVictims: 1 });
    expect(result.victimDetails[0]!.records).toHaveLength(2);
  });

  it("falls back to the record for an unresolved victim, and says so", () => {
    const unresolved = counterpart("VICTIM", null, "EVP-N-7");
    const result = profile([against(first, 1000, "NMC"), against(unresolved, 20, "EVP")]);
    expect(result).toMatchObject({ serialPerpetrator: true, distinctVictims: 2, victims: ["subject-first"], unresolvedVictims: [{ agency: "police", localId: "EVP-N-7" }] });
    expect(result.serialPerpetratorEvidence).toContain("1 victim is known only by a record identity has not linked to a subject (police/EVP-N-7), counted as a distinct person");
    expect(result.victimCounting).toContain("police/EVP-N-7");
  });
});

describe("recency, frequency and harm", () => {
  const events = [against(first, 700, "NMC", "ASSAULT_OCCASIONING_ABH"), against(first, 300, "NMC"), against(second, 20, "EVP", "COMMON_ASSAULT")];

  it("weighs harm from the versioned harm index and counts frequency in the window", () => {
    const result = profile(events);
    expect(result).toMatchObject({ incidentsTotal: 3, incidentsInWindow: 2, harm: 15, harmInWindow: 5, harmTableVersion: RULES.harmIndex.version, daysSinceLastIncident: 20, lastIncidentAt: daysBefore(20) });
    expect(result.harmByKind).toContainEqual({ kind: "ASSAULT_OCCASIONING_ABH", incidents: 1, daysEach: 10, days: 10, approximation: true });
    expect(result.harmNote).toContain("are Tessera's approximations, not published CCHI values");
  });

  it("labels the priority score as local, with components that add up", () => {
    const result = profile(events);
    const { recency, frequency, harm } = result.localPriorityScoreComponents;
    expect(result.localPriorityScore).toBeCloseTo(recency + frequency + harm, 5);
    expect(result.localPriorityScore).toBeGreaterThan(0);
    expect(result.localPriorityScore).toBeLessThanOrEqual(100);
    expect(result.localPriorityScoreLabel).toContain("not any force's RFG or RFH score");
  });

  it("is empty for someone never a suspect or offender", () => {
    expect(profile([police({ occurredAt: daysBefore(20) })])).toMatchObject({ distinctVictims: 0, incidentsTotal: 0, daysSinceLastIncident: null, harm: 0, localPriorityScore: 0, serialPerpetrator: false });
  });
});
