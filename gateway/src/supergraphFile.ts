import { watch, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SupergraphSdlHook } from "@apollo/gateway";

export interface SupergraphFileOptions {
  file: string;
  /** Wait for writes to settle before reloading (editors and `npm run compose` write in steps). */
  debounceMs?: number;
  log?: (line: string) => void;
}

/**
 * Serves the composed supergraph from a file and reloads it when the file changes, so a recompose
 * takes effect without a restart. A file that fails to load keeps the previous schema in service.
 */
export function supergraphFromFile(options: SupergraphFileOptions): SupergraphSdlHook {
  const log = options.log ?? (() => undefined);
  return async ({ update }) => {
    let current = await readFile(options.file, "utf8");
    let timer: NodeJS.Timeout | undefined;
    // Watch the folder, not the file: an atomic write replaces the file and would end a file watch.
    const watcher: FSWatcher = watch(path.dirname(options.file), (_event, name) => {
      if (name !== path.basename(options.file)) return;
      clearTimeout(timer);
      timer = setTimeout(async () => {
        try {
          const next = await readFile(options.file, "utf8");
          if (next === current) return;
          update(next);
          current = next;
          log(`supergraph reloaded from ${options.file}`);
        } catch (error) {
          log(`supergraph reload failed, keeping the previous one: ${(error as Error).message}`);
        }
      }, options.debounceMs ?? 200);
    });
    return {
      supergraphSdl: current,
      async cleanup() {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}
