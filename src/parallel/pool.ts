import { Worker, parentPort } from "node:worker_threads";

/**
 * The one pool of worker threads (sweeps and fits use it). The main thread hands out jobs one
 * at a time to whichever worker is free, so slow and fast jobs balance; each result is tagged
 * with its job's place, so a batch's results come back in the batch's order whatever worker ran
 * each job, and a caller that keeps them in that order (or sorts what it logged) gets the same
 * outputs with any number of workers.
 *
 * A batch ends at its last result, or early: when `shouldStop` says so (Ctrl-C: it is asked
 * before each job is handed out and every STOP_POLL_MS while jobs run, so a long run in flight
 * does not hold the stop up; the batch rejects with the caller's `stopped()` error), when a worker crashes or
 * exits, when a job's handler throws in the worker, or when `onResult` throws (a log that cannot
 * be written). An early end terminates every worker at once (a run in flight is abandoned, never
 * half-recorded: its result is ignored) and the pool is spent; `close()` is safe either way.
 */
export interface BatchHandlers<R> {
  /** Called for each result as it arrives (completion order), with the job's place in the batch. */
  onResult?: (result: R, index: number) => void;
  /** Checked before each job is handed out and every STOP_POLL_MS; true ends the batch with `stopped()`. */
  shouldStop?: () => boolean;
  /** The error an interrupted batch rejects with. */
  stopped?: () => Error;
}

/** What goes to a worker and back: the job's place in its batch, and the job or its result. */
interface Envelope<T> {
  seq: number;
  payload: T;
}
interface Failure {
  seq: number;
  failure: string;
}

/** How often a running batch asks whether to stop (Ctrl-C is answered within this). */
const STOP_POLL_MS = 50;

export class WorkerPool<J, R> {
  private readonly workers: Worker[] = [];
  /** Why the pool can no longer run a batch (a crash, an interruption), or null. */
  private broken: Error | null = null;
  private closing = false;
  /** The running batch's way to end early. */
  private endBatch: ((error: Error) => void) | null = null;

  /** `script`: the worker module, which calls serveJobs(); `data`: its workerData, sent once. */
  constructor(script: URL, count: number, data: unknown) {
    for (let i = 0; i < Math.max(1, count); i++) {
      const worker = new Worker(script, { workerData: data });
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (!this.closing) this.fail(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
      });
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs the jobs and resolves with their results in the jobs' order. */
  async map(jobs: Iterable<J>, handlers: BatchHandlers<R> = {}): Promise<R[]> {
    const results: R[] = [];
    await this.run(jobs, {
      ...handlers,
      onResult: (result, index) => {
        results[index] = result;
        handlers.onResult?.(result, index);
      },
    });
    return results;
  }

  /**
   * Runs the jobs, handing each result to onResult as it arrives; keeps none of them (a sweep
   * of a million runs holds only what it logged). Jobs are drawn from the iterable as workers
   * free up, so they need not all exist at once.
   */
  run(jobs: Iterable<J>, handlers: BatchHandlers<R> = {}): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    const source = jobs[Symbol.iterator]();
    return new Promise<void>((resolve, reject) => {
      let handedOut = 0;
      let finished = 0;
      let exhausted = false;
      let over = false;
      const listeners: [Worker, (message: Envelope<R> | Failure) => void][] = [];
      const detach = () => {
        for (const [worker, listener] of listeners) worker.off("message", listener);
        this.endBatch = null;
      };
      const stop = () => end(handlers.stopped?.() ?? new Error("interrupted"));
      const poll = handlers.shouldStop === undefined ? null : setInterval(() => handlers.shouldStop?.() && stop(), STOP_POLL_MS);
      const end = (error: Error | null) => {
        if (over) return;
        over = true;
        if (poll !== null) clearInterval(poll);
        detach();
        if (error === null) return resolve();
        this.fail(error);
        reject(error);
      };
      this.endBatch = end;
      const feed = (worker: Worker) => {
        if (over || exhausted) return;
        if (handlers.shouldStop?.()) return stop();
        const next = source.next();
        if (next.done === true) {
          exhausted = true;
          if (finished === handedOut) end(null);
          return;
        }
        worker.postMessage({ seq: handedOut++, payload: next.value } satisfies Envelope<J>);
      };
      for (const worker of this.workers) {
        const listener = (message: Envelope<R> | Failure) => {
          if (over) return;
          if ("failure" in message) return end(new Error(`a worker failed on a job: ${message.failure}`));
          finished++;
          try {
            handlers.onResult?.(message.payload, message.seq);
          } catch (error) {
            return end(error instanceof Error ? error : new Error(String(error)));
          }
          if (exhausted && finished === handedOut) return end(null);
          feed(worker);
        };
        worker.on("message", listener);
        listeners.push([worker, listener]);
      }
      for (const worker of this.workers) feed(worker);
    });
  }

  /** Stops every worker (in-flight jobs are abandoned). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Ends the running batch with `error`, and the pool with it: its workers are stopped at once. */
  private fail(error: Error): void {
    if (this.broken !== null) return;
    this.broken = error;
    this.endBatch?.(error);
    void this.close();
  }
}

/**
 * The worker's side: runs each job it is handed with `handle` and posts back its result. A job
 * that throws is reported to the pool (which ends the batch) rather than killing the thread.
 * Does nothing on the main thread, so a worker module can be imported for its functions.
 */
export function serveJobs<J, R>(handle: (job: J) => R): void {
  const port = parentPort;
  if (port === null) return;
  port.on("message", ({ seq, payload }: Envelope<J>) => {
    let result: R;
    try {
      result = handle(payload);
    } catch (error) {
      port.postMessage({ seq, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies Failure);
      return;
    }
    port.postMessage({ seq, payload: result } satisfies Envelope<R>);
  });
}
