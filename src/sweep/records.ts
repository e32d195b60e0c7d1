import { closeSync, constants, existsSync, fstatSync, ftruncateSync, lstatSync, openSync, readSync, writeSync } from "node:fs";
import { createHash } from "node:crypto";
import { MAX_DEPTH, openRegularFile, shapeProblem } from "../scenario/read.js";
import { AtomicFileWriter } from "../report/write.js";
import { io } from "../report/ownership.js";
import type { Summary } from "../engine/summary-types.js";
import { OutputIoError, ScenarioError } from "../errors.js";
import { problem } from "../scenario/problem.js";
import { type Words, words } from "../i18n/words.js";

/** Daily series kept per run for the Monte Carlo bands. */
export const BAND_COLUMNS = ["liabilities", "platform_cash", "users_total", "withdrawal_backlog", "coverage_ratio"] as const;
/** Points whose runs keep their bands (the report draws bands for these only). */
export const BAND_POINTS = 12;

/** One finished run, as stored (one JSON line each) in runs.jsonl: the resume log. */
export interface RunRecord {
  index: number;
  point: number;
  replica: number;
  seed: number;
  status: "ok" | "failed";
  error: string | null;
  /**
   * The error in Chinese, beside the English, whatever the sweep's language: the log is the
   * record of the runs, in no one language, and a Chinese terminal reads it from here (a log
   * written before the field existed has none; the English is shown instead). runs.csv shows it
   * in a zh-CN sweep only.
   */
  errorZh?: string;
  summary: Summary | null;
  /** The band columns day by day, for runs of the first BAND_POINTS points; null otherwise. */
  bands: Record<string, (number | null)[]> | null;
}

export const RUNS_LOG = "runs.jsonl";

/** The run a record must belong to: its point, replica and seed as the sweep plans them. */
export interface PlannedRun {
  index: number;
  point: number;
  replica: number;
  seed: number;
}

/** Where a run's record lies: a line of a log file, read back only when an output needs it. */
export interface LogEntry {
  index: number;
  file: string;
  offset: number;
  length: number;
  failed: boolean;
}

/** Whether a parsed line is a whole record of the planned run with its index. */
function isRecordOf(value: unknown, planned: PlannedRun | undefined): value is RunRecord {
  if (planned === undefined || value === null || typeof value !== "object") return false;
  const r = value as Record<string, unknown>;
  return (
    r.index === planned.index &&
    r.point === planned.point &&
    r.replica === planned.replica &&
    r.seed === planned.seed &&
    (r.status === "ok" || r.status === "failed") &&
    (r.error === null || typeof r.error === "string") &&
    (r.status === "failed"
      ? r.summary === null
      : r.summary !== null &&
        typeof r.summary === "object" &&
        !Array.isArray(r.summary) &&
        shapeProblem(r.summary, Number.POSITIVE_INFINITY, MAX_DEPTH) === null) &&
    (r.bands === null || (typeof r.bands === "object" && !Array.isArray(r.bands)))
  );
}

const CHUNK = 4 << 20;
/**
 * The longest line of a resume log: a record holds a run's summary and, for the first points,
 * five daily band columns (36,500 days at most: a few MB). A longer line is not a record.
 */
const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * Calls `line(offset, bytes, number)` for every newline-ended line of a regular file (never a
 * link, FIFO or device: ScenarioError), reading it in chunks; a line longer than MAX_LINE_BYTES
 * is skipped unread and reported with bytes null. Returns whether the file ends in a newline.
 */
