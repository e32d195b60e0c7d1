import { type Stats, closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { basename, dirname, join, parse, relative, resolve } from "node:path";
import type { OutputFile } from "./outputs.js";
import { ioCause } from "./io-cause.js";
import { openRegularFile, parseJsonBytes, readRegularFile } from "../scenario/read.js";

/** An output folder or file pointsim will not write to (bad input: exit 2). */
export class OutputExistsError extends Error {
  constructor(
    readonly dir: string,
    why = "already exists; use --force to replace it, or choose another name",
  ) {
    super(`${dir} ${why}`);
    this.name = "OutputExistsError";
  }
}

/** A file-system failure while writing (exit 74): the path and the cause in words. */
export class OutputIoError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
  ) {
    super(`cannot write ${path}: ${ioCause(code)}`);
    this.name = "OutputIoError";
  }
}

/** Runs a file-system step, turning its errno errors into OutputIoError naming the path. */
export function io<T>(path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string") throw new OutputIoError(path, code);
    throw error;
  }
}

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

/** What a folder is to pointsim. */
type FolderKind = { kind: "absent" } | { kind: "empty" } | { kind: "run"; extra: string[]; changed: string[] } | { kind: "foreign"; why: string };

/** The files a run writes besides manifest.json: --force removes these and nothing else. */
const RUN_FILES = new Set(["timeseries.csv", "summary.json", "outcomes.csv", "scenario.resolved.json", "compliance.json", "compliance.csv", "journal.csv", "report.html"]);

/**
 * A run's manifest.json as pointsim writes it (a regular file, tool "pointsim", a sha256 for
 * each file), and the files it lists; null for anything else.
 */
function pointsimManifest(dir: string): { outputs: Record<string, string> } | null {
  const read = readRegularFile(join(dir, "manifest.json"), 64 * 1024 * 1024, { followLinks: false });
  if ("problem" in read) return null;
  const parsed = parseJsonBytes(read.bytes);
  if ("problem" in parsed) return null;
  const manifest = parsed.value as { tool?: unknown; outputs?: unknown } | null;
  if (manifest === null || typeof manifest !== "object" || manifest.tool !== "pointsim") return null;
  const outputs = manifest.outputs;
  if (typeof outputs !== "object" || outputs === null || Array.isArray(outputs)) return null;
  if (!Object.values(outputs).every((h) => typeof h === "string" && /^[0-9a-f]{64}$/.test(h))) return null;
  // Every run lists the files every run writes; a sweep's manifest (kind "sweep") is no run's.
  if ((manifest as { kind?: unknown }).kind !== undefined || ![...RUN_FILES].every((name) => name === "journal.csv" || name in outputs)) return null;
  return { outputs: outputs as Record<string, string> };
}

/**
 * The files a manifest lists that --force may not delete: a name a run does not write, a link
 * or anything but a regular file, or a file whose sha256 is not the one recorded (edited since,
 * or never pointsim's: a hand-made manifest can list anyone's file).
 */
function changedFiles(dir: string, outputs: Record<string, string>, present: ReadonlySet<string>): string[] {
  return Object.entries(outputs)
    .filter(([name]) => present.has(name))
    .filter(([name, digest]) => !RUN_FILES.has(name) || regularFileSha256(join(dir, name)) !== digest)
    .map(([name]) => name);
}

/** Looks at a folder before writing into it. */
function inspectFolder(target: string): FolderKind {
  let stat: Stats;
  try {
    stat = lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw new OutputIoError(target, (error as NodeJS.ErrnoException).code ?? "EIO");
  }
  if (stat.isSymbolicLink()) return { kind: "foreign", why: "is a symbolic link" };
  if (!stat.isDirectory()) return { kind: "foreign", why: "is a file, not a folder" };
  const entries = io(target, () => readdirSync(target));
  if (entries.length === 0) return { kind: "empty" };
  const manifest = pointsimManifest(target);
  if (manifest === null) return { kind: "foreign", why: "holds files that pointsim did not write (no pointsim manifest.json)" };
  const known = new Set([...Object.keys(manifest.outputs), "manifest.json"]);
  return { kind: "run", extra: entries.filter((e) => !known.has(e)), changed: changedFiles(target, manifest.outputs, new Set(entries)) };
}

/**
 * Folders never replaced, whatever the options: the working folder and its ancestors, the
 * home folder and a file-system root.
 */
export function protectedFolder(target: string): string | null {
  const cwd = process.cwd();
  if (target === parse(target).root) return "is a file-system root";
  if (target === resolve(homedir())) return "is the home folder";
  const rel = relative(target, cwd);
  if (rel === "") return "is the working folder";
  if (!rel.startsWith("..") && !rel.startsWith("/")) return "holds the working folder";
  return null;
}

/**
 * Checks, before any work, that a run may be written to `dir`: it is absent or empty, or with
 * `force` it holds a pointsim run (complete or not) and nothing else. Throws
 * OutputExistsError (exit 2) otherwise. Called again at write time, under the folder's lock.
 */
export function checkRunFolder(dir: string, force: boolean): void {
  if (dir.trim() === "") throw new OutputExistsError(JSON.stringify(dir), "is not a folder name");
  const target = resolve(dir);
  const guarded = protectedFolder(target);
  if (guarded !== null) throw new OutputExistsError(dir, `${guarded}; pointsim never writes a run there`);
  const found = inspectFolder(target);
  if (found.kind === "absent" || found.kind === "empty") return;
  if (found.kind === "foreign") throw new OutputExistsError(dir, `${found.why}; pointsim will not write there, even with --force`);
  if (!force) throw new OutputExistsError(dir);
  if (found.extra.length > 0) {
    throw new OutputExistsError(dir, `holds a pointsim run and files it did not write (${found.extra.slice(0, 5).join(", ")}${found.extra.length > 5 ? ", ..." : ""}); --force replaces only a folder holding nothing but a run`);
  }
  if (found.changed.length > 0) {
    throw new OutputExistsError(dir, `holds ${found.changed.slice(0, 5).join(", ")}${found.changed.length > 5 ? ", ..." : ""}, which its manifest.json lists but which is not the file pointsim wrote (its sha256 differs, or it is not a run's file); --force deletes only a run's files, unchanged`);
  }
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

/** Another pointsim process is writing a folder right now (exit 75: try again later). */
export class FolderBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly lockPath: string,
    owner: number | null,
  ) {
    super(`${dir} is being written by another pointsim process${owner === null ? "" : ` (pid ${owner})`} right now; try again when it is done, or choose another folder (if no pointsim is running, remove ${lockPath})`);
    this.name = "FolderBusyError";
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

class WriteInterrupted extends Error {
  constructor(readonly dir: string) {
    super(`interrupted while writing ${dir}; nothing was written`);
    this.name = "WriteInterrupted";
  }
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
  const safeSeed = String(seed).replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 60);
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

/** The sha256 of a regular file (never through a link, never a FIFO or device), or null. */
export function regularFileSha256(path: string): string | null {
  const opened = openRegularFile(path, { followLinks: false });
  if ("problem" in opened) return null;
  try {
    return sha256OfFd(opened.fd);
  } catch {
    return null;
  } finally {
    closeSync(opened.fd);
  }
}

function sha256OfFd(fd: number): string {
  const hash = createHash("sha256");
  const chunk = Buffer.allocUnsafe(1 << 20);
  for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
  return hash.digest("hex");
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
