import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { resolveScenario } from "../scenario/validate.js";
import type { Scenario } from "../scenario/types.js";
import { ScenarioError } from "../scenario/problems.js";
import { sha256, stableJson } from "../report/outputs.js";
import { writeFileAtomic } from "../report/write.js";
import { VERSION } from "../version.js";
import { checkGates, type GateResult } from "../gates/gates.js";
import { setPath } from "./paths.js";
import { RUNS_LOG, appendRunLog, readRunLog, type RunRecord } from "./records.js";
import { pointStats, pointsCsv, runsCsv } from "./results.js";
import { sweepReportHtml } from "./report.js";
import type { LoadedSweep, SweepPoint, SweepRun, SweepSpec } from "./spec.js";

export interface Shard {
  k: number;
  n: number;
}

export interface SweepOptions {
  out: string;
  workers?: number;
  shard?: Shard | null;
  keepSeries?: boolean;
  force?: boolean;
  failIf?: readonly string[];
  onProgress?: (done: number, total: number, failed: number) => void;
  shouldStop?: () => boolean;
}

/** What identifies a sweep in its folder, so a resumed or merged folder is the same sweep. */
interface SweepLock {
  tool: "pointsim-sweep";
  sweepSha256: string;
  baseSha256: string;
  spec: SweepSpec;
  points: SweepPoint[];
  runs: number;
}

const LOCK = "sweep.json";

export class SweepInterrupted extends Error {
  constructor(done: number, total: number) {
    super(`interrupted after ${done} of ${total} runs; start the same command again to resume`);
    this.name = "SweepInterrupted";
  }
}

/** The runs of shard k of n: every n-th run, starting at k − 1. */
export function shardRuns(runs: readonly SweepRun[], shard: Shard | null | undefined): SweepRun[] {
  return shard ? runs.filter((r) => r.index % shard.n === shard.k - 1) : [...runs];
}

/** Each point's resolved scenario, or the problems that make its runs fail. */
function pointScenarios(loaded: LoadedSweep): (Scenario | string)[] {
  return loaded.points.map((point) => {
    const data = structuredClone(loaded.baseData);
    try {
      for (const [key, value] of Object.entries(point.values)) setPath(data, key, value);
    } catch (error) {
      return (error as Error).message;
    }
    const resolved = resolveScenario(data);
    return resolved.scenario ?? resolved.problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("; ");
  });
}

function lockFor(loaded: LoadedSweep): SweepLock {
  return { tool: "pointsim-sweep", sweepSha256: loaded.sha256, baseSha256: loaded.baseSha256, spec: loaded.spec, points: loaded.points, runs: loaded.runs.length };
}

/**
 * Runs a sweep (or one shard of it) in a worker-thread pool. Each finished run is appended to
 * runs.jsonl at once, so a sweep killed midway resumes where it stopped; the final files are
 * computed from the records sorted by run index, so they do not depend on the worker count,
 * on sharding, or on interruptions.
 */
export async function runSweep(loaded: LoadedSweep, options: SweepOptions): Promise<{ records: RunRecord[]; gates: GateResult[] }> {
  mkdirSync(options.out, { recursive: true });
  const lockPath = join(options.out, LOCK);
  const lock = lockFor(loaded);
  if (existsSync(lockPath)) {
    const previous = JSON.parse(readFileSync(lockPath, "utf8")) as SweepLock;
    if (previous.sweepSha256 !== lock.sweepSha256 || previous.baseSha256 !== lock.baseSha256) {
      if (!options.force) throw new ScenarioError(options.out, [{ path: "", expected: "a folder of this same sweep (to resume it), or --force", found: "a different sweep or base scenario" }]);
      rmSync(join(options.out, RUNS_LOG), { force: true });
    }
  }
  writeFileAtomic(lockPath, stableJson(lock));
  const mine = shardRuns(loaded.runs, options.shard);
  const wanted = new Set(mine.map((r) => r.index));
  const logPath = join(options.out, RUNS_LOG);
  const done = readRunLog(logPath, (i) => wanted.has(i));
  const todo = mine.filter((r) => !done.has(r.index));
  const scenarios = pointScenarios(loaded);
  let failed = [...done.values()].filter((r) => r.status === "failed").length;
  options.onProgress?.(done.size, mine.length, failed);

  const record = (run: SweepRun, result: Partial<RunRecord>): RunRecord => ({
    index: run.index,
    point: run.point,
    replica: run.replica,
    seed: run.seed,
    status: result.status ?? "failed",
    error: result.error ?? null,
    summary: result.summary ?? null,
    bands: result.bands ?? null,
  });
  const finish = (r: RunRecord, series: string | null) => {
    if (series !== null) writeFileAtomic(join(options.out, "series", `run-${String(r.index).padStart(6, "0")}.csv`), series);
    appendRunLog(logPath, r);
    done.set(r.index, r);
    if (r.status === "failed") failed++;
    options.onProgress?.(done.size, mine.length, failed);
  };

  // Runs whose scenario is invalid fail without a worker.
  const runnable: SweepRun[] = [];
  for (const run of todo) {
    const scenario = scenarios[run.point];
    if (typeof scenario === "string") finish(record(run, { status: "failed", error: `invalid scenario at this point: ${scenario}` }), null);
    else runnable.push(run);
  }
  const workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), runnable.length));
  if (runnable.length > 0) {
    await new Promise<void>((resolvePool, rejectPool) => {
      const byIndex = new Map(runnable.map((r) => [r.index, r]));
      let next = 0;
      let active = 0;
      let stopping = false;
      const workers: Worker[] = [];
      const stopAll = (error?: Error) => {
        stopping = true;
        for (const w of workers) void w.terminate();
        if (error) rejectPool(error);
      };
      const dispatch = (worker: Worker) => {
        if (options.shouldStop?.()) {
          if (!stopping) stopAll(new SweepInterrupted(done.size, mine.length));
          return;
        }
        const run = runnable[next++];
        if (!run) {
          if (active === 0 && !stopping) {
            stopAll();
            resolvePool();
          }
          return;
        }
        active++;
        worker.postMessage({ index: run.index, scenario: scenarios[run.point], seed: run.seed, keepSeries: options.keepSeries === true });
      };
      for (let i = 0; i < workerCount; i++) {
        const worker = new Worker(new URL("./worker.js", import.meta.url));
        workers.push(worker);
        worker.on("message", (msg: { index: number; ok: boolean; error?: string; summary?: RunRecord["summary"]; bands?: RunRecord["bands"]; series?: string | null }) => {
          active--;
          const run = byIndex.get(msg.index);
          if (run) finish(record(run, msg.ok ? { status: "ok", summary: msg.summary ?? null, bands: msg.bands ?? null } : { status: "failed", error: msg.error ?? "unknown error" }), msg.series ?? null);
          if (next >= runnable.length && active === 0) {
            if (!stopping) {
              stopAll();
              resolvePool();
            }
            return;
          }
          dispatch(worker);
        });
        worker.on("error", (error) => {
          if (!stopping) stopAll(error);
        });
        dispatch(worker);
      }
    });
  }
  const records = [...done.values()].sort((a, b) => a.index - b.index);
  const gates = writeSweepOutputs(options.out, lock, records, options.shard ?? null, options.failIf ?? []);
  return { records, gates };
}

