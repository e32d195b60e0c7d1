import { describe, expect, it } from "vitest";
import { whatIfSliders } from "../src/report/what-if.js";
import { whatIfSchemes } from "../src/sweep/what-if.js";
import { scenarioOf } from "./helpers/scenario.js";

/** The what-if panel offers each running scheme's main parameters, as the scheme declares them. */
describe("what-if parameters of the schemes", () => {
  const scenario = scenarioOf({
    products: [{ id: "pack", price: 100, adPointsRatio: 1, valueAddedEligible: true }],
    schemes: {
      ads: {
        releaseRate: 0.02,
        burnRate: 0.5,
        tiers: [
          { minBalance: 100, dailyCap: 3 },
          { minBalance: 500, dailyCap: 12 },
        ],
      },
      valueAdded: { returnCap: 2, sellPayoutRatio: 0.85 },
    },
  });
  const sliders = whatIfSliders(scenario, whatIfSchemes(scenario));
  const value = (path: string) => sliders.find((s) => s.path === path)?.value;

  it("ads: release rate, each tier's cap the scenario has, burn; value-added: payout ratio and cap; at the scenario's values", () => {
    expect(value("schemes.ads.releaseRate")).toBe(0.02);
    expect(value("schemes.ads.tiers[0].dailyCap")).toBe(3);
    expect(value("schemes.ads.tiers[1].dailyCap")).toBe(12);
    expect(value("schemes.ads.burnRate")).toBe(0.5);
    expect(value("schemes.valueAdded.sellPayoutRatio")).toBe(0.85);
    expect(value("schemes.valueAdded.returnCap")).toBe(2);
    // Two tiers written: no slider for a third.
    expect(sliders.some((s) => s.path === "schemes.ads.tiers[2].dailyCap")).toBe(false);
  });

  it("a range widens to take in the scenario's own value; a cap of null (no cap) offers no slider", () => {
    const wide = scenarioOf({
      products: [{ id: "pack", price: 100 }],
      schemes: { ads: { tiers: [{ minBalance: 1, dailyCap: 500 }] }, valueAdded: { returnCap: null } },
    });
    const s = whatIfSliders(wide, whatIfSchemes(wide));
    expect(s.find((x) => x.path === "schemes.ads.tiers[0].dailyCap")).toMatchObject({ min: 0, max: 500, value: 500 });
    expect(s.some((x) => x.path === "schemes.valueAdded.returnCap")).toBe(false);
  });
});
