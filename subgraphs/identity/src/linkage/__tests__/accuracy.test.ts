import { blockingRecall, exactClusterShare, labelledPairAccuracy, pairwiseAccuracy } from "../accuracy";

describe("accuracy against labels", () => {
  // Truth: {0,1,2} and {3,4}: 3 + 1 = 4 true pairs.
  const labels = ["a", "a", "a", "b", "b"];

  it("scores a perfect clustering as 1", () => {
    expect(pairwiseAccuracy(labels, [7, 7, 7, 9, 9])).toMatchObject({ truePairs: 4, predictedPairs: 4, truePositives: 4, precision: 1, recall: 1, f1: 1 });
    expect(exactClusterShare(labels, [7, 7, 7, 9, 9])).toBe(1);
  });

  it("counts pairs for a split and a merge", () => {
    // {0,1} {2} {3,4}: 2 predicted pairs, both true; recall 3/4.
    const split = pairwiseAccuracy(labels, [1, 1, 2, 3, 3]);
    expect(split).toMatchObject({ predictedPairs: 2, truePositives: 2, precision: 1 });
    expect(split.recall).toBeCloseTo(0.5);
    // Everything in one: 10 predicted pairs, 4 true.
    const merged = pairwiseAccuracy(labels, [0, 0, 0, 0, 0]);
    expect(merged.precision).toBeCloseTo(0.4);
    expect(merged.recall).toBe(1);
    expect(merged.f1).toBeCloseTo((2 * 0.4) / 1.4);
    expect(exactClusterShare(labels, [1, 1, 2, 3, 3])).toBe(0.5);
    expect(exactClusterShare(labels, [0, 0, 0, 0, 0])).toBe(0);
  });

  it("measures blocking recall over true pairs", () => {
    expect(blockingRecall(labels, [0, 1, 3, 4, 1, 3])).toBe(0.5);
    expect(blockingRecall(labels, [])).toBe(0);
  });
});

describe("labelledPairAccuracy (reviewers' decisions as labels)", () => {
  it("counts same-person pairs kept together, same-person pairs split, and two-people pairs joined", () => {
    const predicted = new Map<string, number>([["a", 1], ["b", 1], ["c", 2], ["d", 2], ["e", 3]]);
    const result = labelledPairAccuracy(
      [
        { left: "a", right: "b", samePerson: true },
        { left: "a", right: "c", samePerson: true },
        { left: "c", right: "d", samePerson: false },
        { left: "a", right: "e", samePerson: false },
        { left: "a", right: "gone", samePerson: true },
      ],
      predicted,
    );
    expect(result).toMatchObject({ labelledPairs: 4, truePositives: 1, falseNegatives: 1, falsePositives: 1, precision: 0.5, recall: 0.5 });
  });
});
