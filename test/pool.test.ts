import { describe, expect, it } from "vitest";
import { WorkerPool } from "../src/parallel/pool.js";

/**
 * The one worker pool (src/parallel/pool.ts), with a worker that squares numbers
 * (test/helpers/pool-worker.mjs, which serves jobs through the built dist/parallel/pool.js:
 * this file is in the end-to-end tier, run after a build).
 */
interface Job {
  n: number;
  spin: number;
  kind?: "throw" | "exit" | "forever";
}
interface Result {
  n: number;
  square: number;
  tag: string;
  threadId: number;
}
const WORKER = new URL("./helpers/pool-worker.mjs", import.meta.url);
// The first jobs are the slowest, so with several workers later jobs finish first.
const jobs = (count: number): Job[] => Array.from({ length: count }, (_, n) => ({ n, spin: (count - n) * 20_000 }));

describe("worker pool (src/parallel/pool.ts)", () => {
  it.each([1, 3, 8])("gives results in the jobs' order with %i workers, each job once, every worker used", async (workers) => {
    const pool = new WorkerPool<Job, Result>(WORKER, workers, { tag: "t" });
    const seen: number[] = [];
    try {
      const results = await pool.map(jobs(40), { onResult: (_, index) => seen.push(index) });
      expect(results.map((r) => r.square)).toEqual(Array.from({ length: 40 }, (_, n) => n * n));
      expect(results.every((r) => r.tag === "t")).toBe(true);
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
      // Each worker is handed a job before any result comes back.
      expect(new Set(results.map((r) => r.threadId)).size).toBe(workers);
      // A second batch on the same pool.
      expect((await pool.map([{ n: 7, spin: 0 }])).map((r) => r.square)).toEqual([49]);
      expect(await pool.map([])).toEqual([]);
    } finally {
      await pool.close();
    }
  });

  it("draws jobs from an iterable only as workers free up", async () => {
    const pool = new WorkerPool<Job, Result>(WORKER, 2, { tag: "t" });
    let drawn = 0;
    const lazy = function* () {
      for (let n = 0; n < 10; n++) {
        drawn++;
        yield { n, spin: 0 };
      }
    };
    let drawnAtFirst = -1;
    try {
      await pool.run(lazy(), { onResult: () => (drawnAtFirst = drawnAtFirst < 0 ? drawn : drawnAtFirst) });
      // Two jobs handed out (one per worker) when the first result arrives.
      expect(drawnAtFirst).toBe(2);
      expect(drawn).toBe(10);
    } finally {
      await pool.close();
    }
  });

  it("stops handing out jobs when told to, rejects with the caller's error and is spent", async () => {
    const pool = new WorkerPool<Job, Result>(WORKER, 1, { tag: "t" });
    let results = 0;
    const run = pool.run(jobs(10), { onResult: () => results++, shouldStop: () => results >= 2, stopped: () => new Error(`stopped after ${results}`) });
    await expect(run).rejects.toThrow("stopped after 2");
    expect(results).toBe(2);
    await expect(pool.map(jobs(1))).rejects.toThrow("stopped after 2");
    await pool.close();
  });

  it("stops while a job is still running (Ctrl-C during a long run): the job is abandoned", async () => {
    const pool = new WorkerPool<Job, Result>(WORKER, 1, { tag: "t" });
    let stopping = false;
    // The job never ends: only a stop asked while it runs can end the batch (else the test times out).
    const run = pool.run(
      [
        { n: 1, spin: 0, kind: "forever" },
        { n: 2, spin: 0 },
      ],
      { shouldStop: () => stopping, stopped: () => new Error("interrupted by the test") },
    );
    stopping = true;
    await expect(run).rejects.toThrow("interrupted by the test");
    await pool.close();
  });

  it("ends the batch with the error onResult throws (a log that cannot be written)", async () => {
    const pool = new WorkerPool<Job, Result>(WORKER, 2, { tag: "t" });
    const full = new Error("disk full");
    await expect(
      pool.run(jobs(6), {
        onResult: () => {
          throw full;
        },
      }),
    ).rejects.toBe(full);
    await pool.close();
  });

  it("reports a job that throws in its worker, and a worker thread that stops, instead of waiting forever", async () => {
    const throwing = new WorkerPool<Job, Result>(WORKER, 2, { tag: "t" });
    await expect(
      throwing.map([
        { n: 1, spin: 0 },
        { n: 3, spin: 0, kind: "throw" },
      ]),
    ).rejects.toThrow("RangeError: job 3 refused");
    await throwing.close();
    const exiting = new WorkerPool<Job, Result>(WORKER, 2, { tag: "t" });
    await expect(
      exiting.map([
        { n: 1, spin: 0 },
        { n: 2, spin: 0, kind: "exit" },
      ]),
    ).rejects.toThrow("exit code 3");
    await exiting.close();
  });
});
