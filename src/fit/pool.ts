import { Worker } from "node:worker_threads";
import type { FitJob, FitJobResult, FitWorkerData } from "./worker.js";

/**
 * Worker threads that run a fit's candidates. A batch's results come back in the batch's
 * order whatever worker ran each job, so the fit is the same with any number of workers.
 */
export class FitPool {
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;
  /** The running batch's way to fail (a worker that crashes mid-job ends the batch). */
  private failBatch: ((error: Error) => void) | null = null;

  constructor(count: number, data: FitWorkerData) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: data });
      worker.on("error", (error) => {
        this.failure ??= error;
        this.failBatch?.(error);
      });
      this.workers.push(worker);
    }
  }

  /** Runs jobs on every worker; calls onDone after each; rejects on a worker crash or when shouldStop says so. */
  run(jobs: readonly FitJob[], onDone: () => void, shouldStop: () => boolean): Promise<FitJobResult[]> {
    const results = new Array<FitJobResult>(jobs.length);
    return new Promise((resolve, reject) => {
      if (jobs.length === 0) return resolve(results);
      let next = 0;
      let finished = 0;
      let failed = false;
      const listeners: [Worker, (r: FitJobResult) => void][] = [];
      const cleanup = () => listeners.forEach(([w, l]) => w.off("message", l));
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        cleanup();
        this.failBatch = null;
        reject(error);
      };
      const feed = (worker: Worker) => {
        if (this.failure) return fail(this.failure);
        if (shouldStop()) return fail(new FitInterrupted());
        if (next >= jobs.length) return;
        worker.postMessage(jobs[next++]);
      };
      this.failBatch = fail;
      const byId = new Map(jobs.map((j, i) => [j.id, i]));
      for (const worker of this.workers) {
        const listener = (r: FitJobResult) => {
          if (failed) return;
          results[byId.get(r.id) as number] = r;
          finished++;
          onDone();
          if (finished === jobs.length) {
            cleanup();
            this.failBatch = null;
            resolve(results);
            return;
          }
          feed(worker);
        };
        worker.on("message", listener);
        listeners.push([worker, listener]);
        feed(worker);
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

class FitInterrupted extends Error {
  constructor() {
    super("fit interrupted");
    this.name = "FitInterrupted";
  }
}
