import { describe, expect, it } from "vitest";
import { UplineCredits, WINDOW_MASK, WINDOW_SHIFT } from "../src/engine/upline-credits.js";
import { FLAG_CHURNED, FLAG_PROMOTER, UserTable } from "../src/engine/users.js";
import { applyRate } from "../src/engine/units.js";

/** A small deterministic generator for the test's tree, flags and amounts (not the engine's). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

/** Files one credit per level the way the ad release loop does (src/schemes/ads.ts). */
function file(credits: UplineCredits, user: number, amount: number): number {
  let paid = 0;
  for (let level = 0; level < credits.levels; level++) {
    const upline = (credits.ancestors[level] as Int32Array)[user] as number;
    if (upline < 0) break;
    const r = level * credits.windows + (upline >>> WINDOW_SHIFT);
    const at = credits.fill[r] as number;
    credits.offset[at] = upline & WINDOW_MASK;
    credits.amount[at] = amount;
    credits.fill[r] = at + 1;
    if (at + 1 === credits.end[r]) paid += credits.pay();
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
      for (let i = 0; i < 30_000; i++) {
        const count = filed.count;
        const referrer = count === 0 || next() < 0.1 ? -1 : Math.floor(next() * count);
        filed.add(day, referrer, 0);
        walked.add(day, referrer, 0);
        const flags = next() < 0.6 ? FLAG_PROMOTER | (next() < 0.1 ? FLAG_CHURNED : 0) : 0;
        filed.flags[count] = flags;
        walked.flags[count] = flags;
      }
      credits.begin(filed, filed.change);
      for (let user = 0; user < filed.count; user++) {
        if (next() < 0.3) continue;
        const amount = 1 + Math.floor(next() * 4000);
        filedPaid += file(credits, user, amount);
        // The second method: the walk, paid at once.
        let upline = walked.referrer[user] as number;
        for (let level = 0; level < shares.length && upline >= 0; level++) {
          if (((walked.flags[upline] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER) {
            const credit = applyRate(amount, shares[level] as number);
            walked.change[upline] = (walked.change[upline] as number) + credit;
            walkedPaid += credit;
          }
          upline = walked.referrer[upline] as number;
        }
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
