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

/**
 * Reads the records of a resume log, keeping only complete lines (a run killed mid-write
 * leaves a torn last line, which is dropped and re-run) and rewriting the log without them.
 */
export function readRunLog(path: string, wanted: (index: number) => boolean): Map<number, RunRecord> {
  const records = new Map<number, RunRecord>();
  if (!existsSync(path)) return records;
  const kept: string[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as RunRecord;
      if (typeof record.index === "number" && wanted(record.index) && !records.has(record.index)) {
        records.set(record.index, record);
        kept.push(line);
      }
    } catch {
      // a torn line from an interrupted write: its run is simply done again
    }
  }
  writeFileSync(path, kept.length === 0 ? "" : `${kept.join("\n")}\n`);
  return records;
}

export function appendRunLog(path: string, record: RunRecord): void {
  appendFileSync(path, `${JSON.stringify(record)}\n`);
}
