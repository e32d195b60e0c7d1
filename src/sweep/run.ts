import { existsSync, readdirSync, realpathSync, rmSync, statSync } from "node:fs";
import type { Lang } from "../i18n/lang.js";
import { parseJsonBytes, readRegularFile, shapeProblem } from "../scenario/read.js";
import { availableParallelism } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { sha256, stableJson } from "../report/outputs.js";
import { AtomicFileWriter, lockFolder, makeFolders, writeFileAtomic } from "../report/write.js";
import { changedFiles, deleteOwnFiles, isTemporaryOf, judgeFolder, lstatOrNull, readManifest, regularFileSha256, someNames } from "../report/ownership.js";
import { modelHash } from "./identity.js";
import { VERSION } from "../version.js";
import type { GateResult } from "../gates/gates.js";
import { BAND_POINTS, LogReader, RUNS_LOG, RunLogWriter, scanRunLog, type BadLine, type LogEntry, type PlannedRun } from "./records.js";
import { BAND_REPLICAS, writeSweepOutputs } from "./outputs.js";
import type { SweepJob, SweepJobResult } from "./worker.js";
import { WorkerPool } from "../parallel/pool.js";
import { seedOfRun, type LoadedSweep, type SweepPoint, type SweepRun, type SweepSpec } from "./spec.js";
import { OutputExistsError, ScenarioError, SweepInterrupted } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { type Words, words } from "../i18n/words.js";

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
  /** The language of report.html (recorded in the manifest when not English). */
  lang?: Lang;
}

/**
 * What identifies a sweep in its folder (sweep.json), so that a resumed, sharded or merged
 * folder is the same sweep: `identity` hashes the spec as run (its method included, after
 * command-line overrides), the base scenario, the pointsim version and the model's code.
 */
interface SweepLock {
  tool: "pointsim-sweep";
  identity: string;
  pointsimVersion: string;
  modelHash: string;
  sweepSha256: string;
  baseSha256: string;
  /** The shard this folder runs (null: the whole sweep, or a merge). */
  shard: Shard | null;
  spec: SweepSpec;
  points: SweepPoint[];
  runs: number;
  /** The base scenario's data, for the report's what-if (merges have no other way to it). */
  baseData?: unknown;
}

/** Files pointsim writes in a sweep folder; --force removes these and nothing else. */
const SWEEP_FILES = ["manifest.json", "sweep.json", "runs.jsonl", "runs.csv", "points.csv", "report.html", "runs.parquet", "series.parquet", "sensitivity.csv"];

const LOCK = "sweep.json";
/** A kept run's timeseries.csv under series/. */
const SERIES_FILE = /^run-\d+\.csv$/;
/** A temporary file of one of the sweep's files (".runs.csv.tmp-PID"). */
const ownTemporary = isTemporaryOf(SWEEP_FILES);

/**
 * The files of a sweep folder that --force may not delete: one its manifest.json lists whose
 * sha256 differs from the one recorded (or a name a sweep does not write), and runs.jsonl when
 * it holds a line that is not a record of the folder's sweep (a torn last line, or a record of
 * an earlier pointsim without a digest, is the sweep's own).
 */
function changedSweepFiles(out: string, previous: SweepLock): string[] {
  const manifest = readManifest(out);
  const outputs = manifest?.outputs;
  const changed =
    outputs !== null && typeof outputs === "object" && !Array.isArray(outputs)
      ? changedFiles(out, outputs as Record<string, unknown>, { isOwnName: (name) => SWEEP_FILES.includes(name) })
      : [];
  // Series files: only those the manifest lists, with the sha256 it recorded (a sweep stopped
  // before its manifest, or one written by an earlier pointsim, lists none: they are not deleted).
  const seriesDir = join(out, "series");
  if (lstatOrNull(seriesDir)?.isDirectory()) {
    const listed =
      manifest?.series !== null && typeof manifest?.series === "object" && !Array.isArray(manifest.series) ? (manifest.series as Record<string, unknown>) : {};
    for (const name of readdirSync(seriesDir)) {
      if (!SERIES_FILE.test(name)) continue;
      if (listed[name] === undefined || regularFileSha256(join(seriesDir, name)) !== listed[name]) changed.push(`series/${name}`);
    }
  }
  const planned = new Map(runsOfLock(previous).map((r) => [r.index, r]));
  try {
    scanRunLog(join(out, RUNS_LOG), planned, () => false, {
      identity: previous.identity,
      readOnly: true,
      onBadLine: (bad) => {
        if (bad.kind === "invalid") throw new Error(bad.why.en);
      },
    });
  } catch {
    changed.push(RUNS_LOG);
  }
  return changed;
}

