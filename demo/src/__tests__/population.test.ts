import { FEMALE_NAMES, MALE_NAMES } from "../names";
import { transposeDayAndMonth } from "../noise";
import type { Person } from "../people";
import { generatePopulation, type PopulationSummary } from "../population";
import type { DemoRecord } from "../format";

type Line = Record<string, unknown> & { type: string };

/** Rough rates of the realistic noise, on a few thousand subjects. */
describe("the synthetic population", () => {
  const records: DemoRecord[] = [];
  let summary: PopulationSummary;
  const people = new Map<string, Person>();
  /** `agency|localId` → true person id. */
  const owner = new Map<string, string>();
  const personRecords: { agency: string; line: Line; person: Person }[] = [];

  beforeAll(() => {
    const stream = generatePopulation({ seed: 2024, subjects: 4000 });
    let step = stream.next();
    while (!step.done) {
      records.push(step.value);
      step = stream.next();
    }
    summary = step.value;
    for (const record of records) {
      if (!record.person) continue;
      const line = record.line as unknown as Line;
      people.set(record.person.id, record.person);
      owner.set(`${record.agency}|${String(line.id)}`, record.person.id);
      personRecords.push({ agency: record.agency, line, person: record.person });
    }
  });

  const rate = (agency: string | undefined, eligible: (r: (typeof personRecords)[number]) => boolean, hit: (r: (typeof personRecords)[number]) => boolean) => {
    const pool = personRecords.filter((r) => (agency === undefined || r.agency === agency) && eligible(r));
    return pool.filter(hit).length / pool.length;
  };

  it("describes the subjects asked for, within a larger population most of whom no agency meets", () => {
    expect(summary.subjects).toBeGreaterThanOrEqual(4000);
    expect(summary.subjects).toBeLessThan(4100);
    expect(people.size).toBe(summary.subjects);
    expect(summary.people).toBeGreaterThan(2 * summary.subjects);
  });

  it("transposes day and month of birth sometimes, only where the day is 12 or less", () => {
    const transposable = (r: (typeof personRecords)[number]) => transposeDayAndMonth(r.person.dateOfBirth) !== undefined;
    const swapped = rate(undefined, transposable, (r) => r.line.dateOfBirth === transposeDayAndMonth(r.person.dateOfBirth));
    expect(swapped).toBeGreaterThan(0.005);
    expect(swapped).toBeLessThan(0.08);
    expect(personRecords.filter((r) => !transposable(r)).every((r) => r.line.dateOfBirth === undefined || r.line.dateOfBirth === r.person.dateOfBirth)).toBe(true);
  });

  it("leaves out dates of birth now and then, police most often", () => {
    const missing = (agency: string) => rate(agency, () => true, (r) => r.line.dateOfBirth === undefined);
    expect(missing("police")).toBeGreaterThan(0.02);
    expect(missing("police")).toBeLessThan(0.12);
    expect(missing("health")).toBeLessThan(missing("police"));
  });

  it("records nicknames (Daniel as Danny), typos and swapped names at low rates", () => {
    const hasShortForm = (r: (typeof personRecords)[number]) => r.person.givenName.shortForms.length > 0;
    const nickname = rate("police", hasShortForm, (r) => r.person.givenName.shortForms.includes(r.line.givenNames as string));
    expect(nickname).toBeGreaterThan(0.05);
    expect(nickname).toBeLessThan(0.2);

    const oneEditAway = (recorded: string, truth: string) => {
      if (recorded === truth) return false;
      if (recorded.length === truth.length - 1) return [...truth].some((_, i) => truth.slice(0, i) + truth.slice(i + 1) === recorded);
      if (recorded.length !== truth.length) return false;
      const diffs = [...truth].flatMap((char, i) => (char === recorded[i] ? [] : [i]));
      return diffs.length === 2 && diffs[1] === diffs[0]! + 1 && truth[diffs[0]!] === recorded[diffs[1]!];
    };
    const typo = rate(undefined, () => true, (r) => oneEditAway(r.line.familyName as string, r.person.familyName) || oneEditAway(r.line.givenNames as string, r.person.givenName.name));
    expect(typo).toBeGreaterThan(0.003);
    expect(typo).toBeLessThan(0.06);

    const swapped = rate(undefined, () => true, (r) => r.line.givenNames === r.person.familyName);
    expect(swapped).toBeGreaterThan(0);
    expect(swapped).toBeLessThan(0.03);
  });

  it("follows people across force areas: a new nominal in the new force, often without the PNC ID, at a new postcode", () => {
    const forces = new Map<string, Line[]>();
    for (const r of personRecords.filter((p) => p.agency === "police")) forces.set(r.person.id, [...(forces.get(r.person.id) ?? []), r.line]);
    const movers = [...forces.entries()].filter(([, nominals]) => new Set(nominals.map((n) => n.force)).size > 1);
    expect(movers.length).toBeGreaterThan(20);

    const withPnc = (inHomeForce: boolean) => {
      const nominals = movers.flatMap(([id, lines]) => lines.filter((n) => people.get(id)!.pncId && (n.force === people.get(id)!.pncForce) === inHomeForce));
      return nominals.filter((n) => n.pncId !== undefined).length / nominals.length;
    };
    expect(withPnc(true)).toBeGreaterThan(0.9);
    expect(withPnc(false)).toBeLessThan(0.7);

    const postcodes = new Map<string, Set<string>>();
    for (const r of personRecords) {
      const postcode = (r.line.postcode as string | undefined) ?? (r.line.addresses as { postcode: string }[] | undefined)?.[0]?.postcode;
      if (postcode) postcodes.set(r.person.id, (postcodes.get(r.person.id) ?? new Set()).add(postcode));
    }
    expect([...postcodes.values()].filter((set) => set.size > 1).length).toBeGreaterThan(summary.subjects * 0.01);
  });

  it("has serial perpetrators: suspects in domestic incidents against two or more victims", () => {
    const occurrences = new Map<string, { victims: Set<string>; suspects: Set<string> }>();
    const domestic = new Set(records.filter((r) => r.line.type === "occurrence" && r.line.domesticAbuse).map((r) => (r.line as unknown as Line).id as string));
    for (const { line } of records) {
      if (line.type !== "involvement" || !domestic.has(line.occurrenceId)) continue;
      const entry = occurrences.get(line.occurrenceId) ?? { victims: new Set(), suspects: new Set() };
      occurrences.set(line.occurrenceId, entry);
      const person = owner.get(`police|${line.nominalId}`)!;
      if (line.role === "VICTIM") entry.victims.add(person);
      if (line.role === "SUSPECT" || line.role === "OFFENDER") entry.suspects.add(person);
    }
    const victimsOf = new Map<string, Set<string>>();
    for (const { victims, suspects } of occurrences.values()) {
      for (const suspect of suspects) for (const victim of victims) victimsOf.set(suspect, (victimsOf.get(suspect) ?? new Set()).add(victim));
    }
    expect([...victimsOf.values()].filter((victims) => victims.size >= 2).length).toBeGreaterThan(5);
  });

  it("has disclosures in emergency departments naming the alleged perpetrator by a short name", () => {
    const shortForms = new Set([...FEMALE_NAMES, ...MALE_NAMES].flatMap((name) => name.shortForms));
    const disclosures = records.map((r) => r.line as unknown as Line).filter((line) => line.type === "encounter" && line.disclosedAbuse === true);
    expect(disclosures.filter((line) => line.setting === "EMERGENCY_DEPARTMENT").length).toBeGreaterThan(20);
    expect(disclosures.filter((line) => shortForms.has(line.allegedPerpetratorName as string)).length).toBeGreaterThan(10);
  });

  it("gives every subject at least one event, and most of them no more than fifteen", () => {
    const events = new Map<string, number>();
    const count = (key: string) => {
      const person = owner.get(key);
      if (person) events.set(person, (events.get(person) ?? 0) + 1);
    };
    for (const { agency, line } of records) {
      const l = line as unknown as Line;
      if (l.type === "involvement") count(`police|${String(l.nominalId)}`);
      if (l.type === "dashAssessment" || l.type === "maracReferral") count(`police|${String(l.victimNominalId)}`);
      if (l.type === "encounter" || l.type === "safeguardingConcern") count(`health|${String(l.patientId)}`);
      if (l.type === "episode" || l.type === "episodeInvolvement") count(`${agency}|${String(l.clientId)}`);
    }
    const perSubject = [...people.keys()].map((id) => events.get(id) ?? 0);
    expect(Math.min(...perSubject)).toBeGreaterThanOrEqual(1);
    expect(perSubject.filter((n) => n <= 15).length / perSubject.length).toBeGreaterThan(0.9);
  });

  it("escalates for some victims: from low-level incidents to serious harm", () => {
    const gravity: Record<string, number> = { DOMESTIC_INCIDENT: 0, ASSAULT_OCCASIONING_ABH: 2, GBH: 3, THREATS_TO_KILL: 2, RAPE: 3 };
    const occurrence = new Map(records.filter((r) => r.line.type === "occurrence").map((r) => [(r.line as unknown as Line).id as string, r.line as unknown as Line]));
    const history = new Map<string, Line[]>();
    for (const { line } of records) {
      if (line.type !== "involvement" || line.role !== "VICTIM") continue;
      const victim = owner.get(`police|${line.nominalId}`)!;
      history.set(victim, [...(history.get(victim) ?? []), occurrence.get(line.occurrenceId)!]);
    }
    const escalated = [...history.values()].filter((incidents) => {
      const ordered = [...incidents].sort((a, b) => String(a.occurredAt).localeCompare(String(b.occurredAt)));
      return gravity[String(ordered[0]!.category)] === 0 && (gravity[String(ordered[ordered.length - 1]!.category)] ?? 0) >= 2;
    });
    expect(escalated.length).toBeGreaterThan(5);
  });
});
