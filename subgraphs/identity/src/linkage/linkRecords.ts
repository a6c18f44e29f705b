import { generateCandidatePairs } from "./blockingRuleLibrary";
import { comparisonVectors, levelBayesFactor } from "./comparisonVector";
import { estimateU } from "./estimateU";
import { expectationMaximisation } from "./expectationMaximisation";
import { prepareRecord, type LinkableRecord, type PreparedRecord } from "./linkableRecord";
import { loadLinkageConfig, type LinkageConfig } from "./linkageConfig";
import { defaultLinkageModel, type LinkageModel } from "./linkageModel";
import { priorBits, type TermFrequencyTables } from "./predict";
import { resolveIdentities } from "./resolveIdentities";
import { computeTermFrequencies, termFrequency } from "./termFrequencies";

/** Options of `linkRecords`: an object, so that further options can be added without breaking callers. */
export interface LinkRecordsOptions {
  config?: LinkageConfig;
  /** A stored model to score with; when absent, one is estimated from the records (without labels). */
  model?: LinkageModel;
}

export interface LinkageResult {
  model: LinkageModel;
  records: PreparedRecord[];
  termFrequencies: TermFrequencyTables;
  /** Flat [left, right, left, right, …] record indexes, sorted. */
  candidatePairs: Uint32Array;
  /**
   * The match weight (log2 posterior odds) of candidate pair p — records `candidatePairs[2p]` and
   * `candidatePairs[2p + 1]` — at `matchWeights[p]`: parallel typed arrays rather than an object per
   * pair, which at millions of pairs would cost more memory than the records.
   */
  matchWeights: Float64Array;
  /** Lists of record indexes; every record is in exactly one. */
  clusters: number[][];
  /** Milliseconds per stage, for the benchmark. */
  timings: Record<"prepare" | "blocking" | "comparing" | "estimation" | "scoring" | "clustering", number>;
}

/** The term-frequency tables a model needs, computed over the records being linked. */
export function termFrequenciesFor(model: LinkageModel, records: readonly PreparedRecord[]): TermFrequencyTables {
  const tables: TermFrequencyTables = {};
  for (const comparison of model.comparisons) {
    if (comparison.termFrequencyColumn) tables[comparison.termFrequencyColumn] = computeTermFrequencies(records, comparison.termFrequencyColumn);
  }
  return tables;
}

/**
 * Estimates a model from the records themselves, as Splink trains one: u from random pairs, then m
 * and the prior by EM over the blocked pairs. No labels are read.
 */
export function trainLinkageModel(records: readonly PreparedRecord[], candidatePairs: Uint32Array, config: LinkageConfig, start: LinkageModel = defaultLinkageModel(config), vectors?: Uint8Array): LinkageModel {
  const { estimation } = config;
  const withU = estimateU(start, records, { seed: estimation.seed, maxPairs: estimation.uMaxPairs });
  return expectationMaximisation(withU, records, candidatePairs, {
    maxIterations: estimation.emMaxIterations,
    convergence: estimation.emConvergence,
    minimumObservations: estimation.minimumObservations,
    totalPairs: Math.max((records.length * (records.length - 1)) / 2, 1),
    ...(vectors ? { vectors } : {}),
  });
}

/**
 * The whole engine, in Splink's order: blocking → u estimation → EM → scoring → clustering. Pure:
 * records in, model, pairs and clusters out. The benchmarks call this; it clusters through
 * `resolveIdentities`, as registration and the bulk re-link do.
 */
export function linkRecords(input: readonly LinkableRecord[], options: LinkRecordsOptions = {}): LinkageResult {
  const config = options.config ?? loadLinkageConfig();
  let lap = performance.now();
  const elapsed = () => {
    const now = performance.now();
    const milliseconds = now - lap;
    lap = now;
    return milliseconds;
  };
  const records = input.map(prepareRecord);
  const prepare = elapsed();
  const blockingModel = options.model ?? defaultLinkageModel(config);
  const candidatePairs = generateCandidatePairs(records, blockingModel.blockingRules);
  const blocking = elapsed();
  // Estimation only changes m, u and the prior, never the levels, so the vectors serve scoring too.
  const vectors = comparisonVectors(blockingModel, records, candidatePairs);
  const comparing = elapsed();
  const model = options.model ?? trainLinkageModel(records, candidatePairs, config, blockingModel, vectors);
  const estimation = elapsed();
  const termFrequencies = termFrequenciesFor(model, records);
  const matchWeights = matchWeightsOf(model, records, candidatePairs, vectors, termFrequencies);
  const scoring = elapsed();
  // The product's resolution, with no reviewer decisions: the benchmark clusters as registration does.
  const { clusters } = resolveIdentities({ records, candidatePairs, matchWeights, model, termFrequencies, mustLink: [], cannotLink: [], minimumSupport: config.clustering.minimumSupport });
  const timings = { prepare, blocking, comparing, estimation, scoring, clustering: elapsed() };
  return { model, records, termFrequencies, candidatePairs, matchWeights, clusters, timings };
}

/**
 * Every candidate pair's match weight from its gamma vector: the same sum as `matchWeightOf`, with each
 * level's bits looked up rather than recomputed, and a term-frequency-adjusted exact match's bits
 * from the left record's value (the two values are equal) looked up per record.
 */
function matchWeightsOf(model: LinkageModel, records: readonly PreparedRecord[], candidatePairs: Uint32Array, vectors: Uint8Array, termFrequencies: TermFrequencyTables): Float64Array {
  const comparisons = model.comparisons;
  const width = comparisons.length;
  const bits = comparisons.map((comparison, c) => Float64Array.from(comparison.levels, (_level, l) => Math.log2(levelBayesFactor(model, c, l))));
  /** Per comparison and level: per-record bits when the level is a term-frequency-adjusted exact match. */
  const recordBits = comparisons.map((comparison) =>
    comparison.levels.map((level) => {
      const spec = level.spec;
      const table = spec.kind === "exactMatch" && spec.termFrequencyAdjusted && !level.isNull ? termFrequencies[spec.column] : undefined;
      if (spec.kind !== "exactMatch" || !table) return undefined;
      const logM = Math.log2(level.m);
      return Float64Array.from(records, (record) => {
        const value = record[spec.column];
        return value === undefined ? 0 : logM - Math.log2(termFrequency(table, value));
      });
    }),
  );
  const prior = priorBits(model);
  const weights = new Float64Array(candidatePairs.length / 2);
  for (let p = 0, row = 0; p < weights.length; p += 1, row += width) {
    const left = candidatePairs[p * 2]!;
    let weight = prior;
    for (let c = 0; c < width; c += 1) {
      const level = vectors[row + c]!;
      const perRecord = recordBits[c]![level];
      weight += perRecord ? perRecord[left]! : bits[c]![level]!;
    }
    weights[p] = weight;
  }
  return weights;
}
