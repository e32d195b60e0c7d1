import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Executor, Kernel, RangeResult } from "../src/engine/executor.js";
import { gatherLists, splitRanges, sumPartial } from "../src/engine/executor.js";
import type { ThreadExecutor } from "../src/parallel/thread-executor.js";
import type { Scenario } from "../src/scenario/types.js";
import { cliInProcess, ROOT } from "./helpers/cli.js";

/**
 * `--threads N` (src/engine/executor.ts, src/parallel/thread-executor.ts): a run whose per-user
 * phases are split over 2 or 3 threads writes the same bytes, in every output file, as the same
 * run on one thread (which the goldens hold). The second method is the one-thread run itself:
 * the inline executor, one range, the order the phases had before they were split. The split
 * runs use the built worker threads (dist/: this file is in the end-to-end tier) and split even
 * the smallest phase (at least one user per thread), and the test checks that they did.
 */
type Dist = {
  thread: typeof import("../src/parallel/thread-executor.js");
  simulate: typeof import("../src/simulate.js");
  outputs: typeof import("../src/report/outputs.js");
  load: typeof import("../src/scenario/load.js");
};
const dist = async (): Promise<Dist> => ({
  thread: await import(join(ROOT, "dist/parallel/thread-executor.js")),
  simulate: await import(join(ROOT, "dist/simulate.js")),
  outputs: await import(join(ROOT, "dist/report/outputs.js")),
  load: await import(join(ROOT, "dist/scenario/load.js")),
});

/** Bundled scenarios covering every kind of phase: ads with commissions, subscribers (team bonuses), value-added (in the combined ones), mutual aid, rotation, shared purchase, queues. */
const SCENARIOS = [
  "ad-ecommerce.yaml",
  "seed-002-combined.yaml",
  "seed-002-team-agents.yaml",
  "rotation.yaml",
  "seed-003-shared-purchase-match.yaml",
  "mutual-aid.yaml",
  "dividend-rights.yaml",
  "rank-dividends.yaml",
  "seed-004-order-dividend.yaml",
  "bench-combined.yaml",
  "membership.yaml",
  "changes-example.yaml",
];

/** Small enough to be cheap: at most 120 days and a few thousand users. */
function small(scenario: Scenario): Scenario {
  const population = structuredClone(scenario.population);
  for (const group of population.scheduled) group.count = Math.min(group.count, 3000);
  if (population.arrivals.perDay > 100) population.arrivals.perDay = 40;
  return { ...scenario, days: Math.min(scenario.days, 120), population };
}

/** Wraps an executor and counts the phases it really split (more than one range). */
function counting(inner: Executor): Executor & { split: number } {
  const wrapped = {
    threads: inner.threads,
    shared: inner.shared,
    split: 0,
    run<A>(kernel: Kernel<A>, args: A, from: number, to: number): RangeResult {
      const result = inner.run(kernel, args, from, to);
      if (result.ranges > 1) wrapped.split++;
      return result;
    },
  };
  return wrapped;
}

/**
 * One executor of 2 and one of 3 threads for every scenario: its workers keep nothing between
 * phases (each job carries its kernel's name, arguments and range), so a run cannot tell a reused
 * executor from a new one, and starting worker threads (each loads the engine) is most of what a
 * small split run costs.
 */
const executors = new Map<number, ThreadExecutor>();
afterAll(async () => {
  for (const executor of executors.values()) await executor.close();
});

