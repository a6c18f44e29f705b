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
/**
 * 16 documents waiting for a thread: at the documented queries' 50 ms on a loaded host, under a
 * second's wait; more is a flood the thread cannot clear within the deadline, and is better told at
 * once to come back. (Requests for a document already waiting share its place.)
 */
export const DEFAULT_PLANNING_QUEUE = 16;
/**
 * 512 MiB of heap per planning thread: a thread holding the supergraph and planning the worst
 * accepted document uses well under 100 MiB; a search that runs away in memory is ended at this
 * size (ERR_WORKER_OUT_OF_MEMORY) instead of taking the gateway's process with it.
 */
export const DEFAULT_PLANNING_HEAP_MB = 512;

export interface PlanningOptions {
  /** Planning threads. Default DEFAULT_PLANNING_THREADS. */
  threads: number;
  /**
   * Longest a plan may take once a thread starts on it; the thread is then ended and replaced
   * (PlanningDeadlineExceeded). Waiting behind other plans for a thread is bounded by the same time
   * (PlanningBusy), counted once a thread holds the supergraph (a thread's first build is not
   * another plan's fault); a request's own signal bounds its whole wait. Default DEFAULT_PLANNING_DEADLINE_MS.
   */
  deadlineMs: number;
  /** Documents waiting for a thread; one more is refused at once (PlanningBusy). Default DEFAULT_PLANNING_QUEUE. */
  maxQueued: number;
  /** Heap of each planning thread (its old generation), MiB. Default DEFAULT_PLANNING_HEAP_MB. */
  heapMb: number;
}

export const DEFAULT_PLANNING_OPTIONS: PlanningOptions = {
  threads: DEFAULT_PLANNING_THREADS,
  deadlineMs: DEFAULT_PLANNING_DEADLINE_MS,
  maxQueued: DEFAULT_PLANNING_QUEUE,
  heapMb: DEFAULT_PLANNING_HEAP_MB,
};

/** A thread that crashes again before any thread has loaded the supergraph waits this long, doubling, before the next is started. */
const RESPAWN_BACKOFF_MS = 250;
const MAX_RESPAWN_BACKOFF_MS = 30_000;

export type ToPlanner =
  | { kind: "supergraph"; sdl: string; generation: number }
  | { kind: "plan"; id: number; generation: number; query: string; operationName?: string };

export type FromPlanner =
  | { kind: "loaded"; generation: number }
  | { kind: "unloadable"; generation: number; message: string }
  | { kind: "planned"; id: number; plan: QueryPlan }
  | { kind: "stale"; id: number }
  | { kind: "rejected"; id: number; message: string; extensions?: Record<string, unknown> };

/** The plan took longer than the deadline; its thread was ended. */
export class PlanningDeadlineExceeded extends Error {
  constructor(readonly deadlineMs: number) {
    super(`planning took longer than ${deadlineMs} ms`);
    this.name = "PlanningDeadlineExceeded";
  }
}

/** The planner itself refused the operation (the error Apollo's gateway would have thrown planning it). */
export class PlannerRejected extends Error {
  constructor(
    message: string,
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "PlannerRejected";
  }
}

/** Too many documents wait for a thread, or this one waited for one longer than the deadline: come back shortly. */
export class PlanningBusy extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanningBusy";
  }
}

/** No thread can plan: one crashed or ran out of memory, the supergraph would not build, or the pool is stopped. */
export class PlanningUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanningUnavailable";
  }
}

export interface PlanRequest {
  /** Requests with the same key (the plan cache's) share one plan: the first one's job, whoever else waits. */
  key?: string;
  /** The request's own signal (its deadline, its caller gone): it stops waiting, and a job no one waits for any more leaves the queue. */
  signal?: AbortSignal;
}

export interface Planned {
  plan: QueryPlan;
  /** The supergraph generation it was planned for: always the pool's at the moment it resolves. */
  generation: number;
}

interface Waiter {
  resolve(planned: Planned): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Job {
  id: number;
  key?: string;
  query: string;
  operationName?: string;
  waiters: Set<Waiter>;
  /** While queued: ends the wait at the deadline. */
  queueTimer?: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  loaded: number;
  running?: { job: Job; generation: number; timer: NodeJS.Timeout };
}

/**
 * Plans operations on worker threads, so that Apollo's query planner — whose search can run for a
 * minute on a 232-byte document — never holds the gateway's event loop: /health and every other
 * request go on answering while a plan is made. A plan that overruns the deadline is abandoned with
 * its thread (the planner cannot be interrupted) and a fresh thread takes its place. Waiting is
 * bounded too: the queue has a size, a job waits at most the deadline, one the request gave up on
 * (its signal) leaves the queue, and requests for one document share one job.
 */
export class PlanningPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  /** Jobs queued or running, by key: a second request for the same document waits on the first's. */
  private readonly byKey = new Map<string, Job>();
  private sdl?: string;
  private nextId = 0;
  private stopped = false;
  /** Threads that crashed since one last loaded the supergraph (a crash loop backs off). */
  private crashes = 0;
  private respawnTimer?: NodeJS.Timeout;
  /** Why no thread can plan now, until the next load or a thread loads; new plans are refused with it. */
  private unavailable?: string;
  /** Bumped by each supergraph load; a plan made for an earlier one is made again. */
  generation = 0;

