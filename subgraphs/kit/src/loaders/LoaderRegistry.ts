import DataLoader from "dataloader";

/**
 * The DataLoaders of one request. Resolvers ask for a loader by name; the first ask creates it, so
 * every lookup of one kind in one request goes into one batch — one SQL statement however many
 * subjects the answer holds — and nothing is cached across requests (or across callers).
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 5000 }) as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
