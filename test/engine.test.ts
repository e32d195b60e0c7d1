import { describe, expect, it } from "vitest";
import { bundledRun } from "./helpers/bundled-runs.js";
import { simulate } from "../src/simulate.js";
import { Ledger } from "../src/engine/ledger.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";
import { ConservationError } from "../src/errors.js";
import { verbatim } from "../src/i18n/words.js";

describe("ledger", () => {
  it("stops a run whose accounts do not sum to zero, naming the day and the accounts", () => {
    const ledger = new Ledger();
    ledger.startDay(4);
    ledger.transfer("world", "platform.cash", 1_000, "test");
    ledger.checkConservation(4);
    ledger.balances[1] = 1_001; // a bug would do this: money from nowhere
    expect(() => ledger.checkConservation(4)).toThrow(ConservationError);
    expect(() => ledger.checkConservation(4)).toThrow(/day 4: money accounts sum to 0.01 yuan, not 0 \(world=-10.00, platform.cash=10.01/);
  });

  it("holds a scheme's own count of a pool to the pool's account, naming both", () => {
    const ledger = new Ledger(["pool.dividend"]);
    ledger.startDay(2);
    ledger.transfer("world", "pool.dividend", 12_345, "test");
    // The scheme counts 123.45 yuan: in step. A payment that moved only the scheme's count
    // (123.44 yuan) is caught the same day, with both figures.
    ledger.checkPool(2, "pool.dividend", verbatim("the dividend pool"), 12_345);
    expect(() => ledger.checkPool(2, "pool.dividend", verbatim("the dividend pool"), 12_344)).toThrow(ConservationError);
    expect(() => ledger.checkPool(2, "pool.dividend", verbatim("the dividend pool"), 12_344)).toThrow(/day 2\b.*123\.44.*pool\.dividend.*123\.45/);
  });

  it("refuses fractional or negative transfers", () => {
    const ledger = new Ledger();
    expect(() => ledger.transfer("world", "platform.cash", 0.5, "x")).toThrow(ConservationError);
    expect(() => ledger.transfer("world", "platform.cash", -1, "x")).toThrow(ConservationError);
  });

  it("aggregates a day's transfers by from, to and reason", () => {
    const ledger = new Ledger();
    ledger.startDay(1);
    ledger.transfer("world", "platform.cash", 100, "order");
    ledger.transfer("world", "platform.cash", 250, "order");
    ledger.transfer("platform.cash", "world", 70, "cost");
    expect(ledger.journal()).toEqual([
      { day: 1, from: "platform.cash", to: "world", reason: "cost", fen: 70 },
      { day: 1, from: "world", to: "platform.cash", reason: "order", fen: 350 },
    ]);
  });
});

describe("arrivals (docs/model.md, arrivals and behaviour)", () => {
  const base = { products: [product({})], population: { segments: [quietSegment("s", { firstOrderProbability: 0 })] }, confidence: { effect: 0 } };

  it("constant: fractions carry over, so 2.5 a day gives 2, 3, 2, 3", () => {
    const rows = simulate(scenarioOf({ ...base, days: 4, population: { ...base.population, arrivals: { model: "constant", perDay: 2.5 } } })).rows;
    expect(rows.map((r) => r.users_new)).toEqual(["2", "3", "2", "3"]);
  });

  it("exponential: perDay × (1 + g)^(day − startDay)", () => {
    // 10, 20, 40, 80 at g = 1.
    const rows = simulate(
      scenarioOf({ ...base, days: 4, population: { ...base.population, arrivals: { model: "exponential", perDay: 10, growthRate: 1 } } }),
    ).rows;
    expect(rows.map((r) => r.users_new)).toEqual(["10", "20", "40", "80"]);
  });

  it("logistic: the S-curve's daily increase, stopping at the market size", () => {
    // K = 1000, N0 = 10, r = 1: N(1) = 1000 / (1 + 99 e^-1) = 26.74 → 16 new on day 2 (10 + 16.74, carry .74).
    const rows = simulate(
      scenarioOf({ ...base, days: 40, population: { ...base.population, arrivals: { model: "logistic", marketSize: 1000, initialUsers: 10, growthRate: 1 } } }),
    ).rows;
    expect(rows[0]?.users_new).toBe("10");
    expect(rows[1]?.users_new).toBe("16");
    // N(39) = 999.99999...: the curve nears the market size from below; whole users only.
    expect(rows[39]?.users_total).toBe("999");
  });

  it("stops on an arrivalsStop shock and scales with arrivalsMultiplier", () => {
    const rows = simulate(
      scenarioOf({
        ...base,
        days: 6,
        population: { ...base.population, arrivals: { perDay: 10 } },
        shocks: [
          { day: 2, type: "arrivalsMultiplier", value: 3, untilDay: 3 },
          { day: 5, type: "arrivalsStop" },
        ],
      }),
    ).rows;
    expect(rows.map((r) => r.users_new)).toEqual(["10", "30", "30", "10", "0", "0"]);
  });

  it("referral: builds a tree of invitations from the promoters", () => {
    const result = simulate(
      scenarioOf({
        products: [product({})],
        days: 60,
        population: { arrivals: { model: "referral", initialUsers: 20, inviteRate: 0.1, marketSize: 5000 }, segments: [quietSegment("s")] },
        confidence: { effect: 0 },
      }),
    );
    const totals = result.rows.map((r) => Number(r.users_total));
    expect(totals[0]).toBe(20);
    expect(totals[59]).toBeGreaterThan(100);
    expect(totals[59]).toBeLessThanOrEqual(5000);
  });
});

// Every bundled scenario runs with conservation checked every day (the engine throws otherwise)
// in test/golden.test.ts, which also holds each run's outputs to the byte: no second run here.
describe("bundled scenarios", () => {
  it("the arrivals-stop stress case collapses, the unstressed one later or not at all", () => {
    const stressed = bundledRun("stress-arrivals-stop").summary;
    const base = bundledRun("seed-002-combined").summary;
    expect(stressed.collapseDay).not.toBeNull();
    expect(base.collapseDay === null || base.collapseDay > (stressed.collapseDay ?? 0)).toBe(true);
  });

  it("ad e-commerce earns far less from ads than it promises in releases", () => {
    const summary = bundledRun("ad-ecommerce").summary;
    const adRevenue = summary.totalAdRevenue ?? Number.NaN;
    expect(adRevenue).toBeGreaterThan(0);
    expect(adRevenue * 20).toBeLessThan(summary.totalUserPayouts);
  });
});
