import { workerData } from "node:worker_threads";
import { serveJobs } from "../parallel/pool.js";
import { simulate } from "../simulate.js";
import { resolveScenario } from "../scenario/validate.js";
import { setPath } from "../engine/paths.js";
import { evaluate, parseExpression } from "../gates/expression.js";
import { metricFigure } from "../fit/objective.js";

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
}

export interface RecommendJob {
  values: number[];
  seed: number;
}

export interface RecommendJobResult {
  /** Why the run failed (an invalid scenario at these values, an exact-range overflow), or null. */
  error: string | null;
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
      return result;
    }
    const run = simulate(resolved.scenario, { seed: job.seed });
    const summary = run.summary as unknown as Record<string, unknown>;
    result.events = data.events.map((e) => evaluate(parseExpression(e), summary, e));
    result.objective = metricFigure(run.summary, data.objective, resolved.scenario.days);
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return result;
}

serveJobs((job: RecommendJob) => runRecommendJob(workerData as RecommendWorkerData, job));
