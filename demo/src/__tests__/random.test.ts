import { Random } from "../random";

describe("Random", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it("keeps int, between and pick in range and weighted near its weights", () => {
    const random = new Random(1);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 20_000; i += 1) {
      const n = random.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const x = random.between(10, 20);
      expect(x >= 10 && x < 20).toBe(true);
      counts[random.weighted([["a", 1], ["b", 3]] as const)] += 1;
    }
    expect(counts.b / 20_000).toBeCloseTo(0.75, 1);
    expect(() => random.pick([])).toThrow();
  });
});
