import path from "node:path";
import { Worker } from "node:worker_threads";
import type { QueryPlan } from "@apollo/query-planner";

/** One thread: the gateway's own thread keeps the other core of a two-core host for requests and /health. */
export const DEFAULT_PLANNING_THREADS = 1;
/**
 * 2 s: on a loaded two-core host (bench:planner) the documented queries plan in under 50 ms and the
 * worst operation the limits accept in under 0.35 s; a plan that takes longer is the planner's
 * search running away, which the issue measured at a minute and more.
 */
export const DEFAULT_PLANNING_DEADLINE_MS = 2000;

export interface PlanningOptions {
  /** Planning threads. Default DEFAULT_PLANNING_THREADS. */
  threads: number;
  /** Longest a plan may take once a thread starts on it; the thread is then ended and replaced. Default DEFAULT_PLANNING_DEADLINE_MS. */
  deadlineMs: number;
}

export const DEFAULT_PLANNING_OPTIONS: PlanningOptions = { threads: DEFAULT_PLANNING_THREADS, deadlineMs: DEFAULT_PLANNING_DEADLINE_MS };

export type ToPlanner =
  | { kind: "supergraph"; sdl: string; generation: number }
  | { kind: "plan"; id: number; generation: number; query: string; operationName?: string };

type FromPlanner = { kind: "loaded"; generation: number } | { kind: "planned"; id: number; plan: QueryPlan } | { kind: "failed"; id: number; message: string };

/** The plan took longer than the deadline; its thread was ended. */
export class PlanningDeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`planning took longer than ${deadlineMs} ms`);
    this.name = "PlanningDeadlineExceeded";
  }
}

interface Job {
  id: number;
  query: string;
  operationName?: string;
  resolve(planned: { plan: QueryPlan; generation: number }): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  loaded: number;
  job?: Job & { generation: number; timer: NodeJS.Timeout };
}

/**
 * Plans operations on worker threads, so that Apollo's query planner — whose search can run for a
 * minute on a 232-byte document — never holds the gateway's event loop: /health and every other
 * request go on answering while a plan is made. A plan that overruns the deadline is abandoned with
 * its thread (the planner cannot be interrupted) and a fresh thread takes its place.
 */
export class PlanningPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private sdl?: string;
  private nextId = 0;
  private stopped = false;
  /** Bumped by each supergraph load; a plan made for an earlier one is not for the gateway's cache. */
  generation = 0;

  constructor(private readonly options: PlanningOptions = DEFAULT_PLANNING_OPTIONS) {}

  /** Gives every thread the supergraph now served (at start and on each reload). */
  load(sdl: string): void {
    this.sdl = sdl;
    this.generation += 1;
    while (this.threads.length < this.options.threads) this.threads.push(this.spawn());
    for (const thread of this.threads) thread.worker.postMessage({ kind: "supergraph", sdl, generation: this.generation } satisfies ToPlanner);
  }

  plan(query: string, operationName?: string): Promise<{ plan: QueryPlan; generation: number }> {
    if (this.stopped) return Promise.reject(new Error("planning pool stopped"));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, query, operationName, resolve, reject });
      this.dispatch();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("planning pool stopped"));
    await Promise.all(this.threads.splice(0).map((thread) => this.end(thread, new Error("planning pool stopped"))));
  }

  private spawn(): Thread {
    const file = path.join(__dirname, `planWorker${path.extname(__filename)}`);
    // The gateway runs its TypeScript through @swc-node/register; a thread needs it registered too.
    const code = `${file.endsWith(".ts") ? 'require("@swc-node/register");' : ""}require(${JSON.stringify(file)});`;
    const worker = new Worker(code, { eval: true });
    // A planning thread never keeps the process alive: stopping the gateway must not wait on it.
    worker.unref();
    const thread: Thread = { worker, loaded: 0 };
    worker.on("message", (message: FromPlanner) => this.answered(thread, message));
    worker.on("error", (error) => this.replace(thread, error));
    if (this.sdl) worker.postMessage({ kind: "supergraph", sdl: this.sdl, generation: this.generation } satisfies ToPlanner);
    return thread;
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (thread.job || thread.loaded !== this.generation) continue;
      const job = this.queue.shift()!;
      const timer = setTimeout(() => this.replace(thread, new PlanningDeadlineExceeded(this.options.deadlineMs)), this.options.deadlineMs);
      thread.job = { ...job, generation: this.generation, timer };
      thread.worker.postMessage({ kind: "plan", id: job.id, generation: this.generation, query: job.query, operationName: job.operationName } satisfies ToPlanner);
    }
  }

  private answered(thread: Thread, message: FromPlanner): void {
    if (message.kind === "loaded") {
      thread.loaded = message.generation;
    } else if (thread.job?.id === message.id) {
      const job = thread.job;
      clearTimeout(job.timer);
      thread.job = undefined;
      if (message.kind === "planned") job.resolve({ plan: message.plan, generation: job.generation });
      else job.reject(new Error(message.message));
    }
    this.dispatch();
  }

  /** Ends a thread (overrun or crashed), fails its job, and starts another in its place. */
  private replace(thread: Thread, error: Error): void {
    const index = this.threads.indexOf(thread);
    if (index < 0) return;
    void this.end(thread, error);
    if (this.stopped) {
      this.threads.splice(index, 1);
      return;
    }
    this.threads[index] = this.spawn();
  }

  private async end(thread: Thread, error: Error): Promise<void> {
    if (thread.job) {
      clearTimeout(thread.job.timer);
      thread.job.reject(error);
      thread.job = undefined;
    }
    await thread.worker.terminate();
  }
}