/** The runs of shard k of n: every n-th run, starting at k − 1. */
function shardRuns(runs: readonly SweepRun[], shard: Shard | null | undefined): SweepRun[] {
  return shard ? runs.filter((r) => r.index % shard.n === shard.k - 1) : [...runs];
}

function lockFor(loaded: LoadedSweep, shard: Shard | null): SweepLock {
  const model = modelHash();
  const identity = sha256(stableJson({ spec: loaded.spec, baseSha256: loaded.baseSha256, pointsimVersion: VERSION, modelHash: model }));
  return {
    tool: "pointsim-sweep",
    identity,
    pointsimVersion: VERSION,
    modelHash: model,
    sweepSha256: loaded.sha256,
    baseSha256: loaded.baseSha256,
    shard,
    spec: loaded.spec,
    points: loaded.points,
    runs: loaded.runs.length,
    baseData: loaded.baseData,
  };
}

/** The largest sweep.json read: a million points' values and the base scenario fit well inside. */
const MAX_LOCK_BYTES = 64 * 1024 * 1024;

/**
 * A folder's sweep.json, or null when there is none. It is read as pointsim wrote it: a regular
 * file (never a link, FIFO or device), at most 64 MiB, JSON no deeper than 64 levels; anything
 * else is bad input, described without quoting the file.
 */
function readLock(dir: string): SweepLock | null {
  const path = join(dir, LOCK);
  const refuse = (found: Words) => new ScenarioError(path, [problem("", words("expected.sweepLock"), found)]);
  if (!lstatOrNull(path)) return null;
  const read = readRegularFile(path, MAX_LOCK_BYTES, { followLinks: false });
  if ("problem" in read) throw refuse(words("found.theFile", { problem: read.problem }));
  const parsed = parseJsonBytes(read.bytes);
  if ("problem" in parsed) throw refuse(parsed.problem);
  const shape = shapeProblem(parsed.value, Number.POSITIVE_INFINITY, 64);
  if (shape !== null) throw refuse(shape);
  const lock = parsed.value as SweepLock | null;
  if (
    lock === null ||
    typeof lock !== "object" ||
    lock.tool !== "pointsim-sweep" ||
    typeof lock.identity !== "string" ||
    !Array.isArray(lock.points) ||
    typeof lock.runs !== "number"
  )
    throw refuse(words("found.notSweepLock"));
  return lock;
}

/** Whether a folder is there (through links). */
function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const describeShard = (shard: Shard | null): Words => (shard ? words("refuse.shard", { k: shard.k, n: shard.n }) : words("refuse.wholeSweep"));

/**
 * Checks the folder a sweep (or a merge) writes to, before any run, under the ownership policy
 * (src/report/ownership.ts): absent or empty; or the same sweep (same identity and shard: it
 * resumes); or, with --force, another pointsim sweep holding only pointsim's files as it wrote
 * them, which are removed (the manifest first, so an interrupted --force never leaves a folder
 * marked complete). A merge replaces only an earlier merge of the same sweep. Anything else is refused.
 */
