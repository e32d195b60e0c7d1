import { describe, expect, it } from "vitest";
import { scenarioWarnings, simulate } from "../src/simulate.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { canonicalPath } from "../src/engine/changes.js";
import { recruitmentSlowdownMicro, responseMicro } from "../src/engine/drivers.js";
import { bundled, product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * One buyer on day 1 of 1000 yuan at adPointsRatio 1.1 (1100 ad points), watching every day
 * and asking every day to withdraw all of their change (docs/model.md, ad points: 10.00 a day
 * is released for 11 days, the 1000 tier's cap).
 */
function releasingBuyer(days: number, extra: Record<string, unknown> = {}) {
  return {
    name: "test",
    days,
    products: [product({ price: 1000, adPointsRatio: 1.1 })],
    population: {
      arrivals: { perDay: 0 },
      scheduled: [{ day: 1, count: 1, segment: "s" }],
      segments: [quietSegment("s", { watchProbability: 1, withdraw: { probability: 1 } })],
    },
    schemes: { ads: { ecpm: 0 } },
    withdrawals: { minimum: 10, feeRate: 0.1, delayDays: 1 },
    confidence: { effect: 0 },
    ...extra,
  };
}

const resolved = (data: Record<string, unknown>) => scenarioOf(data);

describe("rules that change on a date (docs/model.md, rules that change on a date)", () => {
  it("a withdrawal fee dropped on day 5 changes exactly the flows from day 5 on", () => {
    // Every day the buyer is released 10.00 and asks for all of it (the minimum is 10.00).
    // Fee 10% on requests of days 1-4: ⌊10.00 × 0.1⌋ = 1.00 kept, 9.00 paid the next day
    // (days 2-5). From day 5 the fee is 0: requests of days 5-7 are paid in full, 10.00 on days 6-8.
    const scenario = resolved(releasingBuyer(8, { changes: [{ day: 5, key: "withdrawals.feeRate", value: 0 }] }));
    const run = simulate(scenario);
    // The run changed its own copy: the scenario handed in still says 10%.
    expect(scenario.withdrawals.feeRate).toBe(0.1);
    expect(run.rows.map((r) => r.withdrawals_requested)).toEqual(Array(8).fill("10.00"));
    expect(run.rows.map((r) => r.withdrawals_paid)).toEqual(["0.00", "9.00", "9.00", "9.00", "9.00", "10.00", "10.00", "10.00"]);
    // Earned revenue is the fee kept (no margin, no ad revenue at eCPM 0): 1.00 on days 1-4, then 0.
    expect(run.rows.map((r) => r.earned_revenue)).toEqual(["1.00", "1.00", "1.00", "1.00", "0.00", "0.00", "0.00", "0.00"]);
    // Days before the change are the run without it, byte for byte.
    const without = simulate(resolved(releasingBuyer(8)));
    expect(run.rows.slice(0, 4)).toEqual(without.rows.slice(0, 4));
    expect(run.rows[4]).not.toEqual(without.rows[4]);
    // The change is listed in summary.json; the run without changes has no such key.
    expect(run.summary.changes).toEqual([{ day: 5, key: "withdrawals.feeRate", value: 0 }]);
    expect("changes" in without.summary).toBe(false);
  });

  it("a release rate changed on the day the first points exist equals a run with that rate from the start", () => {
    // The buyer arrives on day 4, so no points exist before the change on day 4: the rate in
    // force on days 1-3 acts on nothing, and the two runs must be equal day by day.
    const late = (ads: Record<string, unknown>, changes?: unknown[]) =>
      releasingBuyer(10, {
        population: { arrivals: { perDay: 0 }, scheduled: [{ day: 4, count: 1, segment: "s" }], segments: [quietSegment("s", { watchProbability: 1 })] },
        schemes: { ads: { ecpm: 0, tiers: [{ minBalance: 1, dailyCap: 1000 }], ...ads } },
        ...(changes ? { changes } : {}),
      });
    const changed = simulate(resolved(late({ releaseRate: 0.02 }, [{ day: 4, key: "schemes.ads.releaseRate", value: 0.005 }])));
    const fromStart = simulate(resolved(late({ releaseRate: 0.005 })));
    expect(changed.rows).toEqual(fromStart.rows);
    // Day 4: 1100 points × 0.005 = 5.50 yuan released (not 22.00 at the old rate).
    expect(changed.rows[3]?.ad_released).toBe("5.50");
  });

  it("a release rate changed mid-run acts from that day's release on (hand-computed)", () => {
    // One tier with a cap of 1000 a day. Days 1-2 at 1%: 1100 → 11.00 released, 1089 left; 10.89, 1078.11 left.
    // Day 3 at 2%: ⌊1078.11 × 0.02⌋ to the fen = 21.56 released, 1056.55 left.
    const scenario = releasingBuyer(3, {
      schemes: { ads: { ecpm: 0, releaseRate: 0.01, tiers: [{ minBalance: 1, dailyCap: 1000 }] } },
      changes: [{ day: 3, key: "schemes.ads.releaseRate", value: 0.02 }],
    });
    const rows = simulate(resolved(scenario)).rows;
    expect(rows.map((r) => r.ad_released)).toEqual(["11.00", "10.89", "21.56"]);
    expect(rows[2]?.ad_points_outstanding).toBe("1056.5500");
  });

  it("a product closed by its weight gets no orders from that day; keys name list items by id, name or index", () => {
    // Ten users order every day (orderRate 1); two products of weight 1 each until day 3, when
    // "b" closes: from day 3 every order is of "a" (1000), so GMV is 10 × 1000 a day exactly.
    const scenario = resolved({
      days: 4,
      products: [product({ id: "a", price: 1000 }), product({ id: "b", price: 10 })],
      population: {
        arrivals: { perDay: 0 },
        scheduled: [{ day: 1, count: 10, segment: "s" }],
        segments: [quietSegment("s", { orderRate: 1, firstOrderProbability: 1 })],
      },
      confidence: { effect: 0 },
      changes: [{ day: 3, key: "products.b.weight", value: 0 }],
    });
    const rows = simulate(scenario).rows;
    expect(rows[2]?.gmv).toBe("10000.00");
    expect(rows[3]?.gmv).toBe("10000.00");
    expect(canonicalPath(scenario, "products.b.weight")).toBe("products[1].weight");
    expect(canonicalPath(scenario, "population.segments.s.orderRate")).toBe("population.segments[0].orderRate");
    expect(canonicalPath(scenario, "products[1].weight")).toBe("products[1].weight");
  });

  it("the operating cost changed on a day is charged from that day (hand-computed)", () => {
    // No users; 100 yuan of capital; operating cost 10.00 a day, 4.00 from day 3:
    // cash 90.00, 80.00, 76.00, 72.00.
    const rows = simulate(
      resolved({
        days: 4,
        products: [product({})],
        population: { arrivals: { perDay: 0 } },
        platform: { initialCash: 100, operatingCostPerDay: 10 },
        changes: [{ day: 3, key: "platform.operatingCostPerDay", value: 4 }],
      }),
    ).rows;
    expect(rows.map((r) => r.platform_cash)).toEqual(["90.00", "80.00", "76.00", "72.00"]);
    expect(rows.map((r) => r.operating_cost)).toEqual(["10.00", "10.00", "4.00", "4.00"]);
  });

  it("a change to an unlikely value is a plausibility warning from its day; acceptWarnings accepts it by its path", () => {
    // ads' bound is 10% of a balance a day (docs/plausibility.md): 1% as declared, 20% from day 3.
    const data = releasingBuyer(5, { changes: [{ day: 3, key: "schemes.ads.releaseRate", value: 0.2 }] });
    const warnings = scenarioWarnings(resolved(data));
    expect(warnings.map((w) => [w.path, w.value])).toEqual([["schemes.ads.releaseRate", 0.2]]);
    expect(warnings[0]?.message).toMatch(/^from day 3 \(changes\[0\]\): releases 20% of a balance a day/);
    expect(scenarioWarnings(resolved({ ...data, acceptWarnings: ["schemes.ads.releaseRate"] }))).toEqual([]);
    expect(scenarioWarnings(resolved(releasingBuyer(5)))).toEqual([]);
  });

  it("reports every problem of changes at once, each with its path, what was expected and what was found", () => {
    const result = resolveScenario({
      ...releasingBuyer(10),
      changes: [
        { day: 3, key: "withdrawals.nope", value: 1 },
        { day: 3, key: "withdrawals.feeRate", value: "free" },
        { day: 4, key: "withdrawals.feeRate", value: 1.5 },
        { day: 11, key: "platform.operatingCostPerDay", value: 1 },
        { day: 5, key: "withdrawals.delayDays", value: 2 },
        { day: 6, key: "platform.operatingCostPerDay", value: 1 },
        { day: 6, key: "platform.operatingCostPerDay", value: 2 },
        { day: 7, key: "schemes.dividendRights.fixedPayoutPerRight", value: 1 },
        { day: 8, key: "products.p.weight", value: 0 },
      ],
    });
    expect(result.scenario).toBeNull();
    const problems = result.problems.map((p) => [p.path, p.expected, p.found]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ["changes[0].key", "a key of the scenario, written as a sweep's (docs/sweeps.md)", '"withdrawals.nope": no key "nope"'],
        ["changes[1].value", expect.stringContaining("a number"), '"free"'],
        ["changes[2].value", "a number <= 1 (as withdrawals.feeRate)", "1.5"],
        ["changes[3].day", "a day of the run, 1 to 10", "11"],
        ["changes[4].key", expect.stringContaining("a key that may change mid-run"), '"withdrawals.delayDays" (fixed for the whole run)'],
        ["changes[6]", "at most one change of a key on a day", '"platform.operatingCostPerDay" is also changed on day 6 by changes[5]'],
        [
          "changes[7].key",
          "a key of a scheme that runs (schemes.dividendRights is off)",
          '"schemes.dividendRights.fixedPayoutPerRight": no key "dividendRights"',
        ],
        // Closing the only product leaves none to order: the scenario's own cross-field rule, judged on the changed scenario.
        ["changes[8].value", expect.stringContaining("at least one product with weight > 0 (at products"), "all weights 0"],
      ]),
    );
    expect(result.problems).toHaveLength(8);
  });

  it("a key of a scheme that is off is refused as such, and a retired shock type points to changes", () => {
    const off = resolveScenario({
      ...releasingBuyer(5),
      schemes: { ads: { ecpm: 0 }, dividendRights: { enabled: false } },
      changes: [{ day: 2, key: "schemes.dividendRights.fixedPayoutPerRight", value: 1 }],
    });
    expect(off.problems).toEqual([
      {
        path: "changes[0].key",
        expected: "a key of a scheme that runs (schemes.dividendRights is off)",
        found: '"schemes.dividendRights.fixedPayoutPerRight" (fixed for the whole run)',
      },
    ]);
    const retired = resolveScenario({ ...releasingBuyer(5), shocks: [{ day: 2, type: "rightsFixedPayout", value: 1 }] });
    expect(retired.problems).toEqual([
      {
        path: "shocks[0].type",
        expected: expect.stringContaining("no longer a shock: changes: [{ day, key: schemes.dividendRights.fixedPayoutPerRight, value }]"),
        found: '"rightsFixedPayout"',
      },
    ]);
  });
});

