import { describe, expect, it } from "vitest";
import { SimState } from "../src/engine/state.js";
import { FLAG_PROMOTER } from "../src/engine/users.js";
import { ads } from "../src/schemes/ads.js";
import { membership } from "../src/schemes/membership.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { product, scenarioOf } from "./helpers/scenario.js";

/** A ← B ← C; C buys one 333.33-yuan product at 1.1 ad points a yuan. */
function chain(grantShares: Record<string, unknown>, bPromoter = true) {
  const scenario = scenarioOf({ products: [product({ price: 333.33, adPointsRatio: 1.1 })], schemes: { ads: { grantShares } } });
  const state = new SimState(scenario, 1);
  const instance = ads.create(scenario.schemes.ads!, state);
  const a = state.users.add(1, -1, 0);
  const b = state.users.add(1, a, 0);
  const c = state.users.add(1, b, 0);
  state.users.flags[a] = FLAG_PROMOTER;
  if (bPromoter) state.users.flags[b] = FLAG_PROMOTER;
  state.day = 1;
  const p = state.products[0]!;
  instance.onOrder?.({ user: c, product: p.product as never, productIndex: 0, priceFen: p.priceFen, cashFen: p.priceFen, changeFen: 0, pointsFen: 0 });
  const points = state.users.column("ads.points");
  return { state, instance, balances: [a, b, c].map((u) => points[u]) };
}

describe("ad points: grant shares (docs/model.md, ad points, grant shares)", () => {
  it("splits an order's points between the buyer and two uplines, the rounding remainder to the buyer", () => {
    // 33,333 fen × 1.1 = 366.6630 points = 3,666,630 units of 0.0001.
    // Upline B 25%: 916,657.5 → 916,657; A 10%: 366,663.0 → 366,663.
    // Buyer: 3,666,630 − 916,657 − 366,663 = 2,383,310 (65% would be 2,383,309.5: the half unit is the buyer's).
    const { state, instance, balances } = chain({ buyer: 0.65, uplines: [0.25, 0.1] });
    expect(balances).toEqual([366_663, 916_657, 2_383_310]);
    // The uplines' points are a reward for a downline's order, promised at face value (1 yuan a
    // point): B 91.6657 → 9,166 fen, A 36.6663 → 3,666 fen; 12,832 fen of recruit and team pay.
    expect(state.today.recruitPayFen).toBe(12_832);
    expect(state.today.teamPayFen).toBe(12_832);
    expect(state.users.rewardsPromised[1]).toBe(9_166);
    // Every point issued is held (the scheme's daily conservation check).
    expect(() => instance.checkInvariants?.(1)).not.toThrow();
  });

  it("grants nobody the share of an upline who cannot earn", () => {
    // B has not ordered: B's 916,657 are not granted; A and the buyer as above.
    const { balances, state } = chain({ buyer: 0.65, uplines: [0.25, 0.1] }, false);
    expect(balances).toEqual([366_663, 0, 2_383_310]);
    expect(state.today.recruitPayFen).toBe(3_666);
  });

  it("by default the buyer takes every point", () => {
    const { balances, state } = chain({});
    expect(balances).toEqual([0, 0, 3_666_630]);
    expect(state.today.recruitPayFen).toBe(0);
  });

  it("refuses shares that do not add up to 1, counted exactly", () => {
    const problems = (grantShares: Record<string, unknown>) =>
      resolveScenario({ name: "t", products: [product({ adPointsRatio: 1 })], schemes: { ads: { grantShares } } }).problems;
    expect(problems({ buyer: 0.5, uplines: [0.2] })).toEqual([
      { path: "schemes.ads.grantShares", expected: "shares that add up to 1", found: "shares that add up to 0.7" },
    ]);
    // 0.7 + 0.2 + 0.1 is 0.9999999999999999 in binary floating point, and exactly 1 in millionths.
    expect(problems({ buyer: 0.7, uplines: [0.2, 0.1] })).toEqual([]);
  });
});