/** runs.csv, points.csv, report.html and manifest.json from the records (sorted by index). */
export function writeSweepOutputs(out: string, lock: SweepLock, records: readonly RunRecord[], shard: Shard | null, extraFailIf: readonly string[] = []): GateResult[] {
  const stats = pointStats(lock.points, records);
  const files = [
    { name: "runs.csv", content: runsCsv(lock.spec, lock.points, records) },
    { name: "points.csv", content: pointsCsv(lock.spec, stats) },
    { name: "report.html", content: sweepReportHtml(lock.spec, stats, records) },
  ];
  for (const f of files) writeFileAtomic(join(out, f.name), f.content);
  const complete = records.length === lock.runs;
  writeFileAtomic(
    join(out, "manifest.json"),
    stableJson({
      tool: "pointsim",
      kind: "sweep",
      pointsimVersion: VERSION,
      nodeVersion: process.version,
      complete,
      shard,
      sweepSha256: lock.sweepSha256,
      baseSha256: lock.baseSha256,
      runs: records.length,
      of: lock.runs,
      outputs: Object.fromEntries(files.map((f) => [f.name, sha256(f.content)])),
      sweep: lock.spec,
    }),
  );
  const gates: GateResult[] = [];
  for (const r of records) {
    const name = `run ${r.index} (point ${r.point}, seed ${r.seed})`;
    if (r.status === "failed") gates.push({ run: name, gate: "the run completes", kind: "assertion", passed: false, error: r.error });
    else if (r.summary) gates.push(...checkGates(name, r.summary as unknown as Record<string, unknown>, { assertions: lock.spec.assertions, failIf: [...extraFailIf] }));
  }
  return gates;
}

/** Combines shard folders of one sweep into the files a whole sweep writes. */
export function mergeSweeps(dirs: readonly string[], out: string, failIf: readonly string[] = []): { records: RunRecord[]; gates: GateResult[]; missing: number } {
  let lock: SweepLock | null = null;
  const all = new Map<number, RunRecord>();
  for (const dir of dirs) {
    const path = join(dir, LOCK);
    if (!existsSync(path)) throw new ScenarioError(dir, [{ path: "", expected: "a sweep folder (with sweep.json)", found: "none" }]);
    const l = JSON.parse(readFileSync(path, "utf8")) as SweepLock;
    if (lock && (l.sweepSha256 !== lock.sweepSha256 || l.baseSha256 !== lock.baseSha256)) {
      throw new ScenarioError(dir, [{ path: "", expected: "a shard of the same sweep as the others", found: "a different sweep" }]);
    }
    lock = l;
    for (const [index, r] of readRunLog(join(dir, RUNS_LOG), () => true)) all.set(index, r);
  }
  if (!lock) throw new ScenarioError(out, [{ path: "", expected: "at least one sweep folder", found: "none" }]);
  mkdirSync(out, { recursive: true });
  writeFileAtomic(join(out, LOCK), stableJson(lock));
  const records = [...all.values()].sort((a, b) => a.index - b.index);
  writeFileAtomic(join(out, RUNS_LOG), records.map((r) => JSON.stringify(r)).join("\n") + (records.length > 0 ? "\n" : ""));
  const gates = writeSweepOutputs(out, lock, records, null, failIf);
  return { records, gates, missing: lock.runs - records.length };
}
