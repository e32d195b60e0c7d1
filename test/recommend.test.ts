import { spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, type CliResult, cliInProcess, readFolder, tempDir } from "./helpers/cli.js";

/*
 * A platform whose safe boundary is known in closed form (docs/model.md, "Ad points",
 * "Withdrawals and confidence", "Collapse"). 10 users arrive on day 1, each buys one pack
 * (price 1000, cost 500, margin 500, ad points ratio 1): the platform holds C = 10 × 500 =
 * 5000 yuan and each user B = 1000 points at 1 yuan a point. No other income (no eCPM, no
 * third-party revenue), no costs, no commissions, no burn, one tier with no cap. Every user
 * watches every day (watchProbability 1) and withdraws all their change every day (probability 1,
 * no fee, paid the same day): the draws are made but cannot change anything, so every seed gives
 * the same run. A user's release on day t is r × balance, so released by day T is
 * B (1 − (1 − r)^T) each, and withdrawals go unpaid the first day 10 B (1 − (1 − r)^T) > C.
 * With backlogDays 0 the collapse comes the day after, so a 30-day run collapses iff the
 * shortfall comes by day T = 29:
 *
 *   r* = 1 − (1 − C / (N B))^(1/29) = 1 − 0.5^(1/29) = 0.0236182...
 *
 * Rounding: each release is rounded down to the fen, so a user's balance stays at most 0.01
 * yuan a day above the exact one, and by day 29 at most 0.29 yuan more is unreleased. Hence the
 * true boundary lies between r* and
 *
 *   r** = 1 − (1 − (C / N + 0.01 × 29) / B)^(1/29) = 1 − 0.49971^(1/29) = 0.0236378...
 *
 * Any r ≤ r* is safe and any r > r** collapses. The recommendation, maximising what users are
 * paid (more release is more paid), must land in [r* − 1e-4, r**]: on the safe side, within 1e-4
 * of the boundary (0.17% of the range searched). 8 Latin hypercube candidates leave the boundary
 * in a gap of at most 2 strata (0.01475), which 10 bisection steps narrow to 1.4e-5.
 */
const N = 10;
const B = 1000;
const C = 5000;
const T = 29;
const R_STAR = 1 - (1 - C / (N * B)) ** (1 / T);
const R_STAR_STAR = 1 - (1 - (C / N + 0.01 * T) / B) ** (1 / T);
const DISTANCE = 1e-4;

const PLATFORM = `name: ad-release-closed-form
seed: 1
days: 30
products:
  - { id: pack, price: 1000, cost: 500, platformMargin: 500, distribution: 0, adPointsRatio: 1, weight: 1, goodsValue: 500 }
population:
  arrivals: { model: constant, perDay: 0, referredShare: 0 }
  scheduled: [{ day: 1, count: 10, segment: holder }]
  segments:
    - { name: holder, firstOrderProduct: pack, firstOrderProbability: 1, orderRate: 0, watchProbability: 1, withdraw: { probability: 1, share: 1 }, churnRate: 0 }
schemes:
  ads:
    tiers: [{ minBalance: 0, dailyCap: 100000000 }]
    releaseRate: 0.01
    yuanPerPoint: 1
    burnRate: 0
    adsPerTask: 0
    ecpm: 0
    referralShares: []
withdrawals: { minimum: 0, feeRate: 0, delayDays: 0 }
platform: { initialCash: 0 }
confidence: { effect: 0 }
collapse: { backlogDays: 0, newMoney: { share: 0 } }
`;

const SPEC = `name: ad-release
base: platform.yaml
seed: 7
parameters:
  - { key: schemes.ads.releaseRate, range: { from: 0.001, to: 0.06 }, decimals: 5 }
samples: 8
refine: 10
directions: 1
constraints:
  - { name: solvent, event: "collapseDay != null", max: 0.05 }
objective: { metric: totalUserPayouts, goal: maximize }
front: 2
verifySeeds: 72
`;

