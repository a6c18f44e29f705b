import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { currentLinkage } from "../resolution/currentLinkage";
import { lockLinkage } from "../resolution/linkNeighbourhood";
import { byRegistration, planResolution } from "../resolution/planResolution";
import { saveResolution } from "../resolution/saveResolution";
import type { RecordKey } from "../linkage/RecordKey";
import { loadConstraints, STORED_RECORD_COLUMNS, toStoredRecord, type StoredRecord } from "../resolution/storedRecords";
import { estimateAndStoreModel, MINIMUM_RECORDS_TO_ESTIMATE, reportEstimate } from "./estimateModel";
import { ProgressBar } from "./progressBar";
import { runCommand } from "./runCommand";

const LOAD_PAGE = 50_000;

export interface RelinkReport {
  records: number;
  subjectsBefore: number;
  subjectsAfter: number;
  /** Records whose subject or evidence changed. */
  recordsRelinked: number;
  reviewPairs: number;
  decisionsApplied: number;
  modelVersion: number | null;
  seconds: number;
}

export interface RelinkProgress {
  start(stage: string): void;
  update(done: number, total: number): void;
}

/**
 * The bulk re-link: every person record re-blocked, re-scored with the current model and
 * re-clustered under every active reviewer decision, in ONE transaction under linkage's lock, so
 * queries see the old subjects until the new ones are committed and registrations wait their turn.
 * Subject ids survive wherever their records stay together (`assignSubjects`). For initial loads and
 * after a re-estimate.
 */
export async function relinkAll(manager: EntityManager, progress?: RelinkProgress, now = new Date()): Promise<RelinkReport> {
  const started = performance.now();
  return manager.transaction(async (transaction) => {
    await lockLinkage(transaction);
    progress?.start("loading person records");
    const nodes: Array<{ record: StoredRecord; stored: StoredRecord }> = [];
    // In pages, so the driver's rows for a page are garbage before the next: a million rows at once is gigabytes.
    for (let after: RecordKey | undefined; ; ) {
      const rows = (await transaction.query(
        `SELECT ${STORED_RECORD_COLUMNS} FROM person_record p JOIN subject s ON s.id = p.subject_id
          WHERE $1::text IS NULL OR (p.agency, p.local_id) > ($1, $2) ORDER BY p.agency, p.local_id LIMIT ${LOAD_PAGE}`,
        [after?.agency ?? null, after?.localId ?? null],
      )) as Parameters<typeof toStoredRecord>[0][];
      for (const row of rows) {
        const record = toStoredRecord(row);
        nodes.push({ record, stored: record });
      }
      if (rows.length < LOAD_PAGE) break;
      after = nodes[nodes.length - 1]!.record;
    }
    nodes.sort((a, b) => byRegistration(a, b, now));
    const subjectsBefore = new Set(nodes.map((node) => node.stored.subjectId)).size;
    const constraints = await loadConstraints(transaction);
    const linkage = await currentLinkage(transaction);
    const plan = planResolution(nodes, constraints, linkage, { now, newSubjectId: randomUUID, rekeyAll: true, ...(progress ? { onStage: (stage: string) => progress.start(stage) } : {}) });
    progress?.start("writing");
    await saveResolution(transaction, plan, undefined, now, progress ? (done, total) => progress.update(done, total) : undefined);
    return {
      records: nodes.length,
      subjectsBefore,
      subjectsAfter: new Set(plan.subjectOfNode).size,
      recordsRelinked: plan.recordCount,
      reviewPairs: plan.reviewCount,
      decisionsApplied: new Set(constraints.map((constraint) => constraint.decisionId)).size,
      modelVersion: linkage.version,
      seconds: (performance.now() - started) / 1000,
    };
  });
}

/**
 * Whether the stored links are out of date: a record scored by another model version than the
 * current one, linked before probabilistic linkage (no weight), or not indexed under any blocking
 * key (registered before there were any: every record has names, so every record has a key).
 * What `--if-stale` checks.
 */
export async function linksAreStale(manager: EntityManager): Promise<boolean> {
  const { version } = await currentLinkage(manager);
  const rows = (await manager.query(
    `SELECT EXISTS (SELECT 1 FROM person_record
      WHERE model_version IS DISTINCT FROM $1::int OR (link_rule = 'MODEL' AND match_weight IS NULL)
         OR NOT EXISTS (SELECT 1 FROM blocking_key b WHERE b.agency = person_record.agency AND b.local_id = person_record.local_id)) AS stale`,
    [version],
  )) as Array<{ stale: boolean }>;
  return rows[0]!.stale;
}

export function reportRelink(report: RelinkReport): string {
  return [
    `re-linked ${report.records} person records with model ${report.modelVersion === null ? "(declared starting parameters)" : `version ${report.modelVersion}`} in ${report.seconds.toFixed(1)} s`,
    `subjects: ${report.subjectsBefore} before, ${report.subjectsAfter} after; records whose subject or evidence changed: ${report.recordsRelinked}`,
    `reviewer decisions applied: ${report.decisionsApplied}; pairs in the review queue: ${report.reviewPairs}`,
    "",
  ].join("\n");
}

/**
 * `npm run identity:relink [-- --estimate] [-- --if-stale]`: `--estimate` re-estimates the model
 * first (as `identity:estimate`); `--if-stale` estimates a first model when there is none and there
 * are enough records, and otherwise does nothing unless links are out of date — what `npm start`
 * runs after loading data.
 */
async function relinkCommand(manager: EntityManager, argv: string[]): Promise<number> {
  const ifStale = argv.includes("--if-stale");
  const records = Number((await manager.query(`SELECT count(*)::int AS n FROM person_record`))[0].n);
  const firstEstimate = ifStale && (await currentLinkage(manager)).version === null && records >= MINIMUM_RECORDS_TO_ESTIMATE;
  if (ifStale && !firstEstimate && !(await linksAreStale(manager))) {
    process.stderr.write("identity:relink: links are up to date with the current model; nothing to do\n");
    return 0;
  }
  if (argv.includes("--estimate") || firstEstimate) {
    process.stderr.write(`estimating the linkage model from ${records} person records (no labels)…\n`);
    process.stderr.write(reportEstimate(await estimateAndStoreModel(manager)));
  }
  const bar = new ProgressBar();
  const report = await relinkAll(manager, bar);
  bar.finishLine();
  process.stdout.write(reportRelink(report));
  return 0;
}

if (require.main === module) runCommand("identity:relink", relinkCommand);
