/**
 * The fit's error (docs/fit.md, "The error"): a weighted root mean square of relative errors.
 *
 *   E = sqrt( Σ_t w_t · m_t / Σ_t w_t )
 *
 * where a summary target's m_t is e_t², e_t = (simulated − observed) / scale (scale: the target's
 * own, else |observed|, else 1), and an observed series column's m_t is the mean over its days of
 * ((simulated − observed) / the mean |observed| of the column)². Simulated figures are the mean
 * over the candidate's runs. A run that does not collapse counts as collapsing the day after its
 * horizon; any other figure a run does not have (null) counts as 0.
 */

interface MetricGoal {
  kind: "metric";
  label: string;
  metric: string;
  observed: number;
  scale: number;
  weight: number;
}

interface SeriesGoal {
  kind: "series";
  label: string;
  column: string;
  /** Observed days (from 1) and values, in day order. */
  days: number[];
  values: number[];
  /** Mean |observed| of the column (1 when they are all 0): what its errors are relative to. */
  scale: number;
  weight: number;
  /** The CSV it came from (for the report). */
  file: string;
}

export type Goal = MetricGoal | SeriesGoal;

/** What one run gives the objective: each metric goal's figure and each series goal's column. */
export interface RunFigures {
  metrics: number[];
  series: (number | null)[][];
}

/** A run's figure for a metric target: collapseDay null → horizon + 1, any other null → 0. */
export function metricFigure(summary: unknown, path: string, days: number): number {
  let current: unknown = summary;
  for (const part of path.split(".")) current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[part] : undefined;
  if (typeof current === "number" && Number.isFinite(current)) return current;
  if (path === "collapseDay" || path === "collapse.day") return days + 1;
  return 0;
}

export interface GoalResult {
  label: string;
  kind: Goal["kind"];
  /** Metric: the observed value; series: the number of observed days. */
  observed: number;
  /** Metric: the simulated mean; series: the mean simulated value over the observed days. */
  simulated: number;
  /** Metric: the signed relative error; series: the root mean square relative error. */
  error: number;
  weight: number;
  /** Series: the simulated mean on each observed day. */
  fitted?: number[];
}

export interface Evaluation {
  error: number;
  goals: GoalResult[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The error of a candidate from its runs' figures (at least one run). */
export function evaluateGoals(goals: readonly Goal[], runs: readonly RunFigures[]): Evaluation {
  let sum = 0;
  let weights = 0;
  let metricIndex = 0;
  let seriesIndex = 0;
  const results: GoalResult[] = goals.map((goal) => {
    if (goal.kind === "metric") {
      const i = metricIndex++;
      const simulated = mean(runs.map((r) => r.metrics[i] as number));
      const e = (simulated - goal.observed) / goal.scale;
      sum += goal.weight * e * e;
      weights += goal.weight;
      return { label: goal.label, kind: "metric", observed: goal.observed, simulated, error: e, weight: goal.weight };
    }
    const i = seriesIndex++;
    const fitted = goal.days.map((day) => mean(runs.map((r) => (r.series[i]?.[day - 1] ?? 0) as number)));
    const squares = fitted.map((s, k) => ((s - (goal.values[k] as number)) / goal.scale) ** 2);
    const m = mean(squares);
    sum += goal.weight * m;
    weights += goal.weight;
    return { label: goal.label, kind: "series", observed: goal.days.length, simulated: mean(fitted), error: Math.sqrt(m), weight: goal.weight, fitted };
  });
  return { error: weights > 0 ? Math.sqrt(sum / weights) : 0, goals: results };
}

/**
 * The seeds' own noise at a candidate: for each pair of consecutive runs (r, r + 1), each goal's
 * difference run r − run r + 1 relative to the goal's scale, on each observed day for a series
 * and as one number for a summary figure. The parameters being the same, it is noise alone;
 * src/fit/posterior.ts measures the parameters' uncertainty with it. Empty with one run.
 */
export function runDifferences(goals: readonly Goal[], runs: readonly RunFigures[]): number[][][] {
  return runs.slice(1).map((run, r) => {
    const other = runs[r] as RunFigures;
    let metricIndex = 0;
    let seriesIndex = 0;
    return goals.map((goal) => {
      if (goal.kind === "metric") {
        const i = metricIndex++;
        return [((other.metrics[i] as number) - (run.metrics[i] as number)) / goal.scale];
      }
      const i = seriesIndex++;
      return goal.days.map((day) => ((other.series[i]?.[day - 1] ?? 0) - (run.series[i]?.[day - 1] ?? 0)) / goal.scale);
    });
  });
}
