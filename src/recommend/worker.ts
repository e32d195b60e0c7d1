import { workerData } from "node:worker_threads";
import { serveJobs } from "../parallel/pool.js";
import { simulate } from "../simulate.js";
import { resolveScenario } from "../scenario/validate.js";
import { setPath } from "../engine/paths.js";
import { evaluate, parseExpression } from "../gates/expression.js";
import { metricFigure } from "../fit/objective.js";
import { PointsimError } from "../errors.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";

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
      result.error = `invalid scenario: ${resolved.problems.map((p) => `${p.path}: expected ${p.expected}, found ${p.found}`).join("; ")}`;
      if (data.lang === "zh-CN")
        result.errorZh = `无效的情景：${resolved.problems.map((p) => say("zh-CN", "problem.line", { path: p.zh.path ?? p.path, expected: p.zh.expected, found: p.zh.found })).join("；")}`;
      return result;
    }
    const run = simulate(resolved.scenario, { seed: job.seed });
    const summary = run.summary as unknown as Record<string, unknown>;
    result.events = data.events.map((e) => evaluate(parseExpression(e), summary, e));
    result.objective = metricFigure(run.summary, data.objective, resolved.scenario.days);
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (data.lang === "zh-CN" && error instanceof PointsimError) result.errorZh = `${error.name}：${error.messageIn("zh-CN")}`;
  }
  return result;
}

serveJobs((job: RecommendJob) => runRecommendJob(workerData as RecommendWorkerData, job));
