import { isValidNhsNumber } from "../nhsNumber";
import { isValidPncId, makePncId, normalisePncId, pncIdKey } from "../pncId";
import { normalisePostcode } from "../postcode";
import { parseDateOfBirth, parsePastTimestamp } from "../dates";
import { normaliseName } from "../names";

describe("NHS number modulus 11", () => {
  it.each(["9434765919", "9449305552", "943 476 5919", "943-476-5919"])("accepts %s", (n) => expect(isValidNhsNumber(n)).toBe(true));
  it.each([
    ["9434765918", "wrong check digit"],
    ["943476591", "nine digits"],
    ["94347659190", "eleven digits"],
    ["943476591X", "a letter"],
    ["0000000060", "remainder 1 gives check 10, never valid"],
    ["0000000000", "a placeholder, though it passes the check digit"],
    ["1111111111", "a placeholder, though it passes the check digit"],
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
  it("compares the long and the short form by one key", () => {
    expect(pncIdKey("2011/123456z")).toBe("11/0123456Z");
    expect(pncIdKey("11/0123456Z")).toBe("11/0123456Z");
    expect(pncIdKey("not a pnc")).toBeUndefined();
  });
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
  it("keeps letters of other scripts", () => expect(normaliseName("李 小龍")).toBe("李 小龍"));
  it("turns digits and symbols into separators", () => expect(normaliseName("Ann3 #Lee")).toBe("ann lee"));
});

describe("past timestamps", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it.each([
    ["2024-02-10T21:40:00Z", "2024-02-10T21:40:00.000Z"],
    ["2024-02-10T21:40:00.123+01:00", "2024-02-10T20:40:00.123Z"],
    ["2024-02-29T10:00Z", "2024-02-29T10:00:00.000Z"],
  ])("accepts %s", (value, instant) => expect(parsePastTimestamp("at", value, now).toISOString()).toBe(instant));
  it.each([
    ["2024-02-10T21:40:00", "no time zone: the instant would depend on the server"],
    ["2024-02-30T10:00:00Z", "30 February, which JavaScript would roll into March"],
    ["2023-02-29T10:00:00Z", "29 February in a common year"],
    ["2024-02-10T24:10:00Z", "hour 24"],
    ["10/02/2024 21:40", "not ISO 8601"],
  ])("rejects %s (%s)", (value) => expect(() => parsePastTimestamp("at", value, now)).toThrow("must be an ISO 8601 date-time with a time zone"));
  it("rejects a time in the future", () => expect(() => parsePastTimestamp("at", "2026-01-02T00:00:00Z", now)).toThrow("must not be in the future"));
});
