/**
 * Identity-linkage accuracy and speed on a labelled CSV in the Splink format:
 *
 *   npm run bench:linkage -- --input FILE.csv [--model]
 *   npm run bench:linkage -- --demo SUBJECTS [--seed N] [--model]
 *   npm run bench:linkage -- --synthetic RECORDS [--profile agency|splink] [--seed N] [--model]
 *   npm run bench:linkage -- --identity
 *
 * `--demo` links the person records of Tessera's own synthetic population (demo/, labelled by its
 * truth file): data from another generator than the CSV's, to see whether the settings hold.
 * `--synthetic` is the speed mode: that many person records from `syntheticPeople.ts` (several noisy
 * records per person, known truth), e.g. 1,000,000 (`npm run bench:linkage:speed` sets the heap).
 * Generating the demo or synthetic data is not timed; reading a CSV is.
 *
 * Columns unique_id, first_name, surname, dob, city, email and the label `cluster` (or `group`);
 * optional postcode, nhs_number, pnc_id. Blanks are missing values. The engine (`linkRecords`)
 * estimates its parameters from the records WITHOUT the labels; the labels are read only to evaluate.
 * The baseline is the present exact rule (normalised full name + date of birth), on the same file.
 * `--model` prints the estimated model. The last line is JSON with the figures.
 *
 * `--identity` takes its records from identity's database (`IDENTITY_DATABASE_URL`, else the
 * embedded default of `npm start`) and its labels from reviewers' decisions there: the engine links
 * the records without seeing the decisions, and is scored on the pairs reviewers decided.
 */
import path from "node:path";
import { normaliseName, openServiceDatabase } from "@tessera/kit";
import { readLinkableRecords } from "../subgraphs/identity/src/commands/estimateModel";
import { subgraph } from "../subgraphs/identity/src/index";
import { blockingRecall, exactClusterShare, labelledPairAccuracy, pairwiseAccuracy } from "../subgraphs/identity/src/linkage/accuracy";
import type { LinkableRecord } from "../subgraphs/identity/src/linkage/linkableRecord";
import { loadLinkageConfig } from "../subgraphs/identity/src/linkage/linkageConfig";
import { readLabelledCsv } from "../subgraphs/identity/src/linkage/splinkCsv";
import { describeModel } from "../subgraphs/identity/src/linkage/linkageModel";
import { linkRecords } from "../subgraphs/identity/src/linkage/linkRecords";
import { probabilityFromWeight } from "../subgraphs/identity/src/linkage/predict";
import { decisionLabels } from "../subgraphs/identity/src/review/decisionLabels";
import { readDemoPopulation } from "./demoPopulation";
import { syntheticPeople, type NoiseProfileName } from "./syntheticPeople";

/** The present rule of `decideSamePerson` without identifiers: same normalised full name and date of birth. */
function exactRuleClusters(records: readonly LinkableRecord[]): string[] {
  return records.map((record, index) => {
    const name = normaliseName(`${record.firstName ?? ""} ${record.surname ?? ""}`);
    return name && record.dateOfBirth ? `${name}|${record.dateOfBirth}` : `#${index}`;
  });
}

