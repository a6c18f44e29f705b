import type { EntityManager } from "typeorm";
import type { LinkageColumn } from "./linkableRecord";
import { modelFromJson, modelToJson, type LinkageModel } from "./linkageModel";
import type { TermFrequencyTables } from "./predict";

/**
 * The versioned store of estimated models, table `linkage_model`: append-only, the latest version is
 * the current model. Models go in as `modelToJson` writes them and come back through `modelFromJson`,
 * so a damaged row is refused rather than scored with.
 */
export interface StoredModelVersion {
  version: number;
  estimatedAt: Date;
  /** Person records the model was estimated from. */
  records: number;
  note: string | null;
}

/**
 * Stores an estimated model as the next version, with the term frequencies of the records it was
 * estimated on (values held once are left out: an unseen value counts as seen once anyway); returns
 * that version.
 */
export async function saveModel(
  manager: EntityManager,
  model: LinkageModel,
  details: { records: number; note?: string | null; termFrequencies?: TermFrequencyTables },
): Promise<number> {
  if (!Number.isInteger(details.records) || details.records < 0) throw new Error(`saveModel: records must be a non-negative integer, got ${details.records}`);
  const json = modelToJson(model);
  modelFromJson(json); // never store what could not be read back
  const rows = (await manager.query(`INSERT INTO linkage_model (records, model, note, term_frequencies) VALUES ($1, $2::jsonb, $3, $4::jsonb) RETURNING version`, [
    details.records,
    json,
    details.note ?? null,
    JSON.stringify(termFrequenciesToJson(details.termFrequencies ?? {})),
  ])) as Array<{ version: number }>;
  return Number(rows[0]!.version);
}

type StoredTermFrequencies = Partial<Record<LinkageColumn, { total: number; counts: Record<string, number> }>>;

function termFrequenciesToJson(tables: TermFrequencyTables): StoredTermFrequencies {
  const stored: StoredTermFrequencies = {};
  for (const [column, table] of Object.entries(tables) as [LinkageColumn, NonNullable<TermFrequencyTables[LinkageColumn]>][]) {
    const counts: Record<string, number> = {};
    for (const [value, count] of table.counts) if (count > 1) counts[value] = count;
    stored[column] = { total: table.total, counts };
  }
  return stored;
}

function termFrequenciesFromJson(stored: StoredTermFrequencies): TermFrequencyTables {
  const tables: TermFrequencyTables = {};
  for (const [column, table] of Object.entries(stored) as [LinkageColumn, { total: number; counts: Record<string, number> }][]) {
    tables[column] = { column, total: table.total, counts: new Map(Object.entries(table.counts)) };
  }
  return tables;
}

/** The latest version's model, or undefined when none has been estimated yet. */
export async function currentModel(manager: EntityManager): Promise<LinkageModel | undefined> {
  return (await currentModelVersion(manager))?.model;
}

/** The latest version with its model and term frequencies, or undefined. */
export async function currentModelVersion(manager: EntityManager): Promise<(StoredModelVersion & { model: LinkageModel; termFrequencies: TermFrequencyTables }) | undefined> {
  const rows = (await manager.query(
    `SELECT version, estimated_at, records, note, model::text AS model, term_frequencies FROM linkage_model ORDER BY version DESC LIMIT 1`,
  )) as Array<VersionRow & { model: string; term_frequencies: StoredTermFrequencies }>;
  const row = rows[0];
  if (!row) return undefined;
  let model: LinkageModel;
  try {
    model = modelFromJson(row.model);
  } catch (error) {
    throw new Error(`linkage_model version ${row.version}: ${(error as Error).message}`);
  }
  return { ...versionFromRow(row), model, termFrequencies: termFrequenciesFromJson(row.term_frequencies) };
}

/** Every stored version, oldest first, without the models. */
export async function modelVersions(manager: EntityManager): Promise<StoredModelVersion[]> {
  const rows = (await manager.query(`SELECT version, estimated_at, records, note FROM linkage_model ORDER BY version`)) as VersionRow[];
  return rows.map(versionFromRow);
}

interface VersionRow {
  version: number;
  estimated_at: Date;
  records: number;
  note: string | null;
}

function versionFromRow(row: VersionRow): StoredModelVersion {
  return { version: Number(row.version), estimatedAt: new Date(row.estimated_at), records: Number(row.records), note: row.note };
}
