import { workerData } from "node:worker_threads";
import { serveJobs } from "../parallel/pool.js";
import { simulate } from "../simulate.js";
import { resolveScenario } from "../scenario/validate.js";
import { setPath } from "../engine/paths.js";
import { evaluate, parseExpression } from "../gates/expression.js";
import { metricFigure } from "../fit/objective.js";
import { invalidScenarioFailure, thrownFailure } from "../fit/run-failure.js";
import type { Lang } from "../i18n/lang.js";

/**
 * A recommend worker: given the scenario data (the base with `set`) once, it runs a candidate's
 * values on a seed and posts back whether each constraint's event happened and the objective's
 * figure. It keeps nothing between jobs, so results do not depend on which worker ran what.
 */
export interface RecommendWorkerData {
  runData: unknown;
  keys: string[];
  events: string[];
  objective: string;
  /** The language of the recommendation's files: a zh-CN one also records why a run failed in Chinese. */
  lang?: Lang;
}

export interface RecommendJob {
  values: number[];
  seed: number;
}

export interface RecommendJobResult {
  /** Why the run failed (an invalid scenario at these values, an exact-range overflow), or null. */
  error: string | null;
  /**
   * The same in Chinese, in a zh-CN recommendation only (as a sweep's errorZh): an English
   * journal keeps its bytes.
   */
  errorZh?: string;
  /** Each constraint's event: true when this run fails the constraint. */
  events: boolean[];
  objective: number;
}

export function runRecommendJob(data: RecommendWorkerData, job: RecommendJob): RecommendJobResult {
  const result: RecommendJobResult = { error: null, events: [], objective: 0 };
  const scenarioData = structuredClone(data.runData);
  try {
    data.keys.forEach((key, i) => setPath(scenarioData, key, job.values[i]));
    const resolved = resolveScenario(scenarioData);
    if (resolved.scenario === null) {
      return failed(result, invalidScenarioFailure(resolved.problems), data.lang);
    }
    const run = simulate(resolved.scenario, { seed: job.seed });
    const summary = run.summary as unknown as Record<string, unknown>;
    result.events = data.events.map((e) => evaluate(parseExpression(e), summary, e));
    result.objective = metricFigure(run.summary, data.objective, resolved.scenario.days);
  } catch (error) {
    return failed(result, thrownFailure(error), data.lang);
  }
  return result;
}

/** A failed run's result: the English always, the Chinese in a zh-CN recommendation's journal only. */
function failed(result: RecommendJobResult, failure: { en: string; zh: string }, lang: Lang | undefined): RecommendJobResult {
  result.error = failure.en;
  if (lang === "zh-CN") result.errorZh = failure.zh;
  return result;
}

serveJobs((job: RecommendJob) => runRecommendJob(workerData as RecommendWorkerData, job));
