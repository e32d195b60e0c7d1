import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliInProcess, readFolder, tempDir } from "./helpers/cli.js";
import { shortened } from "./helpers/shortened.js";

/** Seed 002's combined scheme for 60 days: random from the first day on (who arrives, invites, orders and leaves is drawn). */
const shortCombined = () => shortened("seed-002-combined", 60);

/**
 * `pointsim run` of shortCombined() in a process of its own whose stdout is closed before it
 * starts, as under `| head -0`, once: the pipe test reads how it ended, and the determinism test
 * compares its folder with the same run made in this process.
 */
let pipeClosed: Promise<{ scenario: string; out: string; code: number | null; stderr: string }> | undefined;
function runWithStdoutClosed(): Promise<{ scenario: string; out: string; code: number | null; stderr: string }> {
  pipeClosed ??= (async () => {
    const scenario = shortCombined();
    const out = join(tempDir(), "run");
    // The summary is printed after the folder is written. The reading end of stdout is closed as
    // soon as the child exists, long before the child's Node has started, so every line it
    // prints meets a closed pipe (EPIPE).
    const child = spawn(process.execPath, ["bin/pointsim", "run", scenario, "--out", out], {
      env: { ...process.env, NO_COLOR: "1", LANG: "C.UTF-8", LC_ALL: "" },
    });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    return { scenario, out, code, stderr };
  })();
  return pipeClosed;
}

