import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import YAML from "yaml";

const run = promisify(execFile);
const SCHEMA_DIR = __dirname;
export const SUPERGRAPH_CONFIG = path.join(SCHEMA_DIR, "supergraph.yaml");
const SUPERGRAPH = path.join(SCHEMA_DIR, "supergraph.graphql");

export interface SupergraphConfig {
  federation_version: string;
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export interface Composition {
  /** File path → content, for every file composition owns. */
  files: Map<string, string>;
  errors: string[];
}

/** Prints every subgraph's SDL (in parallel, a process each) and composes them. */
export async function compose(): Promise<Composition> {
  const config = YAML.parse(await readFile(SUPERGRAPH_CONFIG, "utf8")) as SupergraphConfig;
  const names = Object.keys(config.subgraphs);
  const sdls = await Promise.all(names.map(printSubgraphSdl));
  return composeSupergraph(config, Object.fromEntries(names.map((name, i) => [name, sdls[i]!])));
}

/** Composes subgraph SDLs as @apollo/composition does for rover, naming the files each belongs in. */
export function composeSupergraph(config: SupergraphConfig, sdls: Record<string, string>): Composition {
  const files = new Map<string, string>();
  const services = Object.entries(sdls).map(([name, sdl]) => {
    const entry = config.subgraphs[name];
    if (!entry) throw new Error(`subgraph ${name} is not in supergraph.yaml`);
    files.set(path.resolve(SCHEMA_DIR, entry.schema.file), sdl);
    return { name, url: entry.routing_url, typeDefs: parse(sdl) };
  });
  const result = composeServices(services);
  if (result.errors) return { files, errors: result.errors.map((error) => error.message) };
  files.set(SUPERGRAPH, result.supergraphSdl.endsWith("\n") ? result.supergraphSdl : `${result.supergraphSdl}\n`);
  return { files, errors: [] };
}

async function printSubgraphSdl(name: string): Promise<string> {
  const { stdout } = await run(process.execPath, ["-r", "@swc-node/register", path.join(SCHEMA_DIR, "printSubgraphSdl.ts"), name], {
    cwd: path.join(SCHEMA_DIR, ".."),
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** The files on disk that differ from what composition produces now. */
export async function staleFiles(composition: Composition): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, content] of composition.files) {
    const onDisk = await readFile(file, "utf8").catch(() => undefined);
    if (onDisk !== content) stale.push(path.relative(path.join(SCHEMA_DIR, ".."), file));
  }
  return stale;
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const composition = await compose();
  if (composition.errors.length) {
    process.stderr.write(`composition failed:\n${composition.errors.map((e) => `  - ${e}`).join("\n")}\n`);
    process.exit(1);
  }
  if (check) {
    const stale = await staleFiles(composition);
    if (stale.length) {
      process.stderr.write(`stale schema files (run \`npm run compose\` and commit them):\n${stale.map((f) => `  - ${f}`).join("\n")}\n`);
      process.exit(1);
    }
    process.stdout.write("supergraph is current\n");
    return;
  }
  for (const [file, content] of composition.files) await writeFile(file, content);
  process.stdout.write(`composed ${composition.files.size - 1} subgraphs into ${path.relative(process.cwd(), SUPERGRAPH)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
