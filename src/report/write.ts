import { words } from "../i18n/words.js";
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { createHash } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";
import type { OutputFile } from "./outputs.js";
import { FolderBusyError, OutputIoError, WriteInterrupted } from "../errors.js";
import { changedFiles, digestMap, io, judgeFolder, readManifest, someNames, type OwnershipRules } from "./ownership.js";

/**
 * Creates a folder and its parents. A file on the way makes mkdir say only "it already exists"
 * (EEXIST); it is reported as what it is, a part of the path that is a file.
 */
export function makeFolders(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    throw new OutputIoError(path, code === "EEXIST" ? "ENOTDIR" : code);
  }
}

/** The files a run writes besides manifest.json: --force removes these and nothing else. */
const RUN_FILES = new Set([
  "timeseries.csv",
  "summary.json",
  "outcomes.csv",
  "scenario.resolved.json",
  "compliance.json",
  "compliance.csv",
  "after-collapse.json",
  "journal.csv",
  "report.html",
]);
/** Files a run writes only sometimes: journal.csv with --journal, after-collapse.json after a collapse. */
const OPTIONAL_RUN_FILES = new Set(["journal.csv", "after-collapse.json"]);

/**
 * A run's manifest.json as pointsim writes it (tool "pointsim", a sha256 for each file), and
 * the files it lists; null for anything else.
 */
function runManifestOutputs(dir: string): Record<string, string> | null {
  const manifest = readManifest(dir);
  if (manifest === null || manifest.tool !== "pointsim") return null;
  const outputs = digestMap(manifest.outputs);
  if (outputs === null) return null;
  // Every run lists the files every run writes; a sweep's manifest (kind "sweep") is no run's.
  if (manifest.kind !== undefined || ![...RUN_FILES].every((name) => OPTIONAL_RUN_FILES.has(name) || name in outputs)) return null;
  return outputs;
}

/** A run's folder under the ownership policy (src/report/ownership.ts): its record is its manifest's outputs. */
const RUN_FOLDER: OwnershipRules<Record<string, string>> = {
  noun: words("noun.run"),
  refuse: {
    link: words("refuse.linkEvenForce"),
    file: words("refuse.fileEvenForce"),
    notOurs: words("refuse.runNotOurs"),
    occupied: () => words("refuse.exists"),
    foreign: (names) => words("refuse.runForeign", { names: someNames(names) }),
    changed: (names) => words("refuse.runChanged", { names: someNames(names) }),
  },
  record: runManifestOutputs,
  foreign: (entries, outputs) => {
    const known = new Set([...Object.keys(outputs), "manifest.json"]);
    return entries.filter((e) => !known.has(e));
  },
  changed: (dir, outputs, entries) => changedFiles(dir, outputs, { isOwnName: (name) => RUN_FILES.has(name), isPresent: (name) => entries.includes(name) }),
};

/**
 * Checks, before any work, that a run may be written to `dir`: it is absent or empty, or with
 * `force` it holds a pointsim run (complete or not) and nothing else. Throws
 * OutputExistsError (exit 2) otherwise. Called again at write time, under the folder's lock.
 */
export function checkRunFolder(dir: string, force: boolean): void {
  judgeFolder(dir, RUN_FOLDER, force);
}

