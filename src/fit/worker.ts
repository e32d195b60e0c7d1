import { workerData } from "node:worker_threads";
import { serveJobs } from "../parallel/pool.js";
import { simulate } from "../simulate.js";
import { numericSeries } from "../engine/columns.js";
import { resolveScenario } from "../scenario/validate.js";
import { setPath } from "../engine/paths.js";
import { metricFigure } from "./objective.js";
import { PointsimError } from "../errors.js";
import { say } from "../i18n/messages.js";

/**
 * A fit worker: given the fit's scenario data once, it runs candidates (the parameters' values
 * and a seed) and posts back the figures the error needs, or for the projection the columns
 * it draws. It keeps nothing between jobs, so results do not depend on which worker ran what.
 */
export interface FitWorkerData {
  fitData: unknown;
  projectData: unknown;
  keys: string[];
  metrics: string[];
  columns: string[];
}

export interface FitJob {
  id: number;
  values: number[];
  seed: number;
  /** true: run the projection (the base scenario's horizon, without the fit's set). */
  project: boolean;
}

export interface FitJobResult {
  id: number;
  error: string | null;
  /** The same in Chinese (kept in memory only: fit.csv records the English). */
  errorZh: string | null;
  metrics: number[];
  series: (number | null)[][];
  collapseDay: number | null;
  days: number;
}

const shared = workerData as FitWorkerData;

export function runFitJob(data: FitWorkerData, job: FitJob): FitJobResult {
  const result: FitJobResult = { id: job.id, error: null, errorZh: null, metrics: [], series: [], collapseDay: null, days: 0 };
  const scenarioData = structuredClone(job.project ? data.projectData : data.fitData);
  try {
    data.keys.forEach((key, i) => setPath(scenarioData, key, job.values[i]));
    const resolved = resolveScenario(scenarioData);
    if (resolved.scenario === null) {
      result.error = `invalid scenario: ${resolved.problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("; ")}`;
      result.errorZh = `无效的情景：${resolved.problems.map((p) => say("zh-CN", "problem.line", { path: p.zh.path ?? p.path, expected: p.zh.expected, found: p.zh.found })).join("；")}`;
      return result;
    }
    const run = simulate(resolved.scenario, { seed: job.seed });
    result.days = resolved.scenario.days;
    result.collapseDay = run.summary.collapseDay;
    result.metrics = data.metrics.map((m) => metricFigure(run.summary, m, resolved.scenario.days));
    result.series = data.columns.map((c) => numericSeries(run.specs, run.values, c));
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    result.errorZh = error instanceof PointsimError ? `${error.name}：${error.messageIn("zh-CN")}` : result.error;
  }
  return result;
}

serveJobs((job: FitJob) => runFitJob(shared, job));
