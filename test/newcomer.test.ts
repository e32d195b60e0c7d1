import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, cli, cliInProcess, tempDir } from "./helpers/cli.js";

/** What a newcomer meets in the first hour: refusals before work, messages that say what to do. */
describe("a newcomer's first commands", () => {
  const scenario = join(ROOT, "scenarios", "seed-002-value-added-example.yaml");

  it("pointsim with no command prints the help and exits 2", () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Usage: pointsim");
    expect(r.stderr).toContain("run [options] <file>");
  });

  it("run given a sweep file says to use pointsim sweep", async () => {
    const r = await cliInProcess(["run", join(ROOT, "scenarios", "sweep-example.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("this is a sweep file (it has base and parameters): run it with `pointsim sweep sweep-example.yaml`");
  });

  it("an unknown metric in --fail-if is refused before the run, with a did-you-mean, and nothing is written", async () => {
    const cwd = tempDir();
    const r = await cliInProcess(["run", join(ROOT, "scenarios", "seed-002-team-agents.yaml"), "--fail-if", "usersLoosingShare > 0.5"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown metric "usersLoosingShare" (did you mean "usersLosingShare"?)');
    expect(existsSync(join(cwd, "reports"))).toBe(false);
  });

  it("a failed gate names the folder written and shows the values it read; JUnit too", async () => {
    const cwd = tempDir();
    const r = await cliInProcess(
      ["run", scenario, "--out", "runs/a", "--fail-if", "usersLosingShare > 0.5 and collapseDay == null", "--junit", "j.xml", "-q"],
      { cwd },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("runs/a: --fail-if matched: usersLosingShare > 0.5 and collapseDay == null (usersLosingShare = 1, collapseDay = null)");
    expect(readFileSync(join(cwd, "j.xml"), "utf8")).toContain("(usersLosingShare = 1, collapseDay = null)");
  });

  it("a default folder already taken: the run goes to the next name and says so", async () => {
    const cwd = tempDir();
    expect((await cliInProcess(["run", scenario], { cwd })).code).toBe(0);
    const second = await cliInProcess(["run", scenario], { cwd });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(
      "reports/seed-002-value-added-example-seed1 holds an earlier run, so this one went to reports/seed-002-value-added-example-seed1-2 (to replace it instead: --out reports/seed-002-value-added-example-seed1 --force)",
    );
    expect(readdirSync(join(cwd, "reports")).sort()).toEqual(["seed-002-value-added-example-seed1", "seed-002-value-added-example-seed1-2"]);
  });

  it("a malformed gate reads as one sentence", async () => {
    const r = await cliInProcess(["run", scenario, "--fail-if", "usersLosingShare > )"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--fail-if: expected a valid expression (docs/gates.md), found ")" at column 20 where a value should be in "usersLosingShare > )"',
    );
  });

  it("run --help lists every output file; merge --help marks --out required", async () => {
    const run = (await cliInProcess(["run", "--help"])).stdout;
    for (const file of ["timeseries.csv", "summary.json", "outcomes.csv", "report.html", "scenario.resolved.json", "manifest.json", "journal.csv"])
      expect(run).toContain(file);
    expect((await cliInProcess(["merge", "--help"])).stdout).toContain("(required)");
  });
});

describe("compare", () => {
  it("aligns the columns, shows the scenario keys that changed first and B − A, money as yuan", async () => {
    const dir = tempDir();
    const scenario = join(ROOT, "scenarios", "seed-003-shared-purchase.yaml");
    expect((await cliInProcess(["run", scenario, "--out", join(dir, "a"), "-q"])).code).toBe(0);
    expect((await cliInProcess(["run", scenario, "--seed", "2", "--out", join(dir, "b"), "-q"])).code).toBe(0);
    const out = (await cliInProcess(["compare", join(dir, "a"), join(dir, "b")])).stdout.split("\n");
    const header = out.findIndex((l) => l.startsWith("scenario differences"));
    expect(out[header]).toMatch(/^scenario differences\s+A\s+B\s+B − A$/);
    expect(out[header + 1]).toMatch(/^ {2}seed\s+1\s+2\s+\+1$/);
    const money = out.find((l) => l.startsWith("  totalNewMoneyIn")) ?? "";
    expect(money).toMatch(/^ {2}totalNewMoneyIn\s+¥[\d,]+\.\d\d\s+¥[\d,]+\.\d\d\s+[+-]¥[\d,]+\.\d\d$/);
    // Values start in the column of their header on every row of the indicators.
    const indicators = out.findIndex((l) => l.startsWith("key indicators"));
    const aColumn = (out[indicators] ?? "").indexOf(" A ") + 1;
    const rows = out.slice(indicators + 1, out.indexOf("", indicators + 1));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect({ row, starts: row[aColumn - 1] === " " && row[aColumn] !== " " }).toEqual({ row, starts: true });
  });
});
