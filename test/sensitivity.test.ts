import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { morrisDelta, morrisDesign, sobolDesign } from "../src/sweep/designs.js";
import { morrisIndices, sobolIndices, type BootstrapOptions, type SensitivityIndex } from "../src/sweep/sensitivity.js";

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
    for (const [index, exact] of [
      ["S1", exactS1],
      ["ST", exactST],
    ] as const) {
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

/** Every value and interval bound of `rows`, in order (null stays null). */
const numbers = (rows: readonly SensitivityIndex[]) => rows.flatMap((r) => [r.value, r.low, r.high]);
/** `a` and `b` agree to `tolerance` relative to the largest of `a` (nulls in the same places). */
function expectSame(a: readonly (number | null)[], b: readonly (number | null)[], tolerance: number): void {
  const scale = Math.max(1e-300, ...a.map((v) => Math.abs(v ?? 0)));
  expect(b.map((v) => v === null)).toEqual(a.map((v) => v === null));
  a.forEach((v, i) => expect(Math.abs((v ?? 0) - (b[i] ?? 0)) / scale).toBeLessThan(tolerance));
}

describe("Sobol indices do not depend on where the metric sits or its unit (centred estimator)", () => {
  const boot: BootstrapOptions = { resamples: 200, confidence: 0.95, seed: "boot" };

  it("Ishigami, Ishigami + 1000 and Ishigami × 1000 give the exact indices within 0.02 at N = 32,768, and the same values and intervals", () => {
    const points = sobolDesign(3, 32_768, seedrandom("ishigami-shift"));
    const y = points.map(ishigami);
    const plain = sobolIndices("f", ["x1", "x2", "x3"], y, boot);
    const shifted = sobolIndices(
      "f",
      ["x1", "x2", "x3"],
      y.map((v) => v + 1000),
      boot,
    );
    const scaled = sobolIndices(
      "f",
      ["x1", "x2", "x3"],
      y.map((v) => v * 1000),
      boot,
    );
    for (const rows of [plain, shifted, scaled]) {
      pick(rows, "S1").forEach((r, i) => expect(Math.abs((r.value as number) - (exactS1[i] as number))).toBeLessThan(0.02));
      pick(rows, "ST").forEach((r, i) => expect(Math.abs((r.value as number) - (exactST[i] as number))).toBeLessThan(0.02));
      for (const r of rows) expect(r.flags).toEqual([]);
    }
    // Up to rounding: |f| ≤ 17 next to a shift of 1000 leaves about 11 of the 16 digits.
    expectSame(numbers(plain), numbers(shifted), 1e-9);
    expectSame(numbers(plain), numbers(scaled), 1e-12);
  });

  it("a linear model y = Σ c_i x_i of independent uniforms: S1_i = ST_i = c_i² / Σ c_j², also when shifted by 10⁶", () => {
    const c = [1, 2, 3, 0];
    const share = c.map((v) => v ** 2 / c.reduce((s, w) => s + w ** 2, 0)); // 1/14, 4/14, 9/14, 0
    const points = sobolDesign(4, 8192, seedrandom("linear"));
    const linear = (u: readonly number[]) => u.reduce((s, v, i) => s + (c[i] as number) * v, 0);
    for (const shift of [0, 1e6]) {
      const rows = sobolIndices(
        "y",
        ["a", "b", "c", "d"],
        points.map((u) => linear(u) + shift),
        boot,
      );
      for (const index of ["S1", "ST"]) pick(rows, index).forEach((r, i) => expect(Math.abs((r.value as number) - (share[i] as number))).toBeLessThan(0.02));
      // The parameter with c = 0 changes nothing: f_ABi = f_A exactly, so both indices are exactly 0.
      expect(pick(rows, "S1")[3]).toMatchObject({ value: 0, low: 0, high: 0 });
    }
  });

  it("flag intervals wider than 0.5 as too few samples, with the N that gives a 0.1-wide interval, at N = 16 and not at N = 32,768", () => {
    const tiny = sobolIndices("f", ["x1", "x2", "x3"], sobolDesign(3, 16, seedrandom("tiny")).map(ishigami), boot);
    const wide = tiny.filter((r) => (r.high as number) - (r.low as number) > 0.5);
    expect(wide.length).toBeGreaterThan(0);
    for (const r of tiny) {
      const width = (r.high as number) - (r.low as number);
      // Width ∝ 1/√N: N' = 16 (width / 0.1)² brings it to 0.1.
      const advice = r.flags.filter((f) => f.startsWith("too-few-samples:"));
      expect(advice).toEqual(width > 0.5 ? [`too-few-samples:N=${Math.ceil(16 * (width / 0.1) ** 2)}`] : []);
    }
    const large = sobolIndices("f", ["x1", "x2", "x3"], sobolDesign(3, 32_768, seedrandom("large")).map(ishigami), boot);
    expect(large.flatMap((r) => r.flags)).toEqual([]);
    // Without intervals nothing can be judged beyond sampling error: no flags.
    expect(
      sobolIndices("f", ["x1", "x2", "x3"], sobolDesign(3, 16, seedrandom("tiny")).map(ishigami), { ...boot, resamples: 0 }).flatMap((r) => r.flags),
    ).toEqual([]);
  });

  it("flag outputs no function can give: indices outside [0, 1] beyond their interval, and S1 above ST beyond sampling error", () => {
    // Outputs written by hand, block by block (A, B, AB): f_AB = f_A + m (f_B − f̄) with f̄ = 1/2,
    // the mean of f_A and f_B. Then S1 → m Var(f_B) / V = m and ST → m² Var(f_B) / (2V) = m²/2 for
    // large N (V = Var(f_B) = 1/12, A and B being independent uniforms).
    const random = seedrandom("made-up");
    const outputs = (m: number) =>
      Array.from({ length: 4096 }, () => {
        const a = random();
        const b = random();
        return [a, b, a + m * (b - 0.5)];
      }).flat();
    const half = sobolIndices("f", ["x"], outputs(1), boot); // S1 ≈ 1 above ST ≈ 1/2
    expect(pick(half, "S1")[0]?.flags).toEqual(["s1-above-st"]);
    expect(pick(half, "ST")[0]?.flags).toEqual([]);
    const three = sobolIndices("f", ["x"], outputs(3), boot); // S1 ≈ 3, ST ≈ 4.5: both impossible
    expect(pick(three, "S1")[0]?.value as number).toBeCloseTo(3, 0);
    expect(pick(three, "ST")[0]?.value as number).toBeCloseTo(4.5, 0);
    for (const r of three) expect(r.flags).toContain("outside-0-1");
    expect(pick(three, "S1")[0]?.flags).not.toContain("s1-above-st");
  });
});

describe("Morris elementary effects", () => {
  it("do not move when the metric is shifted by 10⁶ and scale exactly with it (Ishigami on 30 trajectories)", () => {
    const { points, order } = morrisDesign(3, 30, 4, seedrandom("morris-shift"));
    const y = points.map(ishigami);
    const boot: BootstrapOptions = { resamples: 100, confidence: 0.95, seed: "b" };
    const plain = morrisIndices("f", ["x1", "x2", "x3"], points, order, y, boot);
    const shifted = morrisIndices(
      "f",
      ["x1", "x2", "x3"],
      points,
      order,
      y.map((v) => v + 1e6),
      boot,
    );
    const scaled = morrisIndices(
      "f",
      ["x1", "x2", "x3"],
      points,
      order,
      y.map((v) => v * 1000),
      boot,
    );
    expectSame(numbers(plain), numbers(shifted), 1e-9);
    expect(numbers(scaled)).toEqual(numbers(plain).map((v) => (v === null ? null : expect.closeTo(v * 1000, 9))));
    expect(shifted.map((r) => r.flags)).toEqual(plain.map((r) => r.flags));
    expect(scaled.map((r) => r.flags)).toEqual(plain.map((r) => r.flags));
  });

  it("flag a μ* interval wider than half the largest μ* as too few trajectories, with the r for a tenth of it", () => {
    const flagsAt = (r: number) => {
      const { points, order } = morrisDesign(3, r, 4, seedrandom(`morris-${r}`));
      return morrisIndices("f", ["x1", "x2", "x3"], points, order, points.map(ishigami), { resamples: 200, confidence: 0.95, seed: "b" });
    };
    const few = flagsAt(4);
    const top = Math.max(...pick(few, "mu_star").map((r) => r.value as number));
    const flagged = pick(few, "mu_star").filter((r) => r.flags.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
    for (const r of pick(few, "mu_star")) {
      const width = ((r.high as number) - (r.low as number)) / top;
      expect(r.flags).toEqual(width > 0.5 ? [`too-few-samples:r=${Math.ceil(4 * (width / 0.1) ** 2)}`] : []);
    }
    for (const r of [...pick(few, "mu"), ...pick(few, "sigma")]) expect(r.flags).toEqual([]);
    expect(flagsAt(2000).flatMap((r) => r.flags)).toEqual([]);
  });

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
