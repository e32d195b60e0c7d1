import { availableParallelism } from "node:os";
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { splitRanges, type Executor, type Kernel, type RangeResult } from "../engine/executor.js";

/**
 * The CLI's executor for `run --threads N` (src/engine/executor.ts): the users' columns live in
 * SharedArrayBuffers (UserTable's `shared`), and each phase's kernel runs on this thread and on
 * up to N − 1 worker threads (thread-worker.ts) over RANGES_PER_THREAD ranges per thread, which
 * the threads claim one at a time from a shared counter (Atomics.add) until none is left: rows
 * that cost more (older users hold more, newer ones order for the first time) do not leave the
 * other threads waiting. The engine calls it synchronously, so this thread posts the phase to
 * the workers, claims ranges itself, and then blocks on a second shared counter (Atomics.wait)
 * until every worker has counted itself done (Atomics.add and notify, after its writes: the
 * counter orders them before this thread reads). Each range's partial sums go into a shared
 * slot of its own and are read in range order, so which thread ran which range changes nothing.
 */

/** The most partial sums a kernel may return (each range has a slot this wide). */
const MOST_PARTIALS = 16;
/** Ranges a split phase has per thread taking part. */
const RANGES_PER_THREAD = 4;
/** Control words: how many workers are done, whether one failed, and the next range to claim. */
const DONE = 0;
const FAILED = 1;
const NEXT = 2;

/** What a worker gets for one phase (thread-worker.ts): it claims ranges until none is left. */
export interface RangeJob {
  kernel: string;
  args: unknown;
  /** Range r is bounds[r] to bounds[r + 1]; its partial sums go to results[r × MOST_PARTIALS ...]. */
  bounds: Int32Array;
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
  const control = new Int32Array(new SharedArrayBuffer(12));
  const results = new Float64Array(new SharedArrayBuffer(8 * MOST_PARTIALS * threads * RANGES_PER_THREAD));
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
      // How many threads take part: a phase over fewer than leastPerThread users a thread uses fewer.
      const taking = splitRanges(from, to, threads, leastPerThread).length - 1;
      if (taking === 1) {
        const partials = new Float64Array(kernel.width);
        kernel.run(args, from, to, partials);
        return { ranges: 1, bounds: Int32Array.of(from, to), partials };
      }
      const bounds = splitRanges(from, to, taking * RANGES_PER_THREAD, 1);
      const ranges = bounds.length - 1;
      if (workers.length === 0) start();
      Atomics.store(control, DONE, 0);
      Atomics.store(control, FAILED, 0);
      Atomics.store(control, NEXT, 0);
      const job: RangeJob = { kernel: kernel.name, args, bounds };
      for (let w = 0; w < taking - 1; w++) (workers[w] as Worker).postMessage(job);
      let failedHere: unknown = null;
      try {
        claimRanges(kernel, args, bounds, control, results, MOST_PARTIALS);
      } catch (error) {
        failedHere = error;
      }
      // Every worker is waited for, even after a failure here: none may still be writing, or counting into the next phase.
      for (;;) {
        const done = Atomics.load(control, DONE);
        if (done >= taking - 1) break;
        Atomics.wait(control, DONE, done);
      }
      if (failedHere !== null) throw failedHere;
      if (Atomics.load(control, FAILED) !== 0) {
        const message = failures.map((port) => receiveMessageOnPort(port)?.message as string | undefined).find((m) => m !== undefined);
        throw new Error(`a worker thread failed in ${kernel.name}: ${message ?? "no message"}`);
      }
      const partials = new Float64Array(ranges * kernel.width);
      for (let r = 0; r < ranges; r++) partials.set(results.subarray(r * MOST_PARTIALS, r * MOST_PARTIALS + kernel.width), r * kernel.width);
      return { ranges, bounds, partials };
    },
    async close() {
      for (const port of failures) port.close();
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/**
 * Runs ranges of the phase until none is left to claim (this thread and every worker alike):
 * each claim takes the next range from the shared counter, and the range's partial sums go into
 * its own slot (zeroed first).
 */
export function claimRanges<A>(kernel: Kernel<A>, args: A, bounds: Int32Array, control: Int32Array, results: Float64Array, mostPartials: number): void {
  const ranges = bounds.length - 1;
  for (;;) {
    const r = Atomics.add(control, NEXT, 1);
    if (r >= ranges) return;
    const out = results.subarray(r * mostPartials, r * mostPartials + kernel.width);
    out.fill(0);
    kernel.run(args, bounds[r] as number, bounds[r + 1] as number, out);
  }
}
