import { transposeDayAndMonth, typo } from "../noise";
import { Random } from "../random";

describe("record noise", () => {
  it("transposes day and month only where the result is another date", () => {
    expect(transposeDayAndMonth("1988-11-02")).toBe("1988-02-11");
    expect(transposeDayAndMonth("1991-03-14")).toBeUndefined();
    expect(transposeDayAndMonth("2001-05-05")).toBeUndefined();
  });

  it("makes a typo by swapping two neighbouring letters or dropping one, never touching the first letter", () => {
    const random = new Random(5);
    const results = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const result = typo(random, "Ashworth");
      expect(result[0]).toBe("A");
      expect(result.length === 8 || result.length === 7).toBe(true);
      expect(result).not.toBe("Ashworth");
      results.add(result);
    }
    expect([...results].some((result) => result.length === 7)).toBe(true);
    expect([...results].some((result) => result.length === 8)).toBe(true);
    expect(typo(random, "Jo")).toBe("Jo");
  });
});
