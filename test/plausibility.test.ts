import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scenarioWarnings } from "../src/simulate.js";
import { loadScenarioFile } from "../src/scenario/load.js";
import { scenarioOf } from "./helpers/scenario.js";
import { ROOT, cli, tempDir } from "./helpers/cli.js";
import { loadSweepFile } from "../src/sweep/spec.js";
import { formatSweepWarnings, preflightSweep } from "../src/sweep/preflight.js";

/**
 * Plausibility warnings (docs/plausibility.md): each case is built so that the bound is passed
 * (or not) by arithmetic worked in its comment, not by what pointsim reports.
 */
const product = (extra: Record<string, unknown> = {}) => ({ id: "pack", price: 100, ...extra });
const paths = (data: Record<string, unknown>) => scenarioWarnings(scenarioOf(data)).map((w) => w.path);

describe("plausibility warnings", () => {
  it("an ad release rate of 50% a day passes the 10% bound; 10% itself does not", () => {
    const warnings = scenarioWarnings(scenarioOf({ products: [product()], schemes: { ads: { releaseRate: 0.5 } } }));
    // The Chinese from the same figures: 50% a day against the 10% bound.
    expect(warnings).toEqual([
      {
        path: "schemes.ads.releaseRate",
        message: expect.stringContaining("50% of a balance a day"),
        value: 0.5,
        messageZh: "每天释放余额的50%，高于每天10%的界限（种子方案000：1%）",
      },
    ]);
    expect(paths({ products: [product()], schemes: { ads: { releaseRate: 0.1 } } })).toEqual([]);
  });

  it("a release that pays an order out within a month is named, with its days", () => {
    // 100 yuan × 1 point per yuan = 100 points. One tier from 1 point, capped at 1,000 yuan a
    // day. Day 1 releases 10% = 10 points (10 yuan), and burnRate 9 burns 9 × 10 = 90 more:
    // the balance is 0 after 1 day, under 30.
    const fast = { products: [product({ adPointsRatio: 1 })], schemes: { ads: { releaseRate: 0.1, burnRate: 9, tiers: [{ minBalance: 1, dailyCap: 1000 }] } } };
    expect(scenarioWarnings(scenarioOf(fast))).toEqual([
      {
        path: "schemes.ads.tiers",
        message: expect.stringContaining("in 1 day of watching"),
        value: 1,
        messageZh: expect.stringContaining("看广告1天即释放10.00元"),
      },
    ]);
    // Without the burn, 10% a day of a shrinking balance: the day's release stays at 1 fen or
    // more while 100 × 0.9^n points × 0.1 ≥ 0.01 yuan, n ≤ ln(1000)/ln(1/0.9) ≈ 65.6 days, far past 30.
    expect(paths({ ...fast, schemes: { ads: { releaseRate: 0.1, tiers: [{ minBalance: 1, dailyCap: 1000 }] } } })).toEqual([]);
  });

  it("commission levels above a product's distribution are named; a product without distribution is not", () => {
    // levels 20% + 10% of a 100-yuan price = 30 yuan, against a distribution of 20.
    const over = scenarioWarnings(scenarioOf({ products: [product({ distribution: 20 })], schemes: { purchaseCommission: { levels: [0.2, 0.1] } } }));
    expect(over).toEqual([
      {
        path: "schemes.purchaseCommission.levels",
        message: expect.stringContaining("above its distribution of ¥20.00"),
        value: 0.3,
        messageZh: expect.stringContaining("合计为pack售价的30%（30.00元），超过其分销预算20.00元"),
      },
    ]);
    expect(paths({ products: [product({ distribution: 30 })], schemes: { purchaseCommission: { levels: [0.2, 0.1] } } })).toEqual([]);
    expect(paths({ products: [product({ distribution: 0 })], schemes: { purchaseCommission: { levels: [0.2, 0.1] } } })).toEqual([]);
  });

  it("dividend rights: a daily release past 1% of what is left; the turnover payout is not read", () => {
    const rights = (extra: Record<string, unknown>) => ({ products: [product()], schemes: { dividendRights: extra } });
    expect(paths(rights({ payout: "dailyRelease", releaseRate: 0.02 }))).toEqual(["schemes.dividendRights.releaseRate"]);
    expect(paths(rights({ payout: "dailyRelease", releaseRate: 0.01 }))).toEqual([]);
    expect(paths(rights({ payout: "turnoverShare", releaseRate: 0.02 }))).toEqual([]);
  });

  it("the core's checks: an order rate past 50% a day, goods worth more than their price", () => {
    const data = { products: [product({ cost: 40, goodsValue: 120 })], population: { segments: [{ name: "eager", orderRate: 0.6 }] } };
    expect(paths(data)).toEqual(["products[0].goodsValue", "population.segments[0].orderRate"]);
    expect(paths({ ...data, acceptWarnings: ["products[0].goodsValue"] })).toEqual(["population.segments[0].orderRate"]);
  });

  it("the starter scenario and the bundled ones that run in the goldens raise none (or accept theirs)", () => {
    expect(scenarioWarnings(loadScenarioFile(join(ROOT, "templates", "starter.yaml")).scenario)).toEqual([]);
    expect(scenarioWarnings(loadScenarioFile(join(ROOT, "scenarios", "stress-arrivals-stop.yaml")).scenario)).toEqual([]);
  });

  it("run prints them once before the run and lists them in summary.json; accepted ones are gone from both", () => {
    const dir = tempDir();
    const text = readFileSync(join(ROOT, "templates", "starter.yaml"), "utf8")
      .replace("days: 365", "days: 20")
      .replace("releaseRate: 0.01", "releaseRate: 0.5");
    writeFileSync(join(dir, "s.yaml"), text);
    const r = cli(["run", "s.yaml", "--out", "a"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr.split("schemes.ads.releaseRate = 0.5").length).toBe(2);
    const summary = JSON.parse(readFileSync(join(dir, "a", "summary.json"), "utf8")) as Record<string, unknown>;
    expect(Object.keys(summary).at(-1)).toBe("warnings");
    expect(summary.warnings).toEqual([{ path: "schemes.ads.releaseRate", message: expect.any(String), value: 0.5 }]);
    writeFileSync(join(dir, "s.yaml"), `${text}\nacceptWarnings: [schemes.ads.releaseRate]\n`);
    const accepted = cli(["run", "s.yaml", "--out", "b"], { cwd: dir });
    expect(accepted.stderr).not.toContain("plausibility");
    expect(JSON.parse(readFileSync(join(dir, "b", "summary.json"), "utf8"))).not.toHaveProperty("warnings");
    expect(cli(["verify", "a"], { cwd: dir }).code).toBe(0);
  });

  it("a sweep names each warning once, before the runs, with at how many points it holds", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "base.yaml"), readFileSync(join(ROOT, "templates", "starter.yaml"), "utf8"));
    // Three release rates: only 0.5 passes the 10% bound, at 1 of 3 points.
    writeFileSync(
      join(dir, "sweep.yaml"),
      "name: t\nbase: base.yaml\nmethod: grid\nparameters:\n  - key: schemes.ads.releaseRate\n    values: [0.01, 0.05, 0.5]\n",
    );
    const loaded = loadSweepFile(join(dir, "sweep.yaml"));
    const warnings = preflightSweep(loaded, []);
    expect(warnings.map((w) => [w.path, w.points, w.value])).toEqual([["schemes.ads.releaseRate", 1, 0.5]]);
    expect(formatSweepWarnings("sweep.yaml", warnings, 3)).toContain("schemes.ads.releaseRate (1 of 3 points; e.g. 0.5)");
  });
});
