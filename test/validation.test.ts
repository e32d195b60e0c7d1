import { describe, expect, it } from "vitest";
import { resolveScenario } from "../src/scenario/validate.js";

describe("decimal places", () => {
  it("accepts large values with few decimals and rejects too many, exactly", () => {
    const ok = resolveScenario({ name: "x", products: [{ id: "a", price: 123456.78, cost: 0.29 }], population: { arrivals: { perDay: 5555.56 } } });
    expect(ok.problems).toEqual([]);
    const bad = resolveScenario({ name: "x", products: [{ id: "a", price: 1.005 }], population: { arrivals: { perDay: 0.0000001 } } });
    expect(bad.problems).toEqual([
      { path: "products[0].price", expected: "a number with at most 2 decimals", found: "1.005" },
      { path: "population.arrivals.perDay", expected: "a number with at most 6 decimals", found: "1e-7" },
    ]);
  });
});
