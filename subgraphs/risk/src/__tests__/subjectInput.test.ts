import { loadSources, type EventSource } from "../sources";
import { subjectEvidence } from "../subjectInput";

const sources = loadSources();
const now = new Date("2026-11-22T00:00:00Z");
const event = (agency: string, id: string, extra: Record<string, unknown> = {}) => ({ id, agency, area: "NMC", occurredAt: "2024-05-25T23:15:00.000Z", kind: "DOMESTIC_INCIDENT", role: "VICTIM", ...extra });

describe("a Subject representation as the risk engine's input", () => {
  it("turns each agency's events into engine events, with dates and resolved counterparts", () => {
    const { input } = subjectEvidence(
      {
        id: "S-PEN",
        policeEvents: [event("police", "O-1", { domesticAbuse: true, dash: { tool: "DASH", yesCount: 6, officerGrading: null }, counterparts: [{ role: "SUSPECT", person: { agency: "police", localId: "N-2", subject: { id: "S-DAN" } } }] })],
        healthEvents: [event("health", "E-1", { kind: "EMERGENCY_DEPARTMENT", role: "PATIENT", injury: true, concernCategory: null })],
        careEvents: [],
      },
      sources,
      now,
    );
    expect(input.subjectId).toBe("S-PEN");
    expect(input.now).toBe(now);
    expect(input.events).toEqual([
      expect.objectContaining({
        agency: "police",
        id: "O-1",
        occurredAt: new Date("2024-05-25T23:15:00.000Z"),
        domesticAbuse: true,
        counterparts: [{ role: "SUSPECT", agency: "police", localId: "N-2", subjectId: "S-DAN", relationship: null, displayName: null }],
      }),
      expect.objectContaining({ agency: "health", id: "E-1", injury: true, category: null, counterparts: [] }),
    ]);
    expect(input.sources).toEqual([
      { agency: "police", visible: true, reason: null },
      { agency: "health", visible: true, reason: null },
      { agency: "social-care", visible: true, reason: null },
    ]);
  });

  it("says which agencies' events the caller could not see, rather than treating them as none", () => {
    const { input } = subjectEvidence({ id: "S-PEN", policeEvents: null, healthEvents: [], careEvents: [] }, sources, now);
    expect(input.sources[0]).toEqual({ agency: "police", visible: false, reason: expect.stringContaining("withheld by the agency's access policy") });
    expect(input.sources.slice(1).every((source) => source.visible)).toBe(true);
  });

  it("gathers each perpetrator's own events once per subject, from the source's field listing them, and never the subject's own", () => {
    const daniel = { id: "S-DAN", policeEvents: [event("police", "O-1", { role: "SUSPECT", counterparts: [] }), event("police", "O-9", { role: "SUSPECT", counterparts: [] })] };
    const { perpetrators } = subjectEvidence(
      {
        id: "S-PEN",
        policeEvents: [event("police", "O-1"), event("police", "O-2")],
        // Two of Daniel's nominals, which identity resolved to him, and one of Penelope's own.
        policeCounterparts: [
          { agency: "police", localId: "N-2", subject: daniel },
          { agency: "police", localId: "N-7", subject: daniel },
          { agency: "police", localId: "N-1", subject: { id: "S-PEN", policeEvents: [event("police", "O-3")] } },
          { agency: "police", localId: "N-8", subject: null },
        ],
        healthEvents: [],
        careEvents: [],
      },
      sources,
      now,
    );
    expect(perpetrators).toHaveLength(1);
    expect(perpetrators[0]!.subjectId).toBe("S-DAN");
    expect(perpetrators[0]!.events.map((e) => e.id)).toEqual(["O-1", "O-9"]);
  });

  it("reads perpetrators' events only from the field listing them: not from under each event's counterparts, nor when the agency withheld that field", () => {
    const daniel = { id: "S-DAN", policeEvents: [event("police", "O-9", { role: "SUSPECT", counterparts: [] })] };
    const shared = event("police", "O-1", { counterparts: [{ role: "SUSPECT", person: { agency: "police", localId: "N-2", subject: daniel } }] });
    expect(subjectEvidence({ id: "S-PEN", policeEvents: [shared], healthEvents: [], careEvents: [] }, sources, now).perpetrators).toEqual([]);
    expect(subjectEvidence({ id: "S-PEN", policeEvents: [shared], policeCounterparts: null, healthEvents: [], careEvents: [] }, sources, now).perpetrators).toEqual([]);
    const listed = subjectEvidence({ id: "S-PEN", policeEvents: [shared], policeCounterparts: [{ agency: "police", localId: "N-2", subject: daniel }], healthEvents: [], careEvents: [] }, sources, now);
    expect(listed.perpetrators.map((p) => [p.subjectId, p.events.map((e) => e.id)])).toEqual([["S-DAN", ["O-9"]]]);
  });

  it("keeps a perpetrator's events of different kinds that share an id", () => {
    const daniel = { id: "S-DAN", policeEvents: [event("police", "X-1", { role: "SUSPECT", counterparts: [] }), event("police", "X-1", { kind: "MARAC_REFERRAL", role: "VICTIM", counterparts: [] })] };
    const { perpetrators } = subjectEvidence({ id: "S-PEN", policeEvents: [], policeCounterparts: [{ agency: "police", localId: "N-2", subject: daniel }], healthEvents: [], careEvents: [] }, sources, now);
    expect(perpetrators[0]!.events.map((e) => e.kind)).toEqual(["DOMESTIC_INCIDENT", "MARAC_REFERRAL"]);
  });

  it("says how each event's record joined the subject, from identity, so a reason resting on a weak link can say so", () => {
    const { input } = subjectEvidence(
      {
        id: "S-PEN",
        displayName: "Penelope Ashworth",
        datesOfBirth: ["1991-03-14"],
        records: [
          { agency: "police", localId: "EVP-N-3", linkedBy: "NAME_AND_DATE_OF_BIRTH", linkProbability: 0.97, linkedAcrossAreas: true },
          { agency: "health", localId: "P-1", linkedBy: "STRONG_IDENTIFIER", linkProbability: 0.9999, linkedAcrossAreas: false },
        ],
        policeEvents: [event("police", "O-1", { recordId: "EVP-N-3", markers: ["STRANGULATION"] }), event("police", "O-2", { recordId: "NMC-N-9" })],
        healthEvents: [event("health", "E-1", { recordId: "P-1", markers: [] })],
        careEvents: [],
      },
      sources,
      now,
    );
    expect(input.datesOfBirth).toEqual(["1991-03-14"]);
    const [o1, o2, e1] = input.events;
    expect(o1).toMatchObject({ recordId: "EVP-N-3", recordLink: { linkedBy: "NAME_AND_DATE_OF_BIRTH", probability: 0.97, acrossAreas: true }, markers: ["STRANGULATION"] });
    // A record identity did not list (withheld, or not yet registered) has no known link: the reason cannot vouch for it either way.
    expect(o2).toMatchObject({ recordId: "NMC-N-9", recordLink: null });
    expect(e1).toMatchObject({ recordLink: { linkedBy: "STRONG_IDENTIFIER", probability: 0.9999, acrossAreas: false } });
  });

  it("keeps how a counterpart is related to the subject, and their name, for reasons a reader can act on", () => {
    const { input } = subjectEvidence(
      {
        id: "S-PEN",
        policeEvents: [event("police", "O-1", { counterparts: [{ role: "SUSPECT", relationship: "EX_PARTNER", person: { agency: "police", localId: "N-2", subject: { id: "S-DAN", displayName: "Daniel Rourke" } } }] })],
        healthEvents: [],
        careEvents: [],
      },
      sources,
      now,
    );
    expect(input.events[0]!.counterparts).toEqual([{ role: "SUSPECT", agency: "police", localId: "N-2", subjectId: "S-DAN", relationship: "EX_PARTNER", displayName: "Daniel Rourke" }]);
  });

  it("says how the record she names her abuser by joined his others, since his history reaches her only through that link", () => {
    const steven = {
      id: "S-STEVEN",
      displayName: "Steven Harcourt",
      records: [
        { agency: "police", localId: "NMC-N-2", linkedBy: "STRONG_IDENTIFIER", linkProbability: 0.9999, linkedAcrossAreas: true },
        { agency: "police", localId: "EVP-N-2", linkedBy: "NAME_AND_DATE_OF_BIRTH", linkProbability: 0.992, linkedAcrossAreas: true },
      ],
      policeEvents: [event("police", "NMC-O-1", { role: "OFFENDER", counterparts: [] })],
    };
    const named = { role: "SUSPECT", person: { agency: "police", localId: "EVP-N-2", subject: steven } };
    const { input } = subjectEvidence(
      { id: "S-RACHEL", policeEvents: [event("police", "EVP-O-1", { counterparts: [named] })], policeCounterparts: [{ agency: "police", localId: "EVP-N-2", subject: steven }], healthEvents: [], careEvents: [] },
      sources,
      now,
    );
    expect(input.events[0]!.counterparts[0]).toMatchObject({ subjectId: "S-STEVEN", recordLink: { linkedBy: "NAME_AND_DATE_OF_BIRTH", probability: 0.992, acrossAreas: true } });
  });

  describe("a partner agency's risk factors, by configuration", () => {
    const probation: EventSource = {
      agency: "probation",
      field: "probationEvents",
      arguments: "limit: Int",
      type: "ProbationEvent",
      selection: "id agency area occurredAt kind role",
      assessment: "recordId markers riskOfSeriousHarm",
      limit: 1000,
      counterparts: false,
      perpetrators: false,
      perpetratorHistory: true,
      factors: { kind: { RECALL: "BREACH_OF_BAIL_OR_ORDER" }, riskOfSeriousHarm: { HIGH: "HIGH_RISK_OF_SERIOUS_HARM", VERY_HIGH: "HIGH_RISK_OF_SERIOUS_HARM" } },
    };
    const withProbation = { ...sources, events: [...sources.events, probation] };
    const recall = event("probation", "R-1", { kind: "RECALL", role: "OFFENDER", markers: [], riskOfSeriousHarm: "HIGH" });

    it("turns its coded values into the rule set's markers, each once", () => {
      const { input } = subjectEvidence({ id: "S-DAN", policeEvents: [], healthEvents: [], careEvents: [], probationEvents: [recall, event("probation", "R-2", { kind: "SUPERVISION", role: "OFFENDER", riskOfSeriousHarm: "LOW" })] }, withProbation, now);
      expect(input.events.map((e) => [e.id, e.markers])).toEqual([
        ["R-1", ["BREACH_OF_BAIL_OR_ORDER", "HIGH_RISK_OF_SERIOUS_HARM"]],
        ["R-2", []],
      ]);
      expect(input.sources.map((source) => source.agency)).toContain("probation");
    });

    it("reads a perpetrator's recall beside his police incidents, for his victim's assessment", () => {
      const daniel = { id: "S-DAN", displayName: "Daniel Rourke", policeEvents: [event("police", "O-9", { role: "SUSPECT", counterparts: [] })], probationEvents: [recall] };
      const { perpetrators } = subjectEvidence(
        { id: "S-PEN", policeEvents: [], policeCounterparts: [{ agency: "police", localId: "N-2", subject: daniel }], healthEvents: [], careEvents: [], probationEvents: [] },
        withProbation,
        now,
      );
      expect(perpetrators).toEqual([
        expect.objectContaining({ subjectId: "S-DAN", displayName: "Daniel Rourke", events: [expect.objectContaining({ id: "O-9" }), expect.objectContaining({ id: "R-1", markers: ["BREACH_OF_BAIL_OR_ORDER", "HIGH_RISK_OF_SERIOUS_HARM"] })] }),
      ]);
    });
  });
});
