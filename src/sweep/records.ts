import { appendFileSync, closeSync, existsSync, openSync, readSync, renameSync, statSync, writeSync } from "node:fs";
import type { Summary } from "../engine/summary.js";

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
    (r.status === "failed" ? r.summary === null : r.summary !== null && typeof r.summary === "object") &&
    (r.bands === null || (typeof r.bands === "object" && !Array.isArray(r.bands)))
  );
}

const CHUNK = 4 << 20;

/** Calls `line(offset, bytes)` for every newline-ended line of a file, reading it in chunks; returns whether the file ends in a newline. */
function forEachLine(path: string, line: (offset: number, bytes: Buffer) => void): boolean {
  const fd = openSync(path, "r");
  try {
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const read = readSync(fd, chunk, 0, CHUNK, position);
      if (read === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let nl = data.indexOf(10, start); nl >= 0; nl = data.indexOf(10, start)) {
        line(carryOffset + start, data.subarray(start, nl));
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      carryOffset += start;
      position += read;
    }
    return carry.length === 0;
  } finally {
    closeSync(fd);
  }
}

/**
 * Indexes a resume log without holding its records: for each valid line, where it lies. A line
 * that is not a whole record of a planned run (a torn last line from a run killed mid-write, a
 * repeated index, anything else) is dropped and its run done again; the log is then rewritten
 * with the kept lines only. Every valid line is kept, whichever shard it belongs to; the entries
 * returned are those the caller wants.
 */
export function scanRunLog(path: string, planned: ReadonlyMap<number, PlannedRun>, wanted: (index: number) => boolean, options: { readOnly?: boolean } = {}): Map<number, LogEntry> {
  const entries = new Map<number, LogEntry>();
  if (!existsSync(path)) return entries;
  const kept: { offset: number; length: number }[] = [];
  let dropped = false;
  const seen = new Set<number>();
  const endsWell = forEachLine(path, (offset, bytes) => {
    if (bytes.length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString("utf8"));
    } catch {
      dropped = true;
      return;
    }
    const index = (value as { index?: unknown } | null)?.index;
    if (typeof index !== "number" || seen.has(index) || !isRecordOf(value, planned.get(index))) {
      dropped = true;
      return;
    }
    seen.add(index);
    kept.push({ offset, length: bytes.length });
    if (wanted(index)) entries.set(index, { index, file: path, offset, length: bytes.length, failed: (value as RunRecord).status === "failed" });
  });
  // A log read only (a merge's input, which is another folder's) is indexed as it is, never rewritten.
  if ((!dropped && endsWell) || options.readOnly === true) return entries;
  // Rewrite the log with the kept lines (copied, not parsed again), then index it afresh.
  const temporary = `${path}.tmp-${process.pid}`;
  const input = openSync(path, "r");
  const output = openSync(temporary, "w");
  try {
    for (const k of kept) {
      const bytes = Buffer.allocUnsafe(k.length + 1);
      readSync(input, bytes, 0, k.length, k.offset);
      bytes[k.length] = 10;
      writeSync(output, bytes);
    }
  } finally {
    closeSync(input);
    closeSync(output);
  }
  renameSync(temporary, path);
  return scanRunLog(path, planned, wanted);
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

/** Appends finished runs to a resume log, knowing where each line lands. */
export class RunLogWriter {
  private size: number;

  constructor(private readonly path: string) {
    this.size = existsSync(path) ? statSync(path).size : 0;
  }

  /** Appends one record's JSON line (as a worker serialised it). */
  appendLine(index: number, json: string, failed: boolean): LogEntry {
    const line = Buffer.from(`${json}\n`, "utf8");
    appendFileSync(this.path, line);
    const entry = { index, file: this.path, offset: this.size, length: line.length - 1, failed };
    this.size += line.length;
    return entry;
  }
}
