import { InvalidInput } from "../../errors/badUserInput";
import {
  areaCode,
  isAbsent,
  nestedObject,
  optionalNhsNumber,
  optionalOneOf,
  optionalPastDate,
  optionalPastTimestamp,
  optionalPostcode,
  requiredPostcode,
  requiredRecordId,
} from "../fields";

const now = new Date("2025-06-01T12:00:00Z");

/** The field and reason a reader rejects a value with. */
function rejection(read: () => unknown): { field: string; reason: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof InvalidInput) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error("accepted");
}

describe("field readers", () => {
  it("count missing, null and the empty string as absent, and nothing else", () => {
    expect([undefined, null, ""].map(isAbsent)).toEqual([true, true, true]);
    expect([" ", 0, false, [], {}].map(isAbsent)).toEqual([false, false, false, false, false]);
  });

  it.each([undefined, null, ""])("give undefined for an absent (%j) optional value", (absent) => {
    expect(optionalOneOf("sex", absent, ["FEMALE", "MALE"])).toBeUndefined();
    expect(optionalPastDate("dateOfBirth", absent, now)).toBeUndefined();
    expect(optionalPastTimestamp("endedAt", absent, now)).toBeUndefined();
    expect(optionalNhsNumber("nhsNumber", absent)).toBeUndefined();
    expect(optionalPostcode("postcode", absent)).toBeUndefined();
  });

  describe("areaCode", () => {
    it.each(["NMC", "RX1", "NVH", "EV", "A1B2C3D4E5", "12"])("accepts the area code %j as it is", (code) => expect(areaCode("force", code)).toBe(code));
    it.each([undefined, null, ""])("requires one (%j)", (value) => expect(rejection(() => areaCode("trust", value))).toEqual({ field: "trust", reason: "is required" }));
    it.each(["nmc", "N", "ABCDEFGHIJK", "NM-C", " NMC", "NMC ", "Northmoor Borough Council", 42])("rejects %j with one wording for every agency", (value) =>
      expect(rejection(() => areaCode("council", value))).toEqual({ field: "council", reason: "must be a code of 2 to 10 capital letters and digits, e.g. NMC or RX1" }),
    );
  });

  describe("requiredRecordId", () => {
    it("accepts an agency's own reference", () => expect(requiredRecordId("id", "NMC-N-1")).toBe("NMC-N-1"));
    it.each([undefined, null, ""])("requires one (%j)", (value) => expect(rejection(() => requiredRecordId("patientId", value))).toEqual({ field: "patientId", reason: "is required" }));
    it.each(["has spaces", "-leading", 42, "x".repeat(101)])("rejects the malformed %j", (value) => expect(rejection(() => requiredRecordId("id", value)).reason).toMatch(/^must be 1–100 letters/));
  });

  it("optionalOneOf accepts an allowed value and rejects another, naming the allowed ones", () => {
    expect(optionalOneOf("sex", "MALE", ["FEMALE", "MALE"])).toBe("MALE");
    expect(rejection(() => optionalOneOf("sex", "F", ["FEMALE", "MALE"]))).toEqual({ field: "sex", reason: "must be one of FEMALE, MALE" });
  });

  it("optionalPastDate accepts a past calendar date and rejects a future or impossible one", () => {
    expect(optionalPastDate("addresses.0.from", "2019-05-01", now)).toBe("2019-05-01");
    expect(rejection(() => optionalPastDate("dateOfBirth", "2025-06-02", now))).toEqual({ field: "dateOfBirth", reason: "must not be in the future" });
    expect(rejection(() => optionalPastDate("dateOfBirth", "1991-02-30", now)).reason).toBe("1991-02-30 is not a calendar date");
  });

  it("optionalPastTimestamp accepts a zoned ISO date-time and rejects a future or zoneless one", () => {
    expect(optionalPastTimestamp("reportedAt", "2024-03-01T21:30:00+01:00", now)).toEqual(new Date("2024-03-01T20:30:00Z"));
    expect(rejection(() => optionalPastTimestamp("reportedAt", "2030-01-01T00:00:00Z", now)).reason).toBe("must not be in the future");
    expect(rejection(() => optionalPastTimestamp("reportedAt", "10/02/2024 21:40", now)).reason).toMatch(/^must be an ISO 8601 date-time/);
  });

  it("optionalNhsNumber stores the ten digits without spaces, and rejects a failed check digit", () => {
    expect(optionalNhsNumber("nhsNumber", "943 476 5919")).toBe("9434765919");
    expect(rejection(() => optionalNhsNumber("nhsNumber", "9434765918"))).toEqual({ field: "nhsNumber", reason: "must be 10 digits passing the NHS number modulus-11 check" });
    expect(rejection(() => optionalNhsNumber("nhsNumber", 9434765919)).field).toBe("nhsNumber");
  });

  describe("postcodes", () => {
    it("normalise case and spacing", () => {
      expect(requiredPostcode("postcode", " nm14qt ")).toBe("NM1 4QT");
      expect(optionalPostcode("location.postcode", "ls6  2ab")).toBe("LS6 2AB");
    });
    it("reject what is not a UK postcode with one wording, required or not", () => {
      const wording = { field: "postcode", reason: "must be a UK postcode, e.g. LS6 2AB" };
      expect(rejection(() => requiredPostcode("postcode", "12345"))).toEqual(wording);
      expect(rejection(() => optionalPostcode("postcode", "nowhere"))).toEqual(wording);
      expect(rejection(() => optionalPostcode("postcode", 12345))).toEqual(wording);
    });
    it.each([undefined, null, ""])("require one where it is required (%j)", (value) => {
      expect(rejection(() => requiredPostcode("addresses.0.postcode", value))).toEqual({ field: "addresses.0.postcode", reason: "is required" });
    });
  });

  it("nestedObject accepts an object and rejects a list, null or text", () => {
    expect(nestedObject("location", { postcode: "NM1 4QT" })).toEqual({ postcode: "NM1 4QT" });
    for (const value of [[], null, "home"]) expect(rejection(() => nestedObject("location", value))).toEqual({ field: "location", reason: "must be an object" });
  });
});
