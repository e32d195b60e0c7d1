import { join } from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainScenario } from "../src/cli/explain.js";
import { adSchedule } from "../src/schemes/ads.js";
import { sparkline } from "../src/cli/sparkline.js";
import { bundled, scenarioOf } from "./helpers/scenario.js";
import { cli, tempDir } from "./helpers/cli.js";

describe("pointsim explain", () => {
  it("works out one order's ad-point schedule by the tiers", () => {
    // 1100 points: 10/day for 11 days (to 990), then 2/day for 396 days (to 198, below 200):
    // 110 + 792 = 902 yuan over 407 days, 198 points stranded.
    const ads = scenarioOf({ products: [{ id: "p", price: 1 }], schemes: { ads: {} } }).schemes.ads!;
    expect(adSchedule(11_000_000, ads)).toEqual({ releasedFen: 90_200, days: 407, strandedPu: 1_980_000 });
  });

  it("sets what seed 002's order promises against what the platform earns", () => {
    const [pack] = explainScenario(bundled("seed-002-combined"));
    expect(pack?.schemes.ads).toEqual({ points: 11_000_000, releasedFen: 90_200, releaseDays: 407, strandedPoints: 1_980_000, releaseCommissionsFen: 27_060, adRevenueFen: 6_105 });
    expect(pack?.schemes.valueAdded).toEqual({ grantFen: 21_000, poolFen: 30_000 });
    expect(pack?.schemes.purchaseCommission).toEqual({ commissionsFen: 30_000 });
    // Promised: 902 + 270.60 + 300 = 1472.60; earned: margin 100 + unused distribution 0 + ads 61.05.
    expect(pack?.promisedFen).toBe(147_260);
    expect(pack?.earnedFen).toBe(16_105);
    const { code, stdout } = cli(["explain", "scenarios/seed-002-combined.yaml"]);
    expect(code).toBe(0);
    expect(stdout).toContain("releases ¥902.00 over 407 days");
    expect(stdout).toContain("promises MORE than it earns");
  });
});

describe("pointsim compare", () => {
  it("lists the scenarios' differences and key indicators side by side", () => {
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    cli(["run", "scenarios/seed-002-combined.yaml", "--out", a, "-q"]);
    cli(["run", "scenarios/stress-arrivals-stop.yaml", "--out", b, "-q"]);
    const { code, stdout } = cli(["compare", a, b, "--json"]);
    expect(code).toBe(0);
    const c = JSON.parse(stdout);
    expect(c.scenarioDifferences).toContainEqual({ key: "shocks[0].day", a: null, b: "120" });
    expect(c.scenarioDifferences).toContainEqual({ key: "name", a: '"seed-002-combined"', b: '"stress-arrivals-stop"' });
    const collapse = c.indicators.find((i: { key: string }) => i.key === "collapseDay");
    expect(collapse.a).toBe(JSON.parse(readFileSync(join(a, "summary.json"), "utf8")).collapseDay);
    expect(collapse.b).toBe(JSON.parse(readFileSync(join(b, "summary.json"), "utf8")).collapseDay);
    expect(cli(["compare", a, b]).stdout).toContain("key indicators");
  });
});

describe("pointsim init", () => {
  it("writes a starter scenario that validates and runs, and does not overwrite without --force", () => {
    const dir = tempDir();
    const file = join(dir, "mine.yaml");
    expect(cli(["init", file]).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("# A pointsim scenario");
    expect(cli(["validate", file]).code).toBe(0);
    expect(cli(["run", file, "--out", join(dir, "run"), "-q"]).code).toBe(0);
    expect(cli(["init", file]).code).toBe(2);
    expect(cli(["init", file, "--force"]).code).toBe(0);
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

  it("prints the summary with red flags and sparklines, plain without a terminal", () => {
    const { stdout } = cli(["run", "scenarios/seed-002-combined.yaml", "--out", join(tempDir(), "r")]);
    expect(stdout).toContain("red flag");
    expect(stdout).toMatch(/users\s+[▁▂▃▄▅▆▇█]+/);
    expect(stdout).not.toContain("\u001b[");
  });
});
