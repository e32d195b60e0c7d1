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
import { PointsimError } from "../errors.js";
import { invalidScenarioFailure, thrownFailure, type RunFailure } from "../fit/run-failure.js";

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
}

const base = (workerData as { baseData: unknown } | null)?.baseData;
let last: { point: number; scenario: Scenario | RunFailure } | null = null;

const AT_THIS_POINT: RunFailure = { en: "invalid scenario at this point", zh: "此参数点的情景无效" };

/** The point's resolved scenario, or why its runs fail, in both languages. */
function scenarioOf(job: SweepJob): Scenario | RunFailure {
  if (last?.point === job.point) return last.scenario;
  const data = structuredClone(base);
  let scenario: Scenario | RunFailure;
  try {
    for (const [key, value] of Object.entries(job.values)) setPath(data, key, value);
    const resolved = resolveScenario(data);
    scenario = resolved.scenario ?? invalidScenarioFailure(resolved.problems, AT_THIS_POINT);
  } catch (error) {
    const en = (error as Error).message;
    scenario = {
      en: `${AT_THIS_POINT.en}: ${en}`,
      zh: `${AT_THIS_POINT.zh}：${error instanceof PointsimError ? error.messageIn("zh-CN") : en}`,
    };
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
  if ("en" in scenario) {
    record.error = scenario.en;
    record.errorZh = scenario.zh;
  } else {
    try {
      const result = simulate(scenario, { seed: job.seed });
      record.status = "ok";
      // Sweep records keep the English summary, as summary.json of an English run holds it.
      record.summary = summaryForFile(result.summary, "en");
      record.bands = job.keepBands ? Object.fromEntries(BAND_COLUMNS.map((c) => [c, numericSeries(result.specs, result.values, c)])) : null;
      series = job.keepSeries ? timeseriesCsv(result) : null;
    } catch (error) {
      const failure = thrownFailure(error);
      record.error = failure.en;
      record.errorZh = failure.zh;
    }
  }
  return { index: job.index, failed: record.status === "failed", line: JSON.stringify(record), series };
}

serveJobs(runSweepJob);
