import { workerData } from "node:worker_threads";
import { serveJobs } from "../parallel/pool.js";
import { simulate } from "../simulate.js";
import { numericSeries } from "../engine/columns.js";
import { resolveScenario } from "../scenario/validate.js";
import { setPath } from "../engine/paths.js";
import { metricFigure } from "./objective.js";
import { invalidScenarioFailure, thrownFailure } from "./run-failure.js";

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
  /** The same in Chinese (a zh-CN fit's fit.csv records it as failureZh; the terminal prints it). */
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
      const failure = invalidScenarioFailure(resolved.problems);
      result.error = failure.en;
      result.errorZh = failure.zh;
      return result;
    }
    const run = simulate(resolved.scenario, { seed: job.seed });
    result.days = resolved.scenario.days;
    result.collapseDay = run.summary.collapseDay;
    result.metrics = data.metrics.map((m) => metricFigure(run.summary, m, resolved.scenario.days));
    result.series = data.columns.map((c) => numericSeries(run.specs, run.values, c));
  } catch (error) {
    const failure = thrownFailure(error);
    result.error = failure.en;
    result.errorZh = failure.zh;
  }
  return result;
}

serveJobs((job: FitJob) => runFitJob(shared, job));
