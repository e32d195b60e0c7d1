import seedrandom from "seedrandom";

/**
 * Model 2 randomness: every draw is a pure function of the run's seed, a named purpose, the day
 * and who draws (a user, or the platform's k-th draw of that purpose that day). Nothing depends
 * on the order in which draws are made, so
 *  - a parameter that does not touch a user leaves that user's draws unchanged (common random
 *    numbers: a comparison's differences are the parameter's effect, not a reshuffle of noise);
 *  - users can be visited in any order, by any number of threads, with the same numbers.
 *
 * Two layers:
 *  - the key of (seed, purpose, day): Threefry-2x32 with 20 rounds (Salmon, Moraes, Dror and Shaw,
 *    "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the Random123 library's known-answer
 *    vectors hold it in test/draws.test.ts), keyed by two words of the seed, counting (day,
 *    purpose tag). Three words come out; this runs once per purpose and day;
 *  - the draw of one (a, b) under that key, made for every user every day and so kept cheap:
 *    three rounds of lowbias32 (Wellons' hash prospector: xor-shift, multiply, xor-shift,
 *    multiply, xor-shift; every output bit flips with probability within 0.2% of one half on a
 *    one-bit input change), each round whitened by one key word:
 *        x = mix(a ⊕ k0);  x = mix(x ⊕ (b + k1));  x = mix(x + k2).
 *    For a fixed b it is a bijection of a, so no two users of one join day share a draw.
 *
 * A user is (a, b) = (arrival index on their join day, join day): a user's identity does not
 * move when arrivals on an earlier day change, so their draws do not either.
 * docs/randomness.md gives the quality checks (dieharder, neighbouring-key correlations) and speed.
 */

/** A named reason for drawing: its tag separates its numbers from every other purpose's. */
export interface Purpose {
  readonly name: string;
  readonly tag: number;
}

const declared = new Map<number, string>();

/**
 * Declares a purpose by name (e.g. "order", "ads.watch"); the same name always gives the same
 * tag (FNV-1a of its UTF-16 code units), so declaring twice is harmless. Two names with one tag
 * would share numbers: refused.
 */
export function declarePurpose(name: string): Purpose {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  const tag = h | 0;
  const other = declared.get(tag);
  if (other !== undefined && other !== name) throw new Error(`draw purposes "${other}" and "${name}" share a tag`);
  declared.set(tag, name);
  return { name, tag };
}

/** lowbias32: a bijective 32-bit mixer (Wellons' hash prospector). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x;
}

/** The draw of (a, b) under key (k0, k1, k2), as an unsigned 32-bit integer. */
export function keyedUint32(k0: number, k1: number, k2: number, a: number, b: number): number {
  let x = mix32(a ^ k0);
  x = mix32(x ^ ((b + k1) | 0));
  return mix32((x + k2) | 0) >>> 0;
}

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;
const SKEIN_PARITY = 0x1bd11bda;

/** Threefry-2x32 with 20 rounds of counter (c0, c1) under key (k0, k1): two 32-bit words (as int32). */
export function threefry2x32(c0: number, c1: number, k0: number, k1: number): [number, number] {
  const ks = [k0 | 0, k1 | 0, (SKEIN_PARITY ^ k0 ^ k1) | 0];
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  for (let round = 0; round < 20; round++) {
    x0 = (x0 + x1) | 0;
    const r = ROTATIONS[round & 7] as number;
    x1 = (x1 << r) | (x1 >>> (32 - r));
    x1 ^= x0;
    if ((round & 3) === 3) {
      const injection = (round >> 2) + 1;
      x0 = (x0 + (ks[injection % 3] as number)) | 0;
      x1 = (x1 + (ks[(injection + 1) % 3] as number) + injection) | 0;
    }
  }
  return [x0, x1];
}

/** threshold's "always": hit is true without a draw. */
export const ALWAYS = 4294967296;

/**
 * chance(p) as an integer test for hot loops: u / 2^32 < p ⟺ u < ⌈p · 2^32⌉ for integer u.
 * Thresholds 0 and 2^32 mean "never" and "always".
 */
export function threshold(p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return ALWAYS;
  return Math.ceil(p * 4294967296);
}

/** The keys of one purpose on one day: draws of any (a, b) under them. */
export class DrawKey {
  constructor(
    readonly k0: number,
    readonly k1: number,
    readonly k2: number,
  ) {}

  uint32(a: number, b: number): number {
    return keyedUint32(this.k0, this.k1, this.k2, a, b);
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  uniform(a: number, b: number): number {
    return keyedUint32(this.k0, this.k1, this.k2, a, b) / 4294967296;
  }

  /** True with probability p; certain events need no draw (and make none that matters). */
  chance(p: number, a: number, b: number): boolean {
    if (p <= 0) return false;
    if (p >= 1) return true;
    return this.uint32(a, b) < Math.ceil(p * 4294967296);
  }

  /** chance with a precomputed threshold(p). */
  hit(limit: number, a: number, b: number): boolean {
    if (limit === 0) return false;
    if (limit === ALWAYS) return true;
    return this.uint32(a, b) < limit;
  }

  /** Uniform integer in [0, n). */
  below(n: number, a: number, b: number): number {
    return Math.floor(this.uniform(a, b) * n);
  }

  /** Index drawn with probability proportional to weights (cumulative weights given). */
  pick(cumulative: readonly number[], a: number, b: number): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const x = this.uniform(a, b) * total;
    for (let i = 0; i < cumulative.length; i++) if (x < (cumulative[i] ?? 0)) return i;
    return cumulative.length - 1;
  }

  /**
   * A Poisson draw of the platform's (one a day per key): Knuth's product of uniforms for small
   * means, Box–Muller's normal approximation rounded for means of 30 and more. The uniforms are
   * (0, b), (1, b), …, so the draw is a function of the key and b alone.
   */
  poisson(mean: number, b = 0): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform(0, b);
      while (p > limit) {
        k++;
        p *= this.uniform(k, b);
      }
      return k;
    }
    const u1 = Math.max(this.uniform(0, b), 1e-12);
    const u2 = this.uniform(1, b);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
}

/** The run's randomness: keys by purpose and day, from the scenario's seed (number or string). */
export class Draws {
  private readonly s0: number;
  private readonly s1: number;
  private cached: { tag: number; day: number; key: DrawKey }[] = [];

  constructor(seed: string | number) {
    // seedrandom hashes any seed (number or string) into words on every machine alike.
    const seeder = seedrandom(String(seed));
    this.s0 = seeder.int32();
    this.s1 = seeder.int32();
  }

  /** The key of `purpose` on `day` (the platform's draws before day 1 use day 0 or below). */
  key(purpose: Purpose, day: number): DrawKey {
    for (const c of this.cached) if (c.tag === purpose.tag && c.day === day) return c.key;
    const [k0, k1] = threefry2x32(day | 0, purpose.tag, this.s0, this.s1);
    const [k2] = threefry2x32(k0, k1, this.s0, this.s1);
    const key = new DrawKey(k0, k1, k2);
    // A day's keys are asked for a handful of times; yesterday's are not asked for again.
    this.cached = this.cached.filter((c) => c.day === day);
    this.cached.push({ tag: purpose.tag, day, key });
    return key;
  }
}
