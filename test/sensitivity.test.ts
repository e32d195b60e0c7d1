import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { morrisDelta, morrisDesign, sobolDesign } from "../src/sweep/designs.js";
import { morrisIndices, sobolIndices, type SensitivityIndex } from "../src/sweep/sensitivity.js";

/**
 * The Ishigami function on [−π, π]³ with a = 7, b = 0.1: f = sin x1 + a sin² x2 + b x3⁴ sin x1.
 * Its variances are known in closed form (Ishigami & Homma 1990; Saltelli et al. 2008, §4.6):
 *   V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2,  V1 = (1 + bπ⁴/5)²/2,  V2 = a²/8,  V3 = 0,
 *   VT1 = V1 + 8b²π⁸/225,  VT2 = V2,  VT3 = 8b²π⁸/225,
 * so S1 = (0.3139, 0.4424, 0) and ST = (0.5576, 0.4424, 0.2437).
 */
const a = 7;
const b = 0.1;
const pi = Math.PI;
const V = a ** 2 / 8 + (b * pi ** 4) / 5 + (b ** 2 * pi ** 8) / 18 + 0.5;
const V1 = (1 + (b * pi ** 4) / 5) ** 2 / 2;
const V2 = a ** 2 / 8;
const V13 = (8 * b ** 2 * pi ** 8) / 225;
const exactS1 = [V1 / V, V2 / V, 0];
const exactST = [(V1 + V13) / V, V2 / V, V13 / V];
const ishigami = (u: readonly number[]) => {
  const [x1, x2, x3] = u.map((v) => -pi + 2 * pi * v) as [number, number, number];
  return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
};
const pick = (rows: SensitivityIndex[], index: string) => rows.filter((r) => r.index === index);

describe("Sobol indices (Saltelli design, Saltelli 2010 S1, Jansen ST)", () => {
  it("recover the Ishigami function's exact indices: N = 32,768 base samples (163,840 evaluations), each within 0.02", () => {
    expect(exactS1[0]).toBeCloseTo(0.3139, 4);
    expect(exactST[2]).toBeCloseTo(0.2437, 4);
    const points = sobolDesign(3, 32_768, seedrandom("ishigami"));
    expect(points).toHaveLength(32_768 * 5);
    const y = points.map(ishigami);
    const rows = sobolIndices("f", ["x1", "x2", "x3"], y, { resamples: 200, confidence: 0.95, seed: "boot" });
    for (const [index, exact] of [["S1", exactS1], ["ST", exactST]] as const) {
      pick(rows, index).forEach((r, i) => {
        expect(Math.abs((r.value as number) - (exact[i] as number))).toBeLessThan(0.02);
        // The 95% interval brackets the estimate and is narrower than the tolerance.
        expect(r.low as number).toBeLessThanOrEqual(r.value as number);
        expect(r.high as number).toBeGreaterThanOrEqual(r.value as number);
        expect((r.high as number) - (r.low as number)).toBeLessThan(0.06);
      });
    }
  });

  it("give a parameter the function ignores ST = 0 exactly, and drop blocks with a missing run", () => {
    const points = sobolDesign(2, 4096, seedrandom("x"));
    const y = points.map((u) => 3 * (u[0] as number));
    y[5 * 4] = NaN; // a failed run in block 5
    const rows = sobolIndices("f", ["used", "ignored"], y, { resamples: 50, confidence: 0.9, seed: "s" });
    const st = pick(rows, "ST");
    expect(st[1]).toMatchObject({ value: 0, low: 0, high: 0 });
    // A linear function of one parameter: S1 = ST = 1 up to sampling error.
    expect(Math.abs((st[0]?.value as number) - 1)).toBeLessThan(0.05);
    expect(Math.abs((pick(rows, "S1")[0]?.value as number) - 1)).toBeLessThan(0.05);
  });
});

describe("Morris elementary effects", () => {
  it("are the exact slopes of a linear function (μ* = |c| per whole range, σ = 0)", () => {
    const { points, order } = morrisDesign(3, 20, 4, seedrandom("m"));
    expect(points).toHaveLength(20 * 4);
    const c = [2, -5, 0];
    const y = points.map((u) => u.reduce((s, v, i) => s + (c[i] as number) * v, 0));
    const rows = morrisIndices("f", ["a", "b", "c"], points, order, y, { resamples: 0, confidence: 0.95, seed: "s" });
    pick(rows, "mu_star").forEach((r, i) => expect(r.value).toBeCloseTo(Math.abs(c[i] as number), 12));
    pick(rows, "mu").forEach((r, i) => expect(r.value).toBeCloseTo(c[i] as number, 12));
    pick(rows, "sigma").forEach((r) => expect(r.value).toBeCloseTo(0, 12));
  });

  it("move each parameter once per trajectory by Δ = p / (2(p − 1)) on the grid, inside [0, 1]", () => {
    expect(morrisDelta(4)).toBeCloseTo(2 / 3, 12);
    const { points, order } = morrisDesign(4, 30, 6, seedrandom("grid"));
    for (let t = 0; t < 30; t++) {
      expect([...(order[t] as number[])].sort()).toEqual([0, 1, 2, 3]);
      for (let j = 0; j < 4; j++) {
        const from = points[t * 5 + j] as number[];
        const to = points[t * 5 + j + 1] as number[];
        const moved = from.map((v, i) => Math.abs((to[i] as number) - v));
        expect(moved.filter((m) => m > 1e-12)).toHaveLength(1);
        expect(moved[order[t]?.[j] as number]).toBeCloseTo(morrisDelta(6), 12);
        for (const v of to) expect(v >= 0 && v <= 1 && Math.abs(v * 5 - Math.round(v * 5)) < 1e-9).toBe(true);
      }
    }
  });

  it("of f = x² on 4 levels are 2/3 or 4/3 (worked by hand: (f(x+Δ) − f(x))/Δ = 2x + Δ)", () => {
    const { points, order } = morrisDesign(1, 40, 4, seedrandom("sq"));
    const y = points.map((u) => (u[0] as number) ** 2);
    const rows = morrisIndices("f", ["x"], points, order, y, { resamples: 100, confidence: 0.95, seed: "s" });
    const muStar = pick(rows, "mu_star")[0];
    expect(muStar?.value as number).toBeGreaterThanOrEqual(2 / 3);
    expect(muStar?.value as number).toBeLessThanOrEqual(4 / 3);
    // Each effect is 2/3 or 4/3, so the mean of their absolute values times 40 is a whole multiple of 2/3.
    expect(Math.abs(((muStar?.value as number) * 40 * 3) / 2 - Math.round(((muStar?.value as number) * 40 * 3) / 2))).toBeLessThan(1e-9);
    expect(muStar?.low as number).toBeLessThanOrEqual(muStar?.value as number);
  });
});
