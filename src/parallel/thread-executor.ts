import { availableParallelism } from "node:os";
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { splitRanges, type Executor, type Kernel, type RangeResult } from "../engine/executor.js";

/**
 * The CLI's executor for `run --threads N` (src/engine/executor.ts): the users' columns live in
 * SharedArrayBuffers (UserTable's `shared`), and each phase's kernel runs over N ranges at once,
 * range 0 on this thread and the others on N − 1 worker threads (thread-worker.ts). The engine
 * calls it synchronously, so this thread hands the ranges out by message and then blocks on one
 * shared counter (Atomics.wait) until every worker has added its range (Atomics.add and notify,
 * after its writes: the counter orders them before this thread reads). Each range's partial sums
 * come back in a shared slot of their own, and are read in range order.
 */

/** The most partial sums a kernel may return (each range has a slot this wide). */
const MOST_PARTIALS = 16;
/** Control words: how many worker ranges are done, and whether one failed. */
const DONE = 0;
const FAILED = 1;

/** What a worker gets for one range (thread-worker.ts). */
export interface RangeJob {
  kernel: string;
  args: unknown;
  from: number;
  to: number;
  /** Where its partial sums go: results[slot × MOST_PARTIALS ...]. */
  slot: number;
}

/** What a worker gets once: the control words, the partial sums' slots and the port for failures. */
export interface ThreadSetup {
  control: Int32Array;
  results: Float64Array;
  failures: MessagePort;
  mostPartials: number;
}

export interface ThreadExecutor extends Executor {
  /** Stops the worker threads (the executor cannot run after). */
  close(): Promise<void>;
}

/** The default --threads: the machine's cores. */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * An executor over `threads` threads. `leastPerThread`: a phase over fewer users than this per
 * thread uses fewer threads (handing a range out costs tens of microseconds; tests set 1 so that
 * even a small run is split).
 */
export function createThreadExecutor(threads: number, leastPerThread = 16_384): ThreadExecutor {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const results = new Float64Array(new SharedArrayBuffer(8 * MOST_PARTIALS * threads));
  const workers: Worker[] = [];
  /** Each worker's port for the words of a failure, read synchronously (receiveMessageOnPort). */
  const failures: MessagePort[] = [];
  // Started at the first phase that is split: a run too small to split never starts a thread.
  const start = () => {
    for (let i = 1; i < threads; i++) {
      const channel = new MessageChannel();
      const setup: ThreadSetup = { control, results, failures: channel.port2, mostPartials: MOST_PARTIALS };
      const worker = new Worker(new URL("./thread-worker.js", import.meta.url), { workerData: setup, transferList: [channel.port2] });
      worker.unref();
      workers.push(worker);
      failures.push(channel.port1);
    }
  };
  return {
    threads,
    shared: threads > 1,
    run<A>(kernel: Kernel<A>, args: A, from: number, to: number): RangeResult {
      if (kernel.width > MOST_PARTIALS) throw new Error(`kernel ${kernel.name} returns more than ${MOST_PARTIALS} partial sums`);
      const bounds = splitRanges(from, to, threads, leastPerThread);
      const ranges = bounds.length - 1;
      const partials = new Float64Array(ranges * kernel.width);
      if (ranges === 1) {
        kernel.run(args, from, to, partials);
        return { ranges, bounds, partials };
      }
      if (workers.length === 0) start();
      Atomics.store(control, DONE, 0);
      Atomics.store(control, FAILED, 0);
      for (let r = 1; r < ranges; r++) {
        const job: RangeJob = { kernel: kernel.name, args, from: bounds[r] as number, to: bounds[r + 1] as number, slot: r };
        (workers[r - 1] as Worker).postMessage(job);
      }
      let failedHere: unknown = null;
      try {
        kernel.run(args, from, bounds[1] as number, partials.subarray(0, kernel.width));
      } catch (error) {
        failedHere = error;
      }
      // Every worker's range is waited for, even after a failure here: none may still be writing, or counting into the next phase.
      for (;;) {
        const done = Atomics.load(control, DONE);
        if (done >= ranges - 1) break;
        Atomics.wait(control, DONE, done);
      }
      if (failedHere !== null) throw failedHere;
      if (Atomics.load(control, FAILED) !== 0) {
        const message = failures.map((port) => receiveMessageOnPort(port)?.message as string | undefined).find((m) => m !== undefined);
        throw new Error(`a worker thread failed in ${kernel.name}: ${message ?? "no message"}`);
      }
      for (let r = 1; r < ranges; r++) partials.set(results.subarray(r * MOST_PARTIALS, r * MOST_PARTIALS + kernel.width), r * kernel.width);
      return { ranges, bounds, partials };
    },
    async close() {
      for (const port of failures) port.close();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
