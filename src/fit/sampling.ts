/**
 * Population Monte Carlo (Cappé et al. 2004) over the parameters in unit coordinates: draws
 * from the synthetic likelihood of src/fit/posterior.ts with fresh candidates, rather than reading
 * it off the search's own candidates, which cluster where Nelder–Mead went and so say more about
 * the search's path than about what the data allow. Each round draws from a Gaussian, truncated
 * to the box, and weights every draw by likelihood / proposal (a flat prior over the unit box:
 * flat in the logarithm for `scale: log`); the next round's Gaussian is the weighted draws' mean
 * and covariance, widened. Every round's draws, weighted for the likelihood itself, are pooled
 * in proportion to their effective sample sizes (each round a self-normalised estimate).
 */

export interface Gaussian {
  mean: number[];
  /** Lower-triangular Cholesky factor of the covariance. */
  chol: number[][];
}

/** The Cholesky factor of a symmetric positive-definite matrix, with `jitter` added to the diagonal if needed. */
export function cholesky(a: readonly (readonly number[])[], jitter = 1e-10): number[][] {
  const n = a.length;
  for (let attempt = 0; attempt < 20; attempt++) {
    const extra = attempt === 0 ? 0 : jitter * 10 ** attempt;
    const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = ((a[i] as number[])[j] as number) + (i === j ? extra : 0);
        for (let p = 0; p < j; p++) s -= ((l[i] as number[])[p] as number) * ((l[j] as number[])[p] as number);
        if (i === j) {
          if (!(s > 0)) ok = false;
          else (l[i] as number[])[i] = Math.sqrt(s);
        } else (l[i] as number[])[j] = s / ((l[j] as number[])[j] as number);
      }
    }
    if (ok) return l;
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1e-3 : 0)));
}

/** Squared Mahalanobis distance of x from the Gaussian (forward substitution with its Cholesky factor). */
export function mahalanobis(g: Gaussian, x: readonly number[]): number {
  const n = g.mean.length;
  const z = new Array<number>(n).fill(0);
  let d = 0;
  for (let i = 0; i < n; i++) {
    let s = (x[i] as number) - (g.mean[i] as number);
    for (let p = 0; p < i; p++) s -= ((g.chol[i] as number[])[p] as number) * (z[p] as number);
    z[i] = s / ((g.chol[i] as number[])[i] as number);
    d += (z[i] as number) ** 2;
  }
  return d;
}

/** A standard normal from two uniforms (Box–Muller). */
function normal(random: () => number): number {
  const u = Math.max(random(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** n draws from the Gaussian truncated to [0, 1]^k (rejection; a draw that keeps failing is clamped). */
export function drawTruncated(g: Gaussian, n: number, random: () => number): number[][] {
  const k = g.mean.length;
  return Array.from({ length: n }, () => {
    let x: number[] = [];
    for (let attempt = 0; attempt < 1000; attempt++) {
      const z = Array.from({ length: k }, () => normal(random));
      x = g.mean.map((m, i) => m + (g.chol[i] as number[]).reduce((s, c, p) => s + c * (z[p] as number), 0));
      if (x.every((v) => v >= 0 && v <= 1)) return x;
    }
    return x.map((v) => Math.min(1, Math.max(0, v)));
  });
}

/** exp(logs − max), summing to 1 (uniform when every log is −Infinity). */
function selfNormalised(logs: readonly number[]): number[] {
  const finite = logs.filter((w) => Number.isFinite(w));
  const top = finite.length > 0 ? Math.max(...finite) : 0;
  const raw = logs.map((w) => (Number.isFinite(w) ? Math.exp(w - top) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => (total > 0 ? w / total : 1 / raw.length));
}

/** The weighted mean and covariance of points, the covariance scaled by `widen` and floored at `floor` on the diagonal. */
export function fitGaussian(points: readonly (readonly number[])[], weights: readonly number[], widen: number, floor: number): Gaussian {
  const k = (points[0] ?? []).length;
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const mean = Array.from({ length: k }, (_, i) => points.reduce((s, x, j) => s + ((weights[j] as number) * (x[i] as number)) / total, 0));
  const cov = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      const c = points.reduce(
        (s, x, p) => s + ((weights[p] as number) * ((x[i] as number) - (mean[i] as number)) * ((x[j] as number) - (mean[j] as number))) / total,
        0,
      );
      return widen * c + (i === j ? floor : 0);
    }),
  );
  return { mean, chol: cholesky(cov) };
}

export interface PmcOptions {
  /**
   * One per round, the last 1: round r aims at likelihood^temperature[r] (annealing). Early
   * rounds aim at a flattened likelihood, so their draws spread over everything the data do not
   * rule out before later rounds narrow in; without it a first proposal fitted to a few lucky
   * candidates never leaves them.
   */
  temperatures: number[];
  perRound: number;
  /** The first proposal's covariance is the seeding points' weighted covariance × this; later ones × `widen`. */
  firstWiden: number;
  widen: number;
  /** Added to each variance (unit coordinates): keeps a proposal from collapsing onto one point. */
  floor: number;
  random: () => number;
}

/**
 * seed: points and weights to start from (the search's candidates under the first temperature's likelihood);
 * logLikelihood: of a batch of unit points (−Infinity for a failed one). Returns every round's
 * points and their pooled importance weights (summing to 1).
 */
export async function populationMonteCarlo(
  seed: { points: number[][]; weights: number[] },
  logLikelihood: (points: number[][]) => Promise<number[]>,
  options: PmcOptions,
): Promise<{ points: number[][]; weights: number[] }> {
  let proposal = fitGaussian(seed.points, seed.weights, options.firstWiden, options.floor);
  const all: { points: number[][]; weights: number[]; ess: number }[] = [];
  const rounds = options.temperatures.length;
  for (let round = 0; round < rounds; round++) {
    const temperature = options.temperatures[round] as number;
    const points = drawTruncated(proposal, options.perRound, options.random);
    const ll = await logLikelihood(points);
    // The truncation's normalising constant is the same for every draw of a round: it cancels.
    const mahal = points.map((x) => 0.5 * mahalanobis(proposal, x));
    const tempered = selfNormalised(points.map((_, i) => temperature * (ll[i] as number) + (mahal[i] as number)));
    // Every round's draws also estimate the target itself (temperature 1): kept, to be pooled.
    const target = selfNormalised(points.map((_, i) => (ll[i] as number) + (mahal[i] as number)));
    all.push({ points, weights: target, ess: 1 / target.reduce((a, w) => a + w * w, 0) });
    if (round < rounds - 1) proposal = fitGaussian(points, tempered, options.widen, options.floor);
  }
  // The rounds pooled, each round's self-normalised weights scaled by its effective sample size.
  const totalEss = all.reduce((a, r) => a + (Number.isFinite(r.ess) ? r.ess : 0), 0);
  const points = all.flatMap((r) => r.points);
  const weights = all.flatMap((r) => r.weights.map((w) => (totalEss > 0 && Number.isFinite(r.ess) ? (w * r.ess) / totalEss : 0)));
  return { points, weights };
}
