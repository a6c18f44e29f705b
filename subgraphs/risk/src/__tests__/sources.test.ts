import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { externalTypeDefs, loadSources, requiredSelection, type EventSource } from "../sources";

const police: EventSource = {
  agency: "police",
  field: "policeEvents",
  arguments: "limit: Int",
  type: "PoliceEvent",
  selection: "id kind",
  limit: 1000,
  counterparts: true,
  perpetrators: { field: "policeCounterparts", arguments: "roles: [SubjectRole!]", ask: "roles: [SUSPECT]" },
};
const probation: EventSource = { ...police, agency: "probation", field: "probationEvents", type: "ProbationEvent", counterparts: false, perpetrators: false };

describe("risk's sources", () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), "risk-sources-"))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (sources: unknown[]) => {
    const file = path.join(dir, `sources-${Math.random()}.json`);
    writeFileSync(file, JSON.stringify({ sources }));
    return file;
  };

  const events = "policeEvents(limit: 1000) { id kind counterparts { role person { agency localId subject { id } } } }";

  it("asks each agency for its signal fields up to its limit, and only as deep as a field needs", () => {
    expect(requiredSelection([police, probation], "events")).toBe("policeEvents(limit: 1000) { id kind } probationEvents(limit: 1000) { id kind }");
    expect(requiredSelection([police, probation], "counterparts")).toBe(`${events} probationEvents(limit: 1000) { id kind }`);
  });

  it("asks for perpetrators' own events once per person, through the field listing them, not under every shared event", () => {
    expect(requiredSelection([police, probation], "perpetrators")).toBe(
      `${events} policeCounterparts(roles: [SUSPECT]) { agency localId subject { id ${events} } } probationEvents(limit: 1000) { id kind }`,
    );
    const askingNothing = { ...police, perpetrators: { field: "policeCounterparts", arguments: "", ask: "" } };
    expect(requiredSelection([askingNothing], "perpetrators")).toBe(`${events} policeCounterparts { agency localId subject { id ${events} } }`);
  });

  it("declares each configured field on Subject as @external with its owner's arguments, then the types file", () => {
    const types = path.join(dir, "types.graphql");
    writeFileSync(types, "type ProbationEvent @external { id: ID! }\n");
    expect(externalTypeDefs([probation], types)).toBe("extend type Subject {\n  probationEvents(limit: Int): [ProbationEvent!] @external\n}\n\ntype ProbationEvent @external { id: ID! }\n");
    expect(externalTypeDefs([police], types)).toContain(
      "  policeEvents(limit: Int): [PoliceEvent!] @external\n  policeCounterparts(roles: [SubjectRole!]): [PersonRef!] @external\n}",
    );
  });

  it("loads the shipped configuration: police, health and social care", () => {
    expect(loadSources().map((source) => source.agency)).toEqual(["police", "health", "social-care"]);
  });

  it("refuses a source without a field, without a limit, configured twice, or asking for perpetrators without counterparts or a field to find them", () => {
    expect(() => loadSources(write([{ ...police, field: "" }]))).toThrow("a source needs field");
    expect(() => loadSources(write([{ ...police, limit: 0 }]))).toThrow("policeEvents needs a limit");
    expect(() => loadSources(write([police, police]))).toThrow("policeEvents is configured twice");
    expect(() => loadSources(write([{ ...police, counterparts: false }]))).toThrow("asks for perpetrators' events without counterparts");
    expect(() => loadSources(write([{ ...police, perpetrators: true }]))).toThrow("policeEvents's perpetrators must be false or { field, arguments, ask }");
    expect(() => loadSources(write([{ ...police, perpetrators: { field: "policeCounterparts", arguments: "" } }]))).toThrow("must be false or { field, arguments, ask }");
  });
});