/** Scores the engine against reviewers' decisions in identity's database. */
async function reviewerLabelBenchmark(): Promise<void> {
  const database = await openServiceDatabase({ service: subgraph.service, entities: subgraph.entities, migrations: subgraph.migrations });
  try {
    const manager = database.dataSource.manager;
    const [records, labels] = [await readLinkableRecords(manager), await decisionLabels(manager)];
    const started = process.hrtime.bigint();
    const result = linkRecords(records, { config: loadLinkageConfig() });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const predicted = new Map<string, number>();
    result.clusters.forEach((members, cluster) => members.forEach((index) => predicted.set(records[index]!.id, cluster)));
    const accuracy = labelledPairAccuracy(labels, predicted);
    process.stdout.write(
      [
        `linkage benchmark: identity's ${records.length} person records, scored on ${accuracy.labelledPairs} pairs reviewers decided`,
        `precision ${accuracy.precision.toFixed(4)}  recall ${accuracy.recall.toFixed(4)}  F1 ${accuracy.f1.toFixed(4)}  (joined against a decision: ${accuracy.falsePositives}; split against one: ${accuracy.falseNegatives})`,
        `wall time ${wallSeconds.toFixed(2)} s; peak memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
        JSON.stringify({ input: "identity", records: records.length, labelledPairs: accuracy.labelledPairs, precision: accuracy.precision, recall: accuracy.recall, f1: accuracy.f1, wallSeconds }),
        "",
      ].join("\n"),
    );
  } finally {
    await database.dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--identity")) return reviewerLabelBenchmark();
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const file = option("--input");
  const demoSubjects = option("--demo");
  const syntheticRecords = option("--synthetic");
  if (!file && !demoSubjects && !syntheticRecords) {
    process.stderr.write(
      "usage: npm run bench:linkage -- --input FILE.csv [--model]\n       npm run bench:linkage -- --demo SUBJECTS [--seed N] [--model]\n       npm run bench:linkage -- --synthetic RECORDS [--profile agency|splink] [--seed N] [--model]\n       npm run bench:linkage -- --identity\n",
    );
    process.exit(2);
  }
  const seed = Number(option("--seed") ?? 1);
  const profile = (option("--profile") ?? "agency") as NoiseProfileName;
  const input = file ?? (demoSubjects ? `demo population: ${demoSubjects} subjects, seed ${seed}` : `synthetic people: ${syntheticRecords} records, ${profile} noise, seed ${seed}`);
  const config = loadLinkageConfig();
  // Generated data is made before the clock starts: the benchmark times linkage, not the generator.
  const generated = demoSubjects ? await readDemoPopulation(Number(demoSubjects), seed) : syntheticRecords ? syntheticPeople(Number(syntheticRecords), seed, profile) : undefined;
  const started = process.hrtime.bigint();
  const { records, labels } = generated ?? readLabelledCsv(path.resolve(file!));
  const readSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = linkRecords(records, { config });
  const predicted: number[] = new Array(records.length);
  result.clusters.forEach((members, cluster) => members.forEach((index) => (predicted[index] = cluster)));
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakMemoryMb = process.resourceUsage().maxRSS / 1024;

  const accuracy = pairwiseAccuracy(labels, predicted);
  const exactClusters = exactClusterShare(labels, predicted);
  const recallOfBlocking = blockingRecall(labels, result.candidatePairs);
  const baselineStarted = process.hrtime.bigint();
  const baselineClusters = exactRuleClusters(records);
  const baselineSeconds = Number(process.hrtime.bigint() - baselineStarted) / 1e9;
  const baseline = pairwiseAccuracy(labels, baselineClusters);
  const baselineExact = exactClusterShare(labels, baselineClusters);
  let review = 0;
  for (const weight of result.matchWeights) {
    const probability = probabilityFromWeight(weight);
    if (probability >= result.model.reviewThreshold && probability < result.model.matchThreshold) review += 1;
  }

  if (argv.includes("--model")) process.stdout.write(`${describeModel(result.model)}\n\n`);
  const f = (value: number) => value.toFixed(4);
  const ratio = (value: number, base: number) => (base === 0 ? "n/a" : `${(value / base).toFixed(2)}×`);
  const lines = [
    `linkage benchmark: ${input} — ${records.length} records, ${new Set(labels).size} true clusters, ${accuracy.truePairs} true pairs`,
    `prior ${result.model.probabilityTwoRandomRecordsMatch.toExponential(3)}, EM ${result.model.training.emIterations} iterations${result.model.training.emConverged ? " (converged)" : ""}; match ≥ ${result.model.matchThreshold}, review ≥ ${result.model.reviewThreshold} (from config)`,
    "",
    `                      engine     baseline (exact name + dob)   ratio`,
    `precision             ${f(accuracy.precision)}     ${f(baseline.precision)}                        ${ratio(accuracy.precision, baseline.precision)}`,
    `recall                ${f(accuracy.recall)}     ${f(baseline.recall)}                        ${ratio(accuracy.recall, baseline.recall)}`,
    `F1                    ${f(accuracy.f1)}     ${f(baseline.f1)}                        ${ratio(accuracy.f1, baseline.f1)}`,
    `exact clusters        ${f(exactClusters)}     ${f(baselineExact)}                        ${ratio(exactClusters, baselineExact)}`,
    "",
    `blocking recall       ${f(recallOfBlocking)}`,
    `candidate pairs       ${result.candidatePairs.length / 2}`,
    `pairs for review      ${review}`,
    `wall time             ${wallSeconds.toFixed(2)} s (read ${readSeconds.toFixed(2)} s; ${Object.entries(result.timings).map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)} s`).join(", ")})`,
    `peak memory (maxRSS)  ${peakMemoryMb.toFixed(0)} MB`,
    `baseline time         ${baselineSeconds.toFixed(2)} s (engine ${ratio(wallSeconds, baselineSeconds)} the baseline's)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const figures = {
    input,
    records: records.length,
    precision: accuracy.precision,
    recall: accuracy.recall,
    f1: accuracy.f1,
    blockingRecall: recallOfBlocking,
    exactClusters,
    candidatePairs: result.candidatePairs.length / 2,
    reviewPairs: review,
    wallSeconds,
    timingsSeconds: Object.fromEntries(Object.entries(result.timings).map(([stage, ms]) => [stage, ms / 1000])),
    peakMemoryMb,
    baseline: { precision: baseline.precision, recall: baseline.recall, f1: baseline.f1, exactClusters: baselineExact, wallSeconds: baselineSeconds },
    ratioToBaseline: { f1: baseline.f1 === 0 ? null : accuracy.f1 / baseline.f1, recall: baseline.recall === 0 ? null : accuracy.recall / baseline.recall },
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
