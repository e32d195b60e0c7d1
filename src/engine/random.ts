import seedrandom from "seedrandom";

/**
 * The run's one seeded generator. seedrandom hashes the scenario's seed (number or
 * string) into the state of sfc32, a small fast generator whose output depends only on
 * that state, so a scenario plus a seed draws the same numbers on every machine.
 * Draws happen in a fixed order (phase by phase, users by index), which the engine
 * guarantees; nothing here reads the clock or Math.random.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string | number) {
    const seeder = seedrandom(String(seed));
    this.a = seeder.int32() >>> 0;
    this.b = seeder.int32() >>> 0;
    this.c = seeder.int32() >>> 0;
    this.d = seeder.int32() >>> 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
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
