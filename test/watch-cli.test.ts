import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { numericSeries } from "../src/engine/columns.js";
import { ROOT, cliInProcess, readFolder, tempDir } from "./helpers/cli.js";
import { scenarioOf } from "./helpers/scenario.js";
import { sized } from "./helpers/long.js";

/**
 * `pointsim watch` end to end on small synthetic platforms whose fate is known: the truth is run
 * here over 220 days, its first 60 observed; the watch sees only those 60 days, one cut-off at a
 * time. Under these rules a member who orders more often holds more dividend rights, and a high
 * orderRate collapses the platform (0.05: around day 170) where a low one (0.005) never does.
 */
const platform = (orderRate: number) => ({
  name: "small-watch",
  seed: 7,
  days: 220,
  products: [{ id: "pack", price: 100, cost: 70, platformMargin: 30 }],
  population: {
    arrivals: { model: "logistic", marketSize: 800, initialUsers: 30, growthRate: 0.1 },
    segments: [{ name: "member", firstOrderProduct: "pack", orderRate, churnRate: 0.002 }],
  },
  schemes: { dividendRights: { spendPerRight: 500, rightValue: 500, turnoverShare: 0.05, maxPerRightPerDay: 1 } },
  platform: { initialCash: 20000 },
});

/** Writes the truth's first 60 days as observed.csv, a base with a wrong guess, and a fit file of one unknown. */
function writeWatchFolder(dir: string, orderRate: number): { collapseDay: number | null } {
  mkdirSync(dir, { recursive: true });
  const truth = simulate(scenarioOf(platform(orderRate)));
  const users = numericSeries(truth.specs, truth.values, "users_total");
  const orders = numericSeries(truth.specs, truth.values, "orders");
  const lines = ["day,column,value"];
  for (let d = 0; d < 60; d++) lines.push(`${d + 1},users_total,${users[d]}`, `${d + 1},orders,${orders[d]}`);
  writeFileSync(join(dir, "observed.csv"), `${lines.join("\n")}\n`);
  writeFileSync(join(dir, "platform.yaml"), JSON.stringify(platform(0.02), null, 1));
  const fit = {
    name: "small-watch",
    base: "platform.yaml",
    seed: 3,
    seeds: 2,
    set: { days: 60 },
    parameters: [{ key: "population.segments.member.orderRate", range: { from: 0.002, to: 0.1 }, scale: "log", decimals: 5 }],
    targets: [{ series: "observed.csv" }],
  };
  writeFileSync(join(dir, "fit.yaml"), JSON.stringify(fit, null, 1));
  return { collapseDay: truth.summary.collapseDay };
}

interface WatchJson {
  steps: { day: number; probability: number; low: number; high: number; ess: number; refreshes: number }[];
  alarms: { level: number; day: number | null; leadTime: number | null }[];
  metrics: { alarmDay: number | null; leadTime: number | null; probability: number };
}

const WATCH = ["--every", "20", "--horizon", "150", "--particles", "24"];

