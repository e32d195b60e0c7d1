import seedrandom from "seedrandom";

/**
 * The run's one seeded generator. seedrandom hashes the scenario's seed (number or
 * string) into the state of sfc32, a small fast generator whose output depends only on
 * that state, so a scenario plus a seed draws the same numbers on every machine.
 * Draws happen in a fixed order (phase by phase, users by index), which the engine
 * guarantees; nothing here reads the clock or Math.random.
 */
/** Random.threshold of a certain event: Random.hit is true without a draw. */
export const ALWAYS = 4294967296;

export class Random {
  /**
   * The four sfc32 words, as int32 in a typed array (a stable representation that keeps
   * V8's optimised code from deoptimising). A hot loop may copy them into locals, run the
   * same steps inline and write them back: the draws are identical either way. The loops that
   * do (the ad release in ads.ts, orders, withdrawal requests, churn) are held to this class by
   * test/generator.test.ts and the golden tests; a change to the step changes them all.
   */
  readonly s = new Int32Array(4);

  constructor(seed: string | number) {
    const seeder = seedrandom(String(seed));
    for (let i = 0; i < 4; i++) this.s[i] = seeder.int32();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const s = this.s;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    const rotated = (c << 21) | (c >>> 11);
    s[2] = (rotated + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** True with probability p; draws nothing when p is 0 or 1, so certain events stay certain. */
  chance(p: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.next() < p;
  }

  /**
   * chance(p) as an integer test, for hot loops: with t = threshold(p), hit(t) draws exactly
   * when chance(p) would and returns the same answer (u / 2^32 < p ⟺ u < ⌈p · 2^32⌉ for
   * integer u). Thresholds 0 and 2^32 mean "never" and "always" without a draw.
   */
  static threshold(p: number): number {
    if (p <= 0) return 0;
    if (p >= 1) return ALWAYS;
    return Math.ceil(p * 4294967296);
  }

  hit(threshold: number): boolean {
    if (threshold === 0) return false;
    if (threshold === ALWAYS) return true;
    return this.nextUint32() < threshold;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Poisson draw (Knuth for small means, normal approximation rounded for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    // Box-Muller; mean ≥ 30 keeps the approximation's error far below the model's noise.
    const u1 = Math.max(this.next(), 1e-12);
    const u2 = this.next();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }

  /** Index drawn with probability proportional to weights (cumulative weights given). */
  pickCumulative(cumulative: readonly number[]): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const x = this.next() * total;
    for (let i = 0; i < cumulative.length; i++) if (x < (cumulative[i] ?? 0)) return i;
    return cumulative.length - 1;
  }
}
