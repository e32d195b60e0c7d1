import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Summary } from "../engine/summary.js";

/** Daily series kept per run for the Monte Carlo bands. */
export const BAND_COLUMNS = ["liabilities", "platform_cash", "users_total", "withdrawal_backlog", "coverage_ratio"] as const;

/** One finished run, as stored (one JSON line each) in runs.jsonl: the resume log. */
export interface RunRecord {
  index: number;
  point: number;
  replica: number;
  seed: number;
  status: "ok" | "failed";
  error: string | null;
  summary: Summary | null;
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

/**
 * Reads the records of a resume log. A line that is not a whole record of a planned run (a
 * torn last line from a run killed mid-write, or anything else) is dropped and its run done
 * again; every valid line is kept, whichever shard it belongs to, and the log is rewritten
 * only when something was dropped. Returns the records the caller wants.
 */
export function readRunLog(path: string, planned: ReadonlyMap<number, PlannedRun>, wanted: (index: number) => boolean): Map<number, RunRecord> {
  const records = new Map<number, RunRecord>();
  if (!existsSync(path)) return records;
  const kept: string[] = [];
  let dropped = false;
  const seen = new Set<number>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      dropped = true;
      continue;
    }
    const index = (value as { index?: unknown } | null)?.index;
    if (typeof index !== "number" || seen.has(index) || !isRecordOf(value, planned.get(index))) {
      dropped = true;
      continue;
    }
    seen.add(index);
    kept.push(line);
    if (wanted(index)) records.set(index, value);
  }
  if (dropped) writeFileSync(path, kept.length === 0 ? "" : `${kept.join("\n")}\n`);
  return records;
}

export function appendRunLog(path: string, record: RunRecord): void {
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}
