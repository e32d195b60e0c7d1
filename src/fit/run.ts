import { availableParallelism } from "node:os";
import seedrandom from "seedrandom";
import { evaluateGoals, runDifferences, type Goal, type GoalResult, type RunFigures } from "./objective.js";
import { searchBest, type Stage, type StageEvaluate } from "./driver.js";
import { drawIndices, goalSummaries, logLikelihood, normalise, summaryNoise, weightedQuantile } from "./posterior.js";
import { populationMonteCarlo } from "./sampling.js";
import { unitOf, valueAt, type LoadedFit } from "./spec.js";
import { WorkerPool } from "../parallel/pool.js";
import { FitInterrupted, ScenarioError } from "../errors.js";
import { quantile } from "../sweep/stats.js";
import type { FitJob, FitJobResult, FitWorkerData } from "./worker.js";
import { problem } from "../scenario/problem.js";
import { words } from "../i18n/words.js";

/** Columns the projection draws besides the observed ones. */
export const PROJECTION_COLUMNS = ["users_total", "liabilities", "platform_cash"] as const;
/** A parameter moved by this share of its range (each way) measures how sharply the error depends on it. */
export const PROFILE_STEP = 0.05;
/** Below this rise of the error at ± PROFILE_STEP, a parameter is flagged as not identifiable. */
export const FLAT_RISE = 0.002;
/** Candidates with an error within NEAR_FACTOR × best + NEAR_MARGIN count as fitting almost as well. */
const NEAR_FACTOR = 1.05;
const NEAR_MARGIN = 0.005;
/** A parameter whose near-best candidates span more than this share of its range is flagged too. */
const WIDE_SPREAD = 0.5;

/** A fitted value within this share of its range (in unit coordinates) of either end is flagged. */
const EDGE_SHARE = 0.01;
/** The parameters' interval in fit.json: this central share of their posterior weight. */
export const INTERVAL = 0.9;
/** Population Monte Carlo (src/fit/sampling.ts): each round's temperature (the last 1), and draws per round per parameter. */
const POSTERIOR_TEMPERATURES = [0.01, 0.05, 0.2, 0.5, 1, 1];
const POSTERIOR_DRAWS_PER_PARAMETER = 24;
/** Draws per posterior round: POSTERIOR_DRAWS_PER_PARAMETER per parameter, at most half the search's budget, at least 8. */
function posteriorDraws(k: number, maxCandidates: number): number {
  return Math.max(8, Math.min(POSTERIOR_DRAWS_PER_PARAMETER * k, Math.floor(maxCandidates / 2)));
}
/** The seeds' noise is pooled over this share of the candidates, those nearest the best (lowest errors). */
const NOISE_POOL = 0.5;

interface Candidate {
  index: number;
  stage: Stage;
  values: number[];
  error: number;
  goals: GoalResult[] | null;
  /** Why its runs failed (its error is then Infinity). */
  failure: string | null;
  /** The same in Chinese, for a zh-CN terminal and a zh-CN fit's fit.csv (failureZh). */
  failureZh?: string | null;
  /** The seeds' differences, [pair of runs][target][day] (empty with one seed): the noise src/fit/posterior.ts measures. */
  runDifferences: number[][][];
}

interface ParameterResult {
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
  /**
   * The central INTERVAL of the value under the candidates' posterior weights (docs/fit.md),
   * widened to take in the fitted value when the least-error candidate lies outside it: an
   * interval that left out the point that fits best would call it implausible.
   */
  interval: { low: number; high: number };
  /** The posterior's central INTERVAL before that widening (the projection draws from the posterior). */
  posteriorInterval: { low: number; high: number };
  /** Which end of its range the fitted value sits on (within EDGE_SHARE), if any. */
  edge: "from" | "to" | null;
  edgeWarning: string | null;
}

interface Band {
  p5: (number | null)[];
  p50: (number | null)[];
  p95: (number | null)[];
}

