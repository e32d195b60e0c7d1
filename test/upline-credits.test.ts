import { describe, expect, it } from "vitest";
import { UplineCredits, WINDOW_MASK, WINDOW_SHIFT } from "../src/engine/upline-credits.js";
import { FLAG_CHURNED, FLAG_PROMOTER, UserTable } from "../src/engine/users.js";
import { applyRate } from "../src/engine/units.js";
import type { Executor, Kernel, RangeResult } from "../src/engine/executor.js";

/**
 * An executor that splits [from, to) into ranges of `step` users (not aligned to windows) and
 * runs them here as if at once: each range starts from the same state (its own copy of what the
 * kernel writes), last range first, and no two ranges may write one row. A split payment must not
 * depend on how the users are cut, nor on the order the ranges run, and its ranges must never
 * write the same wallet (on threads, that would be a race).
 */
function concurrently(step: number, written: readonly string[]): Executor {
  return {
    threads: 4,
    shared: false,
    run<A>(kernel: Kernel<A>, args: A, from: number, to: number): RangeResult {
      const bounds = [from];
      for (let at = from + step; at < to; at += step) bounds.push(at);
      bounds.push(to);
      const ranges = bounds.length - 1;
      const partials = new Float64Array(ranges * kernel.width);
      const shared = args as Record<string, Float64Array | Int32Array>;
      const before = new Map(written.map((name) => [name, (shared[name] as Float64Array | Int32Array).slice()]));
      const writer = new Map(written.map((name) => [name, new Int32Array((shared[name] as Float64Array).length).fill(-1)]));
      for (let r = ranges - 1; r >= 0; r--) {
        const own = Object.fromEntries(written.map((name) => [name, (before.get(name) as Float64Array | Int32Array).slice()]));
        kernel.run({ ...shared, ...own } as A, bounds[r] as number, bounds[r + 1] as number, partials.subarray(r * kernel.width, (r + 1) * kernel.width));
        for (const name of written) {
          const mine = own[name] as Float64Array | Int32Array;
          const old = before.get(name) as Float64Array | Int32Array;
          const who = writer.get(name) as Int32Array;
          for (let i = 0; i < mine.length; i++) {
            if (mine[i] === old[i]) continue;
            if (who[i] !== -1) throw new Error(`ranges ${who[i]} and ${r} both wrote ${name}[${i}]`);
            who[i] = r;
            (shared[name] as Float64Array | Int32Array)[i] = mine[i] as number;
          }
        }
      }
      return { ranges, bounds: Int32Array.from(bounds), partials };
    },
  };
}

/** A small deterministic generator for the test's tree, flags and amounts (not the engine's). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/** Files one credit per level the way the ad release loop does (src/schemes/ads.ts); a full region's round is paid by `executor`. */
function file(credits: UplineCredits, user: number, amount: number, executor?: Executor): number {
  let paid = 0;
  for (let level = 0; level < credits.levels; level++) {
    const upline = (credits.ancestors[level] as Int32Array)[user] as number;
    if (upline < 0) break;
    const r = level * credits.windows + (upline >>> WINDOW_SHIFT);
    const at = credits.fill[r] as number;
    credits.offset[at] = upline & WINDOW_MASK;
    credits.amount[at] = amount;
    credits.fill[r] = at + 1;
    if (at + 1 === credits.end[r]) paid += credits.pay(executor);
  }
  return paid;
}

/** Adds `count` users on `day` to both tables, each with the same referrer (uniform over earlier users, or none) and flags. */
function arrive(tables: [UserTable, UserTable], count: number, day: number, next: () => number, promoterShare: number): void {
  const [a, b] = tables;
  for (let i = 0; i < count; i++) {
    const id = a.count;
    const referrer = id === 0 || next() < 0.1 ? -1 : Math.floor(next() * id);
    a.add(day, referrer, 0);
    b.add(day, referrer, 0);
    const flags = next() < promoterShare ? FLAG_PROMOTER | (next() < 0.1 ? FLAG_CHURNED : 0) : 0;
    a.flags[id] = flags;
    b.flags[id] = flags;
  }
}

