import { closeSync, lstatSync, readSync, readdirSync, rmSync, type Stats } from "node:fs";
import { createHash } from "node:crypto";
import { homedir } from "node:os";
import { join, parse, relative, resolve } from "node:path";
import { OutputExistsError, OutputIoError } from "../errors.js";
import { openRegularFile, parseJsonBytes, readRegularFile } from "../scenario/read.js";
import { type Words, words } from "../i18n/words.js";

/**
 * The one folder-ownership policy of run, sweep, fit and merge: pointsim writes into a folder
 * that is absent or empty, or that holds its own work of the same kind, recorded in what it
 * wrote there (a manifest.json, a sweep's sweep.json). It never writes into anything else, even
 * with --force: a protected folder, a link, a file, a folder of someone else's files. With
 * --force it replaces its own work only when the folder holds nothing it did not write and every
 * file is as its record says (the sha256 it recorded), so --force deletes only pointsim's files,
 * unchanged. Each kind of folder says what its record is and in which words it refuses.
 */
export interface OwnershipRules<R> {
  /** "run", "sweep", "fit": in "pointsim never writes a <noun> there" (in both languages, as every refusal). */
  noun: Words;
  refuse: {
    link: Words;
    file: Words;
    /** The folder holds files and no record of this kind. */
    notOurs: Words;
    /** The folder holds this kind's work and --force was not given. */
    occupied: (record: R) => Words;
    foreign: (names: readonly string[]) => Words;
    changed: (names: readonly string[]) => Words;
  };
  /** A temporary file of pointsim's own (left by a process killed mid-write): not foreign. */
  ownTemporary?: (entry: string) => boolean;
  /** Checks inside a folder that is there, before its entries are read (a sweep's series/). */
  inspect?: (dir: string, entries: readonly string[]) => void;
  /** What pointsim recorded of the folder, or null when it has no record of this kind. */
  record: (dir: string) => R | null;
  /**
   * Before the rules on replacing: "resume" when the folder holds this same work (a sweep
   * resumed); may refuse on its own terms (a merge into a shard's folder).
   */
  judge?: (record: R) => "resume" | "replace";
  /** The entries pointsim did not write (by the record). */
  foreign: (entries: readonly string[], record: R) => string[];
  /** The files not as pointsim wrote them (read only when replacing, with --force). */
  changed: (dir: string, record: R, entries: readonly string[]) => string[];
}

/** What a folder may be written as: new (absent or empty), resumed, or replaced (--force). */
export type FolderVerdict<R> = { verdict: "new" } | { verdict: "resume"; record: R } | { verdict: "replace"; record: R; entries: string[] };

/**
 * Decides whether a kind of work may be written into `dir`, throwing OutputExistsError (exit 2)
 * with the reason when it may not; deletes nothing.
 */
export function judgeFolder<R>(dir: string, rules: OwnershipRules<R>, force: boolean): FolderVerdict<R> {
  refuseUnsafeTarget(dir, rules.noun);
  const stat = lstatOrNull(dir);
  if (stat === null) return { verdict: "new" };
  if (stat.isSymbolicLink()) throw new OutputExistsError(dir, rules.refuse.link);
  if (!stat.isDirectory()) throw new OutputExistsError(dir, rules.refuse.file);
  const found = io(dir, () => readdirSync(dir));
  rules.inspect?.(dir, found);
  const entries = found.filter((e) => !(rules.ownTemporary?.(e) ?? false));
  if (entries.length === 0) return { verdict: "new" };
  const record = rules.record(dir);
  if (record === null) throw new OutputExistsError(dir, rules.refuse.notOurs);
  if ((rules.judge?.(record) ?? "replace") === "resume") return { verdict: "resume", record };
  const foreign = rules.foreign(entries, record);
  if (foreign.length > 0) throw new OutputExistsError(dir, rules.refuse.foreign(foreign));
  if (!force) throw new OutputExistsError(dir, rules.refuse.occupied(record));
  const changed = rules.changed(dir, record, entries);
  if (changed.length > 0) throw new OutputExistsError(dir, rules.refuse.changed(changed));
  return { verdict: "replace", record, entries };
}

/** The refusals every kind shares: no folder name, or a folder never replaced whatever the options. */
function refuseUnsafeTarget(dir: string, noun: Words): void {
  if (dir.trim() === "") throw new OutputExistsError(JSON.stringify(dir), words("refuse.notFolderName"));
  const guarded = protectedFolder(resolve(dir));
  if (guarded !== null) throw new OutputExistsError(dir, words("refuse.protected", { guarded, noun }));
}

/**
 * Folders never replaced, whatever the options: the working folder and its ancestors, the
 * home folder and a file-system root.
 */