function forEachLine(path: string, line: (offset: number, bytes: Buffer | null, number: number) => void): boolean {
  const opened = openRegularFile(path, { followLinks: false });
  if ("problem" in opened) throw new ScenarioError(path, [problem("", words("expected.runsJsonl"), words("found.theFile", { problem: opened.problem }))]);
  const { fd } = opened;
  try {
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let skipping = false;
    let position = 0;
    let number = 0;
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, position);
      if (read === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        line(carryOffset + start, skipping || nl - start > MAX_LINE_BYTES ? null : data.subarray(start, nl), ++number);
        skipping = false;
        start = nl + 1;
      }
      // An over-long line is skipped, not gathered: gathering it would copy it again with every chunk.
      if (data.length - start > MAX_LINE_BYTES) skipping = true;
      carry = skipping ? Buffer.alloc(0) : Buffer.from(data.subarray(start));
      carryOffset = skipping ? position + read : carryOffset + start;
      position += read;
    }
    return carry.length === 0 && !skipping;
  } finally {
    closeSync(fd);
  }
}

/** The digest each line carries: the sha256 of the sweep's identity and the record's JSON. */
function recordDigest(identity: string, json: string | Buffer): string {
  return createHash("sha256").update(`${identity}\n`).update(json).digest("hex");
}

/** A record's JSON with its digest as the last key. */
function withDigest(identity: string, json: string): string {
  return `${json.slice(0, -1)},"sha256":"${recordDigest(identity, json)}"}`;
}

const DIGEST_SUFFIX = /,"sha256":"([0-9a-f]{64})"\}$/;

/** Whether a line's digest matches its record, or it has none (a log of an earlier pointsim). */
function digestOf(identity: string, text: string): "ok" | "missing" | "wrong" {
  const m = DIGEST_SUFFIX.exec(text);
  if (!m) return "missing";
  const json = `${text.slice(0, m.index)}}`;
  return recordDigest(identity, json) === m[1] ? "ok" : "wrong";
}

/** A line of a log that is not a record of its sweep, and why (for a merge, which refuses it). */
export interface BadLine {
  number: number;
  index: number | null;
  why: Words;
  /** invalid: dropped; undigested: a record of an earlier pointsim, kept; torn: the file's last line, without its newline (a write cut short). */
  kind: "invalid" | "undigested" | "torn";
}

export interface ScanOptions {
  /** The sweep's identity, which every line's digest covers. */
  identity: string;
  /** A log read only (a merge's input, another folder's): indexed as it is, never rewritten. */
  readOnly?: boolean;
  /** Told of every line that is not kept. */
  onBadLine?: (bad: BadLine) => void;
}

/**
 * Indexes a resume log without holding its records: for each valid line, where it lies. A line
 * that is not a whole record of a planned run with its digest (a torn last line from a run
 * killed mid-write, a repeated index, an edited record, anything else) is dropped and its run
 * done again; a valid line without a digest (written by an earlier pointsim) is kept and given
 * one. The log is then rewritten with the kept lines only. Every valid line is kept, whichever
 * shard it belongs to; the entries returned are those the caller wants.
 */
