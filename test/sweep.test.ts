import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quantile } from "../src/sweep/stats.js";
import { getPath, setPath } from "../src/engine/paths.js";
import { ROOT, cliInProcess, tempDir } from "./helpers/cli.js";
import { plannedAndChecked } from "./helpers/sweep-plan.js";

/** A quick sweep: seed 002's combined scheme for 45 days, 2 × 2 grid × 3 seeds = 12 runs. */
function sweepFile(extra = ""): string {
  const dir = tempDir();
  const file = join(dir, "sweep.yaml");
  writeFileSync(
    file,
    `name: test-sweep
base: ${join(ROOT, "scenarios/seed-002-combined.yaml")}
seed: 7
seeds: 3
set: { days: 45 }
parameters:
  - { key: schemes.valueAdded.sellPayoutRatio, values: [0.7, 0.9] }
  - { key: products.health-pack.price, values: [1000, 1200] }
${extra}`,
  );
  return file;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");

/**
 * sweepFile() run whole on one worker, once, in this process, for the tests that compare other
 * ways of running it with it (a sweep's identity is its file's content, not where it lies).
 */
let wholeSweep: Promise<string> | undefined;
function wholeOnOneWorker(): Promise<string> {
  wholeSweep ??= (async () => {
    const one = join(tempDir(), "w1");
    expect((await cliInProcess(["sweep", sweepFile(), "--out", one, "--workers", "1", "-q"])).code).toBe(0);
    return one;
  })();
  return wholeSweep;
}

describe("sweep quantiles", () => {
  it("interpolate linearly between order statistics (type 7), checked by hand", () => {
    const xs = [1, 2, 3, 4, 10];
    // h = 4p: P5 → h 0.2 → 1 + 0.2 × 1 = 1.2; P50 → 3; P95 → h 3.8 → 4 + 0.8 × 6 = 8.8.
    expect(quantile(xs, 0.05)).toBeCloseTo(1.2, 12);
    expect(quantile(xs, 0.5)).toBe(3);
    expect(quantile(xs, 0.95)).toBeCloseTo(8.8, 12);
    expect(quantile([5], 0.95)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe("sweep paths", () => {
  it("reach keys by dots, list indexes and item ids", () => {
    const s = { products: [{ id: "a", price: 1 }], schemes: { valueAdded: { grantRatio: 0.7 } } };
    expect(getPath(s, "products[0].price")).toBe(1);
    expect(getPath(s, "products.a.price")).toBe(1);
    setPath(s, "schemes.valueAdded.grantRatio", 0.5);
    expect(s.schemes.valueAdded.grantRatio).toBe(0.5);
    expect(() => setPath(s, "products.zzz.price", 2)).toThrow(/no item with id or name "zzz"/);
    expect(() => setPath(s, "__proto__.x", 1)).toThrow(/reserved/);
  });
});

describe("pointsim sweep", () => {
  it("gives byte-identical runs.csv and points.csv with 1 or 2 workers, and with 3 shards merged", async () => {
    const file = sweepFile();
    const base = tempDir();
    const one = await wholeOnOneWorker();
    const two = join(base, "w2");
    expect((await cliInProcess(["sweep", file, "--out", two, "--workers", "2", "-q"])).code).toBe(0);
    for (const k of [1, 2, 3])
      expect((await cliInProcess(["sweep", file, "--out", join(base, `s${k}`), "--shard", `${k}/3`, "--workers", "1", "-q"])).code).toBe(0);
    expect(read(join(base, "s2"), "runs.csv").trim().split("\n")).toHaveLength(1 + 4);
    const merged = join(base, "merged");
    expect((await cliInProcess(["merge", join(base, "s1"), join(base, "s2"), join(base, "s3"), "--out", merged])).code).toBe(0);
    for (const name of ["runs.csv", "points.csv"]) {
      expect(read(two, name)).toBe(read(one, name));
      expect(read(merged, name)).toBe(read(one, name));
    }
    const runs = read(one, "runs.csv").trim().split("\n");
    expect(runs).toHaveLength(13);
    expect(read(one, "points.csv").trim().split("\n")).toHaveLength(5);
    expect(runs[0]).toContain("schemes.valueAdded.sellPayoutRatio,products.health-pack.price,status");
  });

  it("resumes after SIGKILL and ends with the same files as an uninterrupted sweep", async () => {
    const file = sweepFile();
    const whole = await wholeOnOneWorker();
    const out = join(tempDir(), "killed");
    // The child stops itself once 4 records are in the log (test/helpers/stop-after-records.mjs)
    // and is killed there: a known point mid-sweep, whatever the machine's speed.
    const child = spawn(
      process.execPath,
      ["--import", join(ROOT, "test/helpers/stop-after-records.mjs"), join(ROOT, "bin/pointsim"), "sweep", file, "--out", out, "--workers", "1", "-q"],
      {
        env: { ...process.env, POINTSIM_TEST_STOP_AFTER_RECORDS: "4" },
      },
    );
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    let stderr = "";
    const stopped = new Promise<void>((resolve) =>
      child.stderr.on("data", (d) => {
        stderr += String(d);
        if (stderr.includes("stopped after")) resolve();
      }),
    );
    // A child that ends before it stops fails the assertions below instead of hanging the test.
    await Promise.race([stopped, closed]);
    child.kill("SIGKILL");
    expect(await closed).toBeNull();
    expect(stderr).toBe("stopped after 4 records\n");
    expect(readFileSync(join(out, "runs.jsonl"), "utf8").trim().split("\n")).toHaveLength(4);
    // A torn last line, as a kill in mid-write would leave, is dropped and re-run.
    writeFileSync(join(out, "runs.jsonl"), `${readFileSync(join(out, "runs.jsonl"), "utf8")}{"index": 11, "poi`);
    const { code, stdout } = await cliInProcess(["sweep", file, "--out", out, "--workers", "1"]);
    expect(code).toBe(0);
    expect(stdout).toContain("12 of 12 runs done");
    for (const name of ["runs.csv", "points.csv"]) expect(read(out, name)).toBe(read(whole, name));
  });

  it("SIGINT stops a sweep of long runs without waiting for one to finish: exit 130, the folder ready to resume", async () => {
    // Two runs of a million users (minutes each): whether the signal comes before the first run
    // is handed out or while it runs, the sweep stops without finishing a run (the pool asks
    // whether to stop while jobs run: test/pool.test.ts). The child says when its Ctrl-C handler
    // is in place; no delay is guessed.
    const dir = tempDir();
    const file = join(dir, "big.yaml");
    writeFileSync(file, `name: big\nbase: ${join(ROOT, "scenarios/bench-ad-points.yaml")}\nseeds: 2\nparameters:\n  - { key: days, values: [365] }\n`);
    const out = join(dir, "out");
    const child = spawn(process.execPath, [join(ROOT, "bin/pointsim"), "sweep", file, "--out", out, "--workers", "1", "-q"], {
      env: { ...process.env, NO_COLOR: "1", POINTSIM_SIGNAL_READY: "1" },
    });
    let stderr = "";
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const ready = new Promise<void>((resolve) =>
      child.stderr.on("data", (d) => {
        stderr += String(d);
        if (stderr.includes("pointsim: signals handled\n")) resolve();
      }),
    );
    await Promise.race([ready, closed]);
    child.kill("SIGINT");
    expect(await closed).toBe(130);
    expect(stderr).toContain("interrupted after 0 of 2 runs; start the same command again to resume");
    expect(stderr).not.toMatch(/\n\s+at /);
    // The folder is the sweep's, ready to resume: its identity written, no run logged.
    expect(JSON.parse(read(out, "sweep.json")).tool).toBe("pointsim-sweep");
    expect(existsSync(join(out, "runs.jsonl")) ? read(out, "runs.jsonl") : "").toBe("");
  });

  it("records a failing run with its error and goes on; gates fail with exit 1 and valid JUnit XML", async () => {
    // maxUsers 250 is valid but reached within days (200 seed users and invitations): those
    // points' runs fail while running.
    const file = sweepFile('assertions:\n  - "peakUsers > 0"\n');
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("{ key: products.health-pack.price, values: [1000, 1200] }", "{ key: population.maxUsers, values: [100000, 250] }"),
    );
    const out = join(tempDir(), "failing");
    const junit = join(out, "junit.xml");
    const { code, stderr } = await cliInProcess(["sweep", file, "--out", out, "--workers", "1", "--junit", junit, "--fail-if", "collapseDay != null"]);
    expect(code).toBe(1);
    const runs = read(out, "runs.csv");
    expect(runs.match(/,failed,/g)).toHaveLength(6);
    expect(runs).toContain("maxUsers");
    expect(runs.match(/,ok,/g)).toHaveLength(6);
    expect(stderr).toMatch(/run \d+ \(point 1, seed \d+\): assertion "the run completes" could not be checked/);
    const xml = readFileSync(junit, "utf8");
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const cases = xml.match(/<testcase /g)?.length ?? 0;
    expect(xml).toContain(`tests="${cases}"`);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.trim().endsWith("</testsuites>")).toBe(true);
  });

  it("refuses a sweep with invalid points or unknown gate metrics before any run: each problem once, with its points, exit 2", async () => {
    // price 250 is below cost + margin + distribution (700) at two of the four points; a typo in a gate.
    const file = sweepFile();
    writeFileSync(file, readFileSync(file, "utf8").replace("values: [1000, 1200]", "values: [1000, 250]"));
    const out = join(tempDir(), "refused");
    const { code, stderr } = await cliInProcess(["sweep", file, "--out", out, "--fail-if", "colapseDay != null"]);
    expect(code).toBe(2);
    expect(stderr.match(/products\[0\]: expected cost \+ platformMargin \+ distribution ≤ price/g)).toHaveLength(1);
    expect(stderr).toContain(
      "at 2 of 4 points: #1 (schemes.valueAdded.sellPayoutRatio=0.7, products.health-pack.price=250); #3 (schemes.valueAdded.sellPayoutRatio=0.9, products.health-pack.price=250)",
    );
    expect(stderr).toContain('unknown metric "colapseDay" (did you mean "collapseDay"?)');
    expect(existsSync(out)).toBe(false);
    // A typo in a swept key: one problem for all the points, with did-you-mean.
    const typo = sweepFile();
    writeFileSync(typo, readFileSync(typo, "utf8").replace("schemes.valueAdded.sellPayoutRatio", "schemes.valueAdded.sellPayoutRatoi"));
    const second = await cliInProcess(["sweep", typo, "--out", out]);
    expect(second.code).toBe(2);
    expect(second.stderr.match(/sellPayoutRatoi/g)?.length).toBeGreaterThanOrEqual(1);
    expect(second.stderr).toContain('did you mean "sellPayoutRatio"?');
    expect(second.stderr).toContain("every point");
  });

  it("runs the bundled example sweep: every point checked before a run, and its first shard as the file documents", async () => {
    // 2 × 2 points × 3 seeds of a year each, planned and checked whole; the first of three
    // shards (runs 0, 3, 6, 9: one seed of each point, as a run's point is its index ÷ 3) is
    // run, a third of the whole's cost.
    expect(await plannedAndChecked(join(ROOT, "scenarios/sweep-example.yaml"))).toBe(12);
    const out = join(tempDir(), "example");
    const { code, stdout } = await cliInProcess(["sweep", "scenarios/sweep-example.yaml", "--shard", "1/3", "--out", out, "--workers", "1"]);
    expect(code).toBe(0);
    expect(stdout).toContain("4 of 4 runs done, 0 failed");
    expect(read(out, "points.csv").trim().split("\n")).toHaveLength(5);
  });

  it("one-at-a-time ranks parameters in a tornado", async () => {
    const out = join(tempDir(), "oat");
    expect((await cliInProcess(["sweep", sweepFile(), "--method", "oat", "--out", out, "--workers", "1", "-q"])).code).toBe(0);
    // Base + sellPayoutRatio 0.7 and 0.9 (base 0.8) + price 1200 (1000 is the base): 4 points.
    expect(read(out, "points.csv").trim().split("\n")).toHaveLength(5);
    expect(read(out, "report.html")).toContain("chart-tornado");
  });

  it("refuses bad shards and unknown keys with exit 2", async () => {
    const file = sweepFile();
    expect((await cliInProcess(["sweep", file, "--shard", "4/3", "--out", join(tempDir(), "x")])).code).toBe(2);
    const bad = sweepFile("maxRunz: 3\n");
    const { code, stderr } = await cliInProcess(["validate", bad]);
    expect(code).toBe(2);
    const sweep = await cliInProcess(["sweep", bad, "--out", join(tempDir(), "y")]);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain('unknown key "maxRunz"');
    expect(stderr.length).toBeGreaterThan(0);
  });
});
