import { isValidNhsNumber } from "../nhsNumber";
import { isValidPncId, makePncId, normalisePncId } from "../pncId";
import { normalisePostcode } from "../postcode";
import { parseDateOfBirth } from "../dates";
import { normaliseName } from "../names";

describe("NHS number modulus 11", () => {
  it.each(["9434765919", "9449305552", "943 476 5919", "943-476-5919"])("accepts %s", (n) => expect(isValidNhsNumber(n)).toBe(true));
  it.each([
    ["9434765918", "wrong check digit"],
    ["943476591", "nine digits"],
    ["94347659190", "eleven digits"],
    ["943476591X", "a letter"],
    ["0000000060", "remainder 1 gives check 10, never valid"],
  ])("rejects %s (%s)", (n) => expect(isValidNhsNumber(n)).toBe(false));
});

describe("PNC ID", () => {
  it("builds ids whose check letter verifies, in long and short form", () => {
    const id = makePncId(2011, 123456);
    expect(isValidPncId(id)).toBe(true);
    expect(isValidPncId(id.slice(2))).toBe(true);
  });
  it("rejects a wrong check letter and a malformed id", () => {
    const id = makePncId(2011, 123456);
    const wrong = id.slice(0, -1) + (id.endsWith("A") ? "B" : "A");
    expect(isValidPncId(wrong)).toBe(false);
    expect(isValidPncId("2011-0123456")).toBe(false);
  });
  it("pads the serial", () => expect(normalisePncId("2011/123456z")).toBe("2011/0123456Z"));
});

describe("postcode", () => {
  it("normalises spacing and case", () => expect(normalisePostcode(" sw1a1aa ")).toBe("SW1A 1AA"));
  it("rejects what is not a postcode", () => expect(normalisePostcode("12345")).toBeUndefined());
});

describe("date of birth", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it("accepts a past calendar date", () => expect(parseDateOfBirth("dob", "1991-03-14", now)).toBe("1991-03-14"));
  it.each([
    ["2026-06-01", "must not be in the future"],
    ["1991-02-31", "is not a calendar date"],
    ["14/03/1991", "must be a date YYYY-MM-DD"],
  ])("rejects %s", (value, reason) => expect(() => parseDateOfBirth("dob", value, now)).toThrow(reason));
});

describe("names", () => {
  it("folds case, accents and punctuation", () => expect(normaliseName("  Zoë  O'Brien-Smith ")).toBe("zoe obriensmith"));
});
