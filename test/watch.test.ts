import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import type { Goal } from "../src/fit/objective.js";
import { watchDays } from "../src/watch/run.js";
import { temperedWeights } from "../src/watch/refresh.js";
import { Z90, collapseProbability, effectiveSize, importanceWeights, logLikelihoodsAt, wilsonInterval, type Particle } from "../src/watch/weights.js";

type SeriesGoal = Extract<Goal, { kind: "series" }>;

const goal = (values: number[], weight = 1): SeriesGoal => ({
  kind: "series",
  label: "users_total (series)",
  column: "users_total",
  days: values.map((_, i) => i + 1),
  values,
  scale: 1,
  weight,
  file: "observed.csv",
});

const particle = (runs: number[][], collapseDays: (number | null)[] = runs.map(() => null)): Particle => ({
  unit: [0.5],
  values: [0.5],
  runs: runs.map((series) => [series]),
  collapseDays,
  failure: null,
});

/** A standard normal from two uniforms (Box–Muller), written here rather than taken from src/. */
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-300))) * Math.cos(2 * Math.PI * random());

describe("the likelihood of the observations up to a cut-off day (src/watch/weights.ts)", () => {
  it("is the fit's synthetic likelihood, worked by hand on two particles", () => {
    // Observed 10 on days 1 to 4; at t = 2 only days 1 and 2 count, scale = mean |observed| = 10.
    // A: runs [10, 12] and [10, 8]: mean [10, 10], residuals [0, 0], summaries (halves) [0, 0];
    //    its runs' difference (run 0 − run 1) / 10 = [0, 0.4], halves [0, 0.4]; error 0.
    // B: runs [11, 11] twice: residuals [0.1, 0.1], summaries [0.1, 0.1]; difference 0; error 0.1.
    // The better half (1 of 2) is A: the noise covariance is (1 + 1/2) / (2 · 1) · y yᵀ with
    // y = [0, 0.4], i.e. diag(0, 0.12), + 1e-4 on the diagonal: diag(1e-4, 0.1201).
    // log L(A) = 0; log L(B) = −½ (0.1² / 1e-4 + 0.1² / 0.1201) = −½ (100 + 0.0832639...) .
    const goals = [goal([10, 10, 10, 10])];
    const a = particle([
      [10, 12, 99, 99],
      [10, 8, -99, -99],
    ]);
    const b = particle([
      [11, 11, 0, 0],
      [11, 11, 0, 0],
    ]);
    const [la, lb] = logLikelihoodsAt(goals, [a, b], 2);
    expect(la).toBeCloseTo(0, 12);
    expect(lb).toBeCloseTo(-0.5 * (0.01 / 1e-4 + 0.01 / 0.1201), 9);
  });

  it("reads nothing after the cut-off day: changing later observations or later simulated days leaves it as it was", () => {
    const random = seedrandom("watch-no-leak");
    const observed = Array.from({ length: 30 }, (_, d) => 100 + 5 * d + 10 * normal(random));
    const particles = Array.from({ length: 12 }, (_, i) =>
      particle([0, 1].map((r) => Array.from({ length: 30 }, (_, d) => 100 + (3 + i * 0.5) * d + 8 * normal(random) + r))),
    );
    const before = logLikelihoodsAt([goal(observed)], particles, 14);
    const laterObserved = observed.map((v, d) => (d >= 14 ? v * 7 - 1000 : v));
    const laterSimulated = particles.map((p) => ({ ...p, runs: p.runs.map((run) => run.map((s) => s.map((v, d) => (d >= 14 ? -(v ?? 0) : v)))) }));
    expect(logLikelihoodsAt([goal(laterObserved)], particles, 14)).toEqual(before);
    expect(logLikelihoodsAt([goal(observed)], laterSimulated, 14)).toEqual(before);
    // ... while a change on day 14 itself does change it.
    const onTheDay = observed.map((v, d) => (d === 13 ? v + 50 : v));
    expect(logLikelihoodsAt([goal(onTheDay)], particles, 14)).not.toEqual(before);
  });

  it("before the first observation every particle weighs the same (the prior), a failed one nothing", () => {
    const g = { ...goal([5, 6]), days: [10, 11] };
    const failed: Particle = { ...particle([[1]]), runs: [], failure: "boom" };
    const logs = logLikelihoodsAt([g], [particle([[1]]), particle([[2]]), failed], 9);
    expect(logs).toEqual([0, 0, -Infinity]);
    expect(importanceWeights(logs, [0, 0, 0])).toEqual([0.5, 0.5, 0]);
  });
});

