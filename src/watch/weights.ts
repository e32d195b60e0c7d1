import { halves, logLikelihood, summaryNoise } from "../fit/posterior.js";
import type { Goal } from "../fit/objective.js";

/**
 * The early warning's arithmetic (docs/decide.md, "Early warning"), apart from any run: the
 * likelihood of the observations up to a cut-off day under the fit's error model, the particles'
 * importance weights, their effective size, and the probability of collapse with its interval.
 */

type SeriesGoal = Extract<Goal, { kind: "series" }>;

/** One particle: a draw of the parameters and the runs made with it, over the whole watch horizon. */
export interface Particle {
  /** The parameters in unit coordinates (src/fit/spec.ts, unitOf). */
  unit: number[];
  values: number[];
  /** Each run's simulated series, [run][goal][day − 1], for the series goals in order. */
  runs: (number | null)[][][];
  /** Each run's collapse day (null: it did not collapse within the horizon). */
  collapseDays: (number | null)[];
  /** Why its runs failed (it then weighs nothing). */
  failure: string | null;
}

/** The observations of a series goal up to day t, with the scale they alone give (their mean |value|). */
function goalUpTo(goal: SeriesGoal, t: number): { days: number[]; values: number[]; scale: number } {
  const keep = goal.days.map((d, i) => (d <= t ? i : -1)).filter((i) => i >= 0);
  const values = keep.map((i) => goal.values[i] as number);
  const meanAbs = values.length > 0 ? values.reduce((a, v) => a + Math.abs(v), 0) / values.length : 0;
  return { days: keep.map((i) => goal.days[i] as number), values, scale: meanAbs > 0 ? meanAbs : 1 };
}

const figure = (run: (number | null)[][], goal: number, day: number) => (run[goal]?.[day - 1] ?? 0) as number;

/**
 * Each particle's log synthetic likelihood of the observations up to day t, as the fit's
 * (src/fit/posterior.ts): a series' mean relative residual over the first and the second half
 * of its days ≤ t, the particle's figure being the mean of its runs; the noise measured from the
 * differences between each particle's own runs (luck alone), pooled over the better half of the
 * particles by their root mean square residual. Nothing after day t is read, the residuals'
 * scale included. −Infinity for a failed particle; all 0 when no observation is ≤ t (the prior).
 */
export function logLikelihoodsAt(goals: readonly SeriesGoal[], particles: readonly Particle[], t: number): number[] {
  const cut = goals.map((g) => goalUpTo(g, t));
  const active = cut.map((c, i) => c.days.length > 0 && (goals[i] as SeriesGoal).weight > 0);
  if (!active.some(Boolean)) return particles.map((p) => (p.failure === null ? 0 : -Infinity));
  const seeds = Math.max(1, ...particles.map((p) => p.runs.length));
  const scored = particles.map((p, index) => {
    if (p.failure !== null || p.runs.length === 0) return null;
    const residuals = cut.map((c, g) =>
      c.days.map((day, k) => (p.runs.reduce((s, run) => s + figure(run, g, day), 0) / p.runs.length - (c.values[k] as number)) / c.scale),
    );
    const differences = p.runs
      .slice(1)
      .map((run, r) => cut.map((c, g) => c.days.map((day) => (figure(p.runs[r] as (number | null)[][], g, day) - figure(run, g, day)) / c.scale)));
    let sum = 0;
    let weight = 0;
    residuals.forEach((rs, g) => {
      if (!active[g] || rs.length === 0) return;
      const w = (goals[g] as SeriesGoal).weight;
      sum += (w * rs.reduce((a, x) => a + x * x, 0)) / rs.length;
      weight += w;
    });
    return { index, summaries: residuals.map((rs) => halves(rs)), differences, error: Math.sqrt(sum / weight) };
  });
  const ranked = scored.filter((s): s is NonNullable<typeof s> => s !== null).sort((a, b) => a.error - b.error || a.index - b.index);
  if (ranked.length === 0) return particles.map(() => -Infinity);
  const pooled = ranked.slice(0, Math.max(1, Math.ceil(ranked.length / 2))).flatMap((s) => s.differences);
  const noise = summaryNoise((ranked[0] as NonNullable<(typeof scored)[number]>).summaries, pooled, seeds, active);
  return scored.map((s) => (s === null ? -Infinity : logLikelihood(s.summaries, noise, active)));
}

/**
 * Self-normalised importance weights: likelihood × prior / proposal, the prior flat over the
 * parameters' box in unit coordinates (as the fit's). Summing to 1; all 0 when nothing is finite.
 */
export function importanceWeights(logLikelihoods: readonly number[], logProposals: readonly number[]): number[] {
  const logs = logLikelihoods.map((l, i) => l - (logProposals[i] as number));
  const finite = logs.filter((l) => Number.isFinite(l));
  if (finite.length === 0) return logs.map(() => 0);
  const top = Math.max(...finite);
  const raw = logs.map((l) => (Number.isFinite(l) ? Math.exp(l - top) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** Kish's effective sample size, 1 / Σ w² (weights summing to 1): how many equal draws they are worth. */
export function effectiveSize(weights: readonly number[]): number {
  const s = weights.reduce((a, w) => a + w * w, 0);
  return s > 0 ? 1 / s : 0;
}

/** The standard normal quantile of a two-sided 90% interval. */
export const Z90 = 1.6448536269514722;

/**
 * The Wilson score interval for a proportion p estimated from n draws (Wilson 1927), here n the
 * weights' effective sample size: the Monte Carlo uncertainty of a weighted share. Within [0, 1].
 */
export function wilsonInterval(p: number, n: number, z = Z90): { low: number; high: number } {
  if (!(n > 0)) return { low: 0, high: 1 };
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the bound on that side is p itself; rounding must not put it a bit inside.
  return { low: Math.max(0, Math.min(p, centre - half)), high: Math.min(1, Math.max(p, centre + half)) };
}

/**
 * P(collapse by day t + horizon | the observations up to t): the weighted share of the particles'
 * runs that collapsed by then (each particle's runs share its weight equally). A run that
 * collapsed before t counts: a platform already failed has failed within the horizon.
 */
export function collapseProbability(particles: readonly Particle[], weights: readonly number[], t: number, horizon: number): number {
  let p = 0;
  particles.forEach((particle, i) => {
    const w = weights[i] as number;
    if (w === 0 || particle.collapseDays.length === 0) return;
    const hits = particle.collapseDays.filter((d) => d !== null && d <= t + horizon).length;
    p += (w * hits) / particle.collapseDays.length;
  });
  return Math.min(1, Math.max(0, p));
}
