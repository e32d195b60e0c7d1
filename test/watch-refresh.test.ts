import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { massInBox, mixtureLogDensities, weighAndRefresh, type Pool } from "../src/watch/refresh.js";

/**
 * The watch's refresh (src/watch/refresh.ts) on toy likelihoods far sharper than the prior's box,
 * where the answer is known in closed form: pooled rounds with deterministic-mixture weights and
 * an annealed proposal must reach a healthy effective sample size and the conjugate posterior.
 */

/** A standard normal from two uniforms (Box–Muller), written here rather than taken from src/. */
const normal = (random: () => number) => Math.sqrt(-2 * Math.log(Math.max(random(), 1e-300))) * Math.cos(2 * Math.PI * random());

/** The standard normal CDF (Zelen & Severo 26.2.17, |error| < 7.5e-8), for the truncation's mass. */
function phi(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const d = Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return x >= 0 ? 1 - p : p;
}

/** The prior's first round as the watch draws it: one point per stratum of [0, 1]^k (here a plain grid on the diagonal's strata). */
const firstRound = (n: number, k: number, random: () => number) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => ((i * (j * 7 + 1)) % n) / n + random() / n));

const weightedMean = (points: number[][], w: number[], j: number) => points.reduce((s, x, i) => s + (w[i] as number) * (x[j] as number), 0);

describe("refreshing where the likelihood is sharp (pooled, annealed population Monte Carlo)", () => {
  it("1 parameter, 60 observations with tiny noise: reaches half a round effective and the conjugate posterior's mean and spread, over 20 data sets", async () => {
    // y_i = θ + ε_i, ε ~ N(0, σ²), σ = 0.002, flat prior on [0, 1]: the posterior is N(ȳ, σ²/m),
    // its sd 0.002 / √60 ≈ 2.6e-4, a 4000th of the prior's width (the box is far away: truncation is nil).
    // One data set's spread is noisy (≈ 1 / √(2 ESS)); the mean over 20 is within a few percent,
    // enough to tell the right weights from weights that forget the proposals (measured: × 0.9).
    const sigma = 0.002;
    const n = 100;
    const ratios: number[] = [];
    for (let set = 0; set < 20; set++) {
      const random = seedrandom(`watch-refresh-1d-${set}`);
      const theta = 0.2 + 0.6 * random();
      const y = Array.from({ length: 60 }, () => theta + sigma * normal(random));
      const ybar = y.reduce((a, b) => a + b, 0) / y.length;
      const sd = sigma / Math.sqrt(y.length);
      const pool: Pool = { units: firstRound(n, 1, random), components: [{ gaussian: null, logMass: 0, count: n }] };
      const logL = () => pool.units.map(([u]) => y.reduce((s, v) => s - 0.5 * ((v - (u as number)) / sigma) ** 2, 0));
      const { weights, ess, refreshes } = await weighAndRefresh(pool, logL, async () => {}, { perRound: n, targetEss: n / 2, maxRounds: 30, random });
      expect(refreshes).toBeGreaterThan(0);
      expect(ess).toBeGreaterThanOrEqual(n / 2);
      const mean = weightedMean(pool.units, weights, 0);
      const variance = pool.units.reduce((s, x, i) => s + (weights[i] as number) * ((x[0] as number) - mean) ** 2, 0);
      // The weighted mean's Monte Carlo error is about sd / √ESS; 4 of them.
      expect(Math.abs(mean - ybar)).toBeLessThan((4 * sd) / Math.sqrt(ess));
      ratios.push(Math.sqrt(variance) / sd);
    }
    const meanRatio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    // (seeded: measured 0.983 here; 0.936 with the proposals' densities left out of the weights)
    expect(meanRatio).toBeGreaterThan(0.955);
    expect(meanRatio).toBeLessThan(1.045);
  });

  it("2 correlated parameters, a likelihood a thousand times narrower than the box: mean and covariance as the Gaussian's", async () => {
    const random = seedrandom("watch-refresh-2d");
    const mu = [0.61, 0.23];
    const s = [3e-4, 8e-4];
    const rho = 0.8;
    // log of a bivariate normal density in closed form.
    const logL = (pool: Pool) => () =>
      pool.units.map(([a, b]) => {
        const za = ((a as number) - (mu[0] as number)) / (s[0] as number);
        const zb = ((b as number) - (mu[1] as number)) / (s[1] as number);
        return (-0.5 * (za * za - 2 * rho * za * zb + zb * zb)) / (1 - rho * rho);
      });
    const n = 50;
    const pool: Pool = { units: firstRound(n, 2, random), components: [{ gaussian: null, logMass: 0, count: n }] };
    const { weights, ess } = await weighAndRefresh(pool, logL(pool), async () => {}, { perRound: n, targetEss: n / 2, maxRounds: 40, random });
    expect(ess).toBeGreaterThanOrEqual(n / 2);
    const m = [weightedMean(pool.units, weights, 0), weightedMean(pool.units, weights, 1)];
    for (const j of [0, 1]) expect(Math.abs((m[j] as number) - (mu[j] as number))).toBeLessThan((4 * (s[j] as number)) / Math.sqrt(ess));
    const cov = (i: number, j: number) =>
      pool.units.reduce((acc, x, p) => acc + (weights[p] as number) * ((x[i] as number) - (m[i] as number)) * ((x[j] as number) - (m[j] as number)), 0);
    const corr = cov(0, 1) / Math.sqrt(cov(0, 0) * cov(1, 1));
    expect(corr).toBeGreaterThan(0.5);
    expect(Math.sqrt(cov(0, 0)) / (s[0] as number)).toBeGreaterThan(0.6);
    expect(Math.sqrt(cov(1, 1)) / (s[1] as number)).toBeLessThan(1.5);
  });

  it("the same seed gives the same pool, weights and rounds", async () => {
    const run = async () => {
      const random = seedrandom("watch-refresh-same");
      const pool: Pool = { units: firstRound(20, 1, random), components: [{ gaussian: null, logMass: 0, count: 20 }] };
      const out = await weighAndRefresh(
        pool,
        () => pool.units.map(([u]) => -0.5 * (((u as number) - 0.7) / 1e-3) ** 2),
        async () => {},
        {
          perRound: 20,
          targetEss: 10,
          maxRounds: 10,
          random,
        },
      );
      return { units: pool.units, ...out };
    };
    expect(await run()).toEqual(await run());
  });

  it("stops at the round budget, reporting the effective size it reached", async () => {
    const random = seedrandom("watch-refresh-budget");
    const pool: Pool = { units: firstRound(10, 1, random), components: [{ gaussian: null, logMass: 0, count: 10 }] };
    const out = await weighAndRefresh(
      pool,
      () => pool.units.map(([u]) => -0.5 * (((u as number) - 0.3) / 1e-7) ** 2),
      async () => {},
      {
        perRound: 10,
        targetEss: 9,
        maxRounds: 2,
        random,
      },
    );
    expect(out.refreshes).toBe(2);
    expect(pool.units).toHaveLength(30);
    expect(out.ess).toBeCloseTo(1 / out.weights.reduce((a, w) => a + w * w, 0), 12);
  });
});

