import { cholesky, mahalanobis, type Gaussian } from "./sampling.js";

/**
 * How sure the fit is of its parameters (docs/fit.md, "How sure: the parameters' uncertainty"):
 * a Gaussian synthetic likelihood (Wood 2010) of a few summaries of each target, whose noise
 * comes from the seeds.
 *
 * The summaries: a summary target's relative error; a series' mean relative residual over the
 * first and over the second half of its observed days (its level and its trend). Not each day:
 * a simulated day is as noisy as an observed one, and a run's noise is drawn afresh when a
 * parameter changes, so a candidate's day-by-day error rises and falls with its luck. Weighting
 * candidates by it would crown the lucky ones; a mean over many days carries far less luck.
 *
 * The noise of the summaries is that of (one run − the mean of `seeds` runs), measured from the
 * differences between the fit's own runs of a candidate, pooled over the better half of the
 * candidates: the same summaries of a difference of two runs, so a series' days need no assumption of
 * independence (a cumulative count carries every earlier day's luck; daily orders do not), and
 * their covariance, so targets that share their luck are not counted twice.
 */

/**
 * What each summary's noise variance has added: (1% of its scale)², the precision of a
 * published or exported figure. A figure with no noise between seeds (arrivals that follow their model
 * exactly) would otherwise pin its parameter to a point.
 */
const NOISE_FLOOR = 1e-4;

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** A series' summaries: the mean of its first half and of its second half (one mean under 2 days). */
export function halves(xs: readonly number[]): number[] {
  const half = Math.ceil(xs.length / 2);
  return xs.length < 2 ? [mean(xs)] : [mean(xs.slice(0, half)), mean(xs.slice(half))];
}

/** One goal's summaries at a candidate: a summary target's signed relative error; a series' relative residuals by halves. */
export function goalSummaries(kind: "metric" | "series", error: number, residuals: readonly number[]): number[] {
  return kind === "metric" ? [error] : halves(residuals);
}

/** The noise of the summaries, jointly: a zero-mean Gaussian over every active goal's summaries in order. */
export interface SummaryNoise {
  gaussian: Gaussian;
  /** Each goal's summaries' variances (the diagonal; [] for a goal without weight), for fit.json. */
  variances: number[][];
}

/** Every active goal's summaries, in order, as one vector. */
function flatten(summaries: readonly (readonly number[])[], active: readonly boolean[]): number[] {
  return summaries.flatMap((xs, t) => (active[t] ? [...xs] : []));
}

/** A difference's summaries: a summary figure's difference as it is, a series' by halves. */
const differenceSummaries = (pair: readonly (readonly number[])[]) => pair.map((d) => (d.length === 1 ? [...d] : halves(d)));

/**
 * The summaries' noise: their covariance, not only each one's variance, because targets share
 * their luck (orders and turnover are nearly the same figure; a series' two halves share the
 * users that order in both), and counting shared luck twice would make the fit look surer than
 * it is. differences: the seeds' differences (src/fit/objective.ts, runDifferences) of
 * candidates near the best, each [goal][day]; a difference of two runs has twice one run's
 * covariance. The observations are one run and a candidate's figures the mean of `seeds` runs:
 * × (1 + 1/seeds). NOISE_FLOOR is added to each variance. With one seed per candidate there are
 * no differences: each summary's own square at the best is its variance, the only estimate there is.
 */
export function summaryNoise(
  atBest: readonly (readonly number[])[],
  differences: readonly (readonly (readonly number[])[])[],
  seeds: number,
  active: readonly boolean[],
): SummaryNoise {
  const best = flatten(atBest, active);
  const n = best.length;
  const cov = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  if (differences.length > 0) {
    const samples = differences.map((pair) => flatten(differenceSummaries(pair), active));
    const factor = (1 + 1 / seeds) / (2 * samples.length);
    for (const y of samples)
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) (cov[i] as number[])[j] = ((cov[i] as number[])[j] as number) + factor * (y[i] as number) * (y[j] as number);
  } else best.forEach((x, i) => ((cov[i] as number[])[i] = x * x));
  cov.forEach((row, i) => (row[i] = (row[i] as number) + NOISE_FLOOR));
  let k = 0;
  const variances = atBest.map((xs, t) => (active[t] ? xs.map(() => (cov[k] as number[])[k++] as number) : []));
  return { gaussian: { mean: new Array<number>(n).fill(0), chol: cholesky(cov) }, variances };
}

/** A candidate's log synthetic likelihood: −½ of its active summaries' squared Mahalanobis distance from 0 (−Infinity: it failed). */
export function logLikelihood(own: readonly (readonly number[])[] | null, noise: SummaryNoise, active: readonly boolean[]): number {
  if (own === null) return -Infinity;
  return -0.5 * mahalanobis(noise.gaussian, flatten(own, active));
}

/** Weights ∝ exp(log-likelihood), relative to the largest so nothing underflows there; summing to 1. */
export function normalise(logs: readonly number[]): number[] {
  const top = Math.max(...logs);
  const raw = logs.map((l) => (Number.isFinite(l) && Number.isFinite(top) ? Math.exp(l - top) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (total > 0 ? w / total : 0));
}

/** The p-quantile of values under weights (the smallest value whose cumulative weight reaches p). */
export function weightedQuantile(values: readonly number[], weights: readonly number[], p: number): number | null {
  const order = values
    .map((v, i) => ({ v, w: weights[i] as number }))
    .filter((x) => x.w > 0)
    .sort((a, b) => a.v - b.v);
  const total = order.reduce((a, x) => a + x.w, 0);
  if (order.length === 0 || total <= 0) return null;
  let cumulative = 0;
  for (const x of order) {
    cumulative += x.w;
    if (cumulative >= p * total - 1e-12) return x.v;
  }
  return (order[order.length - 1] as { v: number }).v;
}

/** n indices drawn with replacement in proportion to the weights, from a seeded generator. */
export function drawIndices(weights: readonly number[], n: number, random: () => number): number[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return Array.from({ length: n }, () => {
    const u = random() * total;
    const i = cumulative.findIndex((c) => c > u);
    return i < 0 ? weights.length - 1 : i;
  });
}
