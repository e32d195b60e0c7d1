import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { bundled, product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/** Rules the seeds state that pointsim can now express, each worked by hand (docs/model.md). */

/** One buyer of a 1000-yuan value-added product on day 1 (contribution 1000 → 700 points at 1.00). */
function oneHolder(valueAdded: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return scenarioOf({
    days: 4,
    products: [product({ id: "box", price: 1000, valueAddedEligible: true })],
    population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s")] },
    schemes: { valueAdded: { grantRatio: 0.7, returnCap: null, ...valueAdded } },
    confidence: { effect: 0 },
    platform: { initialCash: 10000 },
    ...extra,
  });
}

describe("rotation: exits after a scheme ends (seed 002, 保证前面消费用户增值退出)", () => {
  it("with exitUntilDay the holders can still sell after endDay; without it they cannot", () => {
    // The scheme ends on day 2; a panic shock on day 3 makes every holder sell everything.
    const shock = { shocks: [{ day: 3, type: "panicSell", value: 1 }] };
    const open = simulate(oneHolder({ endDay: 2, exitUntilDay: 4 }, shock));
    const closed = simulate(oneHolder({ endDay: 2 }, shock));
    expect(open.rows[2]?.va_points_sold).toBe("700.0000");
    expect(open.rows[3]?.va_points_outstanding).toBe("0.0000");
    expect(closed.rows[2]?.va_points_sold).toBe("0.0000");
    expect(closed.rows[3]?.va_points_outstanding).toBe("700.0000");
  });

  it("points nobody can sell back are worth nothing in the wind-up, and their pool is the platform's", () => {
    // Day 1: 1000 paid, 1000 into the pool (contribution), 700 points. The scheme ends on day 2 with no exit.
    const { summary } = simulate(oneHolder({ endDay: 2 }));
    const claim = summary.windUp.claims.find((c) => c.label.startsWith("value-added"));
    // Face value at the quote: 700 points × 1.4286 (1000 / 700, half-up to 0.0001) = 1000.02.
    expect(claim).toEqual({ label: "value-added points (no exit)", payer: "nobody", faceValue: 1000.02, windUpValue: 0 });
    // Platform cash 10000 (the 1000 paid went to the pool) + the pool's 1000 = 11000 available.
    expect(summary.windUp.platformAvailable).toBe(11000);
    // With the exit still open at the end, the holder owns the pool: 1000.00 in the wind-up.
    const open = simulate(oneHolder({ endDay: 2, exitUntilDay: 4 }));
    expect(open.summary.windUp.claims.find((c) => c.label === "value-added points")).toMatchObject({ payer: "pool.support", windUpValue: 1000 });
  });

  it("validation: exitUntilDay needs an endDay before it", () => {
    const base = { name: "t", products: [{ id: "box", price: 100 }] };
    expect(resolveScenario({ ...base, schemes: { valueAdded: { exitUntilDay: 10 } } }).problems).toEqual([
      { path: "schemes.valueAdded.exitUntilDay", expected: "null (the scheme has no endDay)", found: "10" },
    ]);
    expect(resolveScenario({ ...base, schemes: { valueAdded: { endDay: 20, exitUntilDay: 10 } } }).problems).toEqual([
      { path: "schemes.valueAdded.exitUntilDay", expected: "a day ≥ endDay (20)", found: "10" },
    ]);
  });
});

describe("value-added injection from a given day (seed 002: profit into the pool once issuance ends)", () => {
  it("injects nothing before injectionStartDay, then dailyInjectionRate × the day's GMV", () => {
    // One new buyer a day of a 100-yuan product whose whole price is contribution: the pool gains 100 a day.
    // 10% of the day's GMV (100) is injected from day 3: 10 more on days 3 and 4.
    const scenario = scenarioOf({
      days: 4,
      products: [product({ id: "box", price: 100, valueAddedEligible: true })],
      population: { arrivals: { perDay: 0 }, scheduled: [1, 2, 3, 4].map((day) => ({ day, count: 1, segment: "s" })), segments: [quietSegment("s")] },
      schemes: { valueAdded: { dailyInjectionRate: 0.1, injectionStartDay: 3, returnCap: null } },
      confidence: { effect: 0 },
      platform: { initialCash: 1000 },
    });
    expect(simulate(scenario).rows.map((r) => r.support_pool)).toEqual(["100.00", "200.00", "310.00", "420.00"]);
  });
});

describe("orders: a purchase gate and per-person limits (seed 002)", () => {
  it("requiresProduct: a repeat-zone product is open only to users who bought the order-zone product", () => {
    // Two products: "order" (weight 0, only as a first order) and "repeat" (requires "order").
    // Group a's first order is "order"; group b orders at random from day 1 but only "repeat"
    // exists for them, and it is closed: b never orders. a's later orders are all "repeat".
    const scenario = scenarioOf({
      days: 5,
      products: [product({ id: "order", price: 1000, weight: 0 }), product({ id: "repeat", price: 300, requiresProduct: "order" })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [
          { day: 1, count: 3, segment: "a" },
          { day: 1, count: 3, segment: "b" },
        ],
        segments: [quietSegment("a", { firstOrderProduct: "order", orderRate: 1 }), quietSegment("b", { orderRate: 1 })],
      },
      confidence: { effect: 0 },
    });
    const { rows } = simulate(scenario);
    // Day 1: a's three first orders (3 × 1000); b's first draws find nothing open. Days 2-5: a's three repeat orders (3 × 300).
    expect(rows.map((r) => r.orders)).toEqual(["3", "3", "3", "3", "3"]);
    expect(rows.map((r) => r.gmv)).toEqual(["3000.00", "900.00", "900.00", "900.00", "900.00"]);
  });

  it("maxOrders and maxSpend stop a user's orders at the limit", () => {
    // One user orders every day (100 yuan). maxOrders 3: orders on days 1-3 only.
    const byCount = scenarioOf({
      days: 5,
      products: [product({ id: "box", price: 100 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { orderRate: 1, maxOrders: 3 })] },
      confidence: { effect: 0 },
    });
    expect(simulate(byCount).rows.map((r) => r.orders)).toEqual(["1", "1", "1", "0", "0"]);
    // maxSpend 250: 100 + 100 = 200; a third order would make 300 > 250, so it is not placed.
    const bySpend = scenarioOf({
      days: 5,
      products: [product({ id: "box", price: 100 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { orderRate: 1, maxSpend: 250 })] },
      confidence: { effect: 0 },
    });
    expect(simulate(bySpend).rows.map((r) => r.orders)).toEqual(["1", "1", "0", "0", "0"]);
  });

  it("validation: a first-order product may not require another", () => {
    const result = resolveScenario({
      name: "t",
      products: [
        { id: "order", price: 1000 },
        { id: "repeat", price: 300, requiresProduct: "order" },
      ],
      population: { segments: [{ name: "s", firstOrderProduct: "repeat" }] },
    });
    expect(result.problems).toEqual([
      { path: "population.segments[0].firstOrderProduct", expected: "a product open to new users (repeat requires order first)", found: '"repeat"' },
    ]);
  });
});

describe("seed-002-combined follows seed 002's release examples", () => {
  const ads = bundled("seed-002-combined").schemes.ads;
  /** One user who buys `points` ad points on day 1 and does the ad task every day. */
  function holder(points: number, days: number) {
    return scenarioOf({
      days,
      products: [product({ id: "box", price: 1000, adPointsRatio: points / 1000 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { watchProbability: 1 })] },
      schemes: { ads: { ...ads, ecpm: 0, referralShares: [] } },
      confidence: { effect: 0 },
    });
  }

  it("999 points release 9.99 yuan on the day, 1999 release 19.99 (002: 999积分余额，当天释放9.99元…19.99元)", () => {
    expect(simulate(holder(999, 1)).rows[0]?.ad_released).toBe("9.99");
    expect(simulate(holder(1999, 1)).rows[0]?.ad_released).toBe("19.99");
  });

  it("a 1100-point grant keeps releasing until less than one point is left: no floor strands it at 200", () => {
    // 1% a day: 1100 × 0.99^n falls below 200 points after 170 days. Each release is floored to
    // the fen, so under 2 points it is 1 fen a day: below 1 point after about 800 days, where 1%
    // is less than a fen and the last fraction of a point stays.
    const rows = simulate(holder(1100, 900)).rows;
    const left = (day: number) => Number(rows[day - 1]?.ad_points_outstanding);
    expect(left(170)).toBeLessThan(200);
    expect(left(300)).toBeLessThan(left(200));
    expect(left(900)).toBeLessThan(1);
    expect(left(900)).toBeGreaterThan(0);
    // Every point released was paid at 1 yuan: released + left = 1100.
    const released = rows.reduce((sum, r) => sum + Math.round(Number(r.ad_released) * 100), 0);
    expect(released + Math.round(left(900) * 100)).toBe(110000);
    expect(rows[899]?.ad_points_stranded).toBe("0.0000");
  });

  it("with seed 000's tiers (the comparison scenario) 999 points release 2 yuan and balances below 200 stop", () => {
    const tiers = bundled("seed-002-combined-tiers-000").schemes.ads?.tiers;
    const scenario = holder(999, 1);
    const withTiers = {
      ...scenario,
      schemes: { ...scenario.schemes, ads: { ...(scenario.schemes.ads as NonNullable<typeof scenario.schemes.ads>), tiers: tiers ?? [] } },
    };
    expect(simulate(withTiers).rows[0]?.ad_released).toBe("2.00");
  });

  it("pays commissions on releases only (release commissions replace order commissions) and has a purchase gate", () => {
    const scenario = bundled("seed-002-combined");
    expect(scenario.schemes.purchaseCommission).toBeUndefined();
    expect(scenario.schemes.ads?.referralShares).toEqual([0.2, 0.1]);
    expect(scenario.products.find((p) => p.id === "repeat-zone")).toMatchObject({ requiresProduct: "health-pack", adPointsRatio: 0.3 });
    expect(scenario.schemes.valueAdded).toMatchObject({ issuanceEndDay: 366, injectionStartDay: 366 });
  });
});

describe("shared purchase readings (seed 003)", () => {
  /** 20 buyers of a 5000-yuan sale (10% concession) on day 1, one merchant with plenty of points. */
  function sale(sharedPurchase: Record<string, unknown>) {
    return scenarioOf({
      days: 1,
      products: [product({ id: "goods", price: 5000, cost: 5000, merchantConcession: 0.1 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 20, segment: "s" }], segments: [quietSegment("s")] },
      schemes: { sharedPurchase: { merchants: { count: 1, initialPoints: 100000 }, asks: { probability: 0 }, totalSupply: 1000000, ...sharedPurchase } },
      confidence: { effect: 0 },
    });
  }

  it("merchantsInAirdrop false gives seed 003's 25 points: 5000 of 100,000 shared value × 500", () => {
    const { rows } = simulate(sale({ merchantsInAirdrop: false }));
    // 20 buyers × 5000 = 100,000 shared value; each gets 500 × 5000 / 100,000 = 25; all 500 go to buyers.
    expect(rows[0]?.shared_value_today).toBe("100000.00");
    expect(rows[0]?.airdrop).toBe("500.0000");
    // With merchants in it: 100,000 + 20 × 1000 = 120,000; each buyer 500 × 5000 / 120,000 = 20.8333 (down),
    // the merchant 500 × 20,000 / 120,000 = 83.3333: 20 × 20.8333 + 83.3333 = 499.9993 airdropped.
    const withMerchants = simulate(sale({ merchantsInAirdrop: true })).rows[0];
    expect(withMerchants?.shared_value_today).toBe("120000.00");
    expect(withMerchants?.airdrop).toBe("499.9993");
  });

  it("surrender: per concession yuan costs the merchant 500 points a sale; matching the buyer's airdrop costs 25", () => {
    // Issued: 100,000 starting points + the airdrop. perConcessionYuan: 20 sales × 500 yuan of
    // concession × 1 point = 10,000 surrendered. matchUserPoints: 20 × 25 = 500, what the buyers got.
    const perYuan = simulate(sale({ merchantsInAirdrop: false, surrender: "perConcessionYuan" })).rows[0];
    expect(perYuan?.shared_points_outstanding).toBe("90500.0000");
    const match = simulate(sale({ merchantsInAirdrop: false, surrender: "matchUserPoints" })).rows[0];
    expect(match?.shared_points_outstanding).toBe("100000.0000");
  });

  it("the bundled scenario's platform never touches the sales cash: only its market fees and costs move its cash", () => {
    const scenario = bundled("seed-003-shared-purchase");
    const { summary } = simulate(scenario);
    const fees = summary.schemes.sharedPurchase?.ctcFees as number;
    const expected = Math.round((scenario.platform.initialCash + fees - summary.totalOperatingCost) * 100) / 100;
    expect(summary.finalPlatformCash).toBe(expected);
    expect(scenario.products.every((p) => p.cost === p.price && p.platformMargin === 0)).toBe(true);
  });
});

describe("ad-ecommerce follows seed 000", () => {
  it("burns points on release, pays no order commissions, and keeps seed 000's tiers", () => {
    const scenario = bundled("ad-ecommerce");
    expect(scenario.schemes.ads?.burnRate).toBeGreaterThan(0);
    expect(scenario.schemes.purchaseCommission).toBeUndefined();
    expect(scenario.schemes.ads?.tiers).toEqual([
      { minBalance: 200, dailyCap: 2 },
      { minBalance: 1000, dailyCap: 10 },
      { minBalance: 2000, dailyCap: 20 },
      { minBalance: 4000, dailyCap: 40 },
    ]);
  });
});

describe("free-order queue readings (seed 004)", () => {
  /** Buyers of a 1000-yuan queue-eligible product: two on day 1, then one a day. */
  function queue(dividendQueue: Record<string, unknown>, arrivals: number[]) {
    return scenarioOf({
      days: arrivals.length,
      products: [product({ id: "box", price: 1000, dividendEligible: true })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: arrivals.flatMap((count, i) => (count > 0 ? [{ day: i + 1, count, segment: "s" }] : [])),
        segments: [quietSegment("s")],
      },
      schemes: { dividendQueue: { minOrder: 0, maxOrder: 10000, refundMultiple: 1, ...dividendQueue } },
      confidence: { effect: 0 },
    });
  }

  it("referralMode even: the day's referral rewards are shared equally by the orders waiting", () => {
    // 10% of each order is the referral budget; no pool reward, so no one is refunded.
    // Day 1: A and B wait; budget 200 → 100 each. Day 2: C joins; budget 100 over 3 → 33.33 each, 0.01 kept.
    const { rows, summary } = simulate(queue({ rewardRatio: 0, referralRatio: 0.1, referralMode: "even" }, [2, 1]));
    expect(rows.map((r) => r.change_owed)).toEqual(["200.00", "299.99"]);
    expect(summary.schemes.dividendQueue?.referralRewards).toBe(299.99);
  });

  it("payout proRata: the pool is paid to every waiting order in proportion to what it is owed", () => {
    // rewardRatio 0.5: each order puts 500 into the pool. Day 1: A owed 1000, pool 500 → A 500.
    // Day 2: B joins; owed A 500 + B 1000 = 1500; pool 500 → A floor(500 × 500/1500) = 166.66,
    //        B 333.33; 0.01 stays in the pool.
    // Day 3: C joins; pool 500.01; owed 333.34 + 666.67 + 1000 = 2000.01 → A 83.33, B 166.67, C 250.00.
    const { rows } = simulate(queue({ rewardRatio: 0.5, payout: "proRata" }, [1, 1, 1]));
    expect(rows.map((r) => r.free_order_refunds)).toEqual(["500.00", "499.99", "500.00"]);
    expect(rows.map((r) => r.dividend_pool)).toEqual(["0.00", "0.01", "0.01"]);
    expect(rows.map((r) => r.queued_refunds)).toEqual(["500.00", "1000.01", "1500.01"]);
    expect(rows.map((r) => r.free_orders)).toEqual(["0", "0", "0"]);
    // Refund mode, for contrast: the head order waits until the pool holds its whole 1000 (day 2).
    const head = simulate(queue({ rewardRatio: 0.5 }, [1, 1, 1])).rows;
    expect(head.map((r) => r.free_orders)).toEqual(["0", "1", "0"]);
  });
});

describe("regional agents as seed 002 states them", () => {
  /** One county (so one agent per tier in use); one user who buys 1100 ad points on day 1 and watches daily. */
  function agents(regionalAgents: Record<string, unknown>, days = 2) {
    return scenarioOf({
      days,
      products: [product({ id: "pack", price: 1000, adPointsRatio: 1.1 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { watchProbability: 1 })] },
      schemes: {
        ads: { tiers: [{ minBalance: 0, dailyCap: 1000 }], releaseRate: 0.01, ecpm: 0, referralShares: [] },
        regionalAgents: { tiers: [{ level: "county", franchiseFee: 50000, productCost: 20000, commissionRate: 0.1 }], ...regionalAgents },
      },
      confidence: { effect: 0 },
      platform: { initialCash: 0 },
    });
  }

  it("a franchise fee that includes products (加盟费（配产品）): the platform pays the goods' cost", () => {
    // Day 1: fee 50,000 in, goods 20,000 out; the order: 1000 in, 10% commission 100 out. Cash 30,900.
    expect(simulate(agents({})).rows[0]?.platform_cash).toBe("30900.00");
  });

  it("basis release: the commission is a share of the area's ad releases, not of its orders", () => {
    // Day 1 release: 1% of 1100 points = 11.00 → 10% = 1.10; day 2: 1% of 1089 = 10.89 → 1.08 (down to the fen).
    const rows = simulate(agents({ basis: "release" })).rows;
    expect(rows.map((r) => r.agent_commissions)).toEqual(["1.10", "1.08"]);
  });

  it("payIn contribution: commissions become contribution points, a liability, and no cash leaves", () => {
    // Order basis: 100 of commission on day 1 → 50 points at 2 yuan each, a 100-yuan promise; cash 31,000.
    const rows = simulate(agents({ payIn: "contribution", contributionPointValue: 2 })).rows;
    expect(rows[0]?.agent_commissions).toBe("100.00");
    expect(rows[0]?.liability_agent_contribution).toBe("100.00");
    expect(rows[0]?.platform_cash).toBe("31000.00");
  });
});

describe("ad revenue as seed 000 states it: by members and by clicks", () => {
  function watchers(ads: Record<string, unknown>) {
    return scenarioOf({
      days: 1,
      products: [product({ id: "pack", price: 1000, adPointsRatio: 1.1 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 100, segment: "s" }], segments: [quietSegment("s", { watchProbability: 1 })] },
      schemes: { ads: { adsPerTask: 5, ecpm: 30, referralShares: [], ...ads } },
      confidence: { effect: 0 },
    });
  }

  it("the eCPM steps up with the member count, and clicks pay on top", () => {
    // 100 watchers × 5 = 500 views. At 100 members ≥ 50: eCPM 40 → 20.00; 2% clicks = 10 × 0.50 = 5.00.
    expect(simulate(watchers({ ecpmByMembers: [{ minMembers: 50, ecpm: 40 }], clickRate: 0.02, pricePerClick: 0.5 })).rows[0]?.ad_revenue).toBe("25.00");
    // Below the first step (200 members): the base eCPM 30 → 15.00, plus the clicks' 5.00.
    expect(simulate(watchers({ ecpmByMembers: [{ minMembers: 200, ecpm: 40 }], clickRate: 0.02, pricePerClick: 0.5 })).rows[0]?.ad_revenue).toBe("20.00");
  });
});

describe("paying with points and cash (seed 002: 用积分+现金购买)", () => {
  it("pays up to pointsPayShare of the price with ad points, burnt at yuanPerPoint; the rest is new money", () => {
    // Day 1: the user buys "pack" (1000, 1.1 points a yuan: 1100 points; no watching, no release).
    // Day 2: a 300-yuan "shop" order, up to 50% in points: 150 points burnt, 150 yuan of new money.
    const scenario = scenarioOf({
      days: 2,
      products: [product({ id: "pack", price: 1000, adPointsRatio: 1.1, weight: 0 }), product({ id: "shop", price: 300, pointsPayShare: 0.5 })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 1, segment: "s" }],
        segments: [quietSegment("s", { firstOrderProduct: "pack", orderRate: 1, watchProbability: 0 })],
      },
      schemes: { ads: { ecpm: 0, referralShares: [] } },
      confidence: { effect: 0 },
    });
    const { rows, summary } = simulate(scenario);
    expect(rows[1]?.gmv).toBe("300.00");
    expect(rows[1]?.new_money_in).toBe("150.00");
    expect(rows[1]?.ad_points_outstanding).toBe("950.0000");
    expect(rows[1]?.liability_ad_points).toBe("950.00");
    expect(summary.totalNewMoneyIn).toBe(1150);
  });
});
