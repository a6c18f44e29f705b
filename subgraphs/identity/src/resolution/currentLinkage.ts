import type { DataSource, EntityManager } from "typeorm";
import { loadLinkageConfig, type LinkageConfig } from "../linkage/linkageConfig";
import { defaultLinkageModel, type LinkageModel } from "../linkage/linkageModel";
import { currentModelVersion } from "../linkage/modelStore";
import type { TermFrequencyTables } from "../linkage/predict";

/** What identity links with now: the latest estimated model (or the declared one), its term frequencies and the configuration. */
export interface CurrentLinkage {
  /** Null until a model has been estimated: the declared starting parameters are in use. */
  version: number | null;
  model: LinkageModel;
  termFrequencies: TermFrequencyTables;
  config: LinkageConfig;
}

const cache = new WeakMap<DataSource, CurrentLinkage>();

/**
 * The current linkage, read once per model version: every batch asks the database which version is
 * current (one indexed lookup) so a re-estimate made by the command in another process is used from
 * the next registration on. Thresholds always come from the configuration file, not from the
 * stored model, so changing a threshold needs no re-estimate.
 */
export async function currentLinkage(manager: EntityManager): Promise<CurrentLinkage> {
  const rows = (await manager.query(`SELECT max(version) AS version FROM linkage_model`)) as Array<{ version: number | null }>;
  const version = rows[0]?.version ?? null;
  const cached = cache.get(manager.connection);
  if (cached && cached.version === version) return cached;
  const config = loadLinkageConfig();
  const stored = version === null ? undefined : await currentModelVersion(manager);
  const model = { ...(stored?.model ?? defaultLinkageModel(config)), matchThreshold: config.matchThreshold.probability, reviewThreshold: config.reviewThreshold.probability };
  const linkage: CurrentLinkage = { version: stored?.version ?? null, model, termFrequencies: stored?.termFrequencies ?? {}, config };
  cache.set(manager.connection, linkage);
  return linkage;
}
