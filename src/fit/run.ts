import { availableParallelism } from "node:os";
import seedrandom from "seedrandom";
import { ScenarioError } from "../scenario/problems.js";
import { evaluateGoals, type Goal, type GoalResult, type RunFigures } from "./objective.js";
import { latinHypercube, nelderMead } from "./search.js";
import { unitOf, valueAt, type LoadedFit } from "./spec.js";
import { FitPool } from "./pool.js";
import { quantile } from "../sweep/stats.js";
import type { FitJob, FitJobResult } from "./worker.js";

/** Columns the projection draws besides the observed ones. */
export const PROJECTION_COLUMNS = ["users_total", "liabilities", "platform_cash"] as const;
/** A parameter moved by this share of its range (each way) measures how sharply the error depends on it. */
export const PROFILE_STEP = 0.05;
/** Below this rise of the error at ± PROFILE_STEP, a parameter is flagged as not identifiable. */
export const FLAT_RISE = 0.002;
/** Candidates with an error within NEAR_FACTOR × best + NEAR_MARGIN count as fitting almost as well. */
export const NEAR_FACTOR = 1.05;
export const NEAR_MARGIN = 0.005;
/** A parameter whose near-best candidates span more than this share of its range is flagged too. */
export const WIDE_SPREAD = 0.5;

export type Stage = "start" | "search" | "profile";

export interface Candidate {
  index: number;
  stage: Stage;
  values: number[];
  error: number;
  goals: GoalResult[] | null;
  /** Why its runs failed (its error is then Infinity). */
  failure: string | null;
}

export interface ParameterResult {
  key: string;
  value: number;
  from: number;
  to: number;
  scale: "linear" | "log";
  /** Mean rise of the error when the parameter alone moves PROFILE_STEP of its range each way (null: both sides failed). */
  sharpness: number | null;
  /** The lowest and highest value among candidates fitting almost as well as the best. */
  nearBest: { low: number; high: number };
  identifiable: boolean;
  warning: string | null;
}

export interface Band {
  p5: (number | null)[];
  p50: (number | null)[];
  p95: (number | null)[];
}

export interface Projection {
  seeds: number;
  days: number;
  collapsedShare: number;
  /** Collapse day percentiles over the seeds; a run that did not collapse counts as the day after its horizon. */
  collapseDay: { p5: number; p50: number; p95: number } | null;
  collapseDays: (number | null)[];
  bands: Record<string, Band>;
  failed: number;
}

export interface FitOutcome {
  candidates: Candidate[];
  best: Candidate;
  parameters: ParameterResult[];
  projection: Projection | null;
  stop: "converged" | "budget";
  runs: number;
  seeds: number[];
}

export interface FitRunOptions {
  workers?: number;
  onProgress?: (done: number, total: number, best: number) => void;
  shouldStop?: () => boolean;
}

/** The seed of a candidate's replica r (the projection's run r uses it too, so it extends the fit's run r past the observed days). */
export function fitSeed(seed: string | number, replica: number): number {
  return seedrandom(`pointsim-fit:${String(seed)}:${replica}`).int32() >>> 0;
}

function band(runs: readonly (number | null)[][], days: number): Band {
  const out: Band = { p5: [], p50: [], p95: [] };
  for (let d = 0; d < days; d++) {
    const xs = runs.map((r) => r[d]).filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
    out.p5.push(quantile(xs, 0.05));
    out.p50.push(quantile(xs, 0.5));
    out.p95.push(quantile(xs, 0.95));
  }
  return out;
}

/**
 * Fits the parameters (docs/fit.md): a Latin hypercube start, Nelder–Mead from its best
 * candidate, a profile of each parameter around the best, then the projection. Every candidate
 * runs on the same seeds; candidates are cached by their rounded values, so a point the search
 * visits twice runs once.
 */
