import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, cliInProcess, readFolder, tempDir } from "./helpers/cli.js";

/** A real, cheap sweep: seed 002's combined scheme for 40 days, a 2 × 2 grid × 3 seeds = 12 runs. */
let sweep = "";
let where = "";
const INVITE = "population.arrivals.inviteRate";

function sweepFile(extra = "", reversed = false): string {
  const parameters = [`  - { key: schemes.valueAdded.sellPayoutRatio, values: [0.7, 0.9] }`, `  - { key: ${INVITE}, values: [0.015, 0.03] }`];
  const file = join(tempDir("pointsim-discover-"), "sweep.yaml");
  writeFileSync(
    file,
    `name: discover-test
base: ${join(ROOT, "scenarios/seed-002-combined.yaml")}
seed: 11
seeds: 3
set: { days: 40 }
parameters:
${(reversed ? [...parameters].reverse() : parameters).join("\n")}
${extra}`,
  );
  return file;
}

beforeAll(async () => {
  const file = sweepFile();
  sweep = join(tempDir(), "sweep");
  expect((await cliInProcess(["sweep", file, "--out", sweep, "--workers", "1", "-q"])).code).toBe(0);
  // The condition: more peak users than halfway between the two invitation rates' runs, read from
  // runs.csv apart from pointsim (the higher rate brings about twice the users in 40 days).
  const rows = parse(readFileSync(join(sweep, "runs.csv")), { columns: true }) as Record<string, string>[];
  const low = rows.filter((r) => r[INVITE] === "0.015").map((r) => Number(r.peakUsers));
  const high = rows.filter((r) => r[INVITE] === "0.03").map((r) => Number(r.peakUsers));
  expect(Math.max(...low)).toBeLessThan(Math.min(...high));
  where = `peakUsers > ${Math.round((Math.max(...low) + Math.min(...high)) / 2)}`;
});

