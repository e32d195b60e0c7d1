import seedrandom from "seedrandom";
import { quantile } from "./stats.js";

/** One line of sensitivity.csv. */
export interface SensitivityIndex {
  metric: string;
  parameter: string;
  /** Sobol: S1 (first order), ST (total); Morris: mu_star (mean |EE|), mu (mean EE), sigma (sd of EE). */
  index: "S1" | "ST" | "mu_star" | "mu" | "sigma";
  value: number | null;
  low: number | null;
  high: number | null;
  /** What not to trust about the index, as tokens (see `SENSITIVITY_FLAGS`); empty when nothing. */
  flags: string[];
}

/**
 * The flags of sensitivity.csv. They rest on the bootstrap intervals (none without them), so a
 * value that strays outside [0, 1] by no more than its sampling error is not flagged as wrong:
 * its interval is wide, and that is flagged as too few samples instead.
 */
export const SENSITIVITY_FLAGS = {
  /** Sobol: the whole interval lies below 0 or above 1, where no share of a variance can be. */
  outside: "outside-0-1",
  /** Sobol, on the S1 row: S1 exceeds ST beyond sampling error (the paired interval of S1 − ST lies above 0). */
  s1AboveSt: "s1-above-st",
  /** An interval too wide to read the index; followed by ":N=…" (Sobol base samples) or ":r=…" (Morris trajectories). */
  tooFew: "too-few-samples",
} as const;
/** Intervals wider than this (Sobol: in shares of variance; Morris: in units of the metric's largest μ*) are flagged. */
export const WIDE_INTERVAL = 0.5;
/** The interval width the sample-size advice is sized for, in the same units. */
export const TARGET_WIDTH = 0.1;

/**
 * The sample size that would bring an interval of `width` at `n` samples down to `target`:
 * bootstrap intervals narrow as 1/√n, so n (width / target)².
 */
function samplesFor(n: number, width: number, target = TARGET_WIDTH): number {
  return Math.ceil(n * (width / target) ** 2);
}

export interface BootstrapOptions {
  /** Resamples (0: no interval). */
  resamples: number;
  /** Two-sided level of the percentile interval, e.g. 0.95. */
  confidence: number;
  /** Seed text: the same seed gives the same intervals. */
  seed: string;
}

/** A percentile bootstrap interval (type-7 quantiles) of `estimate` over resampled unit indexes. */
function bootstrap(
  units: number,
  estimate: (pick: (u: number) => number) => number[],
  options: BootstrapOptions,
  count: number,
): { low: (number | null)[]; high: (number | null)[] } {
  const low: (number | null)[] = Array.from({ length: count }, () => null);
  const high: (number | null)[] = Array.from({ length: count }, () => null);
  if (options.resamples <= 0 || units < 2) return { low, high };
  const random = seedrandom(options.seed);
  const draws: number[][] = Array.from({ length: count }, () => []);
  const chosen = new Int32Array(units);
  for (let b = 0; b < options.resamples; b++) {
    for (let u = 0; u < units; u++) chosen[u] = Math.floor(random() * units);
    estimate((u) => chosen[u] as number).forEach((v, i) => {
      if (Number.isFinite(v)) draws[i]?.push(v);
    });
  }
  const tail = (1 - options.confidence) / 2;
  draws.forEach((list, i) => {
    list.sort((x, y) => x - y);
    low[i] = quantile(list, tail);
    high[i] = quantile(list, 1 - tail);
  });
  return { low, high };
}

/**
 * Sobol indices from a Saltelli design's outputs (`y` in the design's order: per block A, B,
 * AB^1 … AB^k; NaN where a run is missing, which drops its whole block). With f_A, f_B, f_ABi
 * over the N kept blocks, f̄ and V the mean and variance of f_A and f_B together (over 2N):
 *   S1_i = mean((f_B − f̄) (f_ABi − f_A)) / V    (Saltelli et al. 2010, on the centred metric)
 *   ST_i = mean((f_A − f_ABi)²) / (2 V)         (Jansen 1999)
 * Centring matters: uncentred, S1 gains a term f̄ · mean(f_ABi − f_A) / V that is 0 on average
 * but whose spread grows with f̄ / sd, so a metric far from 0 (a share near 0.58 varying by 0.01)
 * got S1 of 9 with an interval [2, 17]. Centred, both indices are unchanged when the metric is
 * shifted or scaled. Undefined (null) when V = 0 or no block is complete. Intervals: bootstrap
 * over blocks. Flags: `SENSITIVITY_FLAGS`.
 */
