import { recordKeyString, type LinkageRecord } from "../LinkageRecord";
import { LinkRule } from "../LinkRule";
import { planLinkage, type LinkagePlan, type StoredLink } from "../planLinkage";

const NOW = new Date("2025-01-10T12:00:00Z");

function stored(fields: Partial<StoredLink> & Pick<StoredLink, "localId" | "subjectId" | "registeredAt">): StoredLink {
  return { agency: "police", nameKey: "penelope ashworth", subjectCreatedAt: fields.registeredAt, rule: LinkRule.FIRST_RECORD, ...fields };
}

function plan(storedRecords: StoredLink[], incoming: LinkageRecord[]): LinkagePlan {
  let next = 0;
  return planLinkage({ stored: storedRecords, incoming, now: NOW, newSubjectId: () => `new-${(next += 1)}` });
}

const placementOf = (result: LinkagePlan, agency: string, localId: string) => result.placements.get(recordKeyString({ agency, localId }))!;

describe("planLinkage", () => {
  it("links records within one batch to each other and founds one new subject", () => {
    const result = plan(
      [],
      [
        { agency: "police", localId: "NMC-N-1", nameKey: "penelope ashworth", dateOfBirth: "1991-03-14" },
        { agency: "health", localId: "NVH-P-1", nameKey: "penelope ashworth", dateOfBirth: "1991-03-14", nhsNumber: "9434765919" },
      ],
    );
    expect(result.newSubjects).toEqual(["new-1"]);
    // Same registration time: the earlier key (health < police) is the first record.
    expect(placementOf(result, "health", "NVH-P-1")).toMatchObject({ subjectId: "new-1", rule: LinkRule.FIRST_RECORD, relinked: true });
    expect(placementOf(result, "police", "NMC-N-1")).toMatchObject({ subjectId: "new-1", rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "health", localId: "NVH-P-1" } });
  });

  it("merges two subjects into the older one and re-roots the younger one's evidence through the bridging record", () => {
    const older = stored({ agency: "health", localId: "H1", nameKey: "mary smith", dateOfBirth: "1980-01-01", nhsNumber: "9434765919", subjectId: "S-old", registeredAt: new Date("2024-01-01") });
    const youngerRoot = stored({ localId: "P1", nameKey: "mary jones", dateOfBirth: "1980-01-01", subjectId: "S-young", registeredAt: new Date("2024-02-01") });
    const bridge: LinkageRecord = { agency: "social-care", localId: "C1", nameKey: "mary jones", dateOfBirth: "1980-01-01", nhsNumber: "9434765919" };
    const result = plan([older, youngerRoot], [bridge]);
    expect(result.newSubjects).toEqual([]);
    expect(result.vacatedSubjects).toEqual(["S-young"]);
    expect(placementOf(result, "health", "H1")).toMatchObject({ subjectId: "S-old", rule: LinkRule.FIRST_RECORD, relinked: false });
    expect(placementOf(result, "social-care", "C1")).toMatchObject({ subjectId: "S-old", rule: LinkRule.NHS_NUMBER, linkedTo: { agency: "health", localId: "H1" } });
    expect(placementOf(result, "police", "P1")).toMatchObject({
      subjectId: "S-old",
      rule: LinkRule.NAME_AND_DATE_OF_BIRTH,
      linkedTo: { agency: "social-care", localId: "C1" },
      relinked: true,
    });
  });

  it("moves a record whose details changed, and its subject stays with the records that did not change", () => {
    const first = stored({ localId: "A", dateOfBirth: "1970-01-01", subjectId: "S", registeredAt: new Date("2024-01-01") });
    const second = stored({ localId: "B", dateOfBirth: "1970-01-01", subjectId: "S", registeredAt: new Date("2024-01-02"), rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "police", localId: "A" } });
    // The first record changes: it is the one that moves, though it founded the subject.
    const result = plan([first, second], [{ agency: "police", localId: "A", nameKey: "penelope ashworth", dateOfBirth: "1971-01-01" }]);
    expect(placementOf(result, "police", "B")).toMatchObject({ subjectId: "S", rule: LinkRule.FIRST_RECORD, relinked: true });
    expect(placementOf(result, "police", "A")).toMatchObject({ subjectId: "new-1", rule: LinkRule.FIRST_RECORD, relinked: true });
    expect(result.vacatedSubjects).toEqual([]);
  });

  it("vacates a subject whose only record moved into another subject", () => {
    const alone = stored({ localId: "A", nameKey: "tom baker", dateOfBirth: "1970-01-01", subjectId: "S-alone", registeredAt: new Date("2023-01-01") });
    const other = stored({ localId: "B", nameKey: "tom baker", dateOfBirth: "1971-01-01", subjectId: "S-other", registeredAt: new Date("2024-01-01") });
    const result = plan([alone, other], [{ agency: "police", localId: "A", nameKey: "tom baker", dateOfBirth: "1971-01-01" }]);
    // S-alone is older, but its only record changed: the subject with unchanged records keeps its id.
    expect(placementOf(result, "police", "A").subjectId).toBe("S-other");
    expect(placementOf(result, "police", "B")).toMatchObject({ subjectId: "S-other", relinked: true });
    expect(result.vacatedSubjects).toEqual(["S-alone"]);
  });

  it("changes nothing when the same records are registered again", () => {
    const a = stored({ localId: "A", dateOfBirth: "1970-01-01", subjectId: "S", registeredAt: new Date("2024-01-01") });
    const b = stored({ localId: "B", dateOfBirth: "1970-01-01", subjectId: "S", registeredAt: new Date("2024-01-02"), rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "police", localId: "A" } });
    const c = stored({ localId: "C", dateOfBirth: "1970-01-01", subjectId: "S", registeredAt: new Date("2024-01-03"), rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "police", localId: "B" } });
    const result = plan([a, b, c], [a, b, c]);
    expect([...result.placements.values()].some((placement) => placement.relinked)).toBe(false);
    // C keeps its stored evidence (linked to B) though a link to the earlier A also holds.
    expect(placementOf(result, "police", "C").linkedTo).toEqual({ agency: "police", localId: "B" });
    expect(result.newSubjects).toEqual([]);
    expect(result.vacatedSubjects).toEqual([]);
  });

  it("does not join records whose blocks meet but whose identifiers disagree", () => {
    const a = stored({ localId: "A", dateOfBirth: "1970-01-01", nhsNumber: "9434765919", subjectId: "S", registeredAt: new Date("2024-01-01") });
    const result = plan([a], [{ agency: "health", localId: "B", nameKey: "penelope ashworth", dateOfBirth: "1970-01-01", nhsNumber: "9449305552" }]);
    expect(placementOf(result, "health", "B").subjectId).toBe("new-1");
    expect(placementOf(result, "police", "A")).toMatchObject({ subjectId: "S", relinked: false });
  });
  describe("never puts two different NHS numbers or PNC IDs in one subject, however the links chain", () => {
    const smith = { nameKey: "john smith", dateOfBirth: "1980-01-01" };
    const h1: LinkageRecord = { agency: "health", localId: "H1", ...smith, nhsNumber: "9434765919" };
    const h2: LinkageRecord = { agency: "health", localId: "H2", ...smith, nhsNumber: "9449305552" };
    const p1: LinkageRecord = { agency: "police", localId: "P1", ...smith };

    it("keeps H1 and H2 apart when P1, with no NHS number, matches both; P1 joins the earlier record's subject", () => {
      const result = plan([], [h1, h2, p1]);
      expect(result.newSubjects).toEqual(["new-1", "new-2"]);
      expect(placementOf(result, "health", "H1")).toMatchObject({ subjectId: "new-1", rule: LinkRule.FIRST_RECORD });
      expect(placementOf(result, "health", "H2")).toMatchObject({ subjectId: "new-2", rule: LinkRule.FIRST_RECORD });
      expect(placementOf(result, "police", "P1")).toMatchObject({ subjectId: "new-1", rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "health", localId: "H1" } });
    });

    it("decides the same whatever order the batch arrives in", () => {
      const subjects = (result: LinkagePlan) => ["H1", "H2"].map((id) => placementOf(result, "health", id).subjectId).concat(placementOf(result, "police", "P1").subjectId);
      const expected = subjects(plan([], [h1, h2, p1]));
      for (const order of [[p1, h2, h1], [h2, p1, h1], [p1, h1, h2]]) expect(subjects(plan([], order))).toEqual(expected);
    });

    it("puts a bridging record in the older subject, whichever record registered first, and merges nothing", () => {
      const olderH2 = stored({ ...h2, subjectId: "S-old", subjectCreatedAt: new Date("2023-01-01"), registeredAt: new Date("2024-03-01") });
      const youngerH1 = stored({ ...h1, subjectId: "S-young", subjectCreatedAt: new Date("2024-01-01"), registeredAt: new Date("2024-01-01") });
      const result = plan([youngerH1, olderH2], [p1]);
      expect(placementOf(result, "police", "P1")).toMatchObject({ subjectId: "S-old", rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "health", localId: "H2" } });
      expect(placementOf(result, "health", "H1")).toMatchObject({ subjectId: "S-young", relinked: false });
      expect(placementOf(result, "health", "H2")).toMatchObject({ subjectId: "S-old", relinked: false });
      expect(result.vacatedSubjects).toEqual([]);
    });

    it("prefers the strongest evidence: a PNC ID link outweighs a name and date of birth link to an older subject", () => {
      const older = stored({ ...h1, subjectId: "S-old", registeredAt: new Date("2023-01-01") });
      // "Jon Smith": a patient with another NHS number, and the police nominal of the same name and date with PNC ID 11/0123456Z.
      const jon = { nameKey: "jon smith", dateOfBirth: "1980-01-01" };
      const patient = stored({ agency: "health", localId: "HB", ...jon, nhsNumber: "9449305552", subjectId: "S-young", registeredAt: new Date("2024-01-01") });
      const nominal = stored({ localId: "P0", ...jon, pncId: "11/0123456Z", subjectId: "S-young", registeredAt: new Date("2024-01-02"), rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "health", localId: "HB" } });
      // P1 matches P0 by PNC ID and H1 by name and date of birth; together they would hold two NHS numbers.
      const result = plan([older, patient, nominal], [{ ...p1, pncId: "11/0123456Z" }]);
      expect(placementOf(result, "police", "P1")).toMatchObject({ subjectId: "S-young", rule: LinkRule.PNC_ID, linkedTo: { agency: "police", localId: "P0" } });
      expect(placementOf(result, "health", "H1")).toMatchObject({ subjectId: "S-old", relinked: false });
      expect(result.vacatedSubjects).toEqual([]);
    });

    it("keeps namesakes with different PNC IDs apart when a record with no PNC ID matches both", () => {
      const a: LinkageRecord = { agency: "police", localId: "PA", ...smith, pncId: "11/0123456Z" };
      const b: LinkageRecord = { agency: "police", localId: "PB", ...smith, pncId: "12/0123456A" };
      const care: LinkageRecord = { agency: "social-care", localId: "C1", ...smith };
      const result = plan([], [care, b, a]);
      expect(placementOf(result, "police", "PA").subjectId).not.toBe(placementOf(result, "police", "PB").subjectId);
      // Same registration time: police/PA is the earliest record the bridge links to.
      expect(placementOf(result, "social-care", "C1")).toMatchObject({
        subjectId: placementOf(result, "police", "PA").subjectId,
        rule: LinkRule.NAME_AND_DATE_OF_BIRTH,
        linkedTo: { agency: "police", localId: "PA" },
      });
    });

    it("splits a stored subject that holds two NHS numbers: the record that joined last leaves", () => {
      const first = stored({ ...h1, subjectId: "S", registeredAt: new Date("2024-01-01") });
      const bridge = stored({ ...p1, subjectId: "S", registeredAt: new Date("2024-01-02"), rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "health", localId: "H1" } });
      const last = stored({ ...h2, subjectId: "S", registeredAt: new Date("2024-01-03"), rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "police", localId: "P1" } });
      const result = plan([first, bridge, last], [p1]);
      expect(placementOf(result, "police", "P1")).toMatchObject({ subjectId: "S", relinked: false });
      expect(placementOf(result, "health", "H2")).toMatchObject({ subjectId: "new-1", rule: LinkRule.FIRST_RECORD, relinked: true });
    });

    it("lets the bridge and the other namesake join once the record that kept them apart leaves", () => {
      const first = stored({ ...h1, subjectId: "S1", registeredAt: new Date("2024-01-01") });
      const bridge = stored({ ...p1, subjectId: "S1", registeredAt: new Date("2024-01-02"), rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "health", localId: "H1" } });
      const other = stored({ ...h2, subjectId: "S2", registeredAt: new Date("2024-01-03") });
      const result = plan([first, bridge, other], [{ ...h1, nameKey: "john smyth" }]);
      expect(placementOf(result, "health", "H1")).toMatchObject({ subjectId: "new-1", rule: LinkRule.FIRST_RECORD });
      expect(placementOf(result, "police", "P1")).toMatchObject({ subjectId: "S1", rule: LinkRule.FIRST_RECORD });
      expect(placementOf(result, "health", "H2")).toMatchObject({ subjectId: "S1", rule: LinkRule.NAME_AND_DATE_OF_BIRTH, linkedTo: { agency: "police", localId: "P1" } });
      expect(result.vacatedSubjects).toEqual(["S2"]);
    });
  });
});
