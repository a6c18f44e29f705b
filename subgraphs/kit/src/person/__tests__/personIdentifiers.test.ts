import { InvalidInput } from "../../errors/badUserInput";
import { Sex } from "../../validation/sex";
import {
  CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS,
  MAX_NAME_LENGTH,
  parseCarePersonIdentifiers,
  parsePersonIdentifiers,
  PERSON_IDENTIFIER_UPSERT_COLUMNS,
} from "../personIdentifiers";

const now = new Date("2025-06-01T12:00:00Z");
const valid = { givenNames: " Penelope Jane ", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: "FEMALE", nhsNumber: "943 476 5919", postcode: "nm1 4qt" };

/** The field and reason a parse rejects its input with. */
function rejection(parse: () => unknown): { field: string; reason: string } {
  try {
    parse();
  } catch (error) {
    if (error instanceof InvalidInput) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error("accepted");
}

describe("parsePersonIdentifiers", () => {
  it("reads names (trimmed), date of birth and sex", () => {
    expect(parsePersonIdentifiers(valid, now)).toEqual({ givenNames: "Penelope Jane", familyName: "Ashworth", dateOfBirth: "1991-03-14", sex: Sex.FEMALE });
  });

  it("leaves out what is absent (missing, null or empty) and takes only its own fields", () => {
    const parsed = parsePersonIdentifiers({ givenNames: "Jo", familyName: "Bloggs", dateOfBirth: null, sex: "", nhsNumber: "not read", postcode: "not read" }, now);
    expect(parsed).toEqual({ givenNames: "Jo", familyName: "Bloggs" });
    expect(Object.keys(parsed)).not.toContain("nhsNumber");
    expect(Object.keys(parsed)).not.toContain("postcode");
  });

  it.each([
    ["givenNames", undefined, "is required"],
    ["givenNames", "   ", "is required"],
    ["givenNames", 42, "is required"],
    ["givenNames", "x".repeat(MAX_NAME_LENGTH + 1), `must be at most ${MAX_NAME_LENGTH} characters`],
    ["familyName", null, "is required"],
    ["familyName", "", "is required"],
    ["familyName", ["Ashworth"], "is required"],
    ["familyName", "y".repeat(MAX_NAME_LENGTH + 1), `must be at most ${MAX_NAME_LENGTH} characters`],
  ])("refuses %s %j: %s", (field, bad, reason) => {
    expect(rejection(() => parsePersonIdentifiers({ ...valid, [field]: bad }, now))).toEqual({ field, reason });
  });

  it(`accepts names of exactly ${MAX_NAME_LENGTH} characters`, () => {
    const long = "z".repeat(MAX_NAME_LENGTH);
    expect(parsePersonIdentifiers({ ...valid, givenNames: long, familyName: long }, now)).toMatchObject({ givenNames: long, familyName: long });
  });

  it.each([
    ["14/03/1991", "must be a date YYYY-MM-DD"],
    [19910314, "must be a date YYYY-MM-DD"],
    ["1991-02-30", "1991-02-30 is not a calendar date"],
    ["2025-06-02", "must not be in the future"],
    ["1899-12-31", "must not be before 1900"],
  ])("refuses the date of birth %j", (bad, reason) => {
    expect(rejection(() => parsePersonIdentifiers({ ...valid, dateOfBirth: bad }, now))).toEqual({ field: "dateOfBirth", reason });
  });

  it.each(["F", "female", 1, true])("refuses the sex %j", (bad) => {
    expect(rejection(() => parsePersonIdentifiers({ ...valid, sex: bad }, now))).toEqual({ field: "sex", reason: "must be one of FEMALE, MALE, INDETERMINATE, NOT_KNOWN" });
  });

  it("names the first field at fault, in the order names, date of birth, sex", () => {
    expect(rejection(() => parsePersonIdentifiers({ familyName: "", dateOfBirth: "soon", sex: "?" }, now)).field).toBe("givenNames");
    expect(rejection(() => parsePersonIdentifiers({ givenNames: "Jo", familyName: "Bloggs", dateOfBirth: "soon", sex: "?" }, now)).field).toBe("dateOfBirth");
  });
});

describe("parseCarePersonIdentifiers", () => {
  it("also reads the NHS number and postcode, normalised", () => {
    expect(parseCarePersonIdentifiers(valid, now)).toEqual({
      givenNames: "Penelope Jane",
      familyName: "Ashworth",
      dateOfBirth: "1991-03-14",
      sex: Sex.FEMALE,
      nhsNumber: "9434765919",
      postcode: "NM1 4QT",
    });
  });

  it("leaves out an absent NHS number and postcode", () => {
    const parsed = parseCarePersonIdentifiers({ givenNames: "Jo", familyName: "Bloggs", nhsNumber: "", postcode: null }, now);
    expect(parsed.nhsNumber).toBeUndefined();
    expect(parsed.postcode).toBeUndefined();
  });

  it("refuses what parsePersonIdentifiers refuses", () => {
    expect(rejection(() => parseCarePersonIdentifiers({ ...valid, givenNames: "" }, now))).toEqual({ field: "givenNames", reason: "is required" });
    expect(rejection(() => parseCarePersonIdentifiers({ ...valid, dateOfBirth: "2030-01-01" }, now))).toEqual({ field: "dateOfBirth", reason: "must not be in the future" });
  });

  it.each([
    ["9434765918", "a wrong check digit"],
    ["943476591", "nine digits"],
    ["0000000000", "a placeholder"],
    [9434765919, "a number, not text"],
  ])("refuses the NHS number %j (%s)", (bad, _why) => {
    expect(rejection(() => parseCarePersonIdentifiers({ ...valid, nhsNumber: bad }, now))).toEqual({
      field: "nhsNumber",
      reason: "must be 10 digits passing the NHS number modulus-11 check",
    });
  });

  it.each(["NOT A POSTCODE", "LS6", "12345", 62])("refuses the postcode %j", (bad) => {
    expect(rejection(() => parseCarePersonIdentifiers({ ...valid, postcode: bad }, now))).toEqual({ field: "postcode", reason: "must be a UK postcode, e.g. LS6 2AB" });
  });
});

describe("the person identifier upsert columns", () => {
  it("fill each parsed field into its column", () => {
    expect(PERSON_IDENTIFIER_UPSERT_COLUMNS.map((c) => c.field)).toEqual(Object.keys(parsePersonIdentifiers(valid, now)));
    expect(CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS.map((c) => c.field)).toEqual(Object.keys(parseCarePersonIdentifiers(valid, now)));
    expect(CARE_PERSON_IDENTIFIER_UPSERT_COLUMNS.map((c) => c.column)).toEqual(["given_names", "family_name", "date_of_birth", "sex", "nhs_number", "postcode"]);
  });
});