describe("the deterministic mixture's density", () => {
  it("is the count-weighted average of the prior's 1 and each truncated Gaussian's density, worked by hand", () => {
    // Prior (6 draws) and N(0.95, 0.1²) truncated to [0, 1] (4 draws). The Gaussian's mass in the
    // box is Φ(0.5) − Φ(−9.5) ≈ 0.691462; its density at 0.9 is exp(−½ · 0.25) / (0.1 √(2π)) ≈ 3.520653.
    // So the mixture at 0.9 is 0.6 · 1 + 0.4 · 3.520653 / 0.691462.
    const gaussian = { mean: [0.95], chol: [[0.1]] };
    const mass = phi(0.5) - phi(-9.5);
    const components = [
      { gaussian: null, logMass: 0, count: 6 },
      { gaussian, logMass: Math.log(mass), count: 4 },
    ];
    const density = Math.exp(-0.125) / (0.1 * Math.sqrt(2 * Math.PI));
    const [at] = mixtureLogDensities([[0.9]], components);
    expect(Math.exp(at as number)).toBeCloseTo(0.6 + (0.4 * density) / mass, 9);
  });

  it("estimates a truncated Gaussian's mass in the box within its Monte Carlo error", () => {
    // N(0.95, 0.1²) has Φ(0.5) − Φ(−9.5) ≈ 0.6915 inside [0, 1]; 4000 draws: standard error ≈ 0.0073.
    const mass = massInBox({ mean: [0.95], chol: [[0.1]] }, seedrandom("mass"));
    expect(Math.abs(mass - (phi(0.5) - phi(-9.5)))).toBeLessThan(0.03);
    // A 2-D one at a corner: each axis N(0, 0.2²) keeps half: a quarter in all.
    expect(
      Math.abs(
        massInBox(
          {
            mean: [0, 0],
            chol: [
              [0.2, 0],
              [0, 0.2],
            ],
          },
          seedrandom("corner"),
        ) - 0.25,
      ),
    ).toBeLessThan(0.03);
  });
});
