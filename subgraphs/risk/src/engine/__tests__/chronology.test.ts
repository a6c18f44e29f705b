import { chronology, type ChronologyFilter } from "../chronology";
import type { RiskEvent, RiskInput } from "../RiskEvent";
import { care, daysBefore, health, input, police, RULES } from "./fixtures";

function pointsOf(events: RiskEvent[], filter: ChronologyFilter = {}, fields: Partial<RiskInput> = {}) {
  return chronology(input(events, fields), RULES, filter).map((entry) => [entry.event.id, entry.turningPoints.map((point) => point.kind)]);
}

describe("chronology", () => {
  it("lists every event oldest first, whatever order the agencies answered in", () => {
    const events = [police({ occurredAt: daysBefore(1) }), health({ occurredAt: daysBefore(3) }), care({ occurredAt: daysBefore(2) })];
    expect(chronology(input(events), RULES).map((entry) => entry.event.agency)).toEqual(["health", "social-care", "police"]);
  });

  it("marks a gap of 183 days or more before an event, not 182", () => {
    const gap = (days: number) => pointsOf([police({ id: "a", occurredAt: daysBefore(days + 10) }), police({ id: "b", occurredAt: daysBefore(10) })])[1];
    expect(gap(183)).toEqual(["b", ["GAP"]]);
    expect(gap(182)).toEqual(["b", []]);
  });

  it("marks first contact with an agency, a known agency's first record in a new area, and the first injury", () => {
    const events = [
      police({ id: "p1", occurredAt: daysBefore(100), area: "NMC" }),
      health({ id: "h1", occurredAt: daysBefore(90), injury: false }),
      health({ id: "h2", occurredAt: daysBefore(80) }),
      health({ id: "h3", occurredAt: daysBefore(70) }),
      police({ id: "p2", occurredAt: daysBefore(60), area: "EVP", kind: "OTHER", domesticAbuse: false }),
    ];
    expect(pointsOf(events)).toEqual([
      ["p1", ["FIRST_CONTACT_AGENCY"]],
      ["h1", ["FIRST_CONTACT_AGENCY"]],
      ["h2", ["FIRST_INJURY"]],
      ["h3", []],
      ["p2", ["FIRST_CONTACT_AREA"]],
    ]);
  });

  it("marks escalation as victim and as suspect, each measured on its own", () => {
    const events = [
      police({ id: "v1", occurredAt: daysBefore(300) }),
      police({ id: "s1", occurredAt: daysBefore(200), role: "SUSPECT", kind: "COMMON_ASSAULT" }),
      police({ id: "v2", occurredAt: daysBefore(100), kind: "ASSAULT_OCCASIONING_ABH" }),
      police({ id: "s2", occurredAt: daysBefore(50), role: "SUSPECT", kind: "COMMON_ASSAULT" }),
    ];
    const entries = chronology(input(events), RULES);
    expect(entries.find((entry) => entry.event.id === "v2")!.turningPoints).toEqual([
      { kind: "ESCALATION", note: expect.stringMatching(/^As victim\. Harm rising: the assault occasioning ABH of .* weighs 10 days on the Crime Harm Index \(tessera-cchi-1\.0\)/) },
    ]);
    // Equal harm as suspect: no rise.
    expect(entries.find((entry) => entry.event.id === "s2")!.turningPoints).toEqual([]);
  });

  it("finds turning points over the whole history, then filters by date and kind", () => {
    const events = [
      police({ id: "p1", occurredAt: daysBefore(500) }),
      police({ id: "p2", occurredAt: daysBefore(100) }),
      health({ id: "h1", occurredAt: daysBefore(50) }),
      police({ id: "p3", occurredAt: daysBefore(10) }),
    ];
    expect(pointsOf(events, { from: daysBefore(100), to: daysBefore(50) })).toEqual([
      ["p2", ["GAP"]],
      ["h1", ["FIRST_CONTACT_AGENCY", "FIRST_INJURY"]],
    ]);
    expect(pointsOf(events, { kinds: ["DOMESTIC_INCIDENT"] }).map(([id]) => id)).toEqual(["p1", "p2", "p3"]);
  });

  it("leaves out the events of an agency the caller cannot see", () => {
    const sources = [
      { agency: "police", visible: true, reason: null },
      { agency: "health", visible: false, reason: "withheld" },
    ];
    expect(pointsOf([police({ id: "p1", occurredAt: daysBefore(10) }), health({ id: "h1", occurredAt: daysBefore(5) })], {}, { sources })).toEqual([["p1", ["FIRST_CONTACT_AGENCY"]]]);
  });
});
