import { generateCandidatePairs } from "./blockingRuleLibrary";
import { clusterRecords, type ClusterLink } from "./clustering";
import { estimateU } from "./estimateU";
import { expectationMaximisation } from "./expectationMaximisation";
import { prepareRecord, type LinkableRecord, type PreparedRecord } from "./linkableRecord";
import { loadLinkageConfig, type LinkageConfig } from "./linkageConfig";
import { defaultLinkageModel, type LinkageModel } from "./linkageModel";
import { matchWeightOf, probabilityFromWeight, type TermFrequencyTables } from "./predict";
import { computeTermFrequencies } from "./termFrequencies";

export interface LinkRecordsOptions {
  config?: LinkageConfig;
  /** A stored model to score with; when absent, one is estimated from the records (without labels). */
  model?: LinkageModel;
}

/** A candidate pair with its score (record indexes into the input). */
export interface ScoredPair {
  left: number;
  right: number;
  matchWeight: number;
  matchProbability: number;
}

export interface LinkageResult {
  model: LinkageModel;
  records: PreparedRecord[];
  termFrequencies: TermFrequencyTables;
  /** Flat [left, right, left, right, …] record indexes. */
  candidatePairs: Uint32Array;
  scoredPairs: ScoredPair[];
  /** Lists of record indexes; every record is in exactly one. */
  clusters: number[][];
  /** Milliseconds per stage, for the benchmark. */
  timings: Record<"prepare" | "blocking" | "estimation" | "scoring" | "clustering", number>;
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
export function trainLinkageModel(records: readonly PreparedRecord[], candidatePairs: Uint32Array, config: LinkageConfig, start: LinkageModel = defaultLinkageModel(config)): LinkageModel {
  const { estimation } = config;
  const withU = estimateU(start, records, { seed: estimation.seed, maxPairs: estimation.uMaxPairs });
  return expectationMaximisation(withU, records, candidatePairs, {
    maxIterations: estimation.emMaxIterations,
    convergence: estimation.emConvergence,
    minimumObservations: estimation.minimumObservations,
    totalPairs: Math.max((records.length * (records.length - 1)) / 2, 1),
  });
}

/**
 * The whole engine, in Splink's order: blocking → u estimation → EM → scoring → clustering. Pure:
 * records in, model, pairs and clusters out. The benchmark calls this; so will the bulk re-link.
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
  const model = options.model ?? trainLinkageModel(records, candidatePairs, config);
  const estimation = elapsed();
  const termFrequencies = termFrequenciesFor(model, records);
  const scoredPairs: ScoredPair[] = [];
  const links: ClusterLink[] = [];
  for (let p = 0; p < candidatePairs.length; p += 2) {
    const left = candidatePairs[p]!;
    const right = candidatePairs[p + 1]!;
    const matchWeight = matchWeightOf(model, records[left]!, records[right]!, termFrequencies);
    const matchProbability = probabilityFromWeight(matchWeight);
    scoredPairs.push({ left, right, matchWeight, matchProbability });
    if (matchProbability >= model.reviewThreshold) links.push({ left, right, matchWeight, isMatch: matchProbability >= model.matchThreshold });
  }
  const scoring = elapsed();
  const clusters = clusterRecords(records.length, links, { minimumSupport: config.clustering.minimumSupport, strongIdentifiers: records });
  const timings = { prepare, blocking, estimation, scoring, clustering: elapsed() };
  return { model, records, termFrequencies, candidatePairs, scoredPairs, clusters, timings };
}