/** True when a process with this id is alive (or we may not signal it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes staging and lock folders beside `target` left by pointsim processes that died. */
function cleanStale(parent: string, name: string): void {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  const pattern = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(partial|old|lock\\.stale)-(\\d+)$`);
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (m && !alive(Number(m[2]))) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/**
 * An exclusive lock on writing `target`: a folder `.NAME.lock` beside it holding the owner's
 * pid, created atomically (mkdir fails when it exists, as an O_EXCL open does). A lock whose
 * owner died is taken over; a live one throws FolderBusyError. Runs, sweeps and merges share
 * it, so no two of them ever write one folder at once.
 */
function lock(parent: string, name: string): () => void {
  const path = join(parent, `.${name}.lock`);
  const ownerOf = (lockPath: string): number | null => {
    try {
      const pid = Number(readFileSync(join(lockPath, "pid"), "utf8"));
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null; // a lock being created this instant has no pid yet: held
    }
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, "pid"), String(process.pid));
      // Released only while it is still this process's (never a lock another process took over).
      return () => {
        if (ownerOf(path) === process.pid) rmSync(path, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new OutputIoError(path, (error as NodeJS.ErrnoException).code ?? "EIO");
      const owner = ownerOf(path);
      if (owner === null || alive(owner)) throw new FolderBusyError(join(parent, name), path, owner);
      // A dead owner's lock is moved aside before it is removed, so that of two processes taking
      // it over at once, only one removes it; one that moved a fresh lock aside puts it back.
      const aside = join(parent, `.${name}.lock.stale-${process.pid}`);
      try {
        renameSync(path, aside);
      } catch {
        continue;
      }
      const moved = ownerOf(aside);
      if (moved === owner) rmSync(aside, { recursive: true, force: true });
      else {
        renameSync(aside, path);
        throw new FolderBusyError(join(parent, name), path, moved);
      }
    }
  }
  throw new FolderBusyError(join(parent, name), path, null);
}

/** Locks a folder (a sweep's, a merge's) for as long as this process writes it; returns the release. */
export function lockFolder(dir: string): () => void {
  const target = resolve(dir);
  makeFolders(dirname(target));
  return lock(dirname(target), basename(target));
}

export interface WriteOptions {
  force: boolean;
  /** Checked between files and before the final rename: true aborts (nothing is left). */
  interrupted?: () => boolean;
  /** What the folder must be to be written (default: checkRunFolder); a fit folder has its own. */
  check?: (dir: string, force: boolean) => void;
  /** The caller holds the folder's lock (lockFolder) for longer than the write: not taken again. */
  lockHeld?: boolean;
}

const nextTick = (): Promise<void> => new Promise((done) => setImmediate(done));

/**
 * Writes a run's (or a fit's) files so that nothing is ever half-written and nothing pointsim did not
 * write is lost: under an exclusive lock, the folder is checked again (checkRunFolder), all
 * files go into a hidden staging folder beside the target, and the staging folder is renamed
 * into place last. With --force the old run is moved aside first and removed only after the
 * new one is in place. Staging folders of dead processes are cleaned on the way.
 */
export async function writeRunFolder(dir: string, files: OutputFile[], options: WriteOptions): Promise<string> {
  const target = resolve(dir);
  const parent = dirname(target);
  const name = basename(target);
  makeFolders(parent);
  const unlock = options.lockHeld === true ? () => undefined : lock(parent, name);
  const staging = join(parent, `.${name}.partial-${process.pid}`);
  const aside = join(parent, `.${name}.old-${process.pid}`);
  try {
    cleanStale(parent, name);
    (options.check ?? checkRunFolder)(dir, options.force);
    io(staging, () => mkdirSync(staging));
    for (const file of files) {
      const temporary = join(staging, `.${file.name}.tmp`);
      io(join(dir, file.name), () => writeFileSync(temporary, file.content));
      io(join(dir, file.name), () => renameSync(temporary, join(staging, file.name)));
      await nextTick();
      if (options.interrupted?.()) throw new WriteInterrupted(dir);
    }
    const replacing = existsSync(target);
    if (replacing) io(target, () => renameSync(target, aside));
    try {
      io(target, () => renameSync(staging, target));
    } catch (error) {
      if (replacing) renameSync(aside, target);
      throw error;
    }
    if (replacing) rmSync(aside, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    unlock();
  }
  return target;
}

/**
 * The default folder reports/<name>-seed<seed>, or the first free <...>-2, -3, ... A folder
 * counts as taken while it, its lock or its staging folder exists.
 */
export function defaultRunFolder(base: string, name: string, seed: string | number, freeOnly = true): string {
  const safeSeed = String(seed)
    .replace(/[^A-Za-z0-9_.-]/g, "_")
    .slice(0, 60);
  const stem = join(base, `${name}-seed${safeSeed}`);
  if (!freeOnly) return stem;
  const taken = (path: string) => existsSync(path) || existsSync(join(dirname(path), `.${basename(path)}.lock`));
  if (!taken(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Writes one file under a temporary name and renames it into place. */
export function writeFileAtomic(path: string, content: string): void {
  const target = resolve(path);
  makeFolders(dirname(target));
  if (existsSync(target) && !lstatSync(target).isFile()) throw new OutputIoError(path, "EISDIR");
  const temporary = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  try {
    io(path, () => writeFileSync(temporary, content));
    io(path, () => renameSync(temporary, target));
  } catch (error) {
    // A disk that filled up mid-write leaves no temporary file behind.
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * A file written in pieces and put in place only when whole (a temporary file renamed over the
 * target), hashing what it writes, so a streamed output is never seen half written.
 */
export class AtomicFileWriter {
  private readonly temporary: string;
  private readonly fd: number;
  private readonly hash = createHash("sha256");

  constructor(readonly path: string) {
    const target = resolve(path);
    makeFolders(dirname(target));
    if (existsSync(target) && !lstatSync(target).isFile()) throw new OutputIoError(path, "EISDIR");
    this.temporary = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
    this.fd = io(path, () => openSync(this.temporary, "w"));
  }

  write(content: string | Uint8Array): void {
    const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    this.hash.update(bytes);
    io(this.path, () => writeSync(this.fd, bytes));
  }

  /** Closes and removes the temporary file (the target is left as it was). */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.temporary, { force: true });
  }

  /** Closes and renames into place; returns the content's sha256. */
  commit(): string {
    try {
      io(this.path, () => closeSync(this.fd));
      io(this.path, () => renameSync(this.temporary, resolve(this.path)));
    } catch (error) {
      rmSync(this.temporary, { force: true });
      throw error;
    }
    return this.hash.digest("hex");
  }
}

/** The sha256 of a file, read in chunks. */
export function fileSha256(path: string): string {
  const hash = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}
