import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../src/scenario/load.js";
import { resolveScenario } from "../src/scenario/validate.js";
import type { Scenario } from "../src/scenario/types.js";
import { BASE_BYTES, BYTES_PER_USER, NS_PER_USER_DAY, WARN_SECONDS, estimateRun } from "../src/scenario/estimate.js";
import { describeEstimate } from "../src/cli/estimate-text.js";
import { ROOT, cliInProcess } from "./helpers/cli.js";

// biome-ignore lint/suspicious/noExplicitAny: a test edits the parsed starter at any depth, as a user edits the YAML.
type Document = Record<string, any>;

function starter(edit: (d: Document) => void): Scenario {
  const { data } = parseScenarioText(readFileSync(join(ROOT, "templates/starter.yaml"), "utf8"), "starter.yaml") as { data: Document };
  edit(data);
  const { scenario, problems } = resolveScenario(data);
  if (!scenario) throw new Error(JSON.stringify(problems));
  return scenario;
}

describe("run estimates", () => {
  it("count users day by day from the arrival rules (worked by hand)", () => {
    // 100 a day from day 1 up to a market of 500, plus 50 scheduled on day 3, over 20 days:
    // (the scheduled arrive first on their day, and count towards the market):
    // users 100, 200, 350 (200 + 50 + 100), 450, 500 (the market), then 500 → 100 + 200 + 350 + 450 + 500 × 16 = 9,100.
    const scenario = starter((d) => {
      d.days = 20;
      d.population.arrivals = { model: "constant", perDay: 100, marketSize: 500 };
      d.population.scheduled = [{ day: 3, count: 50, segment: "member" }];
    });
    const e = estimateRun(scenario);
    expect(e.peakUsers).toBe(500);
    expect(e.userDays).toBe(9100);
    expect(e.seconds).toBeCloseTo((9100 * NS_PER_USER_DAY) / 1e9, 12);
    expect(e.bytes).toBe(BASE_BYTES + 500 * BYTES_PER_USER);
  });

  it("stop arrivals after endDay", () => {
    const scenario = starter((d) => {
      d.days = 10;
      d.population.arrivals = { model: "constant", perDay: 10.5, endDay: 4, marketSize: 1000 };
    });
    // 10.5 a day with the fraction carried: 10, 21, 31, 42 by day 4, then 42 for six days.
    expect(estimateRun(scenario).userDays).toBe(10 + 21 + 31 + 42 * 7);
  });

  it("warn about a long or large run, in validate and before run", async () => {
    // 200,000 a day up to 20 million users on day 100, then 20 million for the other 265 days of
    // the starter's year: 200,000 × (1 + … + 100) + 20,000,000 × 265 = 6,310 M user-days, about
    // 1,000 s at NS_PER_USER_DAY: past the 600 s that warns.
    const big = estimateRun(
      starter((d) => {
        d.population.arrivals = { model: "constant", perDay: 200000, marketSize: 20000000 };
        d.population.maxUsers = 20000000;
      }),
    );
    expect(big.userDays).toBe(200000 * 5050 + 20000000 * 265);
    expect(big.seconds).toBeGreaterThan(WARN_SECONDS);
    const { warning } = describeEstimate(big, 8 * 1024 ** 3);
    expect(warning).toMatch(/may take about/);
    expect(describeEstimate(big, 2 * 1024 ** 3).warning).toMatch(/more than 80% of this machine's 2.0 GiB/);
    const small = describeEstimate(estimateRun(starter(() => {})), 8 * 1024 ** 3);
    expect(small.warning).toBeNull();
    const r = await cliInProcess(["validate", "scenarios/bench-combined.yaml"]);
    expect(r.code).toBe(0);
    // bench-combined: 5,555.56 a day for 180 days, a million users: 500 M user-days at most over 365 days.
    expect(r.stdout).toMatch(/estimated: up to 1,000,000 users, 2\d\d\.\d M user-days/);
  });
});