export function sobolIndices(metric: string, parameters: readonly string[], y: ArrayLike<number>, options: BootstrapOptions): SensitivityIndex[] {
  const k = parameters.length;
  const width = k + 2;
  const blocks: number[] = [];
  for (let j = 0; (j + 1) * width <= y.length; j++) {
    let complete = true;
    for (let c = 0; c < width; c++) if (!Number.isFinite(y[j * width + c] as number)) complete = false;
    if (complete) blocks.push(j);
  }
  const at = (block: number, column: number) => y[block * width + column] as number;
  // Every index from the blocks chosen by `pick` (u-th of `blocks.length`): S1 for each parameter,
  // then ST, then S1 − ST (for the flag: paired, since S1 and ST of a resample move together).
  // f̄ is recomputed in each resample, so the bootstrap repeats the whole estimator, centring
  // included; centring once on the full sample would treat f̄ as known, a difference of order
  // 1/N that buys nothing, since both ways are exactly shift-invariant.
  const estimate = (pick: (u: number) => number): number[] => {
    const n = blocks.length;
    let sum = 0;
    for (let u = 0; u < n; u++) {
      const j = blocks[pick(u)] as number;
      sum += at(j, 0) + at(j, 1);
    }
    const mean = sum / (2 * n);
    let variance = 0;
    for (let u = 0; u < n; u++) {
      const j = blocks[pick(u)] as number;
      variance += (at(j, 0) - mean) ** 2 + (at(j, 1) - mean) ** 2;
    }
    variance /= 2 * n;
    const first: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < k; i++) {
      if (n === 0 || variance === 0) {
        first.push(NaN);
        total.push(NaN);
        continue;
      }
      let s1 = 0;
      let st = 0;
      for (let u = 0; u < n; u++) {
        const j = blocks[pick(u)] as number;
        const a = at(j, 0);
        const ab = at(j, 2 + i);
        s1 += (at(j, 1) - mean) * (ab - a);
        st += (a - ab) ** 2;
      }
      first.push(s1 / n / variance);
      total.push(st / n / (2 * variance));
    }
    return [...first, ...total, ...first.map((v, i) => v - (total[i] as number))];
  };
  const values = estimate((u) => u);
  const { low, high } = bootstrap(blocks.length, estimate, options, 3 * k);
  return values.slice(0, 2 * k).map((v, c) => {
    const row: SensitivityIndex = {
      metric,
      parameter: parameters[c % k] as string,
      index: c < k ? "S1" : "ST",
      value: Number.isFinite(v) ? v : null,
      low: Number.isFinite(v) ? (low[c] ?? null) : null,
      high: Number.isFinite(v) ? (high[c] ?? null) : null,
      flags: [],
    };
    if (row.low === null || row.high === null) return row;
    if (row.high < 0 || row.low > 1) row.flags.push(SENSITIVITY_FLAGS.outside);
    if (c < k && (low[2 * k + c] ?? -Infinity) > 0) row.flags.push(SENSITIVITY_FLAGS.s1AboveSt);
    const width = row.high - row.low;
    if (width > WIDE_INTERVAL) row.flags.push(`${SENSITIVITY_FLAGS.tooFew}:N=${samplesFor(blocks.length, width)}`);
    return row;
  });
}

/**
 * Morris elementary effects from a design's outputs. For trajectory t, step j moves parameter
 * i = order[t][j] from point x to x' (unit coordinates u, u'): EE = (y(x') − y(x)) / (u' − u),
 * the metric's change per whole range of the parameter. Per parameter over the trajectories:
 *   mu_star = mean |EE| (Campolongo et al. 2007), mu = mean EE, sigma = sample sd of EE (n − 1).
 * A step whose value rounds to no change, or whose runs are missing, gives no effect. Intervals:
 * bootstrap over trajectories. Effects are differences of the metric, so shifting it changes
 * nothing and scaling it scales every index. Flag: μ* has no natural bound, so its interval is
 * judged against the metric's largest μ* (scale-free): wider than WIDE_INTERVAL of it is too few
 * trajectories, with the r that would make it TARGET_WIDTH of it.
 */
export function morrisIndices(
  metric: string,
  parameters: readonly string[],
  unitPoints: readonly (readonly number[])[],
  order: readonly (readonly number[])[],
  y: ArrayLike<number>,
  options: BootstrapOptions,
): SensitivityIndex[] {
  const k = parameters.length;
  // effects[t][i]: the elementary effect of parameter i in trajectory t (NaN when there is none).
  const effects = order.map((perm, t) => {
    const row = Array.from({ length: k }, () => NaN);
    perm.forEach((i, j) => {
      const from = t * (k + 1) + j;
      const du = (unitPoints[from + 1]?.[i] as number) - (unitPoints[from]?.[i] as number);
      const dy = (y[from + 1] as number) - (y[from] as number);
      if (du !== 0 && Number.isFinite(dy)) row[i] = dy / du;
    });
    return row;
  });
  const estimate = (pick: (u: number) => number): number[] => {
    const out: number[] = [];
    for (const which of ["mu_star", "mu", "sigma"] as const) {
      for (let i = 0; i < k; i++) {
        const list: number[] = [];
        for (let u = 0; u < effects.length; u++) {
          const e = effects[pick(u)]?.[i] as number;
          if (Number.isFinite(e)) list.push(e);
        }
        if (list.length === 0 || (which === "sigma" && list.length < 2)) {
          out.push(NaN);
          continue;
        }
        const mu = list.reduce((s, e) => s + e, 0) / list.length;
        if (which === "mu_star") out.push(list.reduce((s, e) => s + Math.abs(e), 0) / list.length);
        else if (which === "mu") out.push(mu);
        else out.push(Math.sqrt(list.reduce((s, e) => s + (e - mu) ** 2, 0) / (list.length - 1)));
      }
    }
    return out;
  };
  const values = estimate((u) => u);
  const { low, high } = bootstrap(effects.length, estimate, options, 3 * k);
  const names = ["mu_star", "mu", "sigma"] as const;
  const top = Math.max(0, ...values.slice(0, k).filter(Number.isFinite));
  return values.map((v, c) => {
    const row: SensitivityIndex = {
      metric,
      parameter: parameters[c % k] as string,
      index: names[Math.floor(c / k)] as SensitivityIndex["index"],
      value: Number.isFinite(v) ? v : null,
      low: Number.isFinite(v) ? (low[c] ?? null) : null,
      high: Number.isFinite(v) ? (high[c] ?? null) : null,
      flags: [],
    };
    if (c < k && top > 0 && row.low !== null && row.high !== null) {
      const width = (row.high - row.low) / top;
      if (width > WIDE_INTERVAL) row.flags.push(`${SENSITIVITY_FLAGS.tooFew}:r=${samplesFor(effects.length, width)}`);
    }
    return row;
  });
}
