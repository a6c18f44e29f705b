import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

/**
 * `npm run explorer:build`: bundles GraphiQL, React and Monaco's workers into explorer/dist, which
 * the gateway serves at `/`. Everything the page needs is a local file: secure networks reach no
 * CDN, and the page's Content-Security-Policy allows nothing but its own origin.
 */
export const EXPLORER_SOURCE = path.join(__dirname, "src");
export const DEFAULT_EXPLORER_DIST = path.join(__dirname, "dist");
/** The documented operations, offered as the explorer's ready examples. */
export const DEFAULT_EXAMPLES_DIR = path.resolve(__dirname, "..", "..", "docs", "queries");

export interface ExplorerExample {
  /** The file's name without `.graphql`, e.g. `penelope-across-agencies`. */
  name: string;
  query: string;
}

/** The README's lead query first: it is the one a newcomer is told to try. */
const FIRST_EXAMPLE = "penelope-across-agencies";

export function readExamples(dir: string = DEFAULT_EXAMPLES_DIR): ExplorerExample[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".graphql"))
    .map((file) => ({ name: file.slice(0, -".graphql".length), query: readFileSync(path.join(dir, file), "utf8") }))
    .sort((a, b) => Number(b.name === FIRST_EXAMPLE) - Number(a.name === FIRST_EXAMPLE) || a.name.localeCompare(b.name));
}

/** `import examples from "tessera:examples"` in the page's source: the examples, read at build time. */
function examplesModule(dir: string): Plugin {
  return {
    name: "tessera-examples",
    setup(b) {
      b.onResolve({ filter: /^tessera:examples$/ }, () => ({ path: dir, namespace: "tessera-examples" }));
      b.onLoad({ filter: /.*/, namespace: "tessera-examples" }, () => ({
        contents: `export default ${JSON.stringify(readExamples(dir))};`,
        loader: "js",
        watchDirs: [dir],
      }));
    },
  };
}

export async function buildExplorer(options: { outDir?: string; examplesDir?: string } = {}): Promise<void> {
  const outDir = options.outDir ?? DEFAULT_EXPLORER_DIST;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: {
      explorer: path.join(EXPLORER_SOURCE, "main.tsx"),
      // Monaco runs its language services in workers; each is its own file beside the page.
      "editor.worker": "monaco-editor/esm/vs/editor/editor.worker.js",
      "json.worker": "monaco-editor/esm/vs/language/json/json.worker.js",
      "graphql.worker": "monaco-graphql/esm/graphql.worker.js",
    },
    outdir: path.join(outDir, "assets"),
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2022",
    jsx: "automatic",
    loader: { ".ttf": "file", ".woff": "file", ".woff2": "file" },
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [examplesModule(options.examplesDir ?? DEFAULT_EXAMPLES_DIR)],
    logLevel: "warning",
    legalComments: "linked",
  });
  cpSync(path.join(EXPLORER_SOURCE, "index.html"), path.join(outDir, "index.html"));
}

if (require.main === module) {
  const started = Date.now();
  buildExplorer().then(
    () => process.stderr.write(`explorer built in ${Date.now() - started} ms: ${path.relative(process.cwd(), DEFAULT_EXPLORER_DIST)}\n`),
    (error: unknown) => {
      process.stderr.write(`explorer build failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