describe("ad points: a release rate by balance tier (docs/model.md, ad points)", () => {
  it("releases each balance at its tier's rate, or the scheme's where the tier has none", () => {
    // Tiers from 100 points (1%/day), 1,000 (2%/day), 3,000 (no rate: the scheme's 0.5%), caps 100 yuan.
    // 500 points → 1% = 5 yuan = 500 fen; 2,000 → 2% = 40 yuan = 4,000 fen; 4,000 → 0.5% = 20 yuan = 2,000 fen.
    const scenario = scenarioOf({
      products: [product({ adPointsRatio: 1 })],
      population: { segments: [{ name: "s", watchProbability: 1 }] },
      schemes: {
        ads: {
          releaseRate: 0.005,
          referralShares: [],
          tiers: [
            { minBalance: 100, dailyCap: 100, releaseRate: 0.01 },
            { minBalance: 1000, dailyCap: 100, releaseRate: 0.02 },
            { minBalance: 3000, dailyCap: 100 },
          ],
        },
      },
    });
    const state = new SimState(scenario, 1, [], ["adRevenueFen", "adReleasesFen"]);
    state.day = 1;
    const instance = ads.create(scenario.schemes.ads!, state);
    const points = state.users.column("ads.points");
    const users = [500, 2000, 4000].map((balance) => {
      const id = state.users.add(1, -1, 0);
      points[id] = balance * 10_000;
      return id;
    });
    instance.phases?.payouts?.();
    expect(users.map((u) => state.users.change[u])).toEqual([500, 4_000, 2_000]);
    // Exactly the points that pay the yuan leave the balance: 2,000 − 40 = 1,960 points.
    expect(points[users[1]!]).toBe((2000 - 40) * 10_000);
  });
});

describe("ad points with membership: the operator's share and release rules by membership tier", () => {
  /** O (scheduled day 1, appointed operator) ← A ← B, all promoters; ads and membership on one state. */
  function linked(adsConfig: Record<string, unknown>) {
    const scenario = scenarioOf({
      products: [product({ price: 1000, adPointsRatio: 1 })],
      population: { scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [{ name: "s", watchProbability: 1 }] },
      schemes: {
        ads: { referralShares: [], ...adsConfig },
        membership: {
          tiers: [
            { name: "member", minOwnSpend: 100 },
            { name: "operator", minTeamSize: 1000, operator: true, override: 0, appointedOn: [1] },
          ],
        },
      },
    });
    const state = new SimState(scenario, 1, [], ["adRevenueFen", "adReleasesFen"]);
    state.day = 1;
    const adsInstance = ads.create(scenario.schemes.ads!, state);
    const members = membership.create(scenario.schemes.membership!, state);
    state.memberTiers = members;
    const o = state.users.add(1, -1, 0);
    const a = state.users.add(1, o, 0);
    const b = state.users.add(1, a, 0);
    const n = state.users.add(1, b, 0);
    for (const u of [o, a, b, n]) {
      members.onArrival?.(u);
      state.users.flags[u] = FLAG_PROMOTER;
    }
    // Appointments take effect at the day's end.
    members.settle?.();
    state.day = 2;
    const p = state.products[0]!;
    const order = (user: number, yuan: number) => {
      const o = { user, product: p.product as never, productIndex: 0, priceFen: yuan * 100, cashFen: yuan * 100, changeFen: 0, pointsFen: 0 };
      adsInstance.onOrder?.(o);
      members.onOrder?.(o);
    };
    return { state, adsInstance, order, o, a, b, n };
  }

  it("grants the operator share to the nearest operator above the buyer", () => {
    // B buys 1,000 yuan: 1,000 points = 10,000,000 units. A (upline) 10% = 1,000,000; O (the
    // nearest operator above B) 10% = 1,000,000; B the rest, 8,000,000.
    const { state, order, o, a, b } = linked({ grantShares: { buyer: 0.8, uplines: [0.1], operator: 0.1 } });
    order(b, 1000);
    const points = state.users.column("ads.points");
    expect([o, a, b].map((u) => points[u])).toEqual([1_000_000, 1_000_000, 8_000_000]);
  });

  it("releases by the holder's membership tier: its rate, its cap multiplier, or the balance tier's rules", () => {
    // One balance tier from 100 points: 1%/day, cap 15 yuan. Member tier 1: 2%/day; tier 2
    // (operator): the balance tier's rate, half its cap. Each holds 1,000 points.
    // N (no tier: spent nothing): 1% = 10 yuan = 1,000 fen. A (member: ordered 100 yuan): 2% =
    // 20 yuan, capped at 15 = 1,500 fen. O (operator): 1% = 10 yuan, cap 15 × 0.5 = 7.50 → 750 fen.
    const { state, adsInstance, order, o, a, n } = linked({
      releaseRate: 0.01,
      tiers: [{ minBalance: 100, dailyCap: 15 }],
      memberTierRules: [{ releaseRate: 0.02 }, { capMultiplier: 0.5 }],
    });
    order(a, 100);
    const points = state.users.column("ads.points");
    for (const u of [o, a, n]) points[u] = 1000 * 10_000;
    for (let u = 0; u < state.users.count; u++) if (![o, a, n].includes(u)) points[u] = 0;
    adsInstance.phases?.payouts?.();
    expect([n, a, o].map((u) => state.users.change[u])).toEqual([1_000, 1_500, 750]);
  });
});

