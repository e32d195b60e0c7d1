import { describe, expect, it } from "vitest";
import { type DrawKey, Draws, declarePurpose, keyedUint32, mix32, threefry2x32 } from "../src/engine/draws.js";
import { referenceDraw, referenceKey, referenceThreefry } from "./helpers/keyed-reference.js";

const hex = (x: number | bigint) => (Number(x) >>> 0).toString(16).padStart(8, "0");

describe("Threefry-2x32-20, the key schedule", () => {
  // Random123's known-answer vectors (kat_vectors: "threefry2x32 20 <ctr0> <ctr1> <key0> <key1> <out0> <out1>").
  const vectors: [number, number, number, number, string, string][] = [
    [0, 0, 0, 0, "6b200159", "99ba4efe"],
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, "1cb996fc", "bb002be7"],
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, "c4923a9c", "483df7a0"],
  ];
  it.each(vectors)("counter %i,%i key %i,%i", (c0, c1, k0, k1, out0, out1) => {
    expect(threefry2x32(c0 | 0, c1 | 0, k0 | 0, k1 | 0).map(hex)).toEqual([out0, out1]);
    expect(referenceThreefry(c0, c1, k0, k1).map(hex)).toEqual([out0, out1]);
  });
  it("the 13-round vector holds the reference's round structure too", () => {
    expect(referenceThreefry(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 13).map(hex)).toEqual(["ba3e4725", "f27d669e"]);
  });
});

describe("the keyed draw equals the documented construction", () => {
  it("on seeds (numbers and strings), purposes, days and users, against the BigInt reimplementation", () => {
    const draws = new Draws("case-42");
    const numeric = new Draws(7);
    const purpose = declarePurpose("test.purpose");
    for (const day of [0, 1, 2, 365, 3650]) {
      for (const [a, b] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [123_456, 17],
        [9_999_999, 3649],
        [2 ** 31 - 1, 5],
      ] as const) {
        expect(draws.key(purpose, day).uint32(a, b), `day ${day} (${a}, ${b})`).toBe(referenceDraw("case-42", "test.purpose", day, a, b));
        expect(numeric.key(purpose, day).uint32(a, b)).toBe(referenceDraw(7, "test.purpose", day, a, b));
      }
    }
  });

  it("does not depend on the order in which keys are asked for", () => {
    const p = declarePurpose("test.p");
    const q = declarePurpose("test.q");
    const one = new Draws(1);
    const other = new Draws(1);
    const first = [one.key(p, 5).uint32(3, 4), one.key(q, 5).uint32(3, 4), one.key(p, 6).uint32(3, 4)];
    const second = [other.key(p, 6).uint32(3, 4), other.key(q, 5).uint32(3, 4), other.key(p, 5).uint32(3, 4)];
    expect(first).toEqual([second[2], second[1], second[0]]);
    const [k0, k1, k2] = referenceKey(1, "test.p", 5);
    expect(keyedUint32(Number(k0) | 0, Number(k1) | 0, Number(k2) | 0, 3, 4)).toBe(first[0]);
  });

  it("mix32 is lowbias32: a bijection (no two of 2^18 neighbouring inputs share an output)", () => {
    const seen = new Set<number>();
    for (let x = 0; x < 1 << 18; x++) seen.add(mix32(x - 512) >>> 0);
    expect(seen.size).toBe(1 << 18);
  });

  it("purposes: one name one tag; two names with one FNV-1a tag are refused", () => {
    expect(declarePurpose("order").tag).toBe(declarePurpose("order").tag);
    // A known FNV-1a 32-bit collision: both hash to 0x5e4daa9d.
    expect(declarePurpose("costarring").tag >>> 0).toBe(0x5e4daa9d);
    expect(() => declarePurpose("liquid")).toThrow(/share a tag/);
  });
});

/** n uniforms from (a, b) ↦ key.uniform for a = 0..n−1. */
function uniforms(key: DrawKey, n: number, shiftA = 0, b = 0): Float64Array {
  const out = new Float64Array(n);
  for (let a = 0; a < n; a++) out[a] = key.uniform(a + shiftA, b);
  return out;
}

function correlation(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i] as number;
    sy += y[i] as number;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("independence between neighbouring keys (n = 200,000 pairs; bounds at 5 standard errors)", () => {
  const N = 200_000;
  const bound = 5 / Math.sqrt(N);
  const draws = new Draws(2024);
  const order = declarePurpose("order");
  const churn = declarePurpose("churn");
  const base = uniforms(draws.key(order, 100), N, 0, 30);
  const pairs: [string, Float64Array][] = [
    ["the next user (a + 1)", uniforms(draws.key(order, 100), N, 1, 30)],
    ["the same index a day later in joining (b + 1)", uniforms(draws.key(order, 100), N, 0, 31)],
    ["the next day", uniforms(draws.key(order, 101), N, 0, 30)],
    ["another purpose", uniforms(draws.key(churn, 100), N, 0, 30)],
    ["the next seed", uniforms(new Draws(2025).key(order, 100), N, 0, 30)],
  ];
  it.each(pairs)("%s: correlation, and agreement of p = 1/2 events, as for independent draws", (_name, other) => {
    expect(Math.abs(correlation(base, other))).toBeLessThan(bound);
    let agree = 0;
    for (let i = 0; i < N; i++) if ((base[i] as number) < 0.5 === (other[i] as number) < 0.5) agree++;
    expect(Math.abs(agree / N - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
    // And the low bits: the parity of the draw agrees half the time.
    let parity = 0;
    for (let i = 0; i < N; i++) if (((base[i] as number) * 2 ** 32) % 2 === ((other[i] as number) * 2 ** 32) % 2) parity++;
    expect(Math.abs(parity / N - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
  });

  it("uniform: the top and bottom bytes over 256 bins (χ², 255 df, below mean + 5 sd), every bit half the time", () => {
    const top = new Float64Array(256);
    const bottom = new Float64Array(256);
    const bits = new Float64Array(32);
    for (let i = 0; i < N; i++) {
      const x = (base[i] as number) * 2 ** 32;
      const t = Math.floor(x / 2 ** 24);
      top[t] = (top[t] as number) + 1;
      bottom[x % 256] = (bottom[x % 256] as number) + 1;
      for (let bit = 0; bit < 32; bit++) if (Math.floor(x / 2 ** bit) % 2 === 1) bits[bit] = (bits[bit] as number) + 1;
    }
    const chi = (counts: Float64Array) => counts.reduce((s, c) => s + (c - N / 256) ** 2 / (N / 256), 0);
    const limit = 255 + 5 * Math.sqrt(2 * 255);
    expect(chi(top)).toBeLessThan(limit);
    expect(chi(bottom)).toBeLessThan(limit);
    for (const count of bits) expect(Math.abs(count / N - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
  });
});

describe("Poisson draws of the platform", () => {
  it.each([3, 12, 80])("mean %i: sample mean and variance within 5 standard errors of λ", (lambda) => {
    const key = new Draws(5).key(declarePurpose("arrivals"), 9);
    const n = 20_000;
    let s = 0;
    let s2 = 0;
    for (let b = 0; b < n; b++) {
      const k = key.poisson(lambda, b);
      s += k;
      s2 += k * k;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    // Var of the sample variance of a Poisson ≈ (λ + 2λ²) / n.
    expect(Math.abs(variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda + 2 * lambda * lambda) / n));
  });
});
