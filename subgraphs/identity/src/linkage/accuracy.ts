/**
 * Accuracy against labels, as Splink's `accuracy`: used by the benchmark to EVALUATE, never to
 * estimate. Pairs are unordered pairs of distinct records; a predicted pair is two records placed in
 * one cluster, a true pair two records with the same label.
 */
export interface PairwiseAccuracy {
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairsIn = (size: number) => (size * (size - 1)) / 2;

/** Pairwise precision, recall and F1 of a clustering (`predicted[i]`: record i's cluster) against labels. */
export function pairwiseAccuracy(labels: readonly string[], predicted: readonly (string | number)[]): PairwiseAccuracy {
  const trueSizes = new Map<string, number>();
  const predictedSizes = new Map<string | number, number>();
  const cells = new Map<string, number>();
  labels.forEach((label, index) => {
    const cluster = predicted[index]!;
    trueSizes.set(label, (trueSizes.get(label) ?? 0) + 1);
    predictedSizes.set(cluster, (predictedSizes.get(cluster) ?? 0) + 1);
    const cell = `${label}\u0000${cluster}`;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
  });
  const sum = (sizes: Iterable<number>) => [...sizes].reduce((total, size) => total + pairsIn(size), 0);
  const truePairs = sum(trueSizes.values());
  const predictedPairs = sum(predictedSizes.values());
  const truePositives = sum(cells.values());
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, truePositives, precision, recall, f1 };
}

/** The share of true pairs that blocking produced as candidates (`pairs`: flat [i, j, i, j, …]). */
export function blockingRecall(labels: readonly string[], pairs: ArrayLike<number>): number {
  const sizes = new Map<string, number>();
  for (const label of labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  const truePairs = [...sizes.values()].reduce((total, size) => total + pairsIn(size), 0);
  if (truePairs === 0) return 1;
  let found = 0;
  for (let p = 0; p < pairs.length; p += 2) if (labels[pairs[p]!] === labels[pairs[p + 1]!]) found += 1;
  return found / truePairs;
}

/** The share of true clusters reproduced exactly: the same records, no more, no fewer. */
export function exactClusterShare(labels: readonly string[], predicted: readonly (string | number)[]): number {
  const signature = (groups: Map<string | number, number[]>) => new Set([...groups.values()].map((members) => members.join(",")));
  const group = (keys: readonly (string | number)[]) => {
    const groups = new Map<string | number, number[]>();
    keys.forEach((key, index) => {
      const members = groups.get(key);
      if (members) members.push(index);
      else groups.set(key, [index]);
    });
    return groups;
  };
  const truth = group(labels);
  const found = signature(group(predicted));
  if (truth.size === 0) return 1;
  let exact = 0;
  for (const members of truth.values()) if (found.has(members.join(","))) exact += 1;
  return exact / truth.size;
}

/** A pair of records a person has labelled: one person, or two. */
export interface LabelledPair {
  left: string;
  right: string;
  samePerson: boolean;
}

/**
 * Pairwise accuracy against labelled PAIRS (reviewers' decisions) rather than a full clustering:
 * a same-person pair predicted together is a true positive, apart a false negative; a two-people
 * pair predicted together is a false positive. Pairs naming a record the prediction lacks are skipped.
 */
export function labelledPairAccuracy(pairs: readonly LabelledPair[], predicted: ReadonlyMap<string, string | number>): PairwiseAccuracy & { labelledPairs: number; falsePositives: number; falseNegatives: number } {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let labelledPairs = 0;
  for (const { left, right, samePerson } of pairs) {
    const a = predicted.get(left);
    const b = predicted.get(right);
    if (a === undefined || b === undefined) continue;
    labelledPairs += 1;
    if (samePerson && a === b) truePositives += 1;
    else if (samePerson) falseNegatives += 1;
    else if (a === b) falsePositives += 1;
  }
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, falsePositives, falseNegatives, truePairs: truePositives + falseNegatives, predictedPairs: truePositives + falsePositives, labelledPairs };
}