/** Runs `pointsim recommend rec.yaml` in a child that stops itself after logging `records` runs, signals it there, and returns its exit code and stderr. */
async function killedAfter(
  dir: string,
  out: string,
  records: number,
  signal: "SIGKILL" | "SIGINT" = "SIGKILL",
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", join(ROOT, "test/helpers/stop-after-records.mjs"), join(ROOT, "bin/pointsim"), "recommend", "rec.yaml", "--out", out, "--workers", "1", "-q"],
    { cwd: dir, env: { ...process.env, POINTSIM_TEST_STOP_AFTER_RECORDS: String(records), POINTSIM_TEST_STOP_ONCE: "1" } },
  );
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  let stderr = "";
  const stopped = new Promise<void>((resolve) =>
    child.stderr.on("data", (d) => {
      stderr += String(d);
      if (stderr.includes("stopped after")) resolve();
    }),
  );
  // A child that ends before it stops fails the caller's assertions instead of hanging the test.
  await Promise.race([stopped, closed]);
  // SIGINT (Ctrl-C) is taken when the stopped child goes on; SIGKILL ends it where it stands.
  child.kill(signal);
  // The child's message can arrive before it has stopped itself: SIGCONT is sent until it ends
  // (to a running process it does nothing), so it is continued whichever came first.
  const resume = signal === "SIGINT" ? setInterval(() => child.kill("SIGCONT"), 20) : null;
  const code = await closed;
  if (resume !== null) clearInterval(resume);
  return { code, stderr };
}

/** Reads a Parquet file with an independent implementation (the Rust parquet crate, as WebAssembly). */
async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const require = createRequire(import.meta.url);
  const wasm = require("parquet-wasm/node") as { readParquet(bytes: Uint8Array): { intoIPCStream(): Uint8Array } };
  const arrow = await import("apache-arrow");
  const table = arrow.tableFromIPC(wasm.readParquet(readFileSync(path)).intoIPCStream());
  return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => row.toJSON());
}

