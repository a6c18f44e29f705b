/**
 * Blocking rules measured on their own, so that a rule set is chosen on generated data:
 *
 *   npm run bench:blocking -- --synthetic RECORDS [--profile agency|splink] [--seed N] [--rules "a+b,c,…"]
 *   npm run bench:blocking -- --demo SUBJECTS [--seed N] [--rules …]
 *   npm run bench:blocking -- --input FILE.csv [--rules …]
 *
 * For each rule, in order: the pairs it adds beyond the earlier rules, the true pairs it adds, and
 * the true pairs ONLY it finds (what dropping it would cost); then the set's candidate pairs and
 * blocking recall. `--rules` replaces the default rules (names as `blockOn` parts joined by "+").
 */
import path from "node:path";
import { blockOn, DEFAULT_BLOCKING_RULES, generateCandidatePairs, type BlockingKeyPart, type BlockingRule } from "../subgraphs/identity/src/linkage/blockingRuleLibrary";
import { prepareRecord } from "../subgraphs/identity/src/linkage/linkableRecord";
import { readLabelledCsv } from "../subgraphs/identity/src/linkage/splinkCsv";
import { readDemoPopulation } from "./demoPopulation";
import { syntheticPeople, type NoiseProfileName } from "./syntheticPeople";

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.indexOf(name) >= 0 ? argv[argv.indexOf(name) + 1] : undefined);
  const seed = Number(option("--seed") ?? 1);
  const profile = (option("--profile") ?? "agency") as NoiseProfileName;
  const file = option("--input");
  const demo = option("--demo");
  const synthetic = option("--synthetic");
  const { records: raw, labels } = synthetic ? syntheticPeople(Number(synthetic), seed, profile) : demo ? await readDemoPopulation(Number(demo), seed) : file ? readLabelledCsv(path.resolve(file)) : usage();
  const rulesOption = option("--rules");
  const rules: readonly BlockingRule[] = rulesOption ? rulesOption.split(",").map((name) => blockOn(...(name.split("+") as BlockingKeyPart[]))) : DEFAULT_BLOCKING_RULES;
  const records = raw.map(prepareRecord);
  const sizes = new Map<string, number>();
  for (const label of labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  const truePairs = [...sizes.values()].reduce((total, size) => total + (size * (size - 1)) / 2, 0);

  const started = performance.now();
  const union = generateCandidatePairs(records, rules);
  const seconds = (performance.now() - started) / 1000;
  const foundBy = rules.map((rule) => truePairSet(generateCandidatePairs(records, [rule]), labels));
  const lines = [`${synthetic ? `synthetic ${synthetic} records (${profile} noise), seed ${seed}` : demo ? `demo ${demo} subjects, seed ${seed}` : file} — ${records.length} records, ${truePairs} true pairs`, "rule                                   pairs added   true pairs added   only this rule"];
  rules.forEach((rule, r) => {
    const added = generateCandidatePairs(records, rules.slice(0, r + 1)).length / 2 - generateCandidatePairs(records, rules.slice(0, r)).length / 2;
    const before = new Set<number>();
    for (let q = 0; q < r; q += 1) for (const code of foundBy[q]!) before.add(code);
    let trueAdded = 0;
    for (const code of foundBy[r]!) if (!before.has(code)) trueAdded += 1;
    let only = 0;
    for (const code of foundBy[r]!) if (foundBy.every((other, q) => q === r || !other.has(code))) only += 1;
    lines.push(`${rule.name.padEnd(38)} ${String(added).padStart(11)}   ${String(trueAdded).padStart(16)}   ${String(only).padStart(14)}`);
  });
  const found = truePairSet(union, labels).size;
  lines.push(`candidate pairs ${union.length / 2}; blocking recall ${(found / truePairs).toFixed(4)} (${found}/${truePairs}); generated in ${seconds.toFixed(2)} s`);
  process.stdout.write(`${lines.join("\n")}\n`);
  process.stdout.write(`${JSON.stringify({ records: records.length, rules: rules.map((rule) => rule.name), candidatePairs: union.length / 2, blockingRecall: found / truePairs, seconds })}\n`);
}

/** The true pairs among candidate pairs, as `left × 2^26 + right` codes. */
function truePairSet(pairs: Uint32Array, labels: readonly string[]): Set<number> {
  const found = new Set<number>();
  for (let p = 0; p < pairs.length; p += 2) if (labels[pairs[p]!] === labels[pairs[p + 1]!]) found.add(pairs[p]! * 2 ** 26 + pairs[p + 1]!);
  return found;
}

function usage(): never {
  process.stderr.write("usage: npm run bench:blocking -- (--synthetic RECORDS [--profile agency|splink] | --demo SUBJECTS | --input FILE.csv) [--seed N] [--rules a+b,c]\n");
  process.exit(2);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
