// A worker for test/pool.test.ts: squares numbers, after a loop of `spin` steps so that jobs
// take different times; a job may also throw, stop its thread, or never end.
import { threadId, workerData } from "node:worker_threads";
import { serveJobs } from "../../dist/parallel/pool.js";

serveJobs((job) => {
  if (job.kind === "throw") throw new RangeError(`job ${job.n} refused`);
  if (job.kind === "exit") process.exit(3);
  if (job.kind === "forever") for (;;);
  let x = 0;
  for (let i = 0; i < job.spin; i++) x = (x * 31 + i) % 1000003;
  return { n: job.n, square: job.n * job.n, tag: workerData.tag, threadId, x: x >= 0 };
});