describe("ad points: the merchant's share (grantShares.merchant)", () => {
  /** One 33,333.33-yuan order at 1.1 points a yuan; nobody watches (only the merchant releases). */
  function sale(grantShares: Record<string, unknown>) {
    const scenario = scenarioOf({
      products: [product({ price: 33_333.33, adPointsRatio: 1.1 })],
      population: { segments: [{ name: "s", watchProbability: 0 }] },
      schemes: { ads: { grantShares, releaseRate: 0.01, referralShares: [], tiers: [{ minBalance: 100, dailyCap: 1000 }] } },
    });
    const state = new SimState(scenario, 1, [], ["adRevenueFen", "adReleasesFen"]);
    state.day = 1;
    const instance = ads.create(scenario.schemes.ads!, state);
    const buyer = state.users.add(1, -1, 0);
    state.users.flags[buyer] = FLAG_PROMOTER;
    const p = state.products[0]!;
    instance.onOrder?.({ user: buyer, product: p.product as never, productIndex: 0, priceFen: p.priceFen, cashFen: p.priceFen, changeFen: 0, pointsFen: 0 });
    const merchants = (instance as unknown as { merchants: { balances: Float64Array } | null }).merchants;
    return { state, instance, buyer, merchants };
  }

  it("grants the product's merchant its share, releases it every day by the balance tiers and pays it out of platform cash", () => {
    // 3,333,333 fen × 1.1 = 36,666.6663 points = 366,666,630 units. Merchant 20%: 73,333,326
    // (exact); buyer 366,666,630 − 73,333,326 = 293,333,304.
    const { state, instance, buyer, merchants } = sale({ buyer: 0.8, merchant: 0.2 });
    expect(state.users.column("ads.points")[buyer]).toBe(293_333_304);
    expect(merchants?.balances[0]).toBe(73_333_326);
    // Liability at 1 yuan a point: buyer floor(2,933,333.04) = 2,933,333 fen, merchant
    // floor(733,333.26) = 733,333 fen.
    expect(instance.liabilityFen()).toBe(3_666_666);
    // Not a reward to users: no recruit or team pay.
    expect(state.today.recruitPayFen).toBe(0);
    // Day 1's release: 7,333.3326 points × 1% = 73.333326 yuan → 7,333 fen (cap 1,000 yuan);
    // the points paying them: 7,333 fen / 100 fen a point = 73.33 points = 733,300 units.
    // Balance 73,333,326 − 733,300 = 72,600,026. Paid from platform cash to the merchant.
    instance.phases?.payouts?.();
    expect(merchants?.balances[0]).toBe(72_600_026);
    expect(state.ledger.balance("platform.cash")).toBe(-7_333);
    // Day 2: 7,260.0026 points × 1% = 72.600026 yuan → 7,260 fen; 726,000 units leave.
    state.day = 2;
    instance.phases?.payouts?.();
    expect(merchants?.balances[0]).toBe(71_874_026);
    expect(state.ledger.balance("platform.cash")).toBe(-14_593);
    // The buyer did not watch: their points are untouched, and every point is accounted for.
    expect(state.users.change[buyer]).toBe(0);
    expect(() => instance.checkInvariants?.(2)).not.toThrow();
    expect(instance.keyFigures?.()).toContainEqual(["ad points of merchants", "7187.4026 held, ¥145.93 paid out to them"]);
  });

  it("keeps no merchants without a merchant share", () => {
    expect(sale({}).merchants).toBeNull();
  });
});
