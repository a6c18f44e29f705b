import { damerauLevenshtein, jaro, jaroWinkler, jaroWinklerUpperBound } from "../stringSimilarity";

describe("string similarity", () => {
  it("computes Jaro–Winkler as in the literature", () => {
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 2);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.8133, 4);
    expect(jaro("abc", "xyz")).toBe(0);
    expect(jaroWinkler("same", "same")).toBe(1);
    expect(jaroWinkler("", "x")).toBe(0);
  });

  it("bounds Jaro–Winkler from above, cheaply", () => {
    for (const [a, b] of [["martha", "marhta"], ["dixon", "dicksonx"], ["hannah88@powers.com", "hannah88opowersc@m"], ["penelope", "penny"], ["abc", "xyz"]] as const) {
      expect(jaroWinklerUpperBound(a, b)).toBeGreaterThanOrEqual(jaroWinkler(a, b) - 1e-12);
    }
  });

  it("counts an adjacent transposition as one edit (Damerau–Levenshtein)", () => {
    expect(damerauLevenshtein("ca", "ac")).toBe(1);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
    expect(damerauLevenshtein("", "abc")).toBe(3);
  });
});
