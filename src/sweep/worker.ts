import { workerData } from "node:worker_threads";
import { serveJobs } from "../parallel/pool.js";
import { simulate } from "../simulate.js";
import { numericSeries } from "../engine/columns.js";
import { timeseriesCsv } from "../report/outputs.js";
import { resolveScenario } from "../scenario/validate.js";
import type { Scenario } from "../scenario/types.js";
import { setPath } from "../engine/paths.js";
import { BAND_COLUMNS, type RunRecord } from "./records.js";
import { summaryForFile } from "../i18n/summary-file.js";
import type { Lang } from "../i18n/lang.js";
import { PointsimError } from "../errors.js";

/**
 * A sweep worker. It is given the base scenario once (workerData) and, per run, the point's
 * values; it builds and validates the point's scenario itself (keeping the last one: a point's
 * replicas come one after another), runs it, and posts back the run's finished log line, so the
 * main thread only appends lines and a sweep of tiny runs is not held up by it.
 */
export interface SweepJob {
  index: number;
  point: number;
  replica: number;
  seed: number;
  values: Record<string, unknown>;
  keepSeries: boolean;
  keepBands: boolean;
  /** The sweep's language, only when it is not English: a failed run then records its error in Chinese too. */
  lang?: Lang;
}

const base = (workerData as { baseData: unknown } | null)?.baseData;
let last: { point: number; scenario: Scenario | string } | null = null;

/** The point's resolved scenario, or the problems that make its runs fail. */
function scenarioOf(job: SweepJob): Scenario | string {
  if (last?.point === job.point) return last.scenario;
  const data = structuredClone(base);
  let scenario: Scenario | string;
  try {
    for (const [key, value] of Object.entries(job.values)) setPath(data, key, value);
    const resolved = resolveScenario(data);
    scenario = resolved.scenario ?? resolved.problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("; ");
  } catch (error) {
    scenario = (error as Error).message;
  }
  last = { point: job.point, scenario };
  return scenario;
}

/** What a run sends back: its finished log line, and its timeseries.csv when kept. */
export interface SweepJobResult {
  index: number;
  failed: boolean;
  line: string;
  series: string | null;
}

export function runSweepJob(job: SweepJob): SweepJobResult {
  const record: RunRecord = {
    index: job.index,
    point: job.point,
    replica: job.replica,
    seed: job.seed,
    status: "failed",
    error: null,
    summary: null,
    bands: null,
  };
  let series: string | null = null;
  const scenario = scenarioOf(job);
  if (typeof scenario === "string") record.error = `invalid scenario at this point: ${scenario}`;
  else {
    try {
      const result = simulate(scenario, { seed: job.seed });
      record.status = "ok";
      // Sweep records keep the English summary, as summary.json of an English run holds it.
      record.summary = summaryForFile(result.summary, "en");
      record.bands = job.keepBands ? Object.fromEntries(BAND_COLUMNS.map((c) => [c, numericSeries(result.specs, result.values, c)])) : null;
      series = job.keepSeries ? timeseriesCsv(result) : null;
    } catch (error) {
      record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (job.lang === "zh-CN" && error instanceof PointsimError) record.errorZh = `${error.name}：${error.messageIn(job.lang)}`;
    }
  }
  return { index: job.index, failed: record.status === "failed", line: JSON.stringify(record), series };
}

serveJobs(runSweepJob);
