import { toPersonRegistration } from "../toPersonRegistration";

const holder = { agency: "health", localId: "NVH-P-1", area: "NVH" };

describe("toPersonRegistration", () => {
  it("carries the holder and every identifier given", () => {
    expect(
      toPersonRegistration(holder, { givenNames: "Jo", familyName: "Bloggs", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", nhsNumber: "9434765919", pncId: "11/0123456X" }),
    ).toEqual({ ...holder, givenNames: "Jo", familyName: "Bloggs", dateOfBirth: "1991-03-14", sex: "FEMALE", postcode: "NM1 4QT", nhsNumber: "9434765919", pncId: "11/0123456X" });
  });

  it("leaves out empty identifiers, so a stored record (nulls) and a parsed one (absent) register alike", () => {
    const fromRow = toPersonRegistration(holder, { givenNames: "Jo", familyName: "Bloggs" });
    const fromEntity = toPersonRegistration(holder, { givenNames: "Jo", familyName: "Bloggs", dateOfBirth: null, sex: null, postcode: "", nhsNumber: undefined });
    expect(fromEntity).toEqual({ ...holder, givenNames: "Jo", familyName: "Bloggs" });
    expect(JSON.stringify(fromEntity)).toBe(JSON.stringify(fromRow));
    expect(Object.keys(fromEntity)).toEqual(["agency", "localId", "area", "givenNames", "familyName"]);
  });

  it("never copies what is not an identifier", () => {
    const patient = { id: "NVH-P-1", trust: "NVH", givenNames: "Jo", familyName: "Bloggs", registeredPractice: "Y01234", presentingComplaint: "never sent" };
    expect(toPersonRegistration(holder, patient)).toEqual({ ...holder, givenNames: "Jo", familyName: "Bloggs" });
  });
});
