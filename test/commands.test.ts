import { join } from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainScenario } from "../src/cli/explain.js";
import { adSchedule } from "../src/schemes/ads.js";
import { sparkline } from "../src/cli/sparkline.js";
import { bundled, scenarioOf } from "./helpers/scenario.js";
import { cli, cliInProcess, tempDir } from "./helpers/cli.js";
import { shortened } from "./helpers/shortened.js";

/**
 * Seed 002's combined scheme for 150 days (its red flags are all raised by then) run once, in
 * this process, with its summary printed: its folder is compare's first and its terminal output
 * the summary's test.
 */
let combinedRun: Promise<{ out: string; stdout: string }> | undefined;
function seed002Combined(): Promise<{ out: string; stdout: string }> {
  combinedRun ??= (async () => {
    const out = join(tempDir(), "seed-002-combined");
    const { code, stdout } = await cliInProcess(["run", shortened("seed-002-combined", 150), "--out", out]);
    expect(code).toBe(0);
    return { out, stdout };
  })();
  return combinedRun;
}

describe("pointsim explain", () => {
  it("works out one order's ad-point schedule by the tiers", () => {
    // 1100 points: 10/day for 11 days (to 990), then 2/day for 396 days (to 198, below 200):
    // 110 + 792 = 902 yuan over 407 days, 198 points stranded below the lowest tier.
    const ads = scenarioOf({ products: [{ id: "p", price: 1 }], schemes: { ads: {} } }).schemes.ads!;
    expect(adSchedule(11_000_000, ads)).toEqual({ releasedFen: 90_200, days: 407, strandedPu: 1_980_000, strandedBy: "tier" });
  });

  it("sets what seed 002's order promises against what the platform earns", () => {
    // Seed 002's rule: 1% a day with no floor. 1100 points release down to 0.99 of a point (under
    // 2 points a release is 1 fen): 1099.01 released over 755 days; 30% of it as release
    // commissions, floored release by release: 329.70; ads 755 days × 5 × 30 / 1000 = 113.25.
    const [pack] = explainScenario(bundled("seed-002-combined"));
    expect(pack?.schemes.ads).toEqual({
      points: 11_000_000,
      releasedFen: 109_901,
      releaseDays: 755,
      strandedPoints: 9_900,
      releaseCommissionsFen: 32_970,
      adRevenueFen: 11_325,
    });
    expect(pack?.schemes.valueAdded).toEqual({ grantFen: 21_000, poolFen: 30_000 });
    expect(pack?.schemes.purchaseCommission).toBeUndefined();
    // Promised: 1099.01 + 329.70 = 1428.71; earned: margin 100 + unused distribution 300 + ads 113.25.
    expect(pack?.promisedFen).toBe(142_871);
    expect(pack?.earnedFen).toBe(51_325);
    // A process of its own: bin/pointsim's one end-to-end explain.
    const { code, stdout } = cli(["explain", "scenarios/seed-002-combined.yaml"]);
    expect(code).toBe(0);
    expect(stdout).toContain("releases ¥1,099.01 over 755 days");
    expect(stdout).toContain("promises MORE than it earns");
  });

  it("with seed 000's tiers the same order releases less and strands 198 points below the 200 floor", () => {
    // Seed 000's tiers: 902 released over 407 days, 198 points left below the lowest tier;
    // release commissions 30% of 902 = 270.60; ads 407 × 5 × 30 / 1000 = 61.05.
    const [pack] = explainScenario(bundled("seed-002-combined-tiers-000"));
    expect(pack?.schemes.ads).toEqual({
      points: 11_000_000,
      releasedFen: 90_200,
      releaseDays: 407,
      strandedPoints: 1_980_000,
      releaseCommissionsFen: 27_060,
      adRevenueFen: 6_105,
    });
    // Promised: 902 + 270.60 = 1172.60; earned: margin 100 + unused distribution 300 + ads 61.05.
    expect(pack?.promisedFen).toBe(117_260);
    expect(pack?.earnedFen).toBe(46_105);
  });
});

describe("pointsim compare", () => {
  it("lists the scenarios' differences and key indicators side by side", async () => {
    const { out: a } = await seed002Combined();
    const b = join(tempDir(), "b");
    // As long as seed 002's run above: the scenarios differ in their name and the shock on day 120, not in their length.
    expect((await cliInProcess(["run", shortened("stress-arrivals-stop", 150), "--out", b, "-q"])).code).toBe(0);
    const { code, stdout } = await cliInProcess(["compare", a, b, "--json"]);
    expect(code).toBe(0);
    const c = JSON.parse(stdout);
    expect(c.scenarioDifferences).toContainEqual({ key: "shocks[0].day", a: null, b: "120" });
    expect(c.scenarioDifferences).toContainEqual({ key: "name", a: '"seed-002-combined"', b: '"stress-arrivals-stop"' });
    const collapse = c.indicators.find((i: { key: string }) => i.key === "collapseDay");
    expect(collapse.a).toBe(JSON.parse(readFileSync(join(a, "summary.json"), "utf8")).collapseDay);
    expect(collapse.b).toBe(JSON.parse(readFileSync(join(b, "summary.json"), "utf8")).collapseDay);
    expect((await cliInProcess(["compare", a, b])).stdout).toContain("key indicators");
  });
});

describe("pointsim init", () => {
  it("writes a starter scenario that validates and runs, and does not overwrite without --force", async () => {
    const dir = tempDir();
    const file = join(dir, "mine.yaml");
    expect((await cliInProcess(["init", file])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("# A pointsim scenario");
    expect((await cliInProcess(["validate", file])).code).toBe(0);
    expect((await cliInProcess(["run", file, "--out", join(dir, "run"), "-q"])).code).toBe(0);
    expect((await cliInProcess(["init", file])).code).toBe(2);
    expect((await cliInProcess(["init", file, "--force"])).code).toBe(0);
  });
});

describe("terminal", () => {
  it("draws sparklines from zero (or the series' minimum below it) to its maximum", () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe("▁▂▃▄▅▆▇█");
    // A series constant at a million is full, not flat at the bottom; one at zero is the floor.
    expect(sparkline([1_000_000, 1_000_000, 1_000_000])).toBe("███");
    expect(sparkline([0, 0, 0])).toBe("▁▁▁");
    // 999,993 to 1,000,000 from zero: all near the top.
    expect(sparkline([999_993, 1_000_000])).toBe("██");
    expect(sparkline([-7, 0, 7])).toBe("▁▅█"); // 0 is half way: round(3.5) = bar 4 of 0-7
    expect(sparkline([null, null])).toBe("");
    expect(sparkline([0, 10, 0, 10], 2)).toBe("██");
  });

  it("prints the summary with red flags and sparklines, plain without a terminal", async () => {
    const { stdout } = await seed002Combined();
    expect(stdout).toContain("red flag");
    expect(stdout).toMatch(/users\s+[▁▂▃▄▅▆▇█]+/);
    expect(stdout).not.toContain("\u001b[");
  });
});
