import { ALWAYS, keyedUint32 } from "./draws.js";

/**
 * The keyed draw (draws.ts, keyedUint32) of a run of consecutive users who joined on one day:
 * a = a0, a0 + 1, …, a0 + n − 1 under one key and one join day. A per-user loop draws for
 * every user every day; done four users at a time in WebAssembly's 128-bit integer lanes it
 * costs a fraction of the same rounds written out in JavaScript (V8 does not vectorise). The
 * lanes compute exactly the same 32-bit integer operations (xor, logical shift right, wrapping
 * multiply and add), so the numbers are the same on every machine; where WebAssembly or its
 * SIMD instructions are missing, the same draws are made in JavaScript (test/draws-run.test.ts
 * holds both to keyedUint32 and to an independent implementation).
 */

/** The WebAssembly global as used here (the project's TypeScript libraries leave out the DOM's, where its types live); absent in some hosts. */
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object) => { exports: unknown };
    }
  | undefined;

/** The most users one call draws for (a release block). */
export const RUN_MAX = 4096;

/** The module's one function: draws(a0, n, k0, k1 + b, k2) writes n draws (as uint32) at address 0. */
type DrawsExport = (a0: number, n: number, k0: number, kBorn: number, k2: number) => void;

const uleb = (value: number): number[] => {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
};
const sleb = (value: number): number[] => {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
};

/**
 * The module's bytes, assembled here (no build step, no file): one memory page (the output,
 * RUN_MAX words) and `draws`, a loop over groups of four users. Its text form:
 *   vk0 = splat(k0); vkb = splat(kBorn); vk2 = splat(k2); va = splat(a0) + [0, 1, 2, 3]
 *   for (i = 0; i < n; i += 4) { x = mix(va ^ vk0); x = mix(x ^ vkb); x = mix(x + vk2);
 *                                store(i × 4, x); va += 4 }
 * where mix is lowbias32 lane by lane (draws.ts, mix32). It writes whole groups of four, so up
 * to three words past n (inside the page; never read).
 */
function moduleBytes(): Uint8Array {
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const get = (local: number) => [0x20, local];
  const set = (local: number) => [0x21, local];
  const i32 = (v: number) => [0x41, ...sleb(v)];
  const splat = simd(0x11);
  const xor = simd(0x51);
  const shrU = simd(0xad);
  const add = simd(0xae);
  const mul = simd(0xb5);
  // Locals: parameters 0–4 (a0, n, k0, kBorn, k2), then i (i32) and eight v128s.
  const [A0, N, K0, KB, K2, I, VK0, VKB, VK2, VA, X, VM1, VM2, V4] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const;
  const xorShift = (by: number) => [...get(X), ...get(X), ...i32(by), ...shrU, ...xor, ...set(X)];
  const times = (m: number) => [...get(X), ...get(m), ...mul, ...set(X)];
  const mix = [...xorShift(16), ...times(VM1), ...xorShift(15), ...times(VM2), ...xorShift(16)];
  const body = [
    ...[2, 1, 0x7f, 8, 0x7b],
    ...get(K0),
    ...splat,
    ...set(VK0),
    ...get(KB),
    ...splat,
    ...set(VKB),
    ...get(K2),
    ...splat,
    ...set(VK2),
    ...i32(0x7feb352d),
    ...splat,
    ...set(VM1),
    ...i32(0x846ca68b),
    ...splat,
    ...set(VM2),
    ...i32(4),
    ...splat,
    ...set(V4),
    ...get(A0),
    ...splat,
    ...simd(0x0c),
    ...[0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0],
    ...add,
    ...set(VA),
    ...i32(0),
    ...set(I),
    ...[0x02, 0x40, 0x03, 0x40],
    ...get(I),
    ...get(N),
    0x4e,
    0x0d,
    1,
    ...get(VA),
    ...get(VK0),
    ...xor,
    ...set(X),
    ...mix,
    ...get(X),
    ...get(VKB),
    ...xor,
    ...set(X),
    ...mix,
    ...get(X),
    ...get(VK2),
    ...add,
    ...set(X),
    ...mix,
    ...get(I),
    ...i32(2),
    0x74,
    ...get(X),
    ...simd(0x0b),
    4,
    0,
    ...get(VA),
    ...get(V4),
    ...add,
    ...set(VA),
    ...get(I),
    ...i32(4),
    0x6a,
    ...set(I),
    ...[0x0c, 0, 0x0b, 0x0b, 0x0b],
  ];
  const section = (id: number, bytes: number[]) => [id, ...uleb(bytes.length), ...bytes];
  const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name("draws"), 0, 0, ...name("memory"), 2, 0]),
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

