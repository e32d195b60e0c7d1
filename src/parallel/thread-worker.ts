import { parentPort, workerData } from "node:worker_threads";
import { kernelNamed } from "../engine/executor.js";
import { claimRanges, type RangeJob, type ThreadSetup } from "./thread-executor.js";
// Loads the engine and every scheme, so that every range kernel is declared here as in the main thread.
import "../simulate.js";

/**
 * A worker of the thread executor (thread-executor.ts): claims ranges of a phase's kernel over
 * the shared columns until none is left, each range's partial sums in its own slot, then counts
 * itself done (after its writes) and wakes the main thread. A failure is counted too, with its
 * words on the failure port, so the main thread never waits for a worker that will not finish;
 * the ranges it did not run are claimed by the others.
 */
const { control, results, failures, mostPartials } = workerData as ThreadSetup;

parentPort?.on("message", (job: RangeJob) => {
  try {
    const kernel = kernelNamed(job.kernel);
    if (kernel === undefined) throw new Error(`no range kernel named ${job.kernel}`);
    claimRanges(kernel, job.args, job.bounds, control, results, mostPartials);
  } catch (error) {
    failures.postMessage(error instanceof Error ? error.message : String(error));
    Atomics.store(control, 1, 1);
  }
  Atomics.add(control, 0, 1);
  Atomics.notify(control, 0);
});
