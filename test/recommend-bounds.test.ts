import { describe, expect, it } from "vitest";
import { binomialCdf, lowerBound, seedsToProve, upperBound, verdictOf } from "../src/recommend/bounds.js";

/** P(X ≤ k), X ~ Binomial(n, p), summed term by term with the test's own products (a second method). */
function tail(k: number, n: number, p: number): number {
  let sum = 0;
  let choose = 1;
  for (let i = 0; i <= k; i++) {
    sum += choose * p ** i * (1 - p) ** (n - i);
    choose = (choose * (n - i)) / (i + 1);
  }
  return sum;
}

describe("Clopper–Pearson bounds (docs/decide.md)", () => {
  it("with no event, the 95% upper bound is 1 − 0.05^(1/n): below 0.05 first at n = 59", () => {
    // (1 − p)^n = δ ⇒ p = 1 − δ^(1/n): 1 − 0.05^(1/59) = 0.0495076..., 1 − 0.05^(1/58) = 0.0503393...
    expect(upperBound(0, 59, 0.05)).toBeCloseTo(1 - 0.05 ** (1 / 59), 12);
    expect(upperBound(0, 59, 0.05)).toBeLessThan(0.05);
    expect(upperBound(0, 58, 0.05)).toBeCloseTo(1 - 0.05 ** (1 / 58), 12);
    expect(upperBound(0, 58, 0.05)).toBeGreaterThan(0.05);
    expect(seedsToProve(0.05, 0.05)).toBe(59);
    // δ = 0.01: ln 0.01 / ln 0.95 = 89.78 → 90.
    expect(seedsToProve(0.05, 0.01)).toBe(90);
    expect(seedsToProve(0.01, 0.05)).toBe(299);
  });

  it("matches the beta quantiles of published implementations (scipy.stats.beta.ppf)", () => {
    // Upper bound at 1 − δ: beta.ppf(1 − δ, k + 1, n − k); lower: beta.ppf(δ, k, n − k + 1).
    expect(upperBound(1, 10, 0.05)).toBeCloseTo(0.39416330243650466, 10);
    expect(upperBound(3, 20, 0.05)).toBeCloseTo(0.3436638043142818, 10);
    expect(upperBound(2, 100, 0.01)).toBeCloseTo(0.08141194630280843, 10);
    expect(upperBound(0, 1000, 0.025)).toBeCloseTo(0.003682083896865671, 10);
    expect(lowerBound(5, 40, 0.05)).toBeCloseTo(0.05057032834082581, 10);
    // k = n: p^n = δ ⇒ p = δ^(1/n).
    expect(lowerBound(10, 10, 0.05)).toBeCloseTo(0.05 ** (1 / 10), 12);
    expect(lowerBound(0, 10, 0.05)).toBe(0);
    expect(upperBound(10, 10, 0.05)).toBe(1);
  });

  it("solves the defining tail equation, checked with the test's own binomial sums", () => {
    for (const [k, n, d] of [
      [0, 30, 0.05],
      [4, 50, 0.1],
      [7, 200, 0.01],
      [1, 3, 0.2],
    ] as const) {
      expect(tail(k, n, upperBound(k, n, d))).toBeCloseTo(d, 10);
      if (k > 0) expect(1 - tail(k - 1, n, lowerBound(k, n, d))).toBeCloseTo(d, 10);
      expect(binomialCdf(k, n, 0.3)).toBeCloseTo(tail(k, n, 0.3), 12);
    }
  });

  it("covers the truth at least 1 − δ of the time, exactly, over every count of events (synthetic truths)", () => {
    // For a true p, the chance the bound is at least p is Σ_k P(X = k) [upper(k) ≥ p]: enumerated, no sampling.
    for (const n of [20, 59, 100])
      for (const p of [0.01, 0.05, 0.2, 0.5]) {
        let covered = 0;
        let coveredLow = 0;
        for (let k = 0; k <= n; k++) {
          const mass = tail(k, n, p) - (k > 0 ? tail(k - 1, n, p) : 0);
          if (upperBound(k, n, 0.05) >= p) covered += mass;
          if (lowerBound(k, n, 0.05) <= p) coveredLow += mass;
        }
        expect(covered).toBeGreaterThanOrEqual(0.95 - 1e-9);
        expect(coveredLow).toBeGreaterThanOrEqual(0.95 - 1e-9);
      }
  });

  it("decides: safe at 0 of 59, open at 0 of 58, unsafe once the lower bound passes the tolerance", () => {
    expect(verdictOf(0, 59, 0.05, 0.05)).toBe("safe");
    expect(verdictOf(0, 58, 0.05, 0.05)).toBe("open");
    expect(verdictOf(10, 10, 0.05, 0.05)).toBe("unsafe");
    // 2 of 10: lower bound beta.ppf(0.05, 2, 9) = 0.0368 < 0.05: not yet unsafe; 3 of 10: 0.0873: unsafe.
    expect(verdictOf(2, 10, 0.05, 0.05)).toBe("open");
    expect(verdictOf(3, 10, 0.05, 0.05)).toBe("unsafe");
  });
});

/**
 * The exact chance that the sequential rule (docs/decide.md: batches of `batch` seeds, a look
 * after each, up to `max`) declares a candidate safe when its true chance is p, by dynamic
 * programming over the count of events among candidates still open. No sampling.
 */
function safeChance(p: number, alpha: number, delta: number, batch: number, max: number): number {
  let open = new Map<number, number>([[0, 1]]);
  let n = 0;
  let safe = 0;
  while (n < max && open.size > 0) {
    const step = Math.min(batch, max - n);
    const mass = Array.from({ length: step + 1 }, (_, j) => tail(j, step, p) - (j > 0 ? tail(j - 1, step, p) : 0));
    const next = new Map<number, number>();
    for (const [k, chance] of open) mass.forEach((m, j) => next.set(k + j, (next.get(k + j) ?? 0) + chance * m));
    n += step;
    open = new Map();
    for (const [k, chance] of next) {
      const verdict = verdictOf(k, n, alpha, delta);
      if (verdict === "safe") safe += chance;
      else if (verdict === "open") open.set(k, chance);
    }
  }
  return safe;
}

describe("the sequential screening's error, exactly (docs/decide.md)", () => {
  it("with maxSeeds 60 a setting at the tolerance passes at most δ of the time: safe is said only at 0 events of 60", () => {
    // At n = 60 only k = 0 is safe (the upper bound of 1 of 60 is above 0.05), and a candidate
    // with no event is never stopped early: exactly 0.95^60 = 0.0461.
    expect(safeChance(0.05, 0.05, 0.05, 10, 60)).toBeCloseTo(0.95 ** 60, 12);
    expect(safeChance(0.05, 0.05, 0.05, 10, 60)).toBeLessThanOrEqual(0.05);
    expect(safeChance(0.01, 0.05, 0.05, 10, 60)).toBeCloseTo(0.99 ** 60, 12);
  });

  it("more looks at more seeds let a setting at the tolerance pass more often than δ: the screening is a filter, the fresh seeds decide", () => {
    const at200 = safeChance(0.05, 0.05, 0.05, 10, 200);
    expect(at200).toBeGreaterThan(0.05);
    expect(at200).toBeLessThan(0.1);
  });
});
