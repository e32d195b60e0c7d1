import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliInProcess, tempDir } from "./helpers/cli.js";

describe("rule changes and responses on the command line", () => {
  it("validate lists every problem of changes and responses at once and exits 2", async () => {
    const file = join(tempDir(), "bad-changes.yaml");
    writeFileSync(
      file,
      [
        "name: bad",
        "days: 30",
        "products: [{ id: box, price: 100 }]",
        "schemes: { ads: {} }",
        "shocks: [{ day: 3, type: rightsFixedPayout, value: 1 }]",
        "changes:",
        "  - { day: 40, key: withdrawals.feeRate, value: 0 }",
        "  - { day: 3, key: withdrawals.delayDays, value: 2 }",
        "  - { day: 3, key: schemes.ads.releaseRate, value: 2 }",
        "  - { day: 3, key: products.boxx.weight, value: 2 }",
        "responses:",
        "  - { driver: queueWait, acts: orders, sensitivity: 1 }",
        "",
      ].join("\n"),
    );
    const { code, stdout, stderr } = await cliInProcess(["validate", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("6 problems");
    expect(stderr).toContain("shocks[0].type: expected no longer a shock: changes: [{ day, key: schemes.dividendRights.fixedPayoutPerRight, value }]");
    expect(stderr).toContain('responses[0].driver: expected a declared driver: paymentDelay, recruitmentSlowdown, found "queueWait"');
    expect(stderr).toContain("changes[0].day: expected a day of the run, 1 to 30, found 40");
    expect(stderr).toContain("changes[1].key: expected a key that may change mid-run: platform.operatingCostPerDay");
    expect(stderr).toContain('found "withdrawals.delayDays" (fixed for the whole run)');
    expect(stderr).toContain("changes[2].value: expected a number <= 1 (as schemes.ads.releaseRate), found 2");
    expect(stderr).toContain(
      'changes[3].key: expected a key of the scenario, written as a sweep\'s (docs/sweeps.md), found "products.boxx.weight": no item with id or name "boxx"',
    );
    expect(stderr).not.toContain("    at ");
  });

  it("explain lists the changes and responses; run records them in summary.json and on the charts", async () => {
    const explained = await cliInProcess(["explain", "scenarios/changes-example.yaml"]);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain("day 90: schemes.ads.releaseRate becomes 0.005");
    expect(explained.stdout).toContain("orders × max(0.5, 1 − 0.05 × paymentDelay)");
    const out = join(tempDir(), "run");
    const run = await cliInProcess(["run", "scenarios/changes-example.yaml", "--out", out, "--quiet"]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8")) as { changes: unknown };
    expect(summary.changes).toEqual([
      { day: 90, key: "schemes.ads.releaseRate", value: 0.005 },
      { day: 120, key: "withdrawals.feeRate", value: 0 },
      { day: 150, key: "products.daily-goods.weight", value: 0 },
    ]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('{"day":120,"label":"change: withdrawals.feeRate = 0","kind":"change"}');
  });
});
