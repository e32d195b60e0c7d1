import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { resolveScenario } from "../src/scenario/validate.js";
import { product, quietSegment, scenarioOf } from "./helpers/scenario.js";

/**
 * Dividend rights (docs/model.md, "Dividend rights"), worked by hand. Users arrive on known
 * days, each places one order on arrival and does nothing else (no withdrawals), so every
 * right's payments can be followed in the change wallets.
 */
function rightsScenario(schemes: Record<string, unknown>, products: Record<string, unknown>[], arrivals: { day: number; segment: string }[], days = 4) {
  const segments = products.map((p) => quietSegment(`buys-${String(p.id)}`, { firstOrderProduct: p.id }));
  return scenarioOf({
    days,
    products,
    population: { arrivals: { perDay: 0 }, scheduled: arrivals.map((a) => ({ ...a, count: 1 })), segments },
    schemes,
    confidence: { effect: 0 },
    collapse: { stopOnCollapse: false },
  });
}

describe("dividend rights, worked by hand", () => {
  it("turnover share: split equally among the rights granted before today, capped, ending at the right's value", () => {
    // spendPerRight 500, rightValue 2, cap 1 a day, 10% of turnover.
    // Day 1: A buys 500 → 1 right (cohort 1); it waits for tomorrow: nothing paid.
    // Day 2: B buys 500 → 1 right. Budget 10% × 500 = 50; rights paying 1 (A's) → min(1, 50/1) = 1.00 to A.
    // Day 3: C buys 1000 → 2 rights. Budget 100; rights paying 2 (A, B) → min(1, 50) = 1.00 each; A's right
    //        has now paid 2.00 = its value and ends.
    // Day 4: no order: budget 0, nothing paid. Outstanding: B's (1.00 left) and C's two (2.00 each) = 5.00.
    const scenario = rightsScenario(
      { dividendRights: { spendPerRight: 500, rightValue: 2, maxPerRightPerDay: 1, turnoverShare: 0.1 } },
      [product({ id: "box", price: 500 }), product({ id: "big", price: 1000 })],
      [
        { day: 1, segment: "buys-box" },
        { day: 2, segment: "buys-box" },
        { day: 3, segment: "buys-big" },
      ],
    );
    const { rows, summary } = simulate(scenario);
    expect(rows.map((r) => r.rights_outstanding)).toEqual(["1", "2", "3", "3"]);
    expect(rows.map((r) => r.rights_granted)).toEqual(["1", "1", "2", "0"]);
    expect(rows.map((r) => r.rights_paid)).toEqual(["0.00", "1.00", "2.00", "0.00"]);
    expect(rows.map((r) => r.rights_paid_per_right)).toEqual(["0.00", "1.00", "1.00", "0.00"]);
    expect(rows.map((r) => r.liability_dividend_rights)).toEqual(["2.00", "3.00", "5.00", "5.00"]);
    expect(rows.map((r) => r.change_owed)).toEqual(["0.00", "1.00", "3.00", "3.00"]);
    expect(summary.schemes.dividendRights).toEqual({ rightsGranted: 4, rightsPaidInFull: 1, rightsOutstanding: 3, holders: 3, paid: 3, stillToPay: 5 });
    // The wind-up counts the rights still owed (face 5.00) as a claim on platform cash.
    expect(summary.windUp.claims.find((c) => c.label === "dividend rights")).toMatchObject({ payer: "platform.cash", faceValue: 5 });
  });

  it("a fixed payout set by rule changes pays every right its value a day, whatever the budget and the cap (万家购物's 一元返利)", () => {
    // The first example's days with a fixed payout of 1.50 from day 3 to day 4 (the cap is 1; rights worth 2):
    // a rule change sets fixedPayoutPerRight to 1.50 on day 3 (day 4 ends the run).
    // Day 2 as before: budget share, A's right paid 1.00 (1.00 left).
    // Day 3: fixed 1.50: A's right is paid min(1.00 left, 1.50) = 1.00 and ends; B's 1.50 (0.50 left). 2.50 in all.
    // Day 4: no order, budget 0, but fixed 1.50: B's right min(0.50, 1.50) = 0.50 and ends; C's two 1.50 each = 3.00. 3.50 in all.
    // paid per right: floor(paid ÷ rights paying): day 3 floor(250 ÷ 2) = 1.25; day 4 floor(350 ÷ 3) = 1.16.
    const scenario = rightsScenario(
      { dividendRights: { spendPerRight: 500, rightValue: 2, maxPerRightPerDay: 1, turnoverShare: 0.1 } },
      [product({ id: "box", price: 500 }), product({ id: "big", price: 1000 })],
      [
        { day: 1, segment: "buys-box" },
        { day: 2, segment: "buys-box" },
        { day: 3, segment: "buys-big" },
      ],
    );
    const changes = [{ day: 3, key: "schemes.dividendRights.fixedPayoutPerRight", value: 1.5 }];
    const { rows, summary } = simulate(scenarioOf({ ...scenario, changes }));
    expect(rows.map((r) => r.rights_paid)).toEqual(["0.00", "1.00", "2.50", "3.50"]);
    expect(rows.map((r) => r.rights_paid_per_right)).toEqual(["0.00", "1.00", "1.25", "1.16"]);
    expect(rows.map((r) => r.rights_outstanding)).toEqual(["1", "2", "3", "2"]);
    expect(rows.map((r) => r.liability_dividend_rights)).toEqual(["2.00", "3.00", "4.50", "1.00"]);
    expect(summary.schemes.dividendRights).toMatchObject({ rightsPaidInFull: 2, paid: 7, stillToPay: 1 });
  });

  it("the per-right share is floored to the fen and capped; the rest stays with the platform", () => {
    // 7 users buy 500 on day 1 (7 rights); day 2 one more buys 500. Budget 5% × 500 = 25.00 over
    // 7 rights → 3.5714… floored to 3.57, under the cap of 5: 7 × 3.57 = 24.99 paid, 0.01 kept.
    const scenario = rightsScenario(
      { dividendRights: { spendPerRight: 500, rightValue: 500, maxPerRightPerDay: 5, turnoverShare: 0.05 } },
      [product({ id: "box", price: 500 })],
      [...Array.from({ length: 7 }, () => ({ day: 1, segment: "buys-box" })), { day: 2, segment: "buys-box" }],
      2,
    );
    const { rows } = simulate(scenario);
    expect(rows[1]?.rights_paid_per_right).toBe("3.57");
    expect(rows[1]?.rights_paid).toBe("24.99");
  });

  it("spend below spendPerRight carries over to the next order", () => {
    // A buys 300 on day 1 (0 rights, 300 carried) and again on day 2 (600 → 1 right, 100 carried).
    const scenario = scenarioOf({
      days: 2,
      products: [product({ id: "box", price: 300 })],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 1, segment: "s" }], segments: [quietSegment("s", { orderRate: 1 })] },
      schemes: { dividendRights: { spendPerRight: 500, rightValue: 500 } },
      confidence: { effect: 0 },
    });
    const { rows } = simulate(scenario);
    expect(rows.map((r) => r.rights_granted)).toEqual(["0", "1"]);
  });

  it("funded by concessions: the budget is a share of merchants' concessions, not of turnover", () => {
    // Day 2: B buys 500 with a 20% concession → 100; 50% of it = 50 for A's one right, capped at 10.
    const scenario = rightsScenario(
      { dividendRights: { spendPerRight: 500, rightValue: 500, maxPerRightPerDay: 10, turnoverShare: 0.5, fundedBy: "concessions" } },
      [product({ id: "box", price: 500, merchantConcession: 0.2 })],
      [
        { day: 1, segment: "buys-box" },
        { day: 2, segment: "buys-box" },
      ],
      2,
    );
    expect(simulate(scenario).rows[1]?.rights_paid).toBe("10.00");
    const uncapped = rightsScenario(
      { dividendRights: { spendPerRight: 500, rightValue: 500, maxPerRightPerDay: 100, turnoverShare: 0.5, fundedBy: "concessions" } },
      [product({ id: "box", price: 500, merchantConcession: 0.2 })],
      [
        { day: 1, segment: "buys-box" },
        { day: 2, segment: "buys-box" },
      ],
      2,
    );
    expect(simulate(uncapped).rows[1]?.rights_paid).toBe("50.00");
  });

  it("daily release: each right pays a share of what it has left, floored to the fen, whatever the turnover", () => {
    // One right of 500 at 1% a day, cap 10: day 2 pays 5.00 (left 495.00), day 3 4.95 (left 490.05),
    // day 4 floor(4.9005) = 4.90.
    const scenario = rightsScenario(
      { dividendRights: { spendPerRight: 500, rightValue: 500, maxPerRightPerDay: 10, payout: "dailyRelease", releaseRate: 0.01 } },
      [product({ id: "box", price: 500 })],
      [{ day: 1, segment: "buys-box" }],
    );
    const { rows } = simulate(scenario);
    expect(rows.map((r) => r.rights_paid)).toEqual(["0.00", "5.00", "4.95", "4.90"]);
    expect(rows[3]?.liability_dividend_rights).toBe("485.15");
  });

  it("signals: no payment for noPayoutDays while rights are outstanding is a collapse of the mechanism", () => {
    // A's right is granted on day 1; no order after it, so no turnover and no payment from day 2.
    const scenario = rightsScenario(
      { dividendRights: { spendPerRight: 500, rightValue: 500 } },
      [product({ id: "box", price: 500 })],
      [{ day: 1, segment: "buys-box" }],
      10,
    );
    const withSignal = { ...scenario, collapse: { ...scenario.collapse, dividendRights: { maxPaybackDays: 0, noPayoutDays: 3 } } };
    const { summary } = simulate(withSignal);
    expect(summary.collapse).toMatchObject({ day: 4, signal: "dividendRights.noPayout", kind: "mechanism" });
  });

  it("validation names an eligible product that does not exist, with a guess", () => {
    const result = resolveScenario({ name: "t", products: [{ id: "box", price: 500 }], schemes: { dividendRights: { eligibleProducts: ["bx"] } } });
    expect(result.problems).toEqual([{ path: "schemes.dividendRights.eligibleProducts[0]", expected: 'a product id (did you mean "box"?)', found: '"bx"' }]);
  });
});