function protectedFolder(target: string): Words | null {
  const cwd = process.cwd();
  if (target === parse(target).root) return words("refuse.isRoot");
  if (target === resolve(homedir())) return words("refuse.isHome");
  const rel = relative(target, cwd);
  if (rel === "") return words("refuse.isWorking");
  if (!rel.startsWith("..") && !rel.startsWith("/")) return words("refuse.holdsWorking");
  return null;
}

/** The largest manifest.json read: far above any pointsim writes. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** A folder's manifest.json as JSON, read as pointsim wrote it (a regular file, never a link, FIFO or device), or null. */
export function readManifest(dir: string): Record<string, unknown> | null {
  const read = readRegularFile(join(dir, "manifest.json"), MAX_MANIFEST_BYTES, { followLinks: false });
  if ("problem" in read) return null;
  const parsed = parseJsonBytes(read.bytes);
  if ("problem" in parsed) return null;
  const value = parsed.value;
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A manifest's map of file name to sha256, or null when it is not one. */
export function digestMap(value: unknown): Record<string, string> | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  if (!Object.values(value).every((h) => typeof h === "string" && /^[0-9a-f]{64}$/.test(h))) return null;
  return value as Record<string, string>;
}

/**
 * The recorded files (name → sha256) that are present but not as pointsim wrote them: a name
 * the kind does not write, a link or anything but a regular file, or a sha256 not the one
 * recorded (edited since, or never pointsim's: a hand-made manifest can list anyone's file).
 */
export function changedFiles(
  dir: string,
  recorded: Readonly<Record<string, unknown>>,
  rules: { isOwnName: (name: string) => boolean; isPresent?: (name: string) => boolean; prefix?: string },
): string[] {
  const present = rules.isPresent ?? ((name: string) => lstatOrNull(join(dir, name)) !== null);
  return Object.entries(recorded)
    .filter(([name]) => present(name))
    .filter(([name, digest]) => !rules.isOwnName(name) || regularFileSha256(join(dir, name)) !== digest)
    .map(([name]) => `${rules.prefix ?? ""}${name}`);
}

/** Whether an entry is a temporary file of one of `files` (".NAME.tmp-PID"), left by a pointsim killed mid-write. */
export function isTemporaryOf(files: readonly string[]): (entry: string) => boolean {
  const patterns = files.map((name) => new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.tmp-\\d+$`));
  return (entry) => patterns.some((pattern) => pattern.test(entry));
}

/** Up to five names for a message, with ", ..." when there are more. */
export function someNames(names: readonly string[], ellipsis = true): string {
  return `${names.slice(0, 5).join(", ")}${ellipsis && names.length > 5 ? ", ..." : ""}`;
}

/** Deletes the named files of a folder (pointsim's own, judged by judgeFolder). */
export function deleteOwnFiles(dir: string, names: readonly string[]): void {
  for (const name of names) rmSync(join(dir, name), { force: true });
}

/** lstat, or null when nothing is there; any other failure is an I/O error naming the path. */
export function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new OutputIoError(path, (error as NodeJS.ErrnoException).code ?? "EIO");
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

/** The sha256 of a regular file (never through a link, never a FIFO or device), or null. */
export function regularFileSha256(path: string): string | null {
  const opened = openRegularFile(path, { followLinks: false });
  if ("problem" in opened) return null;
  try {
    const hash = createHash("sha256");
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(opened.fd, chunk); read > 0; read = readSync(opened.fd, chunk)) hash.update(chunk.subarray(0, read));
    return hash.digest("hex");
  } catch {
    return null;
  } finally {
    closeSync(opened.fd);
  }
}

/**
 * The rules of a folder written whole (a staging folder renamed into place) whose manifest.json,
 * from `tool`, lists every file it wrote with its sha256: a fit, a watch, a discovery. `files` are
 * the names it may write; --force replaces exactly those, as written, and nothing else.
 */
export function manifestFolderRules(noun: Words, tool: string, files: readonly string[]): OwnershipRules<Record<string, string>> {
  return {
    noun,
    refuse: {
      link: words("refuse.linkEvenForce"),
      file: words("refuse.file"),
      notOurs: words("refuse.notOursKind", { noun }),
      occupied: () => words("refuse.earlierKind", { noun }),
      foreign: (names) => words("refuse.foreign", { names: someNames(names, false) }),
      changed: (names) => words("refuse.kindChanged", { names: someNames(names), noun }),
    },
    ownTemporary: isTemporaryOf(files),
    record: (dir) => {
      const manifest = readManifest(dir);
      return manifest?.tool === tool ? (digestMap(manifest.files) ?? {}) : null;
    },
    foreign: (entries) => entries.filter((e) => !files.includes(e)),
    changed: (dir, listed, entries) => [
      ...entries.filter((e) => e !== "manifest.json" && !Object.hasOwn(listed, e)),
      ...changedFiles(dir, listed, { isOwnName: (name) => files.includes(name) && name !== "manifest.json", isPresent: (name) => entries.includes(name) }),
    ],
  };
}