export async function runFit(loaded: LoadedFit, options: FitRunOptions = {}): Promise<FitOutcome> {
  const { spec, goals } = loaded;
  const k = spec.parameters.length;
  const seeds = Array.from({ length: spec.seeds }, (_, r) => fitSeed(spec.seed, r));
  const columns = [...new Set([...goals.filter((g) => g.kind === "series").map((g) => g.column), ...PROJECTION_COLUMNS])];
  const metricGoals = goals.filter((g) => g.kind === "metric");
  const seriesColumnIndex = goals.filter((g) => g.kind === "series").map((g) => columns.indexOf(g.column));
  const expected = spec.start + spec.maxCandidates + 2 * k;
  const totalRuns = expected * spec.seeds + spec.project.seeds;
  const pool = new FitPool(Math.max(1, Math.min(options.workers ?? availableParallelism(), 64)), {
    fitData: loaded.fitData,
    projectData: loaded.baseData,
    keys: spec.parameters.map((p) => p.key),
    metrics: metricGoals.map((g) => g.metric),
    columns,
  });
  const candidates: Candidate[] = [];
  const cache = new Map<string, Candidate>();
  let runs = 0;
  let bestError = Infinity;
  const progress = () => options.onProgress?.(runs, Math.max(totalRuns, runs), bestError);
  const shouldStop = options.shouldStop ?? (() => false);
  let nextJob = 0;

  const figuresOf = (r: FitJobResult): RunFigures => ({ metrics: r.metrics, series: seriesColumnIndex.map((c) => r.series[c] ?? []) });

  /** Errors of points in unit coordinates, running the candidates not run yet. */
  const evaluate = async (units: number[][], stage: Stage): Promise<number[]> => {
    const valuesOf = (u: number[]) => spec.parameters.map((p, i) => valueAt(p, u[i] as number));
    const wanted = units.map(valuesOf);
    const fresh: Candidate[] = [];
    for (const values of wanted) {
      const key = JSON.stringify(values);
      if (cache.has(key)) continue;
      const candidate: Candidate = { index: candidates.length, stage, values, error: Infinity, goals: null, failure: null };
      cache.set(key, candidate);
      candidates.push(candidate);
      fresh.push(candidate);
    }
    const jobs: FitJob[] = fresh.flatMap((c) => seeds.map((seed) => ({ id: nextJob++, values: c.values, seed, project: false })));
    const results = await pool.run(jobs, () => {
      runs++;
      progress();
    }, shouldStop);
    fresh.forEach((c, i) => {
      const mine = results.slice(i * seeds.length, (i + 1) * seeds.length);
      const failed = mine.find((r) => r.error !== null);
      if (failed) {
        c.failure = failed.error;
        return;
      }
      const evaluation = evaluateGoals(goals, mine.map(figuresOf));
      c.error = evaluation.error;
      c.goals = evaluation.goals;
      if (c.error < bestError) bestError = c.error;
    });
    progress();
    return wanted.map((values) => (cache.get(JSON.stringify(values)) as Candidate).error);
  };

  try {
    const random = seedrandom(`pointsim-fit-start:${String(spec.seed)}`);
    const start = latinHypercube(spec.start, k, random);
    const startErrors = await evaluate(start, "start");
    let bestStart = 0;
    startErrors.forEach((e, i) => {
      if (e < (startErrors[bestStart] as number)) bestStart = i;
    });
    if (!Number.isFinite(startErrors[bestStart] as number)) {
      const failure = candidates.find((c) => c.failure !== null)?.failure ?? "no figures";
      throw new ScenarioError(loaded.file, [{ path: "parameters", expected: "ranges where the scenario runs", found: `every starting candidate failed, e.g. ${failure.slice(0, 300)}` }]);
    }
    const search = await nelderMead((points) => evaluate(points, "search"), start[bestStart] as number[], startErrors[bestStart] as number, {
      step: 0.1,
      maxEvaluations: spec.maxCandidates,
      ftol: spec.tolerance,
      xtol: 0.001,
    });
    const best = cache.get(JSON.stringify(spec.parameters.map((p, i) => valueAt(p, search.best[i] as number)))) as Candidate;
    const bestUnit = spec.parameters.map((p, i) => unitOf(p, best.values[i] as number));
    // Profile: each parameter alone, PROFILE_STEP of its range either side of the best.
    const sides: number[][] = [];
    bestUnit.forEach((_, i) => {
      for (const sign of [-1, 1]) {
        const u = [...bestUnit];
        u[i] = Math.min(1, Math.max(0, (u[i] as number) + sign * PROFILE_STEP));
        sides.push(u);
      }
    });
    const sideErrors = await evaluate(sides, "profile");
    const near = candidates.filter((c) => c.error <= best.error * NEAR_FACTOR + NEAR_MARGIN);
    const parameters: ParameterResult[] = spec.parameters.map((p, i) => {
      const rises = [sideErrors[2 * i], sideErrors[2 * i + 1]]
        // A side that rounds (or is clamped) to the best value itself says nothing.
        .filter((e, s) => Number.isFinite(e as number) && valueAt(p, (sides[2 * i + s] as number[])[i] as number) !== best.values[i])
        .map((e) => (e as number) - best.error);
      const sharpness = rises.length > 0 ? rises.reduce((a, b) => a + b, 0) / rises.length : null;
      const values = near.map((c) => c.values[i] as number);
      const low = Math.min(...values);
      const high = Math.max(...values);
      const spread = Math.abs(unitOf(p, high) - unitOf(p, low));
      const flat = sharpness !== null && sharpness < FLAT_RISE;
      const wide = spread > WIDE_SPREAD;
      const warning = flat
        ? `not identifiable: moving it ${PROFILE_STEP * 100}% of its range changes the error by ${sharpness.toFixed(4)} (under ${FLAT_RISE}); the targets do not pin it down`
        : wide
          ? `not identifiable: candidates from ${low} to ${high} (${Math.round(spread * 100)}% of its range) fit almost as well`
          : null;
      return { key: p.key, value: best.values[i] as number, from: p.range.from, to: p.range.to, scale: p.scale, sharpness, nearBest: { low, high }, identifiable: warning === null, warning };
    });
    const projection = spec.project.seeds > 0 ? await project(best.values) : null;
    return { candidates, best, parameters, projection, stop: search.stop, runs, seeds };
  } finally {
    await pool.close();
  }

  async function project(values: number[]): Promise<Projection> {
    const jobs: FitJob[] = Array.from({ length: spec.project.seeds }, (_, r) => ({ id: nextJob++, values, seed: fitSeed(spec.seed, r), project: true }));
    const results = await pool.run(jobs, () => {
      runs++;
      progress();
    }, shouldStop);
    const ok = results.filter((r) => r.error === null);
    const days = Math.max(0, ...ok.map((r) => r.days));
    const bands: Record<string, Band> = {};
    columns.forEach((c, i) => (bands[c] = band(ok.map((r) => r.series[i] ?? []), days)));
    const collapseDays = results.map((r) => (r.error === null ? r.collapseDay : null));
    const counted = ok.map((r) => r.collapseDay ?? r.days + 1).sort((a, b) => a - b);
    const collapsed = ok.filter((r) => r.collapseDay !== null).length;
    return {
      seeds: spec.project.seeds,
      days,
      collapsedShare: ok.length > 0 ? collapsed / ok.length : 0,
      collapseDay: counted.length > 0 ? { p5: quantile(counted, 0.05) as number, p50: quantile(counted, 0.5) as number, p95: quantile(counted, 0.95) as number } : null,
      collapseDays,
      bands,
      failed: results.length - ok.length,
    };
  }
}

/** The fit's figures that --fail-if reads (docs/fit.md). */
export function fitMetrics(outcome: FitOutcome): Record<string, unknown> {
  const goals = outcome.best.goals ?? [];
  return {
    error: outcome.best.error,
    maxTargetError: Math.max(0, ...goals.map((g) => Math.abs(g.error))),
    unidentified: outcome.parameters.filter((p) => !p.identifiable).length,
    candidates: outcome.candidates.length,
    runs: outcome.runs,
    converged: outcome.stop === "converged",
    collapsedShare: outcome.projection?.collapsedShare ?? null,
    collapseDay: outcome.projection?.collapseDay?.p50 ?? null,
  };
}

export type { Goal };