/** The compiled module's function and its output words, or null where it cannot run here. */
function instantiate(): { draws: DrawsExport; words: Uint32Array } | null {
  try {
    if (typeof WebAssembly !== "object" || WebAssembly === undefined) return null;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
    const exports = instance.exports as { draws: DrawsExport; memory: { buffer: ArrayBuffer } };
    return { draws: exports.draws, words: new Uint32Array(exports.memory.buffer, 0, RUN_MAX) };
  } catch {
    // No WebAssembly SIMD (an old engine, a page whose policy forbids compiling): JavaScript.
    return null;
  }
}

const simd = instantiate();
const fallbackWords = new Uint32Array(RUN_MAX);

/** Whether the draws run in WebAssembly's lanes here (else in JavaScript, with the same numbers). */
export const DRAWS_IN_LANES = simd !== null;

/**
 * Draws for the run of n ≤ RUN_MAX users (a0 + j, born), j < n, under the key (k0, k1, k2):
 * returns words where words[j] is keyedUint32(k0, k1, k2, a0 + j, born). The words are
 * overwritten by the next call (on this thread), so a loop that reads them calls nothing that
 * could draw a run before it is done with them.
 */
export function drawRun(k0: number, k1: number, k2: number, a0: number, born: number, n: number, lanes = simd !== null): Uint32Array {
  if (lanes && simd !== null) {
    simd.draws(a0, n, k0, (born + k1) | 0, k2);
    return simd.words;
  }
  for (let j = 0; j < n; j++) fallbackWords[j] = keyedUint32(k0, k1, k2, a0 + j, born);
  return fallbackWords;
}

/** No draws: what a loop whose thresholds need none reads in their place (never read). */
const NO_WORDS = new Uint32Array(0);

/**
 * Whether a per-user rule needs draws at all: some threshold is neither 0 (never) nor ALWAYS.
 * A run's draws are made for all its users at once, so a loop asks this before drawing any.
 */
export function drawsNeeded(...thresholds: readonly Float64Array[]): boolean {
  for (const list of thresholds) for (let s = 0; s < list.length; s++) if ((list[s] as number) !== 0 && (list[s] as number) !== ALWAYS) return true;
  return false;
}

/**
 * Where the run of users from `id` on ends: the first later id not past `to` with another join
 * day, and at most RUN_MAX users on. Users join in day order (users.ts), so a block of users is a
 * few such runs, and each run's draws are one drawRun.
 */
export function drawRunEnd(joinDay: Int32Array, id: number, to: number): number {
  const end = Math.min(to, id + RUN_MAX);
  const born = joinDay[id] as number;
  if ((joinDay[end - 1] as number) === born) return end;
  let lo = id + 1;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((joinDay[mid] as number) === born) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A loop over a run of users [from, to) of one join day whose draws are words[id − from]: it adds
 * to the range's partial sums in `out`, and a split range lists from row rangeStart on.
 */
export type RunLoop<A> = (args: A, from: number, to: number, words: Uint32Array, rangeStart: number, out: Float64Array) => void;

/** The users' columns that cut a range into runs and name each user's draw: join day, and each day's first id. */
export interface JoinDays {
  joinDay: Int32Array;
  firstOfDay: Int32Array;
}

/**
 * Runs `loop` over users [from, to) of the range starting at rangeStart, a run of one join day
 * at a time (drawRunEnd): a user's draw identity is (id − first of the day, the day), so each
 * run's draws under the key (k0, k1, k2) are one drawRun, made before its loop; NO_WORDS when
 * `drawing` is false (no threshold needs a draw).
 */
export function eachDrawRun<A extends JoinDays>(
  args: A,
  k0: number,
  k1: number,
  k2: number,
  drawing: boolean,
  from: number,
  to: number,
  rangeStart: number,
  out: Float64Array,
  loop: RunLoop<A>,
): void {
  const { joinDay, firstOfDay } = args;
  for (let id = from; id < to; ) {
    const born = joinDay[id] as number;
    const runEnd = drawRunEnd(joinDay, id, to);
    const words = drawing ? drawRun(k0, k1, k2, id - (firstOfDay[born] as number), born, runEnd - id) : NO_WORDS;
    loop(args, id, runEnd, words, rangeStart, out);
    id = runEnd;
  }
}
