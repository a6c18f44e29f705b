import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { externalTypeDefs, loadSources, requiredSelection, type EventSource, type RiskSources } from "../sources";

const police: EventSource = {
  agency: "police",
  field: "policeEvents",
  arguments: "limit: Int",
  type: "PoliceEvent",
  selection: "id kind",
  assessment: "markers",
  limit: 1000,
  counterparts: true,
  perpetrators: { field: "policeCounterparts", arguments: "roles: [SubjectRole!]", ask: "roles: [SUSPECT]" },
  perpetratorHistory: true,
  factors: {},
};
const probation: EventSource = {
  ...police,
  agency: "probation",
  field: "probationEvents",
  type: "ProbationEvent",
  selection: "id kind",
  assessment: "riskOfSeriousHarm",
  counterparts: false,
  perpetrators: false,
  perpetratorHistory: false,
  factors: { kind: { RECALL: "BREACH_OF_BAIL_OR_ORDER" }, riskOfSeriousHarm: { HIGH: "HIGH_RISK_OF_SERIOUS_HARM", VERY_HIGH: "HIGH_RISK_OF_SERIOUS_HARM" } },
};
const SUBJECT = "displayName datesOfBirth";
const config = (...events: EventSource[]): RiskSources => ({ subject: SUBJECT, events });

describe("risk's sources", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "risk-sources-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (sources: unknown[], subject: unknown = SUBJECT) => {
    const file = path.join(dir, `sources-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify({ subject, sources }));
    return file;
  };

  const events = "policeEvents(limit: 1000) { id kind markers counterparts { role relationship person { agency localId subject { id displayName } } } }";
  const probationEvents = "probationEvents(limit: 1000) { id kind riskOfSeriousHarm }";

  it("asks each agency for its signal fields up to its limit, and only as deep as a field needs: the chronology not what assessments read", () => {
    expect(requiredSelection(config(police, probation), "events")).toBe("policeEvents(limit: 1000) { id kind } probationEvents(limit: 1000) { id kind }");
    expect(requiredSelection(config(police, probation), "counterparts")).toBe(`${events} ${probationEvents}`);
  });

  it("asks for perpetrators' own events once per person, through the field listing them, not under every shared event; an assessment reads the subject, and each perpetrator, from identity too", () => {
    expect(requiredSelection(config(police, probation), "perpetrators")).toBe(
      `${SUBJECT} ${events} policeCounterparts(roles: [SUSPECT]) { agency localId subject { id ${SUBJECT} ${events} } } ${probationEvents}`,
    );
    const askingNothing = { ...police, perpetrators: { field: "policeCounterparts", arguments: "", ask: "" } };
    expect(requiredSelection(config(askingNothing), "perpetrators")).toBe(`${SUBJECT} ${events} policeCounterparts { agency localId subject { id ${SUBJECT} ${events} } }`);
  });

  it("reads a perpetrator's history from every source that keeps one: a probation partner's recalls beside police's incidents", () => {
    const keeping = { ...probation, perpetratorHistory: true };
    expect(requiredSelection(config(police, keeping), "perpetrators")).toContain(`subject { id ${SUBJECT} ${events} ${probationEvents} } }`);
  });

  it("declares each configured field on Subject as @external with its owner's arguments, then the types file", () => {
    const types = path.join(dir, "types.graphql");
    writeFileSync(types, "type ProbationEvent @external { id: ID! }\n");
    expect(externalTypeDefs(config(probation), types)).toMatch(/^extend type Subject \{\n  probationEvents\(limit: Int\): \[ProbationEvent!\] @external\n\}\n\ntype ProbationEvent @external \{ id: ID! \}\n/);
    expect(externalTypeDefs(config(police), types)).toContain(
      "  policeEvents(limit: Int): [PoliceEvent!] @external\n  policeCounterparts(roles: [SubjectRole!]): [PersonRef!] @external\n}",
    );
  });

  it("declares the kit's markers and relationships from the kit itself, so risk's copy cannot drift from what agencies send", () => {
    const types = path.join(dir, "types.graphql");
    writeFileSync(types, "");
    const sdl = externalTypeDefs(config(probation), types);
    expect(sdl).toContain("enum SafeguardingMarker {\n  INJURY\n  STRANGULATION\n");
    expect(sdl).toContain("  HIGH_RISK_OF_SERIOUS_HARM\n}");
    expect(sdl).toContain("enum Relationship {\n  CURRENT_PARTNER\n  EX_PARTNER\n  FAMILY_MEMBER\n  OTHER\n}");
  });

  it("loads the shipped configuration: police, health and social care, with identity's fields an assessment reads", () => {
    const shipped = loadSources();
    expect(shipped.events.map((source) => source.agency)).toEqual(["police", "health", "social-care"]);
    expect(shipped.events.filter((source) => source.perpetratorHistory).map((source) => source.agency)).toEqual(["police"]);
    expect(shipped.subject).toContain("records { agency localId linkedBy");
  });

  it("refuses a source without a field, without a limit, configured twice, or asking for perpetrators without counterparts or a field to find them", () => {
    expect(() => loadSources(write([{ ...police, field: "" }]))).toThrow("a source needs field");
    expect(() => loadSources(write([{ ...police, limit: 0 }]))).toThrow("policeEvents needs a limit");
    expect(() => loadSources(write([police, police]))).toThrow("policeEvents is configured twice");
    expect(() => loadSources(write([{ ...police, counterparts: false }]))).toThrow("asks for perpetrators' events without counterparts");
    expect(() => loadSources(write([{ ...police, perpetrators: true }]))).toThrow("policeEvents's perpetrators must be false or { field, arguments, ask }");
    expect(() => loadSources(write([{ ...police, perpetrators: { field: "policeCounterparts", arguments: "" } }]))).toThrow("must be false or { field, arguments, ask }");
    expect(() => loadSources(write([{ ...police, perpetratorHistory: undefined }]))).toThrow("perpetratorHistory must be true or false");
    expect(() => loadSources(write([{ ...police, assessment: undefined }]))).toThrow("policeEvents's assessment must list the fields only assessments read");
    expect(() => loadSources(write([police], ""))).toThrow("subject must name identity's fields");
  });

  it("refuses a partner's factor that reads a field it does not ask for, or maps onto no marker the rule set knows", () => {
    expect(loadSources(write([probation])).events[0]!.factors.kind).toEqual({ RECALL: "BREACH_OF_BAIL_OR_ORDER" });
    expect(() => loadSources(write([{ ...probation, factors: { licenceCondition: { BREACHED: "BREACH_OF_BAIL_OR_ORDER" } } }]))).toThrow(
      "probationEvents's factors read licenceCondition, which its selection does not ask for",
    );
    expect(() => loadSources(write([{ ...probation, factors: { kind: { RECALL: "RECALLED" } } }]))).toThrow("maps to RECALLED, which is not a marker");
    expect(() => loadSources(write([{ ...probation, factors: [] }]))).toThrow("factors must be an object");
  });
});
