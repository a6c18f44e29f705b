import { decideSamePerson, strongIdentifiersDisagree } from "../decideSamePerson";
import type { LinkageRecord } from "../LinkageRecord";
import { LinkRule } from "../LinkRule";

const record = (fields: Partial<LinkageRecord> & Pick<LinkageRecord, "localId">): LinkageRecord => ({ agency: "police", nameKey: "penelope ashworth", ...fields });

describe("decideSamePerson", () => {
  it("links the same NHS number even when the names differ, naming the matched record", () => {
    const married = record({ agency: "health", localId: "NVH-P-1", nameKey: "penelope clarke", nhsNumber: "9434765919" });
    const maiden = record({ agency: "social-care", localId: "NMB-C-1", nhsNumber: "9434765919" });
    expect(decideSamePerson(married, maiden)).toEqual({ rule: LinkRule.NHS_NUMBER, matched: { agency: "social-care", localId: "NMB-C-1" } });
  });

  it("links the same PNC ID", () => {
    const a = record({ localId: "NMC-N-1", pncId: "11/0123456Z" });
    const b = record({ localId: "EVP-N-1", nameKey: "penny ashworth", pncId: "11/0123456Z" });
    expect(decideSamePerson(a, b)?.rule).toBe(LinkRule.PNC_ID);
  });

  it("links the same normalised full name with the same date of birth", () => {
    const a = record({ localId: "NMC-N-1", dateOfBirth: "1991-03-14" });
    const b = record({ localId: "EVP-N-7", dateOfBirth: "1991-03-14" });
    expect(decideSamePerson(a, b)).toEqual({ rule: LinkRule.NAME_AND_DATE_OF_BIRTH, matched: { agency: "police", localId: "EVP-N-7" } });
  });

  it("does not link a name without a date of birth, nor a name with a different date", () => {
    expect(decideSamePerson(record({ localId: "A" }), record({ localId: "B" }))).toBeUndefined();
    expect(decideSamePerson(record({ localId: "A", dateOfBirth: "1991-03-14" }), record({ localId: "B" }))).toBeUndefined();
    expect(decideSamePerson(record({ localId: "A", dateOfBirth: "1991-03-14" }), record({ localId: "B", dateOfBirth: "1991-03-15" }))).toBeUndefined();
  });

  it("does not link day and month transposed or a nickname: that is for probabilistic linkage", () => {
    const daniel = record({ localId: "NMC-N-2", nameKey: "daniel rourke", dateOfBirth: "1988-11-02" });
    expect(decideSamePerson(daniel, record({ localId: "EVP-N-2", nameKey: "daniel rourke", dateOfBirth: "1988-02-11" }))).toBeUndefined();
    expect(decideSamePerson(daniel, record({ localId: "EVP-N-3", nameKey: "danny rourke", dateOfBirth: "1988-11-02" }))).toBeUndefined();
  });

  it("does not link namesakes born the same day whose NHS numbers or PNC IDs disagree", () => {
    const a = record({ localId: "A", dateOfBirth: "1991-03-14", nhsNumber: "9434765919" });
    expect(decideSamePerson(a, record({ localId: "B", dateOfBirth: "1991-03-14", nhsNumber: "9449305552" }))).toBeUndefined();
    const c = record({ localId: "C", dateOfBirth: "1991-03-14", pncId: "11/0123456Z" });
    expect(decideSamePerson(c, record({ localId: "D", dateOfBirth: "1991-03-14", pncId: "12/0123456A" }))).toBeUndefined();
  });

  it("links a name and date of birth when only one side carries the identifier", () => {
    const withNhs = record({ localId: "A", dateOfBirth: "1991-03-14", nhsNumber: "9434765919" });
    expect(decideSamePerson(withNhs, record({ localId: "B", dateOfBirth: "1991-03-14" }))?.rule).toBe(LinkRule.NAME_AND_DATE_OF_BIRTH);
  });

  it("prefers the strongest rule: NHS number, then PNC ID, then name and date of birth", () => {
    const all = { dateOfBirth: "1991-03-14", nhsNumber: "9434765919", pncId: "11/0123456Z" };
    expect(decideSamePerson(record({ localId: "A", ...all }), record({ localId: "B", ...all }))?.rule).toBe(LinkRule.NHS_NUMBER);
    const noNhs = { dateOfBirth: "1991-03-14", pncId: "11/0123456Z" };
    expect(decideSamePerson(record({ localId: "A", ...noNhs }), record({ localId: "B", ...noNhs }))?.rule).toBe(LinkRule.PNC_ID);
  });

  it("does not link records whose strong identifiers disagree, even when another one agrees", () => {
    const a = record({ localId: "A", nhsNumber: "9434765919", pncId: "11/0123456Z" });
    expect(decideSamePerson(a, record({ localId: "B", nhsNumber: "9434765919", pncId: "12/0123456A" }))).toBeUndefined();
    expect(decideSamePerson(a, record({ localId: "C", nhsNumber: "9449305552", pncId: "11/0123456Z" }))).toBeUndefined();
  });

  it("calls two different NHS numbers or PNC IDs a disagreement, and a missing one none", () => {
    expect(strongIdentifiersDisagree({ nhsNumber: "9434765919" }, { nhsNumber: "9449305552" })).toBe(true);
    expect(strongIdentifiersDisagree({ pncId: "11/0123456Z" }, { pncId: "12/0123456A" })).toBe(true);
    expect(strongIdentifiersDisagree({ nhsNumber: "9434765919" }, { pncId: "11/0123456Z" })).toBe(false);
    expect(strongIdentifiersDisagree({ nhsNumber: "9434765919", pncId: "11/0123456Z" }, {})).toBe(false);
  });
});