interface Projection {
  seeds: number;
  days: number;
  collapsedShare: number;
  /** Collapse day percentiles over the seeds; a run that did not collapse counts as the day after its horizon. */
  collapseDay: { p5: number; p50: number; p95: number } | null;
  collapseDays: (number | null)[];
  /** Run r's parameter values (drawn from the posterior, candidate `candidate`) and seed. */
  runs: { seed: number; candidate: number; values: number[] }[];
  bands: Record<string, Band>;
  failed: number;
}

interface Uncertainty {
  /** Each target's summaries' noise variances (docs/fit.md). */
  noise: number[][];
  /** The posterior sample: candidates (by index, repeats possible) and their weights, summing to 1. */
  draws: number[];
  weights: number[];
  /** 1 / Σ w²: how many equally weighted draws the sample is worth. */
  effectiveDraws: number;
}

export interface FitOutcome {
  candidates: Candidate[];
  best: Candidate;
  parameters: ParameterResult[];
  projection: Projection | null;
  uncertainty: Uncertainty;
  stop: "converged" | "budget";
  /** Nelder–Mead runs after the first, each from a better point found later (docs/fit.md). */
  restarts: number;
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
    const xs = runs
      .map((r) => r[d])
      .filter((v): v is number => typeof v === "number")
      .sort((a, b) => a - b);
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
  const expected = spec.start + spec.maxCandidates + 2 * k + POSTERIOR_TEMPERATURES.length * posteriorDraws(k, spec.maxCandidates);
  const totalRuns = expected * spec.seeds + spec.project.seeds;
  const data: FitWorkerData = {
    fitData: loaded.fitData,
    projectData: loaded.baseData,
    keys: spec.parameters.map((p) => p.key),
    metrics: metricGoals.map((g) => g.metric),
    columns,
  };
  const pool = new WorkerPool<FitJob, FitJobResult>(new URL("./worker.js", import.meta.url), Math.min(options.workers ?? availableParallelism(), 64), data);
  const candidates: Candidate[] = [];
  const cache = new Map<string, Candidate>();
  let runs = 0;
  let bestError = Infinity;
  const progress = () => options.onProgress?.(runs, Math.max(totalRuns, runs), bestError);
  // Each batch's results come back in its jobs' order, so the fit is the same with any number of workers.
  const runBatch = (jobs: FitJob[]) =>
    pool.map(jobs, {
      onResult: () => {
        runs++;
        progress();
      },
      shouldStop: options.shouldStop,
      stopped: () => new FitInterrupted(),
    });
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
      const candidate: Candidate = { index: candidates.length, stage, values, error: Infinity, goals: null, failure: null, runDifferences: [] };
      cache.set(key, candidate);
      candidates.push(candidate);
      fresh.push(candidate);
    }
    const jobs: FitJob[] = fresh.flatMap((c) => seeds.map((seed) => ({ id: nextJob++, values: c.values, seed, project: false })));
    const results = await runBatch(jobs);
    fresh.forEach((c, i) => {
      const mine = results.slice(i * seeds.length, (i + 1) * seeds.length);
      const failed = mine.find((r) => r.error !== null);
      if (failed) {
        c.failure = failed.error;
        c.failureZh = failed.errorZh;
        return;
      }
      const figures = mine.map(figuresOf);
      const evaluation = evaluateGoals(goals, figures);
      c.runDifferences = runDifferences(goals, figures);
      c.error = evaluation.error;
      c.goals = evaluation.goals;
      if (c.error < bestError) bestError = c.error;
    });
    progress();
    return wanted.map((values) => (cache.get(JSON.stringify(values)) as Candidate).error);
  };

  const candidateAt = (u: readonly number[]) => cache.get(JSON.stringify(spec.parameters.map((p, i) => valueAt(p, u[i] as number)))) as Candidate;
  const summariesOf = (c: Candidate) =>
    c.goals === null
      ? null
      : c.goals.map((r, t) => {
          const g = goals[t] as Goal;
          return goalSummaries(g.kind, r.error, g.kind === "series" ? (r.fitted ?? []).map((f, d) => (f - (g.values[d] as number)) / g.scale) : []);
        });
  const active = goals.map((g) => g.weight > 0);
  const bestSoFar = () => candidates.reduce((a, c) => (c.error < a.error ? c : a), candidates[0] as Candidate);
  let sample: Uncertainty | null = null;
  /** The parameters' uncertainty: draws from the synthetic likelihood around the settled search (docs/fit.md). */
  const explore = async (run: StageEvaluate) => {
    const evaluated = () => candidates.filter((c) => c.goals !== null);
    const ranked = evaluated().sort((a, b) => a.error - b.error || a.index - b.index);
    // Candidates that drew the same luck (their parameters consumed the generator alike) count once.
    const seen = new Set<string>();
    const differences = ranked
      .slice(0, Math.max(1, Math.ceil(ranked.length * NOISE_POOL)))
      .flatMap((c) => c.runDifferences)
      .filter((d) => {
        const key = JSON.stringify(d);
        return seen.has(key) ? false : (seen.add(key), true);
      });
    const noise = summaryNoise(summariesOf(bestSoFar()) ?? [], differences, spec.seeds, active);
    const seeding = evaluated();
    const result = await populationMonteCarlo(
      {
        points: seeding.map((c) => spec.parameters.map((p, i) => unitOf(p, c.values[i] as number))),
        weights: normalise(seeding.map((c) => (POSTERIOR_TEMPERATURES[0] as number) * logLikelihood(summariesOf(c), noise, active))),
      },
      async (points) => {
        await run(points, "posterior");
        return points.map((u) => logLikelihood(summariesOf(candidateAt(u)), noise, active));
      },
      {
        temperatures: POSTERIOR_TEMPERATURES,
        perRound: posteriorDraws(k, spec.maxCandidates),
        firstWiden: 4,
        widen: 2,
        floor: 1e-6,
        random: seedrandom(`pointsim-fit-posterior:${String(spec.seed)}`),
      },
    );
    sample = {
      noise: noise.variances,
      draws: result.points.map((u) => candidateAt(u).index),
      weights: result.weights,
      effectiveDraws: 1 / result.weights.reduce((a, w) => a + w * w, 0),
    };
  };

  try {
    const random = seedrandom(`pointsim-fit-start:${String(spec.seed)}`);
    const found = await searchBest(evaluate, k, {
      start: spec.start,
      maxCandidates: spec.maxCandidates,
      tolerance: spec.tolerance,
      profileStep: PROFILE_STEP,
      random,
      explore,
    });
    if (found === null) {
      const failed = candidates.find((c) => c.failure !== null);
      const failure = failed?.failure ? { en: failed.failure.slice(0, 300), zh: (failed.failureZh ?? failed.failure).slice(0, 300) } : words("found.noFigures");
      throw new ScenarioError(loaded.file, [problem("parameters", words("expected.runnableRanges"), words("found.everyCandidateFailed", { failure }))]);
    }
    // The best candidate of all (the first, on ties): the one the search ended on is the same point.
    const best = bestSoFar();
    const { sides, sideErrors } = found;
    const centre = spec.parameters.map((p, i) => valueAt(p, found.best[i] as number));
    const near = candidates.filter((c) => c.error <= best.error * NEAR_FACTOR + NEAR_MARGIN);
    // Without a settled search (a guard in the driver) there is no sample: the best alone.
    const post: Uncertainty = sample ?? { noise: [], draws: [best.index], weights: [1], effectiveDraws: 1 };
    const parameters: ParameterResult[] = spec.parameters.map((p, i) => {
      const rises = [sideErrors[2 * i], sideErrors[2 * i + 1]]
        // A side that rounds (or is clamped) to the profiled value itself says nothing.
        .filter((e, s) => Number.isFinite(e as number) && valueAt(p, (sides[2 * i + s] as number[])[i] as number) !== centre[i])
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
      const value = best.values[i] as number;
      const all = post.draws.map((c) => (candidates[c] as Candidate).values[i] as number);
      const tail = (1 - INTERVAL) / 2;
      const posteriorInterval = { low: weightedQuantile(all, post.weights, tail) ?? value, high: weightedQuantile(all, post.weights, 1 - tail) ?? value };
      const interval = { low: Math.min(posteriorInterval.low, value), high: Math.max(posteriorInterval.high, value) };
      const edge = edgeOf(unitOf(p, value));
      const edgeWarning =
        edge === null
          ? null
          : `at the ${edge === "from" ? "low" : "high"} end of its range (${value}, within ${EDGE_SHARE * 100}% of ${edge === "from" ? p.range.from : p.range.to}): the best fit may lie outside the range; widen it and fit again`;
      return {
        key: p.key,
        value,
        from: p.range.from,
        to: p.range.to,
        scale: p.scale,
        sharpness,
        nearBest: { low, high },
        identifiable: warning === null,
        warning,
        interval,
        posteriorInterval,
        edge,
        edgeWarning,
      };
    });
    const draws = drawIndices(post.weights, spec.project.seeds, seedrandom(`pointsim-fit-draws:${String(spec.seed)}`)).map((d) => post.draws[d] as number);
    const projection = spec.project.seeds > 0 ? await project(draws) : null;
    return { candidates, best, parameters, projection, uncertainty: post, stop: found.stop, restarts: found.restarts, runs, seeds };
  } finally {
    await pool.close();
  }

  /** Run r: the parameters of candidate draws[r] on the seed of the fit's run r (parameter uncertainty paired with seed noise). */
  async function project(draws: number[]): Promise<Projection> {
    const runsOf = draws.map((c, r) => ({ seed: fitSeed(spec.seed, r), candidate: c, values: (candidates[c] as Candidate).values }));
    const jobs: FitJob[] = runsOf.map((run) => ({ id: nextJob++, values: run.values, seed: run.seed, project: true }));
    const results = await runBatch(jobs);
    const ok = results.filter((r) => r.error === null);
    const days = Math.max(0, ...ok.map((r) => r.days));
    const bands: Record<string, Band> = {};
    columns.forEach(
      (c, i) =>
        (bands[c] = band(
          ok.map((r) => r.series[i] ?? []),
          days,
        )),
    );
    const collapseDays = results.map((r) => (r.error === null ? r.collapseDay : null));
    const counted = ok.map((r) => r.collapseDay ?? r.days + 1).sort((a, b) => a - b);
    const collapsed = ok.filter((r) => r.collapseDay !== null).length;
    return {
      seeds: spec.project.seeds,
      days,
      collapsedShare: ok.length > 0 ? collapsed / ok.length : 0,
      collapseDay:
        counted.length > 0 ? { p5: quantile(counted, 0.05) as number, p50: quantile(counted, 0.5) as number, p95: quantile(counted, 0.95) as number } : null,
      collapseDays,
      runs: runsOf,
      bands,
      failed: results.length - ok.length,
    };
  }
}

/** Which end of the unit interval u lies within EDGE_SHARE of, if any. */
export function edgeOf(u: number): "from" | "to" | null {
  if (u <= EDGE_SHARE + 1e-12) return "from";
  if (u >= 1 - EDGE_SHARE - 1e-12) return "to";
  return null;
}

/** The fit's figures that --fail-if reads (docs/fit.md). */
export function fitMetrics(outcome: FitOutcome): Record<string, unknown> {
  const goals = outcome.best.goals ?? [];
  return {
    error: outcome.best.error,
    maxTargetError: Math.max(0, ...goals.map((g) => Math.abs(g.error))),
    unidentified: outcome.parameters.filter((p) => !p.identifiable).length,
    atEdge: outcome.parameters.filter((p) => p.edge !== null).length,
    candidates: outcome.candidates.length,
    runs: outcome.runs,
    converged: outcome.stop === "converged",
    collapsedShare: outcome.projection?.collapsedShare ?? null,
    collapseDay: outcome.projection?.collapseDay?.p50 ?? null,
  };
}
