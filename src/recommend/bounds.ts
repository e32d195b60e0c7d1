/**
 * Exact one-sided binomial bounds (Clopper & Pearson 1934) and the sequential rule built on them
 * (docs/decide.md, "Recommending settings").
 *
 * With k events in n independent runs, the one-sided upper bound at confidence 1 − δ is the p
 * at which seeing k or fewer events has chance δ: P(X ≤ k | n, p) = δ. The lower bound is the p
 * at which seeing k or more has chance δ: P(X ≥ k | n, p) = δ (0 when k = 0). Both are found by
 * bisection on the binomial tail, summed in logarithms so that n in the thousands neither
 * underflows nor overflows; 200 halvings pin p far below any printed digit.
 */

/** ln C(n, i) for every i, built by the ratio C(n, i) = C(n, i − 1)(n − i + 1)/i. */
function logChoose(n: number): number[] {
  const out = [0];
  for (let i = 1; i <= n; i++) out.push((out[i - 1] as number) + Math.log((n - i + 1) / i));
  return out;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k >= n) return 1;
  if (k < 0) return 0;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const c = logChoose(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp((c[i] as number) + i * lp + (n - i) * lq);
  return Math.min(1, sum);
}

/** The p in [0, 1] where a decreasing function of p crosses `target`, by bisection. */
function crossing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** One-sided upper bound on p at confidence 1 − delta, from k events in n runs (1 when n = 0 or k = n). */
export function upperBound(k: number, n: number, delta: number): number {
  if (n === 0 || k >= n) return 1;
  return crossing((p) => binomialCdf(k, n, p), delta);
}

/** One-sided lower bound on p at confidence 1 − delta, from k events in n runs (0 when k = 0). */
export function lowerBound(k: number, n: number, delta: number): number {
  if (k <= 0) return 0;
  // P(X ≥ k) = 1 − P(X ≤ k − 1) rises with p: find where it reaches delta.
  return crossing((p) => binomialCdf(k - 1, n, p), 1 - delta);
}

/**
 * Runs needed to prove p ≤ alpha at confidence 1 − delta when no run shows the event: the least
 * n with (1 − alpha)^n ≤ delta (59 for alpha = delta = 0.05).
 */
export function seedsToProve(alpha: number, delta: number): number {
  let n = Math.ceil(Math.log(delta) / Math.log1p(-alpha));
  // Guard the floating-point edge either way: the definition, checked.
  while (n > 1 && (1 - alpha) ** (n - 1) <= delta) n--;
  while ((1 - alpha) ** n > delta) n++;
  return n;
}

export type Verdict = "safe" | "unsafe" | "open";

/**
 * A constraint's verdict after n runs with k events: unsafe once the lower bound is above
 * alpha (the event is proved more likely than tolerated), safe once the upper bound is at or
 * below alpha, open otherwise.
 */
export function verdictOf(k: number, n: number, alpha: number, delta: number): Verdict {
  if (n === 0) return "open";
  if (lowerBound(k, n, delta) > alpha) return "unsafe";
  if (upperBound(k, n, delta) <= alpha) return "safe";
  return "open";
}
