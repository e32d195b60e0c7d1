import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, tempDir } from "./helpers/cli.js";

/**
 * The table a sweep ends with (docs/sweeps.md). The base is worked by hand: 10 buyers on day 1,
 * none after, in a 6-day run; with collapse.newMoney.share 0.5 (window and streak of 1 day)
 * day 2's new money (0) is below half of day 1's (1,000 yuan), so every run collapses on day 2;
 * with share 0 the signal is off, nothing else can fire (no one withdraws), and a run that does
 * not collapse counts as day 6 + 1 = 7.
 */
const BASE = `name: tiny
days: 6
products: [{ id: box, price: 100, cost: 30, goodsValue: 40 }]
population:
  arrivals: { model: constant, perDay: 0 }
  segments: [{ name: once, firstOrderProbability: 1, orderRate: 0, withdraw: { probability: 0 } }]
  scheduled: [{ day: 1, count: 10, segment: once }]
confidence: { effect: 0 }
collapse: { newMoney: { share: 0.5, windowDays: 1, days: 1 } }
`;

describe("the sweep's closing table", () => {
  it("grid: per point the share collapsed and the collapse day's median and interval", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "base.yaml"), BASE);
    writeFileSync(
      join(dir, "sweep.yaml"),
      `name: t\nbase: base.yaml\nmethod: grid\nseeds: 2\nparameters:\n  - key: collapse.newMoney.share\n    values: [0, 0.5]\n`,
    );
    const r = await cliAsync(["sweep", "sweep.yaml", "--workers", "1", "--out", "s", "--no-progress"], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const header = lines.findIndex((l) => l.includes("collapse day P50 [P5, P95]"));
    expect(lines[header]?.trim().split(/\s{2,}/)).toEqual(["point", "share", "runs", "collapsed", "collapse day P50 [P5, P95]", "losing P50"]);
    expect(lines[header + 1]?.trim().split(/\s{2,}/)).toEqual(["0", "0", "2", "0%", "7 [7, 7]", "100%"]);
    expect(lines[header + 2]?.trim().split(/\s{2,}/)).toEqual(["1", "0.5", "2", "100%", "2 [2, 2]", "100%"]);
  }, 60_000);

  it("morris: per metric the parameter with the largest mu*, first; one that moves nothing at 0", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "base.yaml"), BASE);
    // The operating cost changes no signal (no one withdraws, the new-money signal reads orders
    // only), so its elementary effects on the collapse day are all 0; the share's are not
    // (0 switches the signal off: day 7 instead of day 2).
    writeFileSync(
      join(dir, "sweep.yaml"),
      `name: t\nbase: base.yaml\nmethod: morris\ntrajectories: 4\nmetrics: [collapseDay]\nparameters:\n  - { key: platform.operatingCostPerDay, range: { from: 0, to: 10 }, decimals: 2 }\n  - { key: collapse.newMoney.share, range: { from: 0, to: 0.5 } }\n`,
    );
    const r = await cliAsync(["sweep", "sweep.yaml", "--workers", "1", "--out", "s", "--no-progress"], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const header = lines.findIndex((l) => l.includes("mu_star [low, high]"));
    expect(
      lines[header + 1]
        ?.trim()
        .split(/\s{2,}/)
        .slice(0, 2),
    ).toEqual(["collapseDay", "collapse.newMoney.share"]);
    expect(
      lines[header + 2]
        ?.trim()
        .split(/\s{2,}/)
        .slice(0, 2),
    ).toEqual(["platform.operatingCostPerDay", "0 [0, 0]"]);
  }, 60_000);
});