function prepareSweepFolder(out: string, lock: SweepLock, force: boolean, merging = false): void {
  const found = judgeFolder<SweepLock>(
    out,
    {
      noun: words("noun.sweep"),
      refuse: {
        link: words("refuse.sweepLink"),
        file: words("refuse.file"),
        notOurs: words("refuse.sweepNotOurs"),
        occupied: (previous) => {
          const what =
            previous.identity !== lock.identity
              ? words("refuse.differentSweep", {
                  method: previous.spec.method,
                  sha: previous.sweepSha256.slice(0, 12),
                  version: previous.pointsimVersion,
                  model: previous.modelHash.slice(0, 12),
                })
              : words("refuse.shardNot", { previous: describeShard(previous.shard), wanted: describeShard(lock.shard) });
          return words("refuse.holdsReplace", { what });
        },
        foreign: (names) => words("refuse.foreign", { names: someNames(names, false) }),
        changed: (names) => words("refuse.sweepChanged", { names: someNames(names, false) }),
      },
      ownTemporary,
      inspect: (dir, entries) => {
        const series = lstatOrNull(join(dir, "series"));
        if (series && (series.isSymbolicLink() || !series.isDirectory())) throw new OutputExistsError(join(dir, "series"), words("refuse.seriesNotOurs"));
        // A temporary file of pointsim's own (".runs.csv.tmp-PID", left by a process killed
        // mid-write) is not foreign; under the folder's lock no live process is writing one.
        deleteOwnFiles(dir, entries.filter(ownTemporary));
      },
      record: readLock,
      judge: (previous) => {
        const same = previous.identity === lock.identity && JSON.stringify(previous.shard) === JSON.stringify(lock.shard);
        if (same && !merging) return "resume";
        if (merging && previous.identity !== lock.identity) throw new OutputExistsError(out, words("refuse.mergeDifferent"));
        // A shard's folder holds runs no other folder may have: a merge replaces only an earlier merge.
        if (merging && previous.shard !== null) throw new OutputExistsError(out, words("refuse.mergeShard", { shard: describeShard(previous.shard) }));
        return "replace";
      },
      foreign: (entries) => entries.filter((e) => !SWEEP_FILES.includes(e) && e !== "series"),
      changed: (dir, previous) => changedSweepFiles(dir, previous),
    },
    force || merging,
  );
  if (found.verdict !== "replace") return;
  deleteOwnFiles(out, SWEEP_FILES);
  const series = join(out, "series");
  if (existsSync(series)) {
    deleteOwnFiles(
      series,
      readdirSync(series).filter((name) => SERIES_FILE.test(name)),
    );
    if (readdirSync(series).length === 0) rmSync(series, { recursive: true, force: true });
  }
}

/**
 * Runs a sweep (or one shard of it) in a worker-thread pool. Each finished run is appended to
 * runs.jsonl at once, so a sweep killed midway resumes where it stopped; the final files are
 * computed from the log in run order (outputs.ts), so they do not depend on the worker count,
 * on sharding, or on interruptions. Only where each record lies is held in memory.
 */
export async function runSweep(loaded: LoadedSweep, options: SweepOptions): Promise<{ done: number; failed: number; gates: GateResult[] }> {
  // Checked, written and resumed under the folder's lock: a second sweep, merge or run into it
  // at the same time is refused (FolderBusyError) instead of appending the same runs again.
  const unlock = lockFolder(options.out);
  try {
    return await runSweepLocked(loaded, options);
  } finally {
    unlock();
  }
}

async function runSweepLocked(loaded: LoadedSweep, options: SweepOptions): Promise<{ done: number; failed: number; gates: GateResult[] }> {
  const lockPath = join(options.out, LOCK);
  const lock = lockFor(loaded, options.shard ?? null);
  prepareSweepFolder(options.out, lock, options.force === true);
  makeFolders(options.out);
  writeFileAtomic(lockPath, stableJson(lock));
  const mine = shardRuns(loaded.runs, options.shard);
  const wanted = new Set(mine.map((r) => r.index));
  const logPath = join(options.out, RUNS_LOG);
  const planned = new Map(loaded.runs.map((r) => [r.index, r]));
  const done = scanRunLog(logPath, planned, (i) => wanted.has(i), { identity: lock.identity });
  const log = new RunLogWriter(logPath, lock.identity);
  try {
    return await runPool(loaded, options, lock, mine, done, log);
  } finally {
    log.close();
  }
}

