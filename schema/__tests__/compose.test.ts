import { readFile } from "node:fs/promises";
import YAML from "yaml";
import { compose, composeSupergraph, staleFiles, SUPERGRAPH_CONFIG, type Composition, type SupergraphConfig } from "../compose";

describe("npm run compose", () => {
  let composition: Composition;
  let config: SupergraphConfig;

  beforeAll(async () => {
    config = YAML.parse(await readFile(SUPERGRAPH_CONFIG, "utf8")) as SupergraphConfig;
    composition = await compose();
  });

  it("composes every subgraph in supergraph.yaml without errors", () => {
    expect(composition.errors).toEqual([]);
    expect([...composition.files.keys()].filter((f) => f.endsWith("supergraph.graphql"))).toHaveLength(1);
  });

  it("finds the committed subgraph SDLs and supergraph current", async () => {
    expect(await staleFiles(composition)).toEqual([]);
  });

  it("names a subgraph file whose schema changed without recomposing", async () => {
    const changed = new Map(composition.files);
    const police = [...changed.keys()].find((f) => f.endsWith("police.graphql"))!;
    changed.set(police, `${changed.get(police)}\ntype Probe { id: ID }\n`);
    expect(await staleFiles({ files: changed, errors: [] })).toEqual(["schema/subgraphs/police.graphql"]);
  });

  it("reports composition errors instead of writing a broken supergraph", () => {
    const sdls = Object.fromEntries(
      [...composition.files.entries()]
        .filter(([file]) => !file.endsWith("supergraph.graphql"))
        .map(([file, sdl]) => [Object.keys(config.subgraphs).find((name) => file.endsWith(`/${name}.graphql`))!, sdl]),
    );
    // Two subgraphs both resolving the same root field without @shareable cannot compose.
    sdls.police = `${sdls.police}\nextend type Query { clash: String }\n`;
    sdls.health = `${sdls.health}\nextend type Query { clash: String }\n`;
    const broken = composeSupergraph(config, sdls);
    expect(broken.errors.join("\n")).toMatch(/clash/);
    expect([...broken.files.keys()].some((f) => f.endsWith("supergraph.graphql"))).toBe(false);
  });
});
