import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { ALWAYS } from "../src/engine/draws.js";
import { DRAWS_IN_LANES, RUN_MAX, drawRun, drawRunEnd, drawsNeeded } from "../src/engine/draws-run.js";
import { referenceDrawWithKey } from "./helpers/keyed-reference.js";

/**
 * A run's draws, four users a lane group in WebAssembly (or in JavaScript where it cannot run),
 * against the documented draw written independently with BigInt arithmetic
 * (test/helpers/keyed-reference.ts): every word, for run lengths that are and are not a multiple
 * of four, arrival indices near 2^31 and 2^32 (wrapping), and keys with the top bit set.
 */
const setup = seedrandom("draws-run");
const word = () => setup.int32();
const cases: { a0: number; born: number; n: number; key: [number, number, number] }[] = [
  { a0: 0, born: 1, n: 1, key: [0, 0, 0] },
  { a0: 0, born: 0, n: 4, key: [-1, -1, -1] },
  { a0: 7, born: 3, n: 5, key: [0x7fffffff, -0x80000000, 12345] },
  { a0: 2 ** 31 - 3, born: 400, n: 9, key: [word(), word(), word()] },
  { a0: 123_456, born: 29, n: RUN_MAX, key: [word(), word(), word()] },
  { a0: 5_000, born: 365, n: RUN_MAX - 1, key: [word(), word(), word()] },
];
for (let i = 0; i < 20; i++) {
  cases.push({
    a0: Math.floor(setup.quick() * 10_000_000),
    born: Math.floor(setup.quick() * 3650),
    n: 1 + Math.floor(setup.quick() * RUN_MAX),
    key: [word(), word(), word()],
  });
}

const unsigned = (x: number) => BigInt(x >>> 0);

describe("drawRun: a join day's run of draws at once", () => {
  for (const lanes of [true, false]) {
    it(`${lanes ? "in WebAssembly lanes" : "in JavaScript"}: every word equals the documented draw`, () => {
      for (const { a0, born, n, key } of cases) {
        const [k0, k1, k2] = key;
        const words = drawRun(k0, k1, k2, a0, born, n, lanes);
        const bigKey: [bigint, bigint, bigint] = [unsigned(k0), unsigned(k1), unsigned(k2)];
        for (let j = 0; j < n; j++) expect(words[j], `a0 ${a0} born ${born} j ${j}`).toBe(referenceDrawWithKey(bigKey, (a0 + j) >>> 0, born));
      }
    });
  }

  it("runs in WebAssembly on Node (the fast path is the one measured)", () => {
    expect(DRAWS_IN_LANES).toBe(true);
  });
});

describe("drawRunEnd and drawsNeeded: how a per-user loop cuts its users into runs", () => {
  it("ends each run where the join day changes, at RUN_MAX users, or at the bound, as a scan user by user finds", () => {
    // Join days in order, with runs of 1 user, of exactly RUN_MAX, and longer than two RUN_MAX.
    const lengths = [1, 1, 3, RUN_MAX, RUN_MAX + 1, 2 * RUN_MAX + 5, 17, 1, 700];
    const joinDay = new Int32Array(lengths.reduce((a, b) => a + b, 0));
    let at = 0;
    lengths.forEach((length, day) => {
      joinDay.fill(day + 1, at, at + length);
      at += length;
    });
    // The second method: walk forward one user at a time.
    const scanned = (id: number, to: number) => {
      let end = id + 1;
      while (end < to && end < id + RUN_MAX && joinDay[end] === joinDay[id]) end++;
      return end;
    };
    const pick = seedrandom("run-ends");
    for (const to of [joinDay.length, joinDay.length - 1, 5000, 4097]) {
      for (let id = 0; id < to; ) {
        const end = drawRunEnd(joinDay, id, to);
        expect(end, `from ${id} to ${to}`).toBe(scanned(id, to));
        id = end;
      }
      for (let k = 0; k < 200; k++) {
        const id = Math.floor(pick.quick() * to);
        expect(drawRunEnd(joinDay, id, to), `from ${id} to ${to}`).toBe(scanned(id, to));
      }
    }
  });

  it("needs draws only when some threshold is neither never (0) nor always", () => {
    expect(drawsNeeded(Float64Array.of(0, ALWAYS))).toBe(false);
    expect(drawsNeeded(Float64Array.of(), Float64Array.of(ALWAYS))).toBe(false);
    expect(drawsNeeded(Float64Array.of(0), Float64Array.of(ALWAYS, 1))).toBe(true);
    expect(drawsNeeded(Float64Array.of(2 ** 31))).toBe(true);
  });
});