export function scanRunLog(
  path: string,
  planned: ReadonlyMap<number, PlannedRun>,
  wanted: (index: number) => boolean,
  options: ScanOptions,
): Map<number, LogEntry> {
  const entries = new Map<number, LogEntry>();
  if (!existsSync(path) && !isLink(path)) return entries;
  const kept: { offset: number; length: number; digest: boolean }[] = [];
  let dropped = false;
  let undigested = false;
  const seen = new Set<number>();
  const bad = (number: number, index: number | null, why: Words) => {
    dropped = true;
    options.onBadLine?.({ number, index, why, kind: "invalid" });
  };
  const endsWell = forEachLine(path, (offset, bytes, number) => {
    if (bytes === null) return bad(number, null, words("line.tooLong", { max: MAX_LINE_BYTES }));
    if (bytes.length === 0) return;
    const text = bytes.toString("utf8");
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return bad(number, null, words("line.notJson"));
    }
    const index = (value as { index?: unknown } | null)?.index;
    if (typeof index !== "number") return bad(number, null, words("line.noIndex"));
    if (seen.has(index)) return bad(number, index, words("line.repeats"));
    if (!isRecordOf(value, planned.get(index))) return bad(number, index, words("line.notRecord"));
    const digest = digestOf(options.identity, text);
    if (digest === "wrong") return bad(number, index, words("line.wrongDigest"));
    if (digest === "missing") {
      undigested = true;
      options.onBadLine?.({ number, index, why: words("line.noDigest"), kind: "undigested" });
    }
    seen.add(index);
    kept.push({ offset, length: bytes.length, digest: digest === "ok" });
    if (wanted(index)) entries.set(index, { index, file: path, offset, length: bytes.length, failed: (value as RunRecord).status === "failed" });
  });
  if (!endsWell) options.onBadLine?.({ number: 0, index: null, why: words("line.torn"), kind: "torn" });
  if ((!dropped && !undigested && endsWell) || options.readOnly === true) return entries;
  // Rewrite the log with the kept lines (copied, digests added where missing), then index it afresh.
  const input = openSync(path, "r");
  try {
    const output = new AtomicFileWriter(path);
    try {
      for (const k of kept) {
        const bytes = Buffer.allocUnsafe(k.length);
        readSync(input, bytes, 0, k.length, k.offset);
        output.write(k.digest ? bytes : withDigest(options.identity, bytes.toString("utf8")));
        output.write("\n");
      }
    } catch (error) {
      output.abandon();
      throw error;
    }
    output.commit();
  } finally {
    closeSync(input);
  }
  return scanRunLog(path, planned, wanted, options);
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Reads records back from their logs, one at a time. */
export class LogReader {
  private readonly files = new Map<string, number>();
  // One buffer for every read (grown when a line is longer), so reading a log of any length
  // leaves no trail of buffers for the collector.
  private buffer = Buffer.allocUnsafe(64 * 1024);

  private fd(file: string): number {
    let fd = this.files.get(file);
    if (fd === undefined) {
      fd = openSync(file, "r");
      this.files.set(file, fd);
    }
    return fd;
  }

  read(entry: LogEntry): RunRecord {
    if (entry.length > this.buffer.length) this.buffer = Buffer.allocUnsafe(2 * entry.length);
    readSync(this.fd(entry.file), this.buffer, 0, entry.length, entry.offset);
    return JSON.parse(this.buffer.toString("utf8", 0, entry.length)) as RunRecord;
  }

  /** The line itself (for copying a log without parsing it). */
  line(entry: LogEntry): Buffer {
    const bytes = Buffer.allocUnsafe(entry.length);
    readSync(this.fd(entry.file), bytes, 0, entry.length, entry.offset);
    return bytes;
  }

  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
    this.files.clear();
  }
}

/**
 * Appends finished runs to a resume log, knowing where each line lands. A line that cannot be
 * written whole (the disk full) is cut off again, so the log never keeps half a record, and the
 * failure is an OutputIoError naming the log (exit 74).
 */
export class RunLogWriter {
  private size: number;
  private readonly fd: number;

  constructor(
    private readonly path: string,
    private readonly identity: string,
  ) {
    // Never through a link: the log is appended to, and a link could point at anyone's file.
    this.fd = io(path, () => openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o666));
    this.size = io(path, () => fstatSync(this.fd).size);
  }

  /** Appends one record's JSON line (as a worker serialised it), with its digest. */
  appendLine(index: number, json: string, failed: boolean): LogEntry {
    const line = Buffer.from(`${withDigest(this.identity, json)}\n`, "utf8");
    try {
      for (let written = 0; written < line.length; ) written += writeSync(this.fd, line, written);
    } catch (error) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        // the next resume drops a torn line anyway
      }
      throw new OutputIoError(this.path, (error as NodeJS.ErrnoException).code ?? "EIO");
    }
    const entry = { index, file: this.path, offset: this.size, length: line.length - 1, failed };
    this.size += line.length;
    return entry;
  }

  close(): void {
    closeSync(this.fd);
  }
}