  private readonly options: PlanningOptions;

  constructor(options: Partial<PlanningOptions> = {}) {
    this.options = { ...DEFAULT_PLANNING_OPTIONS, ...options };
  }

  /**
   * Resolves once a thread holds the supergraph now served, or planning has been refused (a
   * supergraph that will not build, a crash loop, a stop): the gateway opens its port only then, so
   * its first requests do not wait behind a thread's first build, which takes seconds on a busy host.
   */
  settled(): Promise<void> {
    if (this.stopped || this.unavailable !== undefined || (this.generation > 0 && this.ready())) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  private readonly settleWaiters: (() => void)[] = [];

  private notifySettled(): void {
    for (const resolve of this.settleWaiters.splice(0)) resolve();
  }

  /** Documents waiting for a thread. */
  get queued(): number {
    return this.queue.length;
  }

  /** Gives every thread the supergraph now served (at start and on each reload). */
  load(sdl: string): void {
    this.sdl = sdl;
    this.generation += 1;
    // A crash loop's wait goes on; otherwise the new supergraph gets its chance.
    if (!this.respawnTimer) this.unavailable = undefined;
    for (const thread of this.threads) this.send(thread, { kind: "supergraph", sdl, generation: this.generation });
    // A new thread is sent the supergraph once, by spawn.
    while (this.threads.length < this.options.threads && !this.respawnTimer) this.threads.push(this.spawn());
  }

  plan(query: string, operationName?: string, request: PlanRequest = {}): Promise<Planned> {
    if (this.stopped) return Promise.reject(new PlanningUnavailable("the planning pool is stopped"));
    if (this.unavailable) return Promise.reject(new PlanningUnavailable(this.unavailable));
    if (request.signal?.aborted) return Promise.reject(request.signal.reason);
    let job = request.key === undefined ? undefined : this.byKey.get(request.key);
    if (!job) {
      if (this.queue.length >= this.options.maxQueued) return Promise.reject(new PlanningBusy(`${this.queue.length} operations are already waiting to be planned`));
      job = { id: this.nextId++, key: request.key, query, operationName, waiters: new Set() };
      if (job.key !== undefined) this.byKey.set(job.key, job);
      this.enqueue(job);
    }
    const shared = job;
    return new Promise<Planned>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal: request.signal };
      if (request.signal) {
        waiter.onAbort = () => {
          shared.waiters.delete(waiter);
          reject(request.signal!.reason);
          if (shared.waiters.size === 0) this.drop(shared);
        };
        request.signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      shared.waiters.add(waiter);
      this.dispatch();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notifySettled();
    clearTimeout(this.respawnTimer);
    this.failQueued(new PlanningUnavailable("the planning pool is stopped"));
    await Promise.all(this.threads.splice(0).map((thread) => this.end(thread, new PlanningUnavailable("the planning pool is stopped"))));
  }

  private enqueue(job: Job, first = false): void {
    if (first) this.queue.unshift(job);
    else this.queue.push(job);
    if (this.ready()) this.startWaiting(job);
  }

  /** Whether a thread holds the supergraph now served: until one does, waiting is for its build, not for other plans, and is not counted. */
  private ready(): boolean {
    return this.threads.some((thread) => thread.loaded === this.generation);
  }

  /** From now, the job waits at most the deadline for a thread. */
  private startWaiting(job: Job): void {
    if (job.queueTimer) return;
    job.queueTimer = setTimeout(() => {
      this.unqueue(job);
      this.settle(job, (waiter) => waiter.reject(new PlanningBusy(`no planning thread was free within ${this.options.deadlineMs} ms`)));
    }, this.options.deadlineMs);
    job.queueTimer.unref();
  }

  /** A queued job nobody waits for any more leaves the queue; one already running is left to finish (its plan is still cached). */
  private drop(job: Job): void {
    if (this.unqueue(job) && job.key !== undefined && this.byKey.get(job.key) === job) this.byKey.delete(job.key);
  }

  private unqueue(job: Job): boolean {
    const index = this.queue.indexOf(job);
    if (index < 0) return false;
    this.queue.splice(index, 1);
    clearTimeout(job.queueTimer);
    job.queueTimer = undefined;
    return true;
  }

  /** Ends the job for every waiter still waiting. */
  private settle(job: Job, each: (waiter: Waiter) => void): void {
    if (job.key !== undefined && this.byKey.get(job.key) === job) this.byKey.delete(job.key);
    for (const waiter of job.waiters) {
      if (waiter.onAbort) waiter.signal!.removeEventListener("abort", waiter.onAbort);
      each(waiter);
    }
    job.waiters.clear();
  }

  private failQueued(error: Error): void {
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.queueTimer);
      this.settle(job, (waiter) => waiter.reject(error));
    }
  }

  private spawn(): Thread {
    const file = path.join(__dirname, `planWorker${path.extname(__filename)}`);
    // The gateway runs its TypeScript through @swc-node/register; a thread needs it registered too.
    const code = `${file.endsWith(".ts") ? 'require("@swc-node/register");' : ""}require(${JSON.stringify(file)});`;
    const worker = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb } });
    // A planning thread never keeps the process alive: stopping the gateway must not wait on it.
    worker.unref();
    const thread: Thread = { worker, loaded: 0 };
    worker.on("message", (message: FromPlanner) => this.answered(thread, message));
    worker.on("error", (error) => this.crashed(thread, error));
    worker.on("exit", (code) => this.crashed(thread, new Error(`the planning thread exited (code ${code})`)));
    if (this.sdl) this.send(thread, { kind: "supergraph", sdl: this.sdl, generation: this.generation });
    return thread;
  }

  private send(thread: Thread, message: ToPlanner): void {
    thread.worker.postMessage(message);
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (this.queue.length === 0) return;
      if (thread.running || thread.loaded !== this.generation) continue;
      const job = this.queue.shift()!;
      clearTimeout(job.queueTimer);
      job.queueTimer = undefined;
      const timer = setTimeout(() => this.replace(thread, new PlanningDeadlineExceeded(this.options.deadlineMs)), this.options.deadlineMs);
      thread.running = { job, generation: this.generation, timer };
      this.send(thread, { kind: "plan", id: job.id, generation: this.generation, query: job.query, operationName: job.operationName });
    }
  }

  private answered(thread: Thread, message: FromPlanner): void {
    if (message.kind === "loaded") {
      thread.loaded = message.generation;
      if (message.generation === this.generation) {
        this.crashes = 0;
        this.unavailable = undefined;
        for (const job of this.queue) this.startWaiting(job);
        this.notifySettled();
      }
    } else if (message.kind === "unloadable") {
      // The same supergraph would fail on every thread: refuse planning until another is loaded.
      if (message.generation === this.generation) this.refuseAll(`the supergraph could not be built for planning: ${message.message}`);
    } else if (thread.running?.job.id === message.id) {
      const { job, generation, timer } = thread.running;
      clearTimeout(timer);
      thread.running = undefined;
      if (message.kind === "stale" || (message.kind === "planned" && generation !== this.generation)) {
        // Planned for a supergraph the gateway no longer serves: plan it again, first in line.
        if (job.waiters.size > 0) this.enqueue(job, true);
        else this.settle(job, () => undefined);
      } else if (message.kind === "planned") {
        this.settle(job, (waiter) => waiter.resolve({ plan: message.plan, generation }));
      } else {
        this.settle(job, (waiter) => waiter.reject(new PlannerRejected(message.message, message.extensions)));
      }
    }
    this.dispatch();
  }

  private refuseAll(reason: string): void {
    this.unavailable = reason;
    this.failQueued(new PlanningUnavailable(reason));
    this.notifySettled();
  }

  /** A thread died on its own (an error, out of memory, exited): its job fails, and it is replaced — at once the first time, with a growing wait if it goes on. */
  private crashed(thread: Thread, error: Error): void {
    if (!this.threads.includes(thread)) return;
    this.crashes += 1;
    const reason = `a planning thread failed: ${error.message}`;
    if (this.crashes === 1) {
      this.replace(thread, new PlanningUnavailable(reason));
      return;
    }
    this.threads.splice(this.threads.indexOf(thread), 1);
    void this.end(thread, new PlanningUnavailable(reason));
    this.refuseAll(`${reason} (${this.crashes} times in a row; planning resumes when a new thread has loaded the supergraph)`);
    if (this.stopped || this.respawnTimer) return;
    const wait = Math.min(RESPAWN_BACKOFF_MS * 2 ** (this.crashes - 2), MAX_RESPAWN_BACKOFF_MS);
    this.respawnTimer = setTimeout(() => {
      this.respawnTimer = undefined;
      if (this.stopped) return;
      while (this.threads.length < this.options.threads) this.threads.push(this.spawn());
    }, wait);
    this.respawnTimer.unref();
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
    if (thread.running) {
      const { job, timer } = thread.running;
      clearTimeout(timer);
      thread.running = undefined;
      this.settle(job, (waiter) => waiter.reject(error));
    }
    await thread.worker.terminate();
  }
}