describe("reweighting particles as the days arrive (against the conjugate Gaussian posterior)", () => {
  it("the weighted mean and variance after t observations match the closed form within Monte Carlo error", () => {
    // x_d ~ N(μ, σ²), prior μ ~ N(m0, τ²): after t observations the posterior is normal with
    // variance v = 1 / (1/τ² + t/σ²) and mean v (m0/τ² + Σx/σ²). Particles drawn from a wider
    // proposal q = N(0, 3²); each weighs likelihood × prior / q (importanceWeights takes log q −
    // log prior as the proposal's log, the prior being flat there).
    const random = seedrandom("watch-conjugate");
    const sigma = 2;
    const tau = 1.5;
    const m0 = 0.5;
    const truth = 1.2;
    const xs = Array.from({ length: 40 }, () => truth + sigma * normal(random));
    const mus = Array.from({ length: 20000 }, () => 3 * normal(random));
    const logPrior = (mu: number) => -((mu - m0) ** 2) / (2 * tau * tau);
    const logQ = (mu: number) => -(mu * mu) / (2 * 9);
    for (const t of [1, 5, 20, 40]) {
      const seen = xs.slice(0, t);
      const logLik = mus.map((mu) => seen.reduce((a, x) => a - (x - mu) ** 2 / (2 * sigma * sigma), 0));
      const w = importanceWeights(
        logLik,
        mus.map((mu) => logQ(mu) - logPrior(mu)),
      );
      const mean = mus.reduce((a, mu, i) => a + (w[i] as number) * mu, 0);
      const variance = mus.reduce((a, mu, i) => a + (w[i] as number) * (mu - mean) ** 2, 0);
      const v = 1 / (1 / tau ** 2 + t / sigma ** 2);
      const m = v * (m0 / tau ** 2 + seen.reduce((a, b) => a + b, 0) / sigma ** 2);
      const ess = effectiveSize(w);
      expect(ess).toBeGreaterThan(500);
      expect(Math.abs(mean - m)).toBeLessThan(4 * Math.sqrt(v / ess));
      expect(Math.abs(variance / v - 1)).toBeLessThan(4 * Math.sqrt(2 / ess));
    }
  });

  it("effective size: N for equal weights, 1 for one particle, Kish's formula between", () => {
    expect(effectiveSize([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(4, 12);
    expect(effectiveSize([0, 1, 0])).toBe(1);
    // 1 / (0.5² + 0.25² + 0.25²) = 1 / 0.375
    expect(effectiveSize([0.5, 0.25, 0.25])).toBeCloseTo(1 / 0.375, 12);
  });
});

describe("P(collapse within the horizon) and its interval", () => {
  it("is the weighted share of runs collapsing by t + horizon, each particle's runs sharing its weight", () => {
    const particles = [particle([[0], [0]], [50, null]), particle([[0], [0]], [10, 200]), particle([[0], [0]], [null, null])];
    // t = 20, horizon 40: by day 60. A: 1 of 2 runs; B: 1 of 2 (day 10, already failed, counts); C: 0.
    // 0.5 · ½ + 0.3 · ½ + 0.2 · 0 = 0.4
    expect(collapseProbability(particles, [0.5, 0.3, 0.2], 20, 40)).toBeCloseTo(0.4, 12);
    expect(collapseProbability(particles, [0.5, 0.3, 0.2], 20, 200)).toBeCloseTo(0.5 * 0.5 + 0.3, 12);
  });

  it("Wilson's interval by hand: p = 0.3 from 50 draws, z = 1.6449", () => {
    // centre = (0.3 + z²/100) / (1 + z²/50); half = z / (1 + z²/50) · sqrt(0.3·0.7/50 + z²/10000)
    const z2 = Z90 * Z90;
    const centre = (0.3 + z2 / 100) / (1 + z2 / 50);
    const half = (Z90 / (1 + z2 / 50)) * Math.sqrt(0.21 / 50 + z2 / 10000);
    const { low, high } = wilsonInterval(0.3, 50);
    expect(low).toBeCloseTo(centre - half, 12);
    expect(high).toBeCloseTo(centre + half, 12);
    // z² = 2.70554; centre = 0.327055 / 1.054111 = 0.310267; half = 1.560456 · sqrt(0.0042 + 0.00027055) = 0.104336
    expect(low).toBeCloseTo(0.20593, 4);
    expect(high).toBeCloseTo(0.4146, 4);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    // At the ends the interval still holds the estimate: [0, z²/(n + z²)] at p = 0, [n/(n + z²), 1] at p = 1.
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(z2 / (10 + z2), 12) });
    expect(wilsonInterval(1, 10).high).toBe(1);
    expect(wilsonInterval(1, 10).low).toBeCloseTo(10 / (10 + z2), 12);
  });

  it("covers a known Bernoulli probability about 90% of the time, equal and importance weights alike", () => {
    const random = seedrandom("watch-coverage");
    const replications = 2000;
    // Equal weights: 40 draws of a Bernoulli(0.3).
    let covered = 0;
    for (let r = 0; r < replications; r++) {
      const hits = Array.from({ length: 40 }, () => (random() < 0.3 ? 1 : 0));
      const w = hits.map(() => 1 / 40);
      const p = hits.reduce<number>((a, h, i) => a + h * (w[i] as number), 0);
      const { low, high } = wilsonInterval(p, effectiveSize(w));
      if (low <= 0.3 && 0.3 <= high) covered++;
    }
    expect(covered / replications).toBeGreaterThan(0.86);
    expect(covered / replications).toBeLessThan(0.95);
    // Importance weights: x ~ U(0, 1), target density 6x(1 − x), event x < 0.3:
    // P = ∫₀^0.3 6x(1 − x) dx = 3(0.09) − 2(0.027) = 0.216.
    covered = 0;
    for (let r = 0; r < replications; r++) {
      const xs = Array.from({ length: 80 }, () => random());
      const w = importanceWeights(
        xs.map((x) => Math.log(6 * x * (1 - x))),
        xs.map(() => 0),
      );
      const p = xs.reduce((a, x, i) => a + (x < 0.3 ? (w[i] as number) : 0), 0);
      const { low, high } = wilsonInterval(p, effectiveSize(w));
      if (low <= 0.216 && 0.216 <= high) covered++;
    }
    expect(covered / replications).toBeGreaterThan(0.84);
    expect(covered / replications).toBeLessThan(0.96);
  });
});

describe("the cut-off days", () => {
  it("every stride up to the last observed day, and that day", () => {
    expect(watchDays(90, 7)).toEqual([7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 90]);
    expect(watchDays(21, 7)).toEqual([7, 14, 21]);
    expect(watchDays(5, 7)).toEqual([5]);
  });
});

describe("a refresh's proposal weights (temperedWeights)", () => {
  it("flatten the likelihood just enough to keep the effective size asked for, and no more", () => {
    const logs = [0, -1, -5, -40, -200, -Infinity];
    const proposals = logs.map(() => 0);
    // At λ = 1 the weights rest on two particles; asking for 3 flattens them.
    expect(effectiveSize(importanceWeights(logs, proposals))).toBeLessThan(3);
    const w = temperedWeights(logs, proposals, 3);
    expect(effectiveSize(w)).toBeGreaterThanOrEqual(3 - 1e-9);
    expect(effectiveSize(w)).toBeLessThan(3.01);
    // The order of the particles is kept (a monotone transform), and a failed one weighs nothing.
    for (let i = 1; i < 5; i++) expect(w[i] as number).toBeLessThanOrEqual(w[i - 1] as number);
    expect(w[5]).toBe(0);
    // When the likelihood itself keeps the size, it is the likelihood's own weights.
    expect(temperedWeights(logs, proposals, 1.5)).toEqual(importanceWeights(logs, proposals));
  });
});