describe("pointsim watch", () => {
  it("on a platform that fails: P rises as the days arrive and the alarm comes before the failure", async () => {
    const dir = tempDir();
    const { collapseDay } = writeWatchFolder(dir, 0.05);
    expect(collapseDay).not.toBeNull();
    const failure = collapseDay as number;
    // The failure lies beyond the observed days: foreseeing it is the point.
    expect(failure).toBeGreaterThan(60);
    const r = await cliInProcess([
      "watch",
      join(dir, "fit.yaml"),
      ...WATCH,
      "--failure-day",
      String(failure),
      "--out",
      join(dir, "out"),
      "--workers",
      "1",
      "--fail-if",
      "leadTime < 1",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const watch = JSON.parse(readFileSync(join(dir, "out", "watch.json"), "utf8")) as WatchJson;
    expect(watch.steps.map((s) => s.day)).toEqual([20, 40, 60]);
    const first = watch.steps[0] as WatchJson["steps"][number];
    const last = watch.steps[watch.steps.length - 1] as WatchJson["steps"][number];
    expect(last.probability).toBeGreaterThan(0.9);
    // (a sum of weights: equal shares may differ in the last bit)
    expect(last.probability).toBeGreaterThanOrEqual(first.probability - 1e-12);
    const alarm = watch.alarms[0] as WatchJson["alarms"][number];
    expect(alarm.level).toBe(0.5);
    expect(alarm.day).not.toBeNull();
    expect(alarm.leadTime).toBe(failure - (alarm.day as number));
    expect(alarm.leadTime).toBeGreaterThan(0);
    for (const s of watch.steps) {
      expect(s.low).toBeLessThanOrEqual(s.probability);
      expect(s.high).toBeGreaterThanOrEqual(s.probability);
    }
    expect(r.stdout).toMatch(/alarm 0\.5: day \d+, \d+ days before the failure/);
    const csv = readFileSync(join(dir, "out", "watch.csv"), "utf8")
      .trim()
      .split("\n");
    expect(csv[0]).toBe("day,probability,low,high,ess,particles,pool,population,refreshes,reliable,alarm");
    // Each day's pool is the first population and every refresh round so far, pooled.
    for (const line of csv.slice(1)) {
      const [, , , , ess, particles, pool, population, , reliable] = line.split(",");
      expect(Number(pool)).toBe(Number(particles) * Number(population));
      expect(reliable).toBe(Number(ess) >= 10 ? "yes" : "no");
    }
    expect(csv).toHaveLength(4);
    const html = readFileSync(join(dir, "out", "report.html"), "utf8");
    expect(html).toContain(`The platform failed on day ${failure}.`);
  });

  it("on a platform that never fails: P stays low at every cut-off; the same on any number of workers, and a failed gate changes no file", async () => {
    const dir = tempDir();
    const { collapseDay } = writeWatchFolder(dir, 0.005);
    expect(collapseDay).toBeNull();
    // 12 particles: fewer particles are refreshed more often (the effective size stays at 10 or
    // more on every day, so no warning), and the pooled runs cost about what 24 would.
    const settings = ["--every", "20", "--horizon", "150", "--particles", "12"];
    const r = await cliInProcess(["watch", join(dir, "fit.yaml"), ...settings, "--out", join(dir, "out"), "--workers", "2", "-q"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const watch = JSON.parse(readFileSync(join(dir, "out", "watch.json"), "utf8")) as WatchJson;
    // Once data have arrived the probability is low; the first cut-off may still carry the prior's doubt.
    for (const s of watch.steps.slice(1)) expect(s.probability).toBeLessThan(0.2);
    expect(watch.alarms.find((a) => a.level === 0.9)?.day ?? null).toBeNull();
    // The same watch on another number of workers is the same, byte for byte, refresh rounds
    // included (it ran some); a gate that fails exits 1 and changes no file (the gates are read
    // after the folder is written).
    expect(watch.steps.some((s) => s.refreshes > 0)).toBe(true);
    const gated = await cliInProcess([
      "watch",
      join(dir, "fit.yaml"),
      ...settings,
      "--out",
      join(dir, "one"),
      "--workers",
      "1",
      "-q",
      "--fail-if",
      "probability < 0.5",
    ]);
    expect(gated.code).toBe(1);
    expect(readFolder(join(dir, "one"))).toEqual(readFolder(join(dir, "out")));
  });

  it("says so, on the terminal, in watch.csv and in the report, when the effective size stays under the floor", async () => {
    const dir = tempDir();
    writeWatchFolder(dir, 0.05);
    // 8 particles and no refresh round: the effective size can never reach 10 (it is at most the particles').
    const r = await cliInProcess([
      "watch",
      join(dir, "fit.yaml"),
      ...WATCH,
      "--particles",
      "8",
      "--rounds",
      "0",
      "--out",
      join(dir, "out"),
      "--workers",
      "1",
      "--fail-if",
      "unreliable > 0",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("warning: fewer than 10 effective particles on days 20, 40, 60 after up to 0 refresh rounds");
    expect(r.stdout).toMatch(/day 20: .*effective particles [\d.]+ of 8 \(under 10: a few particles' verdict, not a reliable probability\)/);
    const csv = readFileSync(join(dir, "out", "watch.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1);
    expect(csv.map((line) => line.split(",")[9])).toEqual(["no", "no", "no"]);
    expect(readFileSync(join(dir, "out", "report.html"), "utf8")).toContain(
      '<p id="watch-ess-warning"><b>Fewer than 10 effective particles on day 20, 40, 60</b>',
    );
  });

  it("refuses hostile input with every problem at once, exit 2, and writes nothing", async () => {
    const dir = tempDir();
    writeWatchFolder(dir, 0.05);
    const r = await cliInProcess([
      "watch",
      join(dir, "fit.yaml"),
      "--every",
      "0",
      "--horizon",
      "1e9",
      "--particles",
      "-5",
      "--alarm",
      "1.5",
      "--alarm",
      "NaN",
      "--min-ess",
      "2",
      "--rounds",
      "-1",
      "--failure-day",
      "0x10",
      "--workers",
      "many",
      "--fail-if",
      "alarmDy > 3",
      "--out",
      join(dir, "out"),
    ]);
    expect(r.code).toBe(2);
    for (const option of ["--every", "--horizon", "--particles", "--alarm", "--min-ess", "--rounds", "--failure-day", "--workers", "--fail-if"])
      expect(r.stderr).toContain(option);
    expect(r.stderr).toContain('did you mean "alarmDay"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(join(dir, "out", "watch.json"))).toThrow();
    // A fit of summary totals alone has no dated series to cut by day.
    writeFileSync(
      join(dir, "totals.yaml"),
      JSON.stringify({ ...JSON.parse(readFileSync(join(dir, "fit.yaml"), "utf8")), targets: [{ metric: "totalGmv", value: 1000 }] }),
    );
    const totals = await cliInProcess(["watch", join(dir, "totals.yaml"), "--out", join(dir, "out")]);
    expect(totals.code).toBe(2);
    expect(totals.stderr).toContain("summary totals only");
    // A folder holding someone else's files is never written.
    mkdirSync(join(dir, "theirs"));
    writeFileSync(join(dir, "theirs", "notes.txt"), "mine");
    const theirs = await cliInProcess(["watch", join(dir, "fit.yaml"), ...WATCH, "--out", join(dir, "theirs"), "--force"]);
    expect(theirs.code).toBe(2);
    expect(readFileSync(join(dir, "theirs", "notes.txt"), "utf8")).toBe("mine");
  });

  it("the alarm benchmark's smoke sample: the failing platform is alarmed before it fails, the holding one is not", async () => {
    // bench/watch-alarms.js on its 2 smoke platforms (the full benchmark and its rates:
    // docs/decide.md), on one worker, with 8 particles for its 12 (npm run test:long: 12): the
    // failing platform's P is above 0.9 from the first cut-off and the holding one's below 1e-20,
    // with either number.
    const particles = sized("8", "12");
    const r = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const args = ["--small", "--json", "--workers", "1", "--particles", particles];
      const child = spawn(process.execPath, [join(ROOT, "bench", "watch-alarms.js"), ...args], { cwd: ROOT });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (out += d.toString("utf8")));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as {
      failing: number;
      byLevel: { level: number; detected: number; failing: number; falseAlarmsNonFailing: number; nonFailing: number; medianLead: number | null }[];
      rows: { collapseDay: number | null; steps: { day: number; probability: number }[] }[];
    };
    // Its truths are the platforms above: orderRate 0.05 fails within the 210 days, 0.005 never.
    expect(result.rows.map((row) => row.collapseDay === null)).toEqual([false, true]);
    const half = result.byLevel.find((l) => l.level === 0.5);
    expect(half).toMatchObject({ detected: 1, failing: 1, falseAlarmsNonFailing: 0, nonFailing: 1 });
    const failing = result.rows[0] as (typeof result.rows)[number];
    const firstAlarm = failing.steps.find((s) => s.probability >= 0.5)?.day as number;
    expect(half?.medianLead).toBe((failing.collapseDay as number) - firstAlarm);
  });
});