/** Runs what is left to do in a pool of workers, logging each run as it finishes, then writes the outputs. */
async function runPool(
  loaded: LoadedSweep,
  options: SweepOptions,
  lock: SweepLock,
  mine: SweepRun[],
  done: Map<number, LogEntry>,
  log: RunLogWriter,
): Promise<{ done: number; failed: number; gates: GateResult[] }> {
  const todo = mine.filter((r) => !done.has(r.index));
  let failed = [...done.values()].filter((r) => r.failed).length;
  options.onProgress?.(done.size, mine.length, failed);

  const finish = (index: number, line: string, runFailed: boolean, series: string | null) => {
    if (series !== null) writeFileAtomic(join(options.out, "series", `run-${String(index).padStart(6, "0")}.csv`), series);
    done.set(index, log.appendLine(index, line, runFailed));
    if (runFailed) failed++;
    options.onProgress?.(done.size, mine.length, failed);
  };

  if (todo.length > 0) {
    const pool = new WorkerPool<SweepJob, SweepJobResult>(
      new URL("./worker.js", import.meta.url),
      Math.min(options.workers ?? availableParallelism(), todo.length),
      { baseData: loaded.baseData },
    );
    const jobs = function* (): Generator<SweepJob> {
      for (const run of todo) {
        const values = loaded.points[run.point]?.values ?? {};
        yield {
          index: run.index,
          point: run.point,
          replica: run.replica,
          seed: run.seed,
          values,
          keepSeries: options.keepSeries === true,
          keepBands: run.point < BAND_POINTS && run.replica < BAND_REPLICAS,
        };
      }
    };
    try {
      // A log or series file that cannot be written (the disk full) ends the pool and is
      // reported (exit 74); what is logged so far stays whole and resumes.
      await pool.run(jobs(), {
        onResult: (msg) => finish(msg.index, msg.line, msg.failed, msg.series),
        shouldStop: options.shouldStop,
        stopped: () => new SweepInterrupted(done.size, mine.length),
      });
    } finally {
      await pool.close();
    }
  }
  const entries = [...done.values()].sort((a, b) => a.index - b.index);
  const gates = writeSweepOutputs(options.out, lock, entries, options.shard ?? null, {
    failIf: options.failIf ?? [],
    series: options.keepSeries === true,
    lang: options.lang,
  });
  return { done: entries.length, failed, gates };
}

/** The planned runs of a sweep from its lock (points × seeds, in index order, seeds from the spec). */
function runsOfLock(lock: SweepLock): PlannedRun[] {
  const runs: PlannedRun[] = [];
  for (const point of lock.points)
    for (let replica = 0; replica < lock.spec.seeds; replica++)
      runs.push({ index: runs.length, point: point.index, replica, seed: seedOfRun(lock.spec, runs.length, replica) });
  return runs;
}

/** Where a path really is: symbolic links on the way resolved, for a folder that may not exist yet. */
function realLocation(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realLocation(parent), basename(absolute));
  }
}

/** Whether `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * A merge reads its inputs and writes only its own folder: --out may not be an input, lie inside
 * one (it would become a file the shard's sweep did not write) or hold one.
 */
function checkMergeTarget(dirs: readonly string[], out: string): void {
  const target = realLocation(out);
  for (const dir of dirs) {
    const input = realLocation(dir);
    if (within(target, input) || within(input, target)) {
      const why =
        target === input
          ? words("refuse.isShardFolder", { dir })
          : within(target, input)
            ? words("refuse.insideShardFolder", { dir })
            : words("refuse.holdsShardFolder", { dir });
      throw new OutputExistsError(out, words("refuse.mergeInputs", { why }));
    }
  }
}

/** Whether two log entries hold the same bytes. */
function sameLine(a: LogEntry, b: LogEntry): boolean {
  if (a.length !== b.length) return false;
  const reader = new LogReader();
  try {
    return reader.line(a).equals(reader.line(b));
  } finally {
    reader.close();
  }
}

