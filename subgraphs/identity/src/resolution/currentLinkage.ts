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

const cache = new WeakMap<DataSource, Omit<CurrentLinkage, "config">>();

/**
 * The current linkage. The model is read once per version: every batch asks the database which
 * version is current (one indexed lookup), so a re-estimate made by the command in another process
 * is used from the next registration on. The configuration file is read every time (it is small),
 * and the thresholds come from it, not from the stored model: changing a threshold needs neither a
 * re-estimate nor a restart.
 */
export async function currentLinkage(manager: EntityManager): Promise<CurrentLinkage> {
  const rows = (await manager.query(`SELECT max(version) AS version FROM linkage_model`)) as Array<{ version: number | null }>;
  const version = rows[0]?.version ?? null;
  const config = loadLinkageConfig();
  let cached = cache.get(manager.connection);
  if (!cached || cached.version !== version) {
    const stored = version === null ? undefined : await currentModelVersion(manager);
    cached = { version: stored?.version ?? null, model: stored?.model ?? defaultLinkageModel(config), termFrequencies: stored?.termFrequencies ?? {} };
    cache.set(manager.connection, cached);
  }
  return { ...cached, model: { ...cached.model, matchThreshold: config.matchThreshold.probability, reviewThreshold: config.reviewThreshold.probability }, config };
}