function folderWith(files: Record<string, string>): string {
  const dir = tempDir("recommend-");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("pointsim recommend on a platform with a closed-form boundary", () => {
  /**
   * SPEC's recommendation on one worker (dir/out1), made once: the first test checks it, the
   * gates' test reads a copy of it (a run of the same recommendation into that copy resumes it,
   * with every run already made).
   */
  let closedForm: { dir: string; first: CliResult };
  beforeAll(async () => {
    const dir = folderWith({ "platform.yaml": PLATFORM, "rec.yaml": SPEC });
    closedForm = { dir, first: await cliInProcess(["recommend", "rec.yaml", "--out", "out1", "--workers", "1"], { cwd: dir }) };
  }, 300_000);

  it("lands on the safe side within 1e-4 of r*, the same with any number of workers, and resumes to the same bytes", async () => {
    const { dir, first } = closedForm;
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, "out1", "recommend.json"), "utf8"));
    const r = result.recommended.values["schemes.ads.releaseRate"] as number;
    expect(R_STAR).toBeCloseTo(0.0236182, 6);
    expect(R_STAR_STAR).toBeCloseTo(0.0236378, 6);
    expect(r).toBeLessThanOrEqual(R_STAR_STAR);
    expect(r).toBeGreaterThanOrEqual(R_STAR - DISTANCE);
    // Every verified run of it was solvent, and the bound on fresh seeds is under the tolerance.
    expect(result.recommended.verification.constraints.solvent.events).toBe(0);
    expect(result.recommended.verification.constraints.solvent.upper).toBeLessThanOrEqual(0.05);
    expect(result.recommended.verification.holds).toBe(true);
    expect([result.metrics.found, result.metrics.withinBounds, result.metrics.verified]).toEqual([true, true, result.front.length]);
    // The objective, users' payouts over the 30 days, in closed form: 10 × 1000 × (1 − (1 − r)^30),
    // less at most 0.01 yuan a user a day from rounding each release down (3 yuan in all).
    const paid = N * B * (1 - (1 - r) ** 30);
    expect(result.recommended.verification.objective.mean).toBeLessThanOrEqual(paid);
    expect(result.recommended.verification.objective.mean).toBeGreaterThanOrEqual(paid - N * 30 * 0.01);
    // The constraint binds: it ruled out candidates that pay more.
    expect(result.binding[0].excluded).toBeGreaterThan(0);
    expect(first.stdout).toContain("binds");
    // recommended.yaml is the scenario with the recommended value, runnable.
    const recommended = parse(readFileSync(join(dir, "out1", "recommended.yaml"), "utf8"));
    expect(recommended.schemes.ads.releaseRate).toBe(r);
    // Candidates above r** were proved unsafe, those below r* safe (the screening agrees with the closed form).
    const rows = readFileSync(join(dir, "out1", "candidates.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    for (const row of rows) {
      const rate = Number(row[2]);
      // Unsafe ones stopped after their first batch of 10 (10 events of 10: the lower bound is 0.05^(1/10) = 0.74);
      // safe ones ran to 60, the first look past 59, where 0 events of n first bound the chance below 0.05.
      if (rate > R_STAR_STAR) expect([row[3], row[5]]).toEqual(["unsafe", "10"]);
      if (rate <= R_STAR) expect([row[3], row[5]]).toEqual(["safe", "60"]);
    }
    // runs.parquet holds what runs.jsonl holds, read back by an independent reader (the Rust parquet crate, as WebAssembly).
    const journal = readFileSync(join(dir, "out1", "runs.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { key: string; result: { events: boolean[]; objective: number } });
    const columns = await readParquet(join(dir, "out1", "runs.parquet"));
    expect(columns).toHaveLength(journal.length);
    journal.forEach((line, i) => {
      const row = columns[i] as Record<string, unknown>;
      expect(`[${row["schemes.ads.releaseRate"]}]|${row.stream}:${row.replica}`).toBe(line.key);
      expect([row["event:solvent"], row.objective]).toEqual([line.result.events[0], line.result.objective]);
    });
    expect(columns.filter((row) => row.stream === "verify").length).toBe(72 * result.front.length);
    // The verification's seeds are fresh: none is a seed any search run used.
    const searchSeeds = new Set(columns.filter((row) => row.stream === "search").map((row) => String(row.seed)));
    const verifySeeds = new Set(columns.filter((row) => row.stream === "verify").map((row) => String(row.seed)));
    expect(searchSeeds.size).toBe(60);
    expect(verifySeeds.size).toBe(72);
    expect([...verifySeeds].filter((seed) => searchSeeds.has(seed))).toEqual([]);
    // The report is one offline file: no script or style from elsewhere; the recommended row and the binding constraint are in it.
    const html = readFileSync(join(dir, "out1", "report.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link[^>]*stylesheet/);
    expect(html).toContain('class="chosen"');
    expect(html).toMatch(/<td>solvent<\/td>.*binds/);

    // Killed, then interrupted, at known points (test/helpers/stop-after-records.mjs stops the
    // child once it has logged that many runs), the second time after the kill left a line cut
    // short: it resumes each time, running only what the log lacks, and ends with the bytes of an
    // uninterrupted run. The children run on 1 worker and the last resume on 2, which makes most
    // of the runs (about 620 of 700): ending with out1's bytes shows the recommendation the same
    // with any number of workers as well as after each stop (a second whole run on 2 workers
    // would show nothing more).
    const out3 = join(dir, "out3");
    expect(await killedAfter(dir, out3, 50)).toEqual({ code: null, stderr: "stopped after 50 records\n" });
    writeFileSync(join(out3, "runs.jsonl"), `${readFileSync(join(out3, "runs.jsonl"), "utf8")}{"identity": "cut sh`);
    // Ctrl-C: exit 130, the log kept, a message that says how to go on. (A run or two may finish
    // between the signal and the stop: the count is read from the message.)
    const interrupted = await killedAfter(dir, out3, 30, "SIGINT");
    expect(interrupted.code).toBe(130);
    const logged = /^stopped after 30 records\npointsim: interrupted after (\d+) runs; start the same command again to resume\n$/.exec(interrupted.stderr);
    expect(logged, interrupted.stderr).not.toBeNull();
    const count = Number(logged?.[1]);
    expect(count).toBeGreaterThanOrEqual(80);
    expect(readFileSync(join(out3, "runs.jsonl"), "utf8").trim().split("\n")).toHaveLength(count);
    expect(existsSync(join(out3, "manifest.json"))).toBe(false);
    const resumed = await cliInProcess(["recommend", "rec.yaml", "--out", "out3", "--workers", "2"], { cwd: dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming out3: ${count} runs already made`);
    expect(readFolder(out3)).toEqual(readFolder(join(dir, "out1")));

    // A different recommendation into the same folder is refused without --force, and replaces it with.
    writeFileSync(join(dir, "rec.yaml"), SPEC.replace("seed: 7", "seed: 8"));
    const other = await cliInProcess(["recommend", "rec.yaml", "--out", "out3"], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("holds a different recommendation");
    // A file pointsim did not write is never replaced, even with --force.
    writeFileSync(join(out3, "notes.txt"), "mine");
    const forced = await cliInProcess(["recommend", "rec.yaml", "--out", "out3", "--force"], { cwd: dir });
    expect(forced.code).toBe(2);
    expect(readFileSync(join(out3, "notes.txt"), "utf8")).toBe("mine");
  }, 300_000);

  it("an inert parameter changes neither the recommended rate nor its risk", async () => {
    // confidence.adjustRate moves confidence, which nothing reads with confidence.effect 0. A grid
    // of 3 rates (0.001, 0.021, 0.041) leaves the boundary in one gap of 0.02, which the 10
    // bisection steps narrow to 2e-5: both recommendations must still land within 1e-4 of r*.
    const grid = SPEC.replace("samples: 8", "design: grid").replace("decimals: 5 }", "decimals: 5, scale: linear }").replace("0.06 }", "0.06, step: 0.02 }");
    const withInert = grid.replace("parameters:\n", "parameters:\n  - { key: confidence.adjustRate, range: { from: 0.1, to: 0.9, step: 0.8 }, decimals: 2 }\n");
    const dir = folderWith({ "platform.yaml": PLATFORM, "a.yaml": grid, "b.yaml": withInert });
    const a = await cliInProcess(["recommend", "a.yaml", "--out", "a", "--workers", "1", "-q"], { cwd: dir });
    const b = await cliInProcess(["recommend", "b.yaml", "--out", "b", "--workers", "1", "-q"], { cwd: dir });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ra = JSON.parse(readFileSync(join(dir, "a", "recommend.json"), "utf8")).recommended;
    const rb = JSON.parse(readFileSync(join(dir, "b", "recommend.json"), "utf8")).recommended;
    expect(rb.values["schemes.ads.releaseRate"]).toBe(ra.values["schemes.ads.releaseRate"]);
    expect(rb.verification.constraints.solvent).toEqual(ra.verification.constraints.solvent);
    expect(rb.verification.objective).toEqual(ra.verification.objective);
    expect(ra.values["schemes.ads.releaseRate"]).toBeLessThanOrEqual(R_STAR_STAR);
    expect(ra.values["schemes.ads.releaseRate"]).toBeGreaterThanOrEqual(R_STAR - DISTANCE);
  }, 300_000);

  it("exits 1 with no recommended.yaml when no setting is safe, and --fail-if gates the figures", async () => {
    const dir = folderWith({
      "platform.yaml": PLATFORM,
      "rec.yaml": SPEC.replace("from: 0.001, to: 0.06", "from: 0.03, to: 0.06").replace("samples: 8", "samples: 3"),
      "ok.yaml": SPEC,
    });
    const none = await cliInProcess(["recommend", "rec.yaml", "--out", "none", "--workers", "1"], { cwd: dir });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("no setting proved safe");
    expect(none.stderr).toContain("found == false");
    expect(existsSync(join(dir, "none", "recommended.yaml"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "none", "recommend.json"), "utf8")).metrics.found).toBe(false);

    // The gates are read after the folder is written: here SPEC's recommendation, resumed from a
    // copy of the one made before all (every run already made), then gated.
    cpSync(join(closedForm.dir, "out1"), join(dir, "ok"), { recursive: true });
    const made = readFileSync(join(dir, "ok", "runs.jsonl"), "utf8")
      .trim()
      .split("\n").length;
    const gated = await cliInProcess(["recommend", "ok.yaml", "--out", "ok", "--workers", "1", "--fail-if", "objective < 1000000"], { cwd: dir });
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain(`resuming ok: ${made} runs already made`);
    expect(gated.stderr).toContain("--fail-if matched: objective < 1000000");
    const unknown = await cliInProcess(["recommend", "ok.yaml", "--out", "ok2", "--fail-if", "objectve < 1"], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "objective"');
    expect(existsSync(join(dir, "ok2"))).toBe(false);
  }, 300_000);
});

describe("hostile recommend files: every problem at once, exit 2, nothing written", () => {
  const run = async (spec: string) => {
    const dir = folderWith({ "platform.yaml": PLATFORM, "rec.yaml": spec });
    const result = await cliInProcess(["recommend", "rec.yaml", "--out", "out"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    return result.stderr;
  };

  it("lists the schema's problems together", async () => {
    const text = await run(
      SPEC.replace("samples: 8", "samples: 8\nsurprise: 1")
        .replace("max: 0.05", "max: 1.5")
        .replace("goal: maximize", "goal: sideways")
        .replace("seed: 7", "seed: .nan"),
    );
    expect(text).toContain("seed");
    const noNan = await run(SPEC.replace("samples: 8", "samples: 8\nsurprise: 1").replace("max: 0.05", "max: 1.5").replace("goal: maximize", "goal: sideways"));
    expect(noNan).toContain('unknown key "surprise"');
    expect(noNan).toContain("constraints[0].max");
    expect(noNan).toContain("objective.goal");
  });

  it("lists the plan's problems together, with path, expected and found", async () => {
    const text = await run(
      SPEC.replace("from: 0.001, to: 0.06", "from: 0.06, to: 0.001")
        .replace('event: "collapseDay != null"', 'event: "collapseDay != "')
        .replace("verifySeeds: 72", "verifySeeds: 10\nmaxSeeds: 30")
        .replace("parameters:\n", "parameters:\n  - { key: schemes.ads.releaseRate, range: { from: 0.001, to: 0.06 } }\n"),
    );
    expect(text).toContain("parameters[1].range: expected from below to, found from 0.06, to 0.001");
    expect(text).toContain("parameters[1].key");
    expect(text).toContain("constraints[0].event");
    expect(text).toMatch(/maxSeeds: expected at least 59 seeds/);
    expect(text).toMatch(/verifySeeds: expected at least 72 seeds/);
  });

  it("names unknown summary figures in events and the objective, with did-you-mean", async () => {
    const text = await run(
      SPEC.replace('event: "collapseDay != null"', 'event: "colapseDay != null"').replace("metric: totalUserPayouts", "metric: totalUserPayout"),
    );
    expect(text).toContain("objective.metric");
    expect(text).toContain('did you mean "totalUserPayouts"');
    expect(text).toContain("constraints[0].event");
    expect(text).toContain('did you mean "collapseDay"');
  });

  it("refuses an --out that is a file, and a --junit that is not pointsim's, before any run", async () => {
    const dir = folderWith({ "platform.yaml": PLATFORM, "rec.yaml": SPEC, "taken.txt": "mine", "junit.xml": "<mine/>" });
    const file = await cliInProcess(["recommend", "rec.yaml", "--out", "taken.txt"], { cwd: dir });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain("is a file, not a folder");
    const junit = await cliInProcess(["recommend", "rec.yaml", "--out", "out", "--junit", "junit.xml"], { cwd: dir });
    expect(junit.code).toBe(2);
    expect(existsSync(join(dir, "out"))).toBe(false);
    expect(readFileSync(join(dir, "taken.txt"), "utf8")).toBe("mine");
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).toBe("<mine/>");
  });

  it("refuses an event that is not true or false (a figure, not a comparison)", async () => {
    const text = await run(SPEC.replace('event: "collapseDay != null"', 'event: "collapseDay"'));
    expect(text).toContain("constraints[0].event: expected an expression that is true or false for a run (a comparison)");
  });

  it("refuses a key that is not in the scenario and a base that is not a scenario file", async () => {
    expect(await run(SPEC.replace("schemes.ads.releaseRate", "schemes.ads.releaseRat"))).toMatch(/releaseRat/);
    expect(await run(SPEC.replace("base: platform.yaml", "base: platform.txt"))).toContain("base: expected a scenario file");
  });
});
