import { drawTruncated, fitGaussian, mahalanobis, type Gaussian } from "../fit/sampling.js";
import { effectiveSize, importanceWeights } from "./weights.js";

/**
 * The watch's particle pool, refreshed where the likelihood is sharp (docs/decide.md, "Early
 * warning"). Every particle ever drawn is kept; its importance weight is likelihood × prior /
 * the deterministic mixture of every proposal used so far (Owen & Zhou 2000; Cornuet et al.
 * 2012, AMIS), so rounds pool rather than replace one another, and no round's draws are wasted.
 * A refresh draws a round from a Gaussian fitted to the pool weighted by the likelihood
 * flattened to the power λ (the largest λ ≤ 1 that keeps an effective size of half a round):
 * annealing, so the proposal narrows in on a sharp likelihood a round at a time rather than
 * sitting on the one or two particles the first look found. Refreshing stops when the pooled
 * effective size reaches its target, or the rounds are spent.
 */

/** A proposal the pool was drawn from: the prior (flat over the unit box) or a Gaussian truncated to the box. */
interface Component {
  /** null: the prior. */
  gaussian: Gaussian | null;
  /** log of the Gaussian's mass inside the box (its truncation's normalising constant); 0 for the prior. */
  logMass: number;
  /** How many particles were drawn from it. */
  count: number;
}

/** Added to each variance of a proposal (unit coordinates): keeps it positive definite, and no wider than a sharp likelihood. */
const FLOOR = 1e-12;
/** The proposal's covariance is the tempered pool's × this. */
const WIDEN = 2;
/** Draws that estimate a proposal's mass inside the box. */
const MASS_DRAWS = 4000;

/** log of the density of a Gaussian at x (normalised over the whole space). */
function logGaussianDensity(g: Gaussian, x: readonly number[]): number {
  const k = g.mean.length;
  const logDet = 2 * g.chol.reduce((s, row, i) => s + Math.log(row[i] as number), 0);
  return -0.5 * (mahalanobis(g, x) + k * Math.log(2 * Math.PI) + logDet);
}

/** A standard normal from two uniforms (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-300))) * Math.cos(2 * Math.PI * random());
}

/** The share of a Gaussian's mass inside [0, 1]^k, estimated from MASS_DRAWS seeded draws (at least one draw's worth). */
export function massInBox(g: Gaussian, random: () => number): number {
  const k = g.mean.length;
  let inside = 0;
  for (let d = 0; d < MASS_DRAWS; d++) {
    const z = Array.from({ length: k }, () => normal(random));
    const x = g.mean.map((m, i) => m + (g.chol[i] as number[]).reduce((s, c, p) => s + c * (z[p] as number), 0));
    if (x.every((v) => v >= 0 && v <= 1)) inside++;
  }
  return Math.max(inside, 1) / MASS_DRAWS;
}

/**
 * log of the deterministic mixture density at each point: Σ count_c · q_c(x) / Σ count_c, each
 * truncated Gaussian normalised by its mass in the box, the prior's density 1 on the box.
 */
export function mixtureLogDensities(points: readonly (readonly number[])[], components: readonly Component[]): number[] {
  const total = components.reduce((a, c) => a + c.count, 0);
  return points.map((x) => {
    const logs = components.map((c) => Math.log(c.count / total) + (c.gaussian === null ? 0 : logGaussianDensity(c.gaussian, x) - c.logMass));
    const top = Math.max(...logs);
    return top + Math.log(logs.reduce((s, l) => s + Math.exp(l - top), 0));
  });
}

/**
 * Importance weights flattened to the power λ: likelihood^λ / proposal, λ the largest in [0, 1]
 * whose weights keep an effective size of `target` (bisection). Those a refresh fits its
 * proposal to: a proposal fitted to one or two particles would sit on them.
 */
export function temperedWeights(logLikelihoods: readonly number[], logProposals: readonly number[], target: number): number[] {
  const at = (lambda: number) =>
    importanceWeights(
      logLikelihoods.map((l) => (Number.isFinite(l) ? lambda * l : -Infinity)),
      logProposals,
    );
  if (effectiveSize(at(1)) >= target) return at(1);
  let low = 0;
  let high = 1;
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (effectiveSize(at(mid)) >= target) low = mid;
    else high = mid;
  }
  return at(low);
}

interface RefreshOptions {
  /** Particles a refresh round draws. */
  perRound: number;
  /** Refresh until the pooled effective size reaches this (in particles). */
  targetEss: number;
  /** Most refresh rounds at one cut-off day. */
  maxRounds: number;
  random: () => number;
}

/** The pool: every particle's point in unit coordinates, and the proposals they were drawn from. */
export interface Pool {
  units: number[][];
  components: Component[];
}

/**
 * Weights the pool by the likelihood at one cut-off day, refreshing it (new rounds appended to
 * the pool and to `components`) while the effective size is below the target and rounds remain.
 * `logLikelihoods` is of the whole pool (it may depend on the whole pool, as the watch's
 * synthetic likelihood's noise does); `draw` runs a round's new points and appends them.
 */
export async function weighAndRefresh(
  pool: Pool,
  logLikelihoods: () => number[],
  draw: (units: number[][]) => Promise<void>,
  options: RefreshOptions,
): Promise<{ weights: number[]; ess: number; refreshes: number }> {
  let logs = logLikelihoods();
  let proposals = mixtureLogDensities(pool.units, pool.components);
  let weights = importanceWeights(logs, proposals);
  let ess = effectiveSize(weights);
  let refreshes = 0;
  while (ess < options.targetEss && weights.some((w) => w > 0) && refreshes < options.maxRounds) {
    const proposal = fitGaussian(pool.units, temperedWeights(logs, proposals, options.perRound / 2), WIDEN, FLOOR);
    const units = drawTruncated(proposal, options.perRound, options.random);
    pool.components.push({ gaussian: proposal, logMass: Math.log(massInBox(proposal, options.random)), count: units.length });
    await draw(units);
    pool.units.push(...units);
    logs = logLikelihoods();
    proposals = mixtureLogDensities(pool.units, pool.components);
    weights = importanceWeights(logs, proposals);
    ess = effectiveSize(weights);
    refreshes++;
  }
  return { weights, ess, refreshes };
}
