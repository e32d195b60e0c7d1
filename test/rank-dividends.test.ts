import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/** Rank dividends (docs/model.md, "Rank dividends"), worked by hand. */
describe("rank dividends, worked by hand", () => {
  const scenario = (payEveryDays: number) =>
    scenarioOf({
      days: 2,
      products: [product({ id: "box", price: 1000 })],
      population: {
        // A is scheduled on day 1; from day 2 one user a day arrives, invited by A (the only promoter).
        arrivals: { perDay: 1, startDay: 2, referredShare: 1 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s")],
      },
      schemes: {
        rankDividends: {
          turnoverShare: 0.1,
          payEveryDays,
          ranks: [
            { name: "member", minSpend: 1000, share: 0.5 },
            { name: "partner", minSpend: 1000, minDirectReferrals: 1, share: 0.5 },
          ],
        },
      },
      confidence: { effect: 0 },
    });

  it("pays each rank its share of the pool, equally within the rank; an empty rank's share waits", () => {
    // Day 1: A spends 1000 → member; pool 100. Members get 50 (A); partners none: 50 stays.
    // Day 2: B, invited by A, spends 1000 → member; A (1 invitee) → partner. Pool 50 + 100 = 150:
    //        members 75 (B), partners 75 (A). A's partner dividend is a reward for recruiting.
    const { rows, summary } = simulate(scenario(1));
    expect(rows.map((r) => r.rank_dividends_paid)).toEqual(["50.00", "150.00"]);
    expect(rows.map((r) => r.rank_pool)).toEqual(["50.00", "0.00"]);
    expect(rows.map((r) => r.ranked_users)).toEqual(["1", "2"]);
    expect(rows.map((r) => r.change_owed)).toEqual(["50.00", "200.00"]);
    expect(summary.schemes.rankDividends).toEqual({ paidIn: 200, paid: 200, paidForRecruiting: 75, left: 0, memberHolders: 1, partnerHolders: 1 });
    const recruiting = summary.redFlags.find((f) => f.id === "recruitingRewards");
    expect(recruiting?.raised).toBe(true);
    expect(recruiting?.evidence).toContain("rank dividends on users' own spend: ¥125.00");
  });

  it("pays only every payEveryDays days; the pool grows in between", () => {
    const { rows } = simulate(scenario(2));
    expect(rows.map((r) => r.rank_dividends_paid)).toEqual(["0.00", "200.00"]);
    expect(rows.map((r) => r.rank_pool)).toEqual(["100.00", "0.00"]);
  });
});
