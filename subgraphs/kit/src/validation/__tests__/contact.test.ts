import { normaliseEmail, normaliseUkPhone } from "../contact";

describe("contact details", () => {
  it("folds an email address to lower case and refuses what is not one", () => {
    expect(normaliseEmail(" Jo.Bloggs@Example.ORG ")).toBe("jo.bloggs@example.org");
    expect(normaliseEmail("jo.bloggs")).toBeUndefined();
    expect(normaliseEmail("jo bloggs@example.org")).toBeUndefined();
    expect(normaliseEmail("jo@example")).toBeUndefined();
  });

  it("reduces UK telephone numbers to national digits, so the international form agrees", () => {
    expect(normaliseUkPhone("+44 (0)7700 900123")).toBe("07700900123");
    expect(normaliseUkPhone("+44 7700 900123")).toBe("07700900123");
    expect(normaliseUkPhone("07700 900-123")).toBe("07700900123");
    expect(normaliseUkPhone("0113 496 0000")).toBe("01134960000");
  });

  it("refuses numbers that are too short, not UK, or not numbers", () => {
    expect(normaliseUkPhone("999")).toBeUndefined();
    expect(normaliseUkPhone("+1 202 555 0100")).toBeUndefined();
    expect(normaliseUkPhone("call me")).toBeUndefined();
  });
});
