import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_AS_OF } from "./population";
import { writeDemoData } from "./writeDemoData";

/**
 * `npm run demo:generate -- --subjects 5000 --seed 42 --out .tessera/demo [--no-scenario] [--as-of <ISO>]`
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      subjects: { type: "string", default: "5000" },
      seed: { type: "string", default: "42" },
      out: { type: "string", default: ".tessera/demo" },
      "as-of": { type: "string", default: DEFAULT_AS_OF },
      "no-scenario": { type: "boolean", default: false },
    },
  });
  const subjects = Number(values.subjects);
  const seed = Number(values.seed);
  if (!Number.isInteger(subjects) || subjects < 0) throw new Error(`--subjects must be a whole number, not ${values.subjects}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`);
  const dir = path.resolve(values.out);
  const started = Date.now();
  const report = await writeDemoData({ dir, seed, subjects, asOf: values["as-of"], includeScenario: !values["no-scenario"] });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [`demo data for ${report.population.subjects} subjects (population ${report.population.people}, seed ${seed}, as of ${values["as-of"]}) in ${seconds}s:`];
  for (const agency of ["police", "health", "social-care"] as const) {
    const counts = Object.entries(report.counts[agency]).map(([type, count]) => `${type} ${count}`).join(", ");
    lines.push(`  ${report.files[agency]}: ${counts}`);
  }
  lines.push(`  ${report.files.truth}: ${report.truthRows} person records`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