describe("pointsim run", () => {
  it("writes the run folder: timeseries, summary, resolved scenario, manifest", async () => {
    const out = join(tempDir(), "run");
    const { code, stdout } = await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--out", out]);
    expect(code).toBe(0);
    expect(stdout).toContain("seed-002-value-added-example");
    const files = readFolder(out);
    expect(Object.keys(files)).toEqual([
      "compliance.csv",
      "compliance.json",
      "manifest.json",
      "outcomes.csv",
      "report.html",
      "scenario.resolved.json",
      "summary.json",
      "timeseries.csv",
    ]);
    const header = files["timeseries.csv"]?.split("\n")[0]?.split(",") ?? [];
    for (const column of [
      "day",
      "users_total",
      "users_active",
      "users_new",
      "orders",
      "gmv",
      "new_money_in",
      "platform_cash",
      "support_pool",
      "va_points_outstanding",
      "va_price",
      "ad_points_outstanding",
      "ad_points_stranded",
      "ad_revenue",
      "commissions_paid",
      "change_owed",
      "withdrawals_requested",
      "withdrawals_paid",
      "withdrawal_backlog",
      "liabilities",
      "coverage_ratio",
      "confidence",
      "status",
    ])
      expect(header).toContain(column);
    const summary = JSON.parse(files["summary.json"] ?? "{}");
    for (const key of ["collapseDay", "peakUsers", "totalNewMoneyIn", "totalWithdrawalsPaid", "platformResult", "usersLosingShare"])
      expect(summary).toHaveProperty(key);
    const manifest = JSON.parse(files["manifest.json"] ?? "{}");
    expect(manifest.pointsimVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.nodeVersion).toBe(process.version);
    expect(manifest.scenarioFileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.seed).toBe(1);
    expect(manifest.resolvedScenario.withdrawals.delayDays).toBe(1);
    expect(Object.keys(manifest.outputs).sort()).toEqual([
      "compliance.csv",
      "compliance.json",
      "outcomes.csv",
      "report.html",
      "scenario.resolved.json",
      "summary.json",
      "timeseries.csv",
    ]);
  });

  it("is deterministic: two runs, one in a process of its own, give byte-identical files", async () => {
    const { scenario, out: a, code } = await runWithStdoutClosed();
    expect(code).toBe(0);
    const b = join(tempDir(), "b");
    expect((await cliInProcess(["run", scenario, "--out", b])).code).toBe(0);
    expect(readFolder(a)).toEqual(readFolder(b));
  });

  it("gives a different run for a different seed", async () => {
    const scenario = shortCombined();
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    // A short run is enough: another seed changes the draws from the first day on.
    expect((await cliInProcess(["run", scenario, "--out", a, "--quiet", "--seed", "1"])).code).toBe(0);
    expect((await cliInProcess(["run", scenario, "--out", b, "--quiet", "--seed", "2"])).code).toBe(0);
    expect(readFolder(a)["timeseries.csv"]).not.toEqual(readFolder(b)["timeseries.csv"]);
  });

  it("--json prints summary.json", async () => {
    const out = join(tempDir(), "j");
    const { code, stdout } = await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--out", out, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(readFolder(out)["summary.json"] ?? ""));
  });

  it("does not overwrite an --out folder that holds a run without --force", async () => {
    const out = join(tempDir(), "r");
    expect((await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--out", out, "-q"])).code).toBe(0);
    const again = await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--out", out, "-q"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("--force");
    expect((await cliInProcess(["run", "scenarios/seed-002-value-added-example.yaml", "--out", out, "-q", "--force"])).code).toBe(0);
  });

  it("takes a fresh default folder under reports/ instead of overwriting", async () => {
    const cwd = tempDir();
    const scenario = join(process.cwd(), "scenarios/seed-002-value-added-example.yaml");
    expect((await cliInProcess(["run", scenario, "-q"], { cwd })).code).toBe(0);
    expect((await cliInProcess(["run", scenario, "-q"], { cwd })).code).toBe(0);
    expect(readdirSync(join(cwd, "reports")).sort()).toEqual(["seed-002-value-added-example-seed1", "seed-002-value-added-example-seed1-2"]);
  });
});

describe("bad input", () => {
  const broken = `name: broken
days: -5
seeed: 3
products:
  - id: a
    price: 100
    cost: 80
    platformMargin: 30
    adPointsRatio: "lots"
population:
  segments:
    - name: s
      orderRate: 1.5
schemes:
  ads:
    releaseRate: .nan
`;

  it("lists every problem with path, expected and found; exit 2; nothing written", async () => {
    const dir = tempDir();
    const file = join(dir, "broken.yaml");
    writeFileSync(file, broken.replace("    releaseRate: .nan\n", "    releaseRate: 0.01\n    tierz: []\n"));
    const out = join(dir, "out");
    const { code, stdout, stderr } = await cliInProcess(["run", file, "--out", out]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(stderr).toContain("days: expected a number >= 1, found -5");
    expect(stderr).toContain('seeed: expected a known key (did you mean "seed"?), found unknown key "seeed"');
    expect(stderr).toContain('products[0].adPointsRatio: expected a number, found "lots"');
    expect(stderr).toContain("population.segments[0].orderRate: expected a number <= 1, found 1.5");
    expect(stderr).toContain('schemes.ads.tierz: expected a known key (did you mean "tiers"?)');
    expect(stderr).toMatch(/5 problems/);
    expect(existsSync(out)).toBe(false);
  });

  it("reports cross-field rules once the shape is right", async () => {
    const dir = tempDir();
    const file = join(dir, "cross.yaml");
    writeFileSync(
      file,
      "name: x\nproducts:\n  - { id: a, price: 100, cost: 80, platformMargin: 30 }\nschemes:\n  ads:\n    tiers: [{ minBalance: 1000, dailyCap: 10 }, { minBalance: 200, dailyCap: 2 }]\n",
    );
    const { code, stderr } = await cliInProcess(["validate", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("products[0]: expected cost + platformMargin + distribution ≤ price (100), found 110.00");
    expect(stderr).toContain("schemes.ads.tiers[1].minBalance: expected more than the previous item's 1000 (ascending by minBalance), found 200");
  });

  it("rejects NaN, Infinity and prototype keys", async () => {
    const dir = tempDir();
    const file = join(dir, "nan.yaml");
    writeFileSync(file, "name: x\ndays: .inf\nproducts:\n  - { id: a, price: .nan }\n__proto__: { polluted: true }\n");
    const { code, stderr } = await cliInProcess(["validate", file]);
    expect(code).toBe(2);
    expect(stderr).toContain("days: expected a finite number, found Infinity");
    expect(stderr).toContain("products[0].price: expected a finite number, found NaN");
    expect(stderr).toContain('__proto__: expected an ordinary key, found the reserved key "__proto__"');
  });

  it("explains unreadable files and broken YAML without a stack trace", async () => {
    const missing = await cliInProcess(["validate", "no/such/file.yaml"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("expected a readable file of at most 1048576 bytes, found the file is missing");
    const dir = tempDir();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "name: x\nproducts: [\n");
    const bad = await cliInProcess(["validate", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line \d+, column \d+: expected valid YAML/);
  });

  it("validate accepts every bundled scenario", async () => {
    for (const name of readdirSync("scenarios").filter((f) => f.endsWith(".yaml") && !f.startsWith("sweep-") && !f.startsWith("bench-"))) {
      const { code, stderr } = await cliInProcess(["validate", join("scenarios", name)]);
      expect({ name, code, stderr }).toEqual({ name, code: 0, stderr: "" });
    }
  });

  it("an unknown command or option is a usage error (exit 2)", async () => {
    expect((await cliInProcess(["frobnicate"])).code).toBe(2);
    // With --help after it too, and the nearest command named.
    const help = await cliInProcess(["swep", "--help"]);
    expect(help.code).toBe(2);
    expect(help.stderr).toContain("unknown command 'swep'");
    expect(help.stderr).toContain("Did you mean sweep?");
    expect((await cliInProcess(["sweep", "--help"])).code).toBe(0);
    expect((await cliInProcess(["run", "scenarios/ad-ecommerce.yaml", "--bogus"])).code).toBe(2);
  });
});

describe("interruption", () => {
  it("SIGINT stops a run with exit 130 and leaves no folder, not even a partial one", async () => {
    const dir = tempDir();
    const out = join(dir, "run");
    // A run of a million users: minutes of work, so it is still running when the signal comes,
    // however slow the machine. The child says when its Ctrl-C handler is in place; no delay is guessed.
    const child = spawn(process.execPath, ["bin/pointsim", "run", "scenarios/bench-ad-points.yaml", "--out", out], {
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
    // A child that ends before it is ready fails the assertions below instead of hanging the test.
    await Promise.race([ready, closed]);
    child.kill("SIGINT");
    const code = await closed;
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted before day \d+; nothing was written/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("a reader that closes the pipe early", () => {
  it("`pointsim run … | head -0`: the run still writes its whole folder and exits 0, without Node's EPIPE trace", async () => {
    const { out, code, stderr } = await runWithStdoutClosed();
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
    expect(readdirSync(out)).toContain("summary.json");
    expect(readdirSync(out)).toContain("manifest.json");
  });
});