describe("a run on several threads writes the same bytes as on one", () => {
  it.each(SCENARIOS)("%s: 1, 2 and 3 threads, every output file (journal included)", async (file) => {
    const { thread, simulate, outputs, load } = await dist();
    const { scenario: loaded } = load.loadScenarioFile(join(ROOT, "scenarios", file));
    const scenario = small(loaded as Scenario);
    const filesOf = (executor?: Executor) => {
      const simulation = simulate.createSimulation(scenario, scenario.seed, { journal: true, executor });
      while (!simulation.done) simulation.step();
      const result = simulate.withRows(simulation.result());
      return outputs.runOutputs(result, scenario, file, null).map((f) => [f.name, f.content] as const);
    };
    const one = filesOf();
    expect(one.map(([name]) => name)).toContain("journal.csv");
    for (const threads of [2, 3]) {
      let executor = executors.get(threads);
      if (executor === undefined) {
        executor = thread.createThreadExecutor(threads, 1);
        executors.set(threads, executor);
      }
      const probe = counting(executor);
      const many = filesOf(probe);
      expect(many.map(([name]) => name)).toEqual(one.map(([name]) => name));
      for (let i = 0; i < one.length; i++) expect({ file: many[i]?.[0], same: many[i]?.[1] === one[i]?.[1] }).toEqual({ file: one[i]?.[0], same: true });
      // The phases were split: churn runs every day once anyone can leave, the release every day ads run.
      expect(probe.split).toBeGreaterThan(0);
    }
  });

  it("run --threads 2 writes the folder --threads 1 writes; --threads 0 is refused with exit 2", async () => {
    const { mkdtempSync, readdirSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "pointsim-threads-"));
    // The 3-day worked example: what this checks is that the option reaches the run and changes
    // no byte of the folder; that split runs write the same bytes is the test above.
    const scenario = join(ROOT, "scenarios", "seed-002-value-added-example.yaml");
    for (const t of ["1", "2"]) expect((await cliInProcess(["run", scenario, "--threads", t, "--out", join(dir, t), "-q"])).code).toBe(0);
    const names = readdirSync(join(dir, "1")).sort();
    expect(readdirSync(join(dir, "2")).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(dir, "2", name)).equals(readFileSync(join(dir, "1", name)))).toBe(true);
    const bad = await cliInProcess(["run", scenario, "--threads", "0", "--out", join(dir, "0")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--threads");
  });
});

describe("a failing range", () => {
  it("fails the phase with the worker's words, and the executor is not left waiting", async () => {
    const { thread } = await dist();
    const { declareKernel } = (await import(join(ROOT, "dist/engine/executor.js"))) as typeof import("../src/engine/executor.js");
    // Declared in this thread only: the workers do not know it, so their ranges fail.
    const unknown = declareKernel<{ n: number }>("test.unknown-to-workers", 1, (_args, from, to, out) => {
      out[0] = to - from;
    });
    const executor = thread.createThreadExecutor(3, 1);
    try {
      expect(() => executor.run(unknown, { n: 0 }, 0, 5000)).toThrow(
        /a worker thread failed in test.unknown-to-workers: no range kernel named test.unknown-to-workers/,
      );
    } finally {
      await executor.close();
    }
  });
});

describe("ranges and their reduction (src/engine/executor.ts)", () => {
  it("splits users into aligned ranges in id order, none smaller than asked, at most one per thread", () => {
    // 10,000 users on 3 threads: ⌈10000 / 3 / 1024⌉ × 1024 = 4096 per range → 0, 4096, 8192, 10000.
    expect([...splitRanges(0, 10_000, 3, 1)]).toEqual([0, 4096, 8192, 10_000]);
    // At least 4,000 users each: ⌊10000 / 4000⌋ = 2 ranges of ⌈5000 / 1024⌉ × 1024 = 5120.
    expect([...splitRanges(0, 10_000, 8, 4000)]).toEqual([0, 5120, 10_000]);
    // Fewer users than one range: one range.
    expect([...splitRanges(0, 5, 4, 16_384)]).toEqual([0, 5]);
    expect([...splitRanges(0, 0, 4, 1)]).toEqual([0, 0]);
    // From user 1,500 to 10,000 on 2 threads: step ⌈8500 / 2 / 1024⌉ × 1024 = 5120; the inner
    // bound is the first multiple of 1024 from 1500 + 5120 = 6620 on, 7168.
    expect([...splitRanges(1500, 10_000, 2, 1)]).toEqual([1500, 7168, 10_000]);
  });

  it("sums partials and joins the ranges' lists in range order", () => {
    // Three ranges [1, 4), [4, 8), [8, 10); width 2: (a sum, how many listed).
    const result: RangeResult = { ranges: 3, bounds: Int32Array.of(1, 4, 8, 10), partials: Float64Array.of(5, 2, 7, 0, 11, 1) };
    expect(sumPartial(result, 2, 0)).toBe(23);
    // Lists at the start of each range: [- | 1, 3, - | - - - - | 9, -] → 1, 3, 9 at the front.
    const ids = Float64Array.of(-1, 1, 3, -1, -1, -1, -1, -1, 9, -1);
    expect(gatherLists(result, 2, 1, [ids])).toBe(3);
    expect([...ids.subarray(0, 3)]).toEqual([1, 3, 9]);
  });
});
