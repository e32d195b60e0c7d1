import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { quietSegment, scenarioOf } from "./helpers/scenario.js";
import { ExactRangeError } from "../src/errors.js";

describe("the exact range (integers below 2^53 fen)", () => {
  it("a run whose sums pass 2^53 fen stops with ExactRangeError instead of a wrong fen", () => {
    // 10,000 users each buy at the largest price (100 million yuan = 10^10 fen) every day:
    // 10^14 fen a day; the totals pass 2^53 ≈ 9.007 × 10^15 fen on day 91.
    const scenario = scenarioOf({
      days: 120,
      products: [{ id: "p", price: 100_000_000, cost: 0, platformMargin: 100_000_000 }],
      population: { arrivals: { perDay: 0 }, scheduled: [{ day: 1, count: 10_000, segment: "s" }], segments: [quietSegment("s", { orderRate: 1 })] },
      confidence: { effect: 0 },
    });
    expect(() => simulate(scenario)).toThrow(ExactRangeError);
    expect(() => simulate(scenario)).toThrow(/(past|passed) the exact range of 9007199254740991/);
    // One day less than the limit runs, and every balance is exact.
    const fine = simulate({ ...scenario, days: 90 });
    expect(fine.rows[89]?.platform_cash).toBe("90000000000000.00");
  });
});

describe("random scenarios near the exactness limits", () => {
  it("either run exactly (the journal re-adds to every balance) or stop with ExactRangeError, never a wrong fen", async () => {
    const fc = (await import("fast-check")).default;
    const { resolveScenario } = await import("../src/scenario/validate.js");
    const arb = fc.record({
      priceFen: fc.integer({ min: 9_000_000_000, max: 10_000_000_000 }),
      users: fc.integer({ min: 1, max: 2_000 }),
      days: fc.integer({ min: 1, max: 60 }),
      orderRate: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
      adPointsRatio: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
      initialCash: fc.integer({ min: 0, max: 1_000_000_000_000 }),
    });
    fc.assert(
      fc.property(arb, (r) => {
        const resolved = resolveScenario({
          name: "near-limits",
          days: r.days,
          products: [{ id: "p", price: r.priceFen / 100, cost: Math.floor(r.priceFen / 300) / 100, adPointsRatio: r.adPointsRatio, valueAddedEligible: true }],
          population: {
            arrivals: { perDay: 0 },
            scheduled: [{ day: 1, count: r.users, segment: "s" }],
            segments: [quietSegment("s", { orderRate: r.orderRate, watchProbability: 1, withdraw: { probability: 0.5 } })],
          },
          schemes: { ads: { tiers: [{ minBalance: 1, dailyCap: 100_000_000 }] }, valueAdded: {} },
          platform: { initialCash: r.initialCash },
          confidence: { effect: 0 },
        });
        if (resolved.scenario === null) throw new Error(JSON.stringify(resolved.problems));
        let result: ReturnType<typeof simulate>;
        try {
          result = simulate(resolved.scenario, { journal: true });
        } catch (error) {
          expect(error).toBeInstanceOf(ExactRangeError);
          return;
        }
        const balance = new Map<string, bigint>();
        let line = 0;
        const journal = result.journal ?? [];
        for (const row of result.rows) {
          for (; line < journal.length && (journal[line]?.day ?? 0) <= Number(row.day); line++) {
            const l = journal[line];
            if (!l) continue;
            balance.set(l.from, (balance.get(l.from) ?? 0n) - BigInt(l.fen));
            balance.set(l.to, (balance.get(l.to) ?? 0n) + BigInt(l.fen));
          }
          const cash = (balance.get("platform.cash") ?? 0n).toString();
          expect(row.platform_cash?.replace(".", "").replace(/^(-?)0+(?=\d)/, "$1")).toBe(cash);
        }
      }),
      { numRuns: 25, seed: 53 },
    );
  });
});
