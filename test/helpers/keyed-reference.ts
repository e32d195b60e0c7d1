import seedrandom from "seedrandom";

/**
 * A second implementation of model 2's draws, from docs/randomness.md and not from
 * src/engine/draws.ts: arithmetic on BigInt modulo 2^32 instead of int32 tricks, Threefry's
 * rounds written out from the Random123 paper's description (rotation constants R_2x32, key
 * schedule with the Skein parity constant, a key injection after every fourth round).
 */
const M = 1n << 32n;
const u = (x: number | bigint): bigint => ((BigInt(x) % M) + M) % M;
const add = (x: bigint, y: bigint): bigint => (x + y) % M;
const mul = (x: bigint, y: bigint): bigint => (x * y) % M;
const rotl = (x: bigint, r: number): bigint => ((x << BigInt(r)) | (x >> BigInt(32 - r))) % M;

export function referenceThreefry(c0: number, c1: number, k0: number, k1: number, rounds = 20): [bigint, bigint] {
  const R = [13, 15, 26, 6, 17, 29, 16, 24];
  const ks = [u(k0), u(k1), u(0x1bd11bda) ^ u(k0) ^ u(k1)];
  let x0 = add(u(c0), ks[0] as bigint);
  let x1 = add(u(c1), ks[1] as bigint);
  for (let round = 1; round <= rounds; round++) {
    x0 = add(x0, x1);
    x1 = rotl(x1, R[(round - 1) % 8] as number) ^ x0;
    if (round % 4 === 0) {
      const s = round / 4;
      x0 = add(x0, ks[s % 3] as bigint);
      x1 = add(add(x1, ks[(s + 1) % 3] as bigint), BigInt(s));
    }
  }
  return [x0, x1];
}

function lowbias(x: bigint): bigint {
  x ^= x >> 16n;
  x = mul(x, 0x7feb352dn);
  x ^= x >> 15n;
  x = mul(x, 0x846ca68bn);
  x ^= x >> 16n;
  return x;
}

/** FNV-1a (32 bits) over the name's UTF-16 code units. */
function referenceTag(name: string): bigint {
  let h = 0x811c9dc5n;
  for (let i = 0; i < name.length; i++) h = mul(h ^ BigInt(name.charCodeAt(i)), 0x01000193n);
  return h;
}

/** The key words of (seed, purpose, day). */
export function referenceKey(seed: string | number, purpose: string, day: number): [bigint, bigint, bigint] {
  const seeder = seedrandom(String(seed));
  const s0 = seeder.int32();
  const s1 = seeder.int32();
  const [k0, k1] = referenceThreefry(day, Number(referenceTag(purpose)), s0, s1);
  const [k2] = referenceThreefry(Number(k0), Number(k1), s0, s1);
  return [k0, k1, k2];
}

/** The unsigned 32-bit draw of (a, b) for (seed, purpose, day). */
export function referenceDraw(seed: string | number, purpose: string, day: number, a: number, b: number): number {
  return referenceDrawWithKey(referenceKey(seed, purpose, day), a, b);
}

/** The draw of (a, b) under key words already derived. */
export function referenceDrawWithKey([k0, k1, k2]: [bigint, bigint, bigint], a: number, b: number): number {
  let x = lowbias(u(a) ^ k0);
  x = lowbias(x ^ add(u(b), k1));
  return Number(lowbias(add(x, k2)));
}