describe("pointsim discover on a real sweep", () => {
  it("finds the invitation rate, with the figures counted from runs.csv, and writes the same files twice", async () => {
    const out = join(tempDir(), "found");
    const { code, stdout, stderr } = await cliInProcess(["discover", sweep, "--where", where, "--out", out, "--bootstrap", "20"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    // 6 of the 12 runs hold (those at inviteRate 0.03): the box inviteRate >= 0.03 holds all 6 and
    // nothing else: density 1, coverage 1, mass 0.5. Its quasi-p-value: 6 of 6 where the share
    // without the edge is 6/12: P(Bin(6, 0.5) >= 6) = 0.5⁶ = 0.015625.
    expect(stdout).toContain(`"${where}" holds for 6 of 12 completed runs (50.0%)`);
    expect(stdout).toContain(`box 1: ${where} when ${INVITE} >= 0.03`);
    expect(stdout).toContain("6 runs; it holds in 100.0% of them (density); they are 100.0% of the runs where it holds (coverage); 50.0% of the runs (mass)");
    const boxes = parse(readFileSync(join(out, "boxes.csv")), { columns: true }) as Record<string, string>[];
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({
      box: "1",
      runs: "6",
      cases: "6",
      coverage: "1",
      density: "1",
      mass: "0.5",
      parameter: INVITE,
      edge: "low",
      value: "0.03",
    });
    expect(Number(boxes[0]?.quasi_p)).toBeCloseTo(0.015625, 12);
    // The tree splits halfway between the two rates: 0.0225.
    const rules = parse(readFileSync(join(out, "rules.csv")), { columns: true }) as Record<string, string>[];
    expect(rules.map((r) => [r.rule, r.runs, r.cases, r.share])).toEqual([
      [`${INVITE} <= 0.0225`, "6", "0", "0"],
      [`${INVITE} > 0.0225`, "6", "6", "1"],
    ]);
    const json = JSON.parse(readFileSync(join(out, "boxes.json"), "utf8"));
    expect(json.boxes[0].rule).toBe(`${where} when ${INVITE} >= 0.03`);
    expect(json.boxes[0].trajectory[0]).toMatchObject({ step: 0, runs: 12, cases: 6, density: 0.5, coverage: 1, mass: 1 });
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).tool).toBe("pointsim-discover");
    // Same inputs, same files, byte for byte; --force replaces its own folder, and only with it.
    const again = join(tempDir(), "found");
    expect((await cliInProcess(["discover", sweep, "--where", where, "--out", again, "--bootstrap", "20", "-q"])).code).toBe(0);
    expect(readFolder(again)).toEqual(readFolder(out));
    const refused = await cliInProcess(["discover", sweep, "--where", where, "--out", out, "-q"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("holds an earlier discovery");
    expect((await cliInProcess(["discover", sweep, "--where", where, "--out", out, "--bootstrap", "20", "--force", "-q"])).code).toBe(0);
    expect(readFolder(out)).toEqual(readFolder(again));
  });

  it("the order of the sweep's parameters (runs.csv's columns) changes nothing found", async () => {
    const other = join(tempDir(), "sweep");
    expect((await cliInProcess(["sweep", sweepFile("", true), "--out", other, "--workers", "1", "-q"])).code).toBe(0);
    expect(readFileSync(join(other, "runs.csv"), "utf8")).not.toBe(readFileSync(join(sweep, "runs.csv"), "utf8"));
    const [a, b] = [join(tempDir(), "a"), join(tempDir(), "b")];
    expect((await cliInProcess(["discover", sweep, "--where", where, "--out", a, "--bootstrap", "20", "-q"])).code).toBe(0);
    expect((await cliInProcess(["discover", other, "--where", where, "--out", b, "--bootstrap", "20", "-q"])).code).toBe(0);
    for (const name of ["boxes.csv", "boxes.json", "tree.json", "rules.csv"])
      expect(readFileSync(join(b, name), "utf8")).toBe(readFileSync(join(a, name), "utf8"));
  });

  it("writes beside the sweep folder by default", async () => {
    const { code } = await cliInProcess(["discover", sweep, "--where", where, "--bootstrap", "0", "-q"]);
    expect(code).toBe(0);
    expect(existsSync(join(`${sweep}-discover`, "boxes.csv"))).toBe(true);
  });
});

describe("scenario discovery in the sweep report (discover: in the sweep file)", () => {
  it("the report has the box and the tree the command finds", async () => {
    const out = join(tempDir(), "sweep");
    const file = sweepFile(`discover: { where: "${where}", bootstrap: 20 }\n`);
    expect((await cliInProcess(["sweep", file, "--out", out, "--workers", "1", "-q"])).code).toBe(0);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain(`<h2 id="discovery">Scenario discovery: where ${where.replace(">", "&gt;")}</h2>`);
    expect(html).toContain("It holds for 6 of 12 completed runs (50.0%)");
    expect(html).toContain(`<h3>Box 1: ${where.replace(">", "&gt;")} when ${INVITE} &gt;= 0.03</h3>`);
    expect(html).toContain(`<tr><td>${INVITE} &lt;= 0.0225</td><td>6</td><td>0.0%</td></tr>`);
    // The same runs as the sweep without discover: the runs' files do not move.
    expect(readFileSync(join(out, "runs.csv"), "utf8")).toBe(readFileSync(join(sweep, "runs.csv"), "utf8"));
  });

  it("a condition over a metric that no run has is refused before any run", async () => {
    const out = join(tempDir(), "sweep");
    const { code, stderr } = await cliInProcess(["sweep", sweepFile('discover: { where: "peakUser > 3" }\n'), "--out", out, "-q"]);
    expect(code).toBe(2);
    expect(stderr).toContain('discover.where: expected a metric of summary.json (docs/gates.md), found unknown metric "peakUser" (did you mean "peakUsers"?)');
    expect(existsSync(join(out, "runs.csv"))).toBe(false);
  });
});

describe("pointsim discover refuses bad input: every problem, exit 2, nothing written", () => {
  const refuse = async (args: string[], ...expected: string[]) => {
    const out = join(tempDir(), "never");
    const { code, stdout, stderr } = await cliInProcess(["discover", ...args, "--out", out]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    for (const text of expected) expect(stderr).toContain(text);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  };

  it("a folder that is not a sweep", async () => {
    await refuse([tempDir(), "--where", "collapseDay <= 365"], "manifest.json: expected a sweep folder written by pointsim sweep or merge");
    await refuse(["/dev/zero", "--where", "collapseDay <= 365"], "manifest.json: expected a sweep folder");
    await refuse([join(sweep, "runs.csv"), "--where", "collapseDay <= 365"], "manifest.json: expected a sweep folder");
    // A run folder is not a sweep's either.
    const run = join(tempDir(), "run");
    mkdirSync(run);
    writeFileSync(join(run, "manifest.json"), JSON.stringify({ tool: "pointsim", outputs: {} }));
    await refuse([run, "--where", "collapseDay <= 365"], "found a manifest.json that is not a sweep's");
  });

  it("an expression that does not parse, a column that is not there, a value that is not true or false", async () => {
    await refuse([sweep, "--where", "peakUsers >"], "--where: expected an expression over runs.csv's columns", "the end where a value should be");
    await refuse([sweep, "--where", "peakUser > 3"], "--where: expected a column of runs.csv", 'unknown metric "peakUser" (did you mean "peakUsers"?)');
    await refuse([sweep, "--where", "peakUsers"], "--where: expected true or false for every run", "not true or false");
    await refuse([sweep, "--where", "peakUsers > 3\u001b[2J"], "--where: expected an expression", "a control character (U+001B)");
  });

  it("a condition that holds for every run, or for none", async () => {
    await refuse([sweep, "--where", "peakUsers > 0"], "holds for all of the 12 completed runs");
    await refuse([sweep, "--where", "collapseDay != null and collapseDay < 0"], "holds for none of the 12 completed runs");
  });

  it("options out of range, all listed at once", async () => {
    await refuse(
      [sweep, "--where", where, "--alpha", "0.7", "--boxes", "0", "--min-coverage", "2", "--bootstrap", "x", "--seed", "a b"],
      '--alpha: expected a number above 0 and below 0.5, found "0.7"',
      '--boxes: expected a whole number from 1 to 20, found "0"',
      '--min-coverage: expected a number from 0 to 1, found "2"',
      "--bootstrap: expected a whole number from 0 to 10000",
      "--seed: expected letters, digits",
    );
  });

  it("a runs.csv changed since the sweep wrote it", async () => {
    const copy = join(tempDir(), "edited");
    mkdirSync(copy);
    for (const [name, content] of Object.entries(readFolder(sweep))) if (name !== "series") writeFileSync(join(copy, name), content);
    writeFileSync(join(copy, "runs.csv"), `${readFileSync(join(sweep, "runs.csv"), "utf8")}\n`);
    await refuse([copy, "--where", where], "runs.csv: expected runs.csv as the sweep wrote it");
  });

  it("never writes into a folder of someone else's files, even with --force", async () => {
    const out = tempDir();
    writeFileSync(join(out, "notes.txt"), "mine");
    const { code, stderr } = await cliInProcess(["discover", sweep, "--where", where, "--out", out, "--force"]);
    expect(code).toBe(2);
    expect(stderr).toContain("not a pointsim discovery");
    expect(readFolder(out)).toEqual({ "notes.txt": "mine" });
  });
});
