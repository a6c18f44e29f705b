import { makePncId } from "@tessera/kit";
import {
  cityComparison,
  comparisonLevelIndex,
  dateOfBirthComparison,
  emailComparison,
  phoneComparison,
  firstNameComparison,
  postcodeComparison,
  strongIdentifierComparison,
  surnameComparison,
  type Comparison,
} from "../comparisonLibrary";
import { prepareRecord, type LinkableRecord } from "../linkableRecord";
import { areNicknames } from "../nicknames";

const levelOf = (comparison: Comparison, a: Partial<LinkableRecord>, b: Partial<LinkableRecord>) =>
  comparison.levels[comparisonLevelIndex(comparison, prepareRecord({ id: "a", ...a }, 0), prepareRecord({ id: "b", ...b }, 1))]!.label;

describe("comparison levels", () => {
  it("first name: null, exact, swapped, nickname, Jaro–Winkler, sounds alike, else", () => {
    const first = firstNameComparison();
    expect(levelOf(first, {}, { firstName: "Daniel" })).toBe("missing");
    expect(levelOf(first, { firstName: "Daniel" }, { firstName: "daniel " })).toBe("exact (term-frequency adjusted)");
    expect(levelOf(first, { firstName: "Rourke", surname: "Daniel" }, { firstName: "Daniel", surname: "Rourke" })).toBe("first name and surname swapped");
    expect(levelOf(first, { firstName: "Danny" }, { firstName: "Daniel" })).toBe("nickname or short form");
    expect(levelOf(first, { firstName: "Penny" }, { firstName: "Penelope" })).toBe("nickname or short form");
    expect(levelOf(first, { firstName: "Martha" }, { firstName: "Marhta" })).toBe("Jaro–Winkler ≥ 0.92");
    expect(levelOf(first, { firstName: "Stephen" }, { firstName: "Steven" })).toBe("sounds alike (Double Metaphone)");
    expect(levelOf(first, { firstName: "Daniel" }, { firstName: "Olivia" })).toBe("different");
  });

  it("surname: swapped names are neutral here (counted once, under first name); typos by Jaro–Winkler", () => {
    const surname = surnameComparison();
    expect(levelOf(surname, { firstName: "Rourke", surname: "Daniel" }, { firstName: "Daniel", surname: "Rourke" })).toMatch(/counted under first_name/);
    expect(surname.levels.find((level) => level.neutral)).toBeDefined();
    expect(levelOf(surname, { surname: "Ashworth" }, { surname: "Ashwroth" })).toBe("Jaro–Winkler ≥ 0.92");
    expect(levelOf(surname, { surname: "Ashworth" }, { surname: "Khan" })).toBe("different");
  });

  it("date of birth: exact, transposed, one digit, within a month, within a year, else, null", () => {
    const dob = dateOfBirthComparison();
    expect(levelOf(dob, { dateOfBirth: "1988-02-11" }, {})).toBe("missing");
    expect(levelOf(dob, { dateOfBirth: "1988-02-11" }, { dateOfBirth: "1988-02-11" })).toBe("exact");
    expect(levelOf(dob, { dateOfBirth: "1988-02-11" }, { dateOfBirth: "1988-11-02" })).toBe("day and month transposed");
    expect(levelOf(dob, { dateOfBirth: "1988-02-11" }, { dateOfBirth: "1983-02-11" })).toBe("one digit different");
    expect(levelOf(dob, { dateOfBirth: "1988-02-11" }, { dateOfBirth: "1988-02-28" })).toBe("within 31 days");
    expect(levelOf(dob, { dateOfBirth: "1988-02-11" }, { dateOfBirth: "1988-09-30" })).toBe("within 1 year(s)");
    expect(levelOf(dob, { dateOfBirth: "1988-02-11" }, { dateOfBirth: "1979-06-30" })).toBe("different");
    expect(levelOf(dob, { dateOfBirth: "not a date" }, { dateOfBirth: "1979-06-30" })).toBe("missing");
  });

  it("postcode: full, sector, district, area, else — and else is only weak evidence", () => {
    const postcode = postcodeComparison(0.25);
    expect(levelOf(postcode, { postcode: "NE1 4ST" }, {})).toBe("missing");
    expect(levelOf(postcode, { postcode: "NE1 4ST" }, { postcode: "ne14st" })).toBe("same postcode full");
    expect(levelOf(postcode, { postcode: "NE1 4ST" }, { postcode: "NE1 4XY" })).toBe("same postcode sector");
    expect(levelOf(postcode, { postcode: "NE1 4ST" }, { postcode: "NE1 7AB" })).toBe("same postcode district");
    expect(levelOf(postcode, { postcode: "NE1 4ST" }, { postcode: "NE6 1AA" })).toBe("same postcode area");
    expect(levelOf(postcode, { postcode: "NE1 4ST" }, { postcode: "SW1A 1AA" })).toBe("different");
    expect(postcode.levels.at(-1)!.minimumBayesFactor).toBe(0.25);
  });

  it("strong identifiers: valid values agree or differ; an invalid value is not evidence", () => {
    const nhs = strongIdentifierComparison("nhs_number");
    expect(levelOf(nhs, { nhsNumber: "943 476 5919" }, { nhsNumber: "9434765919" })).toBe("exact");
    expect(levelOf(nhs, { nhsNumber: "9434765919" }, { nhsNumber: "4010232137" })).toBe("different");
    // 9434765918 fails modulus 11: treated as missing, neither for nor against.
    expect(levelOf(nhs, { nhsNumber: "9434765919" }, { nhsNumber: "9434765918" })).toBe("missing");
    expect(levelOf(nhs, { nhsNumber: "9434765918" }, { nhsNumber: "9434765918" })).toBe("missing");
    const nearConclusive = nhs.levels.find((level) => level.label === "exact")!;
    expect(Math.log2(nearConclusive.m / nearConclusive.u)).toBeGreaterThan(20);
    const against = nhs.levels.find((level) => level.label === "different")!;
    expect(Math.log2(against.m / against.u)).toBeLessThan(-10);

    const pnc = strongIdentifierComparison("pnc_id");
    const valid = makePncId(2011, 123456);
    expect(levelOf(pnc, { pncId: valid }, { pncId: valid.replace(/^20/, "") })).toBe("exact");
    expect(levelOf(pnc, { pncId: valid }, { pncId: makePncId(2011, 123457) })).toBe("different");
    const wrongCheckLetter = valid.slice(0, -1) + (valid.endsWith("A") ? "B" : "A");
    expect(levelOf(pnc, { pncId: valid }, { pncId: wrongCheckLetter })).toBe("missing");
  });

  it("telephone: the same number written two ways is exact; a malformed number is missing, not different", () => {
    const phone = phoneComparison();
    expect(levelOf(phone, { phone: "+44 7700 900123" }, { phone: "07700 900 123" })).toBe("exact");
    expect(levelOf(phone, { phone: "07700 900123" }, { phone: "07700 900124" })).toBe("different");
    expect(levelOf(phone, { phone: "07700 900123" }, { phone: "ring me" })).toBe("missing");
  });

  it("email and city", () => {
    const email = emailComparison();
    expect(levelOf(email, { email: "dan@example.org" }, { email: "DAN@example.org" })).toBe("exact");
    expect(levelOf(email, { email: "dan.rourke@example.org" }, { email: "dan.rourke@mail.test" })).toBe("same username");
    expect(levelOf(email, { email: "dan.rourke@example.org" }, { email: "dan.rourk@example.org" })).toBe("Jaro–Winkler ≥ 0.88");
    expect(levelOf(email, { email: "dan.rourke@example.org" }, { email: "zz@q.io" })).toBe("different");
    const city = cityComparison();
    expect(levelOf(city, { city: "London" }, { city: "london" })).toBe("exact (term-frequency adjusted)");
    expect(levelOf(city, { city: "London" }, { city: "Leeds" })).toBe("different");
    expect(levelOf(city, {}, { city: "Leeds" })).toBe("missing");
  });

  it("nicknames are symmetric and never the same name", () => {
    expect(areNicknames("danny", "daniel")).toBe(true);
    expect(areNicknames("daniel", "dan")).toBe(true);
    expect(areNicknames("daniel", "daniel")).toBe(false);
    expect(areNicknames("daniel", "penny")).toBe(false);
  });
});