describe("behaviour that reacts to declared drivers (docs/model.md, drivers and responses)", () => {
  /** Constant arrivals of 10 a day, 5 from day 8 (a rule change), nobody orders. */
  function slowing(responses?: unknown[]) {
    return resolved({
      days: 16,
      products: [product({})],
      population: { arrivals: { model: "constant", perDay: 10, referredShare: 0 }, segments: [quietSegment("s", { firstOrderProbability: 0 })] },
      confidence: { effect: 0 },
      changes: [{ day: 8, key: "population.arrivals.perDay", value: 5 }],
      ...(responses ? { responses } : {}),
    });
  }

  it("arrivals respond to recruitmentSlowdown as max(floor, 1 − sensitivity × driver), one day late (hand-computed)", () => {
    // Days 1-7: 10 a day; days 8-14: 5 a day. End of day 14: slowdown = 1 − 35 / 70 = 0.5, so
    // day 15's arrivals are 5 × max(0, 1 − 1 × 0.5) = 2.5: 2 arrive, 0.5 carried.
    // End of day 15: this week (days 9-15) 5 × 6 + 2 = 32, the week before (days 2-8) 10 × 6 + 5 = 65:
    // slowdown = 1 − ⌊32 × 10⁶ / 65⌋ / 10⁶ = 1 − 0.492307 = 0.507693; day 16: 5 × 0.492307 + 0.5 = 2.96 → 2.
    const rows = simulate(slowing([{ driver: "recruitmentSlowdown", acts: "arrivals", sensitivity: 1 }])).rows;
    expect(rows.map((r) => Number(r.users_new))).toEqual([10, 10, 10, 10, 10, 10, 10, 5, 5, 5, 5, 5, 5, 5, 2, 2]);
    // The floor holds the multiplier up: with floor 0.8, day 15 gets 5 × 0.8 = 4 exactly.
    const floored = simulate(slowing([{ driver: "recruitmentSlowdown", acts: "arrivals", sensitivity: 1, floor: 0.8 }])).rows;
    expect(floored[14]?.users_new).toBe("4");
  });

  it("orders respond to paymentDelay (hand-computed): a withdrawal a day late stops every order from the next day", () => {
    // One user orders every day (orderRate 1) a product whose whole price is its cost, so the
    // platform's cash stays 0. Day 1's order grants 1100 ad points; 10.00 is released and asked
    // for, due day 2, which cannot be paid: the backlog's age is 0 on day 2, 1 on day 3, 2 on day 4.
    // With sensitivity 1 and floor 0, day 4's multiplier is max(0, 1 − 1 × 1) = 0: no orders on days 4-5.
    const data = (responses?: unknown[]) =>
      resolved({
        days: 5,
        products: [product({ price: 1000, cost: 1000, adPointsRatio: 1.1 })],
        population: {
          arrivals: { perDay: 0 },
          scheduled: [{ day: 1, count: 1, segment: "s" }],
          segments: [quietSegment("s", { orderRate: 1, firstOrderProbability: 1, watchProbability: 1, withdraw: { probability: 1 } })],
        },
        schemes: { ads: { ecpm: 0 } },
        confidence: { effect: 0 },
        collapse: { backlogDays: 30 },
        ...(responses ? { responses } : {}),
      });
    const responding = simulate(data([{ driver: "paymentDelay", acts: "orders", sensitivity: 1 }])).rows;
    expect(responding.map((r) => r.backlog_oldest_days)).toEqual(["0", "0", "1", "2", "3"]);
    expect(responding.map((r) => r.orders)).toEqual(["1", "1", "1", "0", "0"]);
    expect(simulate(data()).rows.map((r) => r.orders)).toEqual(["1", "1", "1", "1", "1"]);
  });

  it("orders respond to a scheme's driver, the free-order queue's queueWait (hand-computed)", () => {
    // One user orders a 100-yuan eligible product every day; rewardRatio 0 funds nothing, so day
    // 1's order waits forever: queueWait is 0 at the end of day 1, 1 at the end of day 2. With
    // sensitivity 1, day 3's multiplier is max(0, 1 − 1 × 1) = 0: no orders from day 3.
    // (One order per user may wait, so later orders do not queue and the head stays day 1's.)
    const rows = simulate(
      resolved({
        days: 4,
        products: [product({ dividendEligible: true })],
        population: {
          arrivals: { perDay: 0 },
          scheduled: [{ day: 1, count: 1, segment: "s" }],
          segments: [quietSegment("s", { orderRate: 1, firstOrderProbability: 1 })],
        },
        schemes: { dividendQueue: { rewardRatio: 0 } },
        confidence: { effect: 0 },
        responses: [{ driver: "queueWait", acts: "orders", sensitivity: 1 }],
      }),
    ).rows;
    expect(rows.map((r) => r.orders)).toEqual(["1", "1", "0", "0"]);
    expect(rows.map((r) => r.queue_length)).toEqual(["1", "1", "1", "1"]);
  });

  it("mutual-aid pledges (orders) respond to helpOverdue, read against the scheme's own aid_overdue_days column", () => {
    // Sensitivity 1, floor 0: the day after any help is overdue (aid_overdue_days ≥ 1) nobody
    // pledges; until then the run is the run without the response, row for row.
    const base = bundled("mutual-aid");
    const plain = simulate({ ...base, days: 200 }).rows;
    const responding = simulate(scenarioOf({ ...base, days: 200, responses: [{ driver: "helpOverdue", acts: "orders", sensitivity: 1 }] })).rows;
    const firstLate = plain.findIndex((r) => Number(r.aid_overdue_days ?? 0) >= 1);
    expect(firstLate).toBeGreaterThan(0);
    expect(responding.slice(0, firstLate + 1)).toEqual(plain.slice(0, firstLate + 1));
    responding.forEach((row, d) => {
      if (d > 0 && Number(responding[d - 1]?.aid_overdue_days ?? 0) >= 1) expect(row.orders, `day ${d + 1}`).toBe("0");
    });
    expect(responding[firstLate + 1]?.orders).toBe("0");
  });

  it("the multiplier and the slowdown in exact millionths (hand-computed)", () => {
    // Days driver: sensitivity 0.05 × 3 days = 0.15 → 1 − 0.15 = 0.85; 30 days → 1 − 1.5 < 0 → the floor 0.5.
    expect(responseMicro(50_000, 3, 0, 0)).toBe(850_000);
    expect(responseMicro(50_000, 30, 0, 500_000)).toBe(500_000);
    expect(responseMicro(50_000, 30, 0, 0)).toBe(0);
    // Share driver 0.333333 × sensitivity 1.5 = 0.4999995 → ⌊499999.5⌋ = 499999 taken: 500001.
    expect(responseMicro(1_500_000, 333_333, 6, 0)).toBe(500_001);
    // A driver at 0 or a sensitivity of 0 leaves exactly 1.
    expect(responseMicro(0, 1000, 0, 0)).toBe(1_000_000);
    expect(responseMicro(2_000_000, 0, 6, 0)).toBe(1_000_000);
    // Slowdown: a week of 3 a day (21) after a week of 4 a day (28): 1 − 21/28 = 0.25.
    expect(recruitmentSlowdownMicro([...Array(7).fill(4), ...Array(7).fill(3)])).toBe(250_000);
    // Growing recruitment is no slowdown; fewer than 14 days or an empty week before: 0.
    expect(recruitmentSlowdownMicro([...Array(7).fill(1), ...Array(7).fill(2)])).toBe(0);
    expect(recruitmentSlowdownMicro(Array(13).fill(5))).toBe(0);
    expect(recruitmentSlowdownMicro([...Array(7).fill(0), ...Array(7).fill(2)])).toBe(0);
    // 1 − ⌊2 × 10⁶ / 3⌋ / 10⁶ = 1 − 0.666666 = 0.333334.
    expect(recruitmentSlowdownMicro([3, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0])).toBe(333_334);
  });

  it("an inert response (sensitivity 0) leaves every output byte-identical", () => {
    const plain = simulate(slowing());
    const inert = simulate(
      slowing([
        { driver: "paymentDelay", acts: "orders", sensitivity: 0 },
        { driver: "recruitmentSlowdown", acts: "arrivals", sensitivity: 0 },
      ]),
    );
    expect(JSON.stringify(inert.rows)).toBe(JSON.stringify(plain.rows));
    expect(JSON.stringify(inert.summary)).toBe(JSON.stringify(plain.summary));
  });

  it("names an unknown driver with did-you-mean; a scheme's driver is known only while the scheme is on", () => {
    const r = resolveScenario({
      ...releasingBuyer(5),
      responses: [
        { driver: "paymentDelya", acts: "orders", sensitivity: 1 },
        { driver: "queueWait", acts: "orders", sensitivity: 1 },
      ],
    });
    expect(r.problems.map((p) => [p.path, p.found])).toEqual([
      ["responses[0].driver", '"paymentDelya"'],
      ["responses[1].driver", '"queueWait"'],
    ]);
    expect(r.problems[0]?.expected).toContain('did you mean "paymentDelay"?');
  });
});
