/**
 * Monaco asks for a worker per language service. They are files the explorer's build wrote beside
 * the page (never a CDN or a blob: the page's Content-Security-Policy allows workers from 'self' only).
 * Imported before GraphiQL, which reads this when it creates its first editor.
 */
const WORKERS: Record<string, string> = { graphql: "/assets/graphql.worker.js", json: "/assets/json.worker.js" };

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return new Worker(WORKERS[label] ?? "/assets/editor.worker.js");
  },
};

export {};