/** Combines shard folders of one sweep into the files a whole sweep writes. */
export function mergeSweeps(
  dirs: readonly string[],
  out: string,
  failIf: readonly string[] = [],
  lang: Lang = "en",
): { done: number; failed: number; gates: GateResult[]; missing: number } {
  checkMergeTarget(dirs, out);
  let lock: SweepLock | null = null;
  const all = new Map<number, LogEntry>();
  const model = modelHash();
  for (const dir of dirs) {
    // An input is read only, so a link to a shard's folder is as good as the folder.
    if (!isFolder(dir)) throw new ScenarioError(dir, [problem("", words("expected.sweepFolder"), words("found.noFolder"))]);
    const l = readLock(dir);
    if (l === null) throw new ScenarioError(dir, [problem("", words("expected.sweepFolder"), words("found.none"))]);
    if (l.pointsimVersion !== VERSION || l.modelHash !== model) {
      throw new ScenarioError(dir, [
        problem(
          "",
          words("expected.sameVersionShard", { version: VERSION, model: model.slice(0, 12) }),
          words("found.versionModel", { version: String(l.pointsimVersion), model: String(l.modelHash).slice(0, 12) }),
        ),
      ]);
    }
    if (lock && l.identity !== lock.identity) throw new ScenarioError(dir, [problem("", words("expected.sameSweep"), words("found.differentSweep"))]);
    lock = l;
    const planned = new Map<number, PlannedRun>();
    for (const r of runsOfLock(l)) planned.set(r.index, r);
    const log = join(dir, RUNS_LOG);
    // A shard's log must hold only whole records of this sweep with their digests: anything
    // else was edited or corrupted, and a merge does not guess. A torn last line (a shard
    // killed mid-write) only leaves its run missing.
    const onBadLine = (bad: BadLine) => {
      if (bad.kind === "torn") return;
      throw new ScenarioError(log, [
        problem(
          `line ${bad.number}${bad.index === null ? "" : ` (run ${bad.index})`}`,
          words("expected.digestedRecord"),
          bad.kind === "undigested" ? words("found.lineUndigested", { why: bad.why, dir }) : words("found.line", { why: bad.why }),
        ),
      ]);
    };
    for (const [index, entry] of scanRunLog(log, planned, () => true, { identity: l.identity, readOnly: true, onBadLine })) {
      const before = all.get(index);
      if (before !== undefined && !sameLine(before, entry)) {
        throw new ScenarioError(log, [problem(`run ${index}`, words("expected.sameRecord"), words("found.differentRecord", { folder: dirname(before.file) }))]);
      }
      all.set(index, entry);
    }
  }
  if (!lock) throw new ScenarioError(out, [problem("", words("expected.someSweepFolder"), words("found.none"))]);
  const unlock = lockFolder(out);
  try {
    return writeMerged(out, { ...lock, shard: null }, all, failIf, lang);
  } finally {
    unlock();
  }
}

/** Writes a merge's folder from the shards' entries (under the folder's lock). */
function writeMerged(
  out: string,
  lock: SweepLock,
  all: ReadonlyMap<number, LogEntry>,
  failIf: readonly string[],
  lang: Lang,
): { done: number; failed: number; gates: GateResult[]; missing: number } {
  prepareSweepFolder(out, lock, false, true);
  makeFolders(out);
  writeFileAtomic(join(out, LOCK), stableJson(lock));
  const entries = [...all.values()].sort((a, b) => a.index - b.index);
  // The merged log: the shards' lines in run order, copied without parsing.
  const reader = new LogReader();
  const merged = new AtomicFileWriter(join(out, RUNS_LOG));
  try {
    for (const e of entries) merged.write(Buffer.concat([reader.line(e), Buffer.from("\n")]));
  } catch (error) {
    merged.abandon();
    throw error;
  } finally {
    reader.close();
  }
  merged.commit();
  const mergedPlan = new Map(runsOfLock(lock).map((r) => [r.index, r]));
  const local = [...scanRunLog(join(out, RUNS_LOG), mergedPlan, () => true, { identity: lock.identity }).values()];
  const gates = writeSweepOutputs(out, lock, local, null, { failIf, lang });
  return { done: local.length, failed: local.filter((e) => e.failed).length, gates, missing: lock.runs - local.length };
}
