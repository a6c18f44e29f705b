import path from "node:path";
import type { SubgraphDefinition } from "@tessera/kit";

/**
 * Prints one subgraph's SDL to stdout. Composition runs this once per subgraph, each in its own
 * process, because type-graphql keeps its type metadata in one global store per process and every
 * subgraph declares its own `Subject`.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error("usage: printSubgraphSdl <subgraph>");
  const module = (await import(path.resolve(__dirname, "..", "subgraphs", name, "src", "index.ts"))) as { subgraph: SubgraphDefinition };
  const { sdl } = await module.subgraph.buildSchema();
  process.stdout.write(sdl.endsWith("\n") ? sdl : `${sdl}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
