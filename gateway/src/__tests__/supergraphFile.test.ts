import { mkdtempSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { supergraphFromFile } from "../supergraphFile";

describe("supergraphFromFile", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tessera-supergraph-"));
    file = path.join(dir, "supergraph.graphql");
    writeFileSync(file, "first");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 100 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 20));
  };

  it("serves the file, and hands the gateway the new schema when the file is rewritten", async () => {
    const updates: string[] = [];
    const hook = supergraphFromFile({ file, debounceMs: 10 });
    const { supergraphSdl, cleanup } = await hook({ update: (sdl: string) => updates.push(sdl), healthCheck: async () => undefined, getDataSource: () => undefined as never });
    expect(supergraphSdl).toBe("first");
    writeFileSync(file, "second");
    await waitFor(() => updates.length > 0);
    expect(updates).toEqual(["second"]);
    // An atomic replace (write elsewhere, rename over) is how compose tools write; it must be seen too.
    writeFileSync(path.join(dir, "tmp"), "third");
    renameSync(path.join(dir, "tmp"), file);
    await waitFor(() => updates.length > 1);
    expect(updates).toEqual(["second", "third"]);
    await cleanup?.();
  });

  it("ignores other files in the folder and unchanged rewrites", async () => {
    const updates: string[] = [];
    const { cleanup } = await supergraphFromFile({ file, debounceMs: 10 })({ update: (sdl: string) => updates.push(sdl), healthCheck: async () => undefined, getDataSource: () => undefined as never });
    writeFileSync(path.join(dir, "other.graphql"), "x");
    writeFileSync(file, "first");
    await new Promise((r) => setTimeout(r, 150));
    expect(updates).toEqual([]);
    await cleanup?.();
  });
});
