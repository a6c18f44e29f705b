import { integerSetting, integerSettings } from "../integerSetting";

describe("a numeric setting from the environment", () => {
  it("is the default when unset or blank, else the whole number given", () => {
    expect(integerSetting({}, "TESSERA_X", 7)).toBe(7);
    expect(integerSetting({ TESSERA_X: "  " }, "TESSERA_X", 7)).toBe(7);
    expect(integerSetting({ TESSERA_X: " 12 " }, "TESSERA_X", 7)).toBe(12);
    expect(integerSetting({ TESSERA_X: "0" }, "TESSERA_X", 7, 0)).toBe(0);
  });

  it.each(["12h", "1e3", "0x10", "1.5", "-5", "0", "99999999999999999999"])("stops the service on %p, naming the variable", (value) => {
    expect(() => integerSetting({ TESSERA_X: value }, "TESSERA_X", 7)).toThrow(`TESSERA_X must be a whole number ≥ 1, not "${value}"`);
  });

  it("names every malformed setting of a group in one error", () => {
    const specs = { a: { variable: "TESSERA_A", fallback: 1 }, b: { variable: "TESSERA_B", fallback: 2, least: 0 }, c: { variable: "TESSERA_C", fallback: 3 } };
    expect(integerSettings({ TESSERA_B: "0" }, "things", specs)).toEqual({ a: 1, b: 0, c: 3 });
    expect(() => integerSettings({ TESSERA_A: "x", TESSERA_C: "0" }, "things", specs)).toThrow('things: TESSERA_A must be a whole number ≥ 1, not "x"; TESSERA_C must be a whole number ≥ 1, not "0"');
  });
});