/** The second method: a walk up the referrers from `user`, each level's promoter upline paid at once. Returns the fen paid. */
function walk(table: UserTable, shares: Float64Array, user: number, amount: number): number {
  let paid = 0;
  let upline = table.referrer[user] as number;
  for (let level = 0; level < shares.length && upline >= 0; level++) {
    if (((table.flags[upline] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER) {
      const credit = applyRate(amount, shares[level] as number);
      table.change[upline] = (table.change[upline] as number) + credit;
      paid += credit;
    }
    upline = table.referrer[upline] as number;
  }
  return paid;
}

describe("upline credits filed by window (src/engine/upline-credits.ts)", () => {
  it("pays every level's promoter upline exactly what a walk up the referrers pays, over several windows, days and mid-day rounds", () => {
    const next = lcg(7);
    const shares = Float64Array.from([200_000, 100_000, 33_333]);
    const filed = new UserTable(16);
    const walked = new UserTable(16);
    const credits = new UplineCredits(shares.length, shares);
    let filedPaid = 0;
    let walkedPaid = 0;
    let rounds = 0;
    const pay = credits.pay.bind(credits);
    credits.pay = () => {
      rounds++;
      return pay();
    };
    for (let day = 1; day <= 4; day++) {
      // Users arrive each day (the table grows past two windows), uplines uniform over earlier users.
      arrive([filed, walked], 30_000, day, next, 0.6);
      credits.begin(filed, filed.change);
      for (let user = 0; user < filed.count; user++) {
        if (next() < 0.3) continue;
        const amount = 1 + Math.floor(next() * 4000);
        filedPaid += file(credits, user, amount);
        // The second method: the walk, paid at once.
        walkedPaid += walk(walked, shares, user, amount);
      }
      filedPaid += credits.pay();
    }
    expect(filed.count).toBe(120_000);
    expect(credits.windows).toBe((120_000 >>> WINDOW_SHIFT) + 1);
    // Rounds were paid in the middle of days, not only at their ends.
    expect(rounds).toBeGreaterThan(8);
    expect(filedPaid).toBe(walkedPaid);
    expect(filedPaid).toBeGreaterThan(0);
    expect(Array.from(filed.change.subarray(0, filed.count))).toEqual(Array.from(walked.change.subarray(0, walked.count)));
  });

  it("pays the same wallets and the same sum when the rounds are paid in ranges that cut windows, at once and in any order", () => {
    const next = lcg(11);
    const shares = Float64Array.from([200_000, 100_000]);
    const split = new UserTable(16);
    const walked = new UserTable(16);
    const credits = new UplineCredits(shares.length, shares);
    const executor = concurrently(9 * 1024 + 17, ["wallet", "fill", "filed"]);
    let splitPaid = 0;
    let walkedPaid = 0;
    for (let day = 1; day <= 3; day++) {
      arrive([split, walked], 40_000, day, next, 0.7);
      credits.begin(split, split.change);
      for (let user = 0; user < split.count; user++) {
        if (next() < 0.2) continue;
        const amount = 1 + Math.floor(next() * 5000);
        // Filed as the release files them; a full region's round is paid by the split executor.
        splitPaid += file(credits, user, amount, executor);
        walkedPaid += walk(walked, shares, user, amount);
      }
      splitPaid += credits.pay(executor);
    }
    expect(split.count).toBe(120_000);
    expect(splitPaid).toBe(walkedPaid);
    expect(splitPaid).toBeGreaterThan(0);
    expect(Array.from(split.change.subarray(0, split.count))).toEqual(Array.from(walked.change.subarray(0, walked.count)));
    // Every region was emptied by the last round.
    for (let r = 0; r < credits.start.length; r++) expect(credits.fill[r]).toBe(credits.start[r]);
  });

  it("keeps each user's uplines in a column: the grand-upline of a user is its referrer's referrer", () => {
    const users = new UserTable(16);
    const a = users.add(1, -1, 0);
    const b = users.add(1, a, 0);
    const c = users.add(1, b, 0);
    const d = users.add(1, c, 0);
    const credits = new UplineCredits(3, Float64Array.from([1, 1, 1]));
    credits.begin(users, users.change);
    expect(Array.from((credits.ancestors[0] as Int32Array).subarray(0, 4))).toEqual([-1, a, b, c]);
    expect(Array.from((credits.ancestors[1] as Int32Array).subarray(0, 4))).toEqual([-1, -1, a, b]);
    expect(Array.from((credits.ancestors[2] as Int32Array).subarray(0, 4))).toEqual([-1, -1, -1, a]);
    expect(d).toBe(3);
  });
});
