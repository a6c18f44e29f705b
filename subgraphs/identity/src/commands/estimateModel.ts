import type { EntityManager } from "typeorm";
import { generateCandidatePairs } from "../linkage/blockingRuleLibrary";
import { prepareRecord, type LinkableRecord } from "../linkage/linkableRecord";
import { IDENTITY_FIELD_COLUMNS, toLinkableRecord, type IdentityFields } from "../resolution/toLinkableRecord";
import { loadLinkageConfig, type LinkageConfig } from "../linkage/linkageConfig";
import { defaultLinkageModel, describeModel, type LinkageModel } from "../linkage/linkageModel";
import { termFrequenciesFor, trainLinkageModel } from "../linkage/linkRecords";
import { saveModel } from "../linkage/modelStore";
import { runCommand } from "./runCommand";

/** Fewer records than this cannot estimate m and u worth storing: the command refuses. */
export const MINIMUM_RECORDS_TO_ESTIMATE = 100;

export class TooFewRecordsError extends Error {
  constructor(readonly records: number, readonly minimum: number) {
    super(`only ${records} person records in identity's database; at least ${minimum} are needed to estimate a linkage model (nothing was stored)`);
    this.name = "TooFewRecordsError";
  }
}

export interface EstimateModelOptions {
  config?: LinkageConfig;
  minimumRecords?: number;
  note?: string;
}

export interface EstimateModelResult {
  version: number;
  records: number;
  candidatePairs: number;
  model: LinkageModel;
}

/** Every registered person record, as the linkage engine sees it. */
export async function readLinkableRecords(manager: EntityManager): Promise<LinkableRecord[]> {
  const rows = (await manager.query(
    `SELECT ${IDENTITY_FIELD_COLUMNS} FROM person_record p ORDER BY p.agency, p.local_id`,
  )) as IdentityFields[];
  return rows.map(toLinkableRecord);
}

/**
 * Estimates the linkage model from identity's own person records WITHOUT labels — the engine's
 * blocking, then `trainLinkageModel` (u from random pairs, m and the prior by EM over the blocked
 * pairs) — and stores it as the next version in `linkage_model`. Refuses below `minimumRecords`.
 */
export async function estimateAndStoreModel(manager: EntityManager, options: EstimateModelOptions = {}): Promise<EstimateModelResult> {
  const config = options.config ?? loadLinkageConfig();
  const minimum = options.minimumRecords ?? MINIMUM_RECORDS_TO_ESTIMATE;
  const input = await readLinkableRecords(manager);
  if (input.length < minimum) throw new TooFewRecordsError(input.length, minimum);
  const records = input.map(prepareRecord);
  const candidatePairs = generateCandidatePairs(records, defaultLinkageModel(config).blockingRules);
  const model = trainLinkageModel(records, candidatePairs, config);
  const version = await saveModel(manager, model, {
    records: records.length,
    note: options.note ?? `estimated without labels from ${records.length} person records`,
    termFrequencies: termFrequenciesFor(model, records),
  });
  return { version, records: records.length, candidatePairs: candidatePairs.length / 2, model };
}

/** What the command prints. */
export function reportEstimate(result: EstimateModelResult): string {
  const { model } = result;
  return [
    `linkage model version ${result.version} stored`,
    `records: ${result.records}; candidate pairs: ${result.candidatePairs}; u from ${model.training.uEstimatedFrom ?? "?"} random pairs`,
    `prior P(two random records match): ${model.probabilityTwoRandomRecordsMatch.toExponential(3)}`,
    `EM iterations: ${model.training.emIterations ?? 0}${model.training.emConverged ? " (converged)" : " (did not converge)"}`,
    "",
    describeModel(model),
    "",
  ].join("\n");
}

/**
 * `npm run identity:estimate [-- --note TEXT]`: estimates, stores, prints. Exit 1 when there are
 * too few records.
 */
async function estimateCommand(manager: EntityManager, argv: string[]): Promise<number> {
  const noteAt = argv.indexOf("--note");
  const note = noteAt >= 0 ? argv[noteAt + 1] : undefined;
  try {
    process.stdout.write(reportEstimate(await estimateAndStoreModel(manager, note ? { note } : {})));
    return 0;
  } catch (error) {
    if (!(error instanceof TooFewRecordsError)) throw error;
    process.stderr.write(`identity:estimate: ${error.message}\n`);
    return 1;
  }
}

if (require.main === module) runCommand("identity:estimate", estimateCommand);
