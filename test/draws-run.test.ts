import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { DRAWS_IN_LANES, RUN_MAX, drawRun } from "../src/engine/draws-run.js";
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
