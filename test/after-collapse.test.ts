import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { dataOutputs } from "../src/report/outputs.js";
import { scenarioOf } from "./helpers/scenario.js";
import { ROOT, cli, tempDir } from "./helpers/cli.js";

/**
 * What came in after the collapse day (docs/model.md, "After the collapse"), on a run small
 * enough to work by hand: a 100-yuan plain sale whose goods are stated to be worth 40, so every
 * buyer loses 60 yuan; 10 buyers on day 1, none on days 2-4, 3 on day 5.
 */
function run(stopOnCollapse: boolean) {
  return simulate(
    scenarioOf({
      days: 6,
      products: [{ id: "box", price: 100, cost: 30, goodsValue: 40 }],
      population: {
        arrivals: { model: "constant", perDay: 0 },
        segments: [{ name: "once", firstOrderProbability: 1, orderRate: 0, withdraw: { probability: 0 } }],
        scheduled: [
          { day: 1, count: 10, segment: "once" },
          { day: 5, count: 3, segment: "once" },
        ],
      },
      confidence: { effect: 0 },
      // Day 1's new money (1,000 yuan) is the peak; day 2's (0) is below half of it for 1 day
      // of a 1-day window: the business-stopped signal fires on day 2.
      collapse: { newMoney: { share: 0.5, windowDays: 1, days: 1 }, stopOnCollapse },
    }),
  );
}

describe("after the collapse", () => {
  it("separates the users who joined after the collapse day, their money and their losses", () => {
    const result = run(false);
    expect(result.summary.collapseDay).toBe(2);
    // Days 3-6 are after day 2: 4 days. The 3 who joined on day 5 paid 3 × 100 = 300 yuan, all
    // of it new money; each holds goods worth 40, so each loses 60: 180 in all. The run's new
    // money is 1,000 + 300 = 1,300, of which 300 / 1,300 = 0.230769 came after.
    expect(result.afterCollapse).toEqual({
      collapseDay: 2,
      daysAfter: 4,
      usersJoined: 3,
      payingUsers: 3,
      usersLosing: 3,
      totalLoss: 180,
      moneyIn: 300,
      newMoneyIn: 300,
      newMoneyShare: 0.230769,
    });
    const files = dataOutputs(result, scenarioOf({ products: [{ id: "box", price: 100 }] })).map((f) => f.name);
    expect(files).toContain("after-collapse.json");
    // summary.json holds the same figures beside its totals (which count everyone), and its
    // verdict ends with them: 4 days, ¥300.00 of new money (23.1% of the run's), 3 joiners who
    // lose ¥180.00.
    const summary = JSON.parse(
      dataOutputs(result, scenarioOf({ products: [{ id: "box", price: 100 }] })).find((f) => f.name === "summary.json")?.content ?? "{}",
    ) as { afterCollapse: unknown; verdict: string };
    expect(summary.afterCollapse).toEqual(result.afterCollapse);
    expect(summary.verdict).toMatch(
      / In the 4 days the run went on after the collapse, ¥300\.00 of new money came in \(23\.1% of the run's\) and 3 users joined, 3 of whom lose ¥180\.00\.$/,
    );
  });

  it("stopOnCollapse ends the run on the collapse day, and says that nothing came after", () => {
    const result = run(true);
    expect(result.summary.daysSimulated).toBe(2);
    expect(result.afterCollapse).toMatchObject({ collapseDay: 2, daysAfter: 0, usersJoined: 0, newMoneyIn: 0 });
  });

  it("a run without a collapse writes no after-collapse.json, and run's summary says it under the verdict after one", () => {
    const dir = tempDir();
    const calm = cli(["run", join(ROOT, "scenarios", "seed-002-value-added-example.yaml"), "--out", "calm"], { cwd: dir });
    expect(calm.code).toBe(0);
    expect(existsSync(join(dir, "calm", "after-collapse.json"))).toBe(false);
    expect(calm.stdout).not.toContain("after the collapse");
    const stressed = cli(["run", join(ROOT, "scenarios", "stress-arrivals-stop.yaml"), "--out", "s"], { cwd: dir });
    const after = JSON.parse(readFileSync(join(dir, "s", "after-collapse.json"), "utf8")) as { newMoneyIn: number; daysAfter: number; collapseDay: number };
    // The same figure, from timeseries.csv: new_money_in summed over the days after the collapse day.
    const [header, ...rows] = readFileSync(join(dir, "s", "timeseries.csv"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(","));
    const day = header?.indexOf("day") ?? -1;
    const money = header?.indexOf("new_money_in") ?? -1;
    const fen = rows.filter((r) => Number(r[day]) > after.collapseDay).reduce((sum, r) => sum + Math.round(Number(r[money]) * 100), 0);
    expect(Math.round(after.newMoneyIn * 100)).toBe(fen);
    expect(stressed.stdout).toContain(`after the collapse     ${after.daysAfter} more days`);
    expect(cli(["verify", "s"], { cwd: dir }).code).toBe(0);
  });
});
