import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, cli, cliInProcess, tempDir } from "./helpers/cli.js";

/**
 * The hostile-input corpus (docs/audit.md, "Hostile input"): every file in test/hostile/ and
 * every command below must end in exit 2 with a message naming the problem, no stack trace,
 * and nothing written. Each file's expected message is listed here, so a file added to the
 * folder without one fails the first test.
 */
const CORPUS = join(ROOT, "test", "hostile");

const EXPECTED: Record<string, string> = {
  "billion-laughs.yaml": "at most 1000 alias expansions",
  "control-characters-in-assertion.yaml": "a control character (U+001B)",
  "cost-above-price.yaml": "cost + platformMargin + distribution ≤ price",
  "deep-nesting.yaml": "nesting deeper than 40 levels",
  "duplicate-key.json": 'the key "name" a second time',
  "duplicate-key.yaml": 'the key "days" a second time',
  "empty.yaml": "expected a mapping",
  "fit-infinite-values.yaml": "parameters[0].range.from: expected a finite number, found NaN",
  "fit-observed-1e308.yaml": 'targets[0].series ("fit-observed-1e308.csv"), line 2: expected a number from -1000000000000000 to 1000000000000000, found 1e+308',
  "fit-observed-hex.yaml": 'targets[0].series ("fit-observed-hex.csv"), line 2: expected a plain decimal number, found a hexadecimal number',
  "fit-seed-past-2-53.yaml": "seed: expected a whole number up to 9007199254740991 (write a longer seed as a string)",
  "fit-target-1e308.yaml": "targets[0].scale: expected a number from 1e-9 to 1000000000000000, found 1e-300",
  "invalid-utf8.yaml": "bytes that are not valid UTF-8",
  "name-with-slashes.yaml": '"../../escape"',
  "negative-days.yaml": "days: expected a number >= 1",
  "not-a-mapping.yaml": "expected a mapping, found a list",
  "not-a-number.yaml": "expected a finite number, found NaN",
  "price-1e15.yaml": "expected a number <= 100000000",
  "price-1e308.yaml": "expected a number <= 100000000",
  "proto-key.yaml": 'the reserved key "__proto__"',
  "seed-past-2-53.yaml": "seed: expected a whole number up to 9007199254740991",
  "sweep-base-not-a-scenario.yaml": 'base: expected a scenario file (.yaml, .yml or .json), found "/etc/shadow"',
  "sweep-infinite-values.yaml": "set.days: expected a finite number, found Infinity",
  "sweep-range-overflow.yaml": "parameters[0].range: expected from and to less than about 1.8e308 apart",
  "sweep-samples-times-seeds.yaml": "found 1000000000 runs",
  "sweep-seed-past-2-53.yaml": "seed: expected a whole number up to 9007199254740991 (write a longer seed as a string)",
  "sweep-two-10000-value-parameters.yaml": "found 100000000 runs",
  "too-many-users.yaml": "expected a number <= 50000000",
  "truncated.json": "expected valid JSON",
  "twenty-million-users-for-a-century.yaml": "population.maxUsers × days at most 20,000,000,000 user-days",
};

function refused(result: { code: number | null; stdout: string; stderr: string }, message: string): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toContain("internal error");
  // Nothing from the file's content is echoed back, nor any raw control character.
  expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
}

describe("the hostile-input corpus", () => {
  // An observed CSV is the input of the fit file of the same name.
  const files = readdirSync(CORPUS)
    .filter((f) => !f.endsWith(".csv"))
    .sort();

  it("every observed CSV of the corpus is read by its fit file", () => {
    for (const csv of readdirSync(CORPUS).filter((f) => f.endsWith(".csv"))) expect(files).toContain(csv.replace(/\.csv$/, ".yaml"));
  });

  it("every corpus file has its expected message", () => {
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !files.includes(f))).toEqual([]);
  });

  for (const file of files) {
    it(`${file}: exit 2, a message, nothing written`, async () => {
      const cwd = tempDir();
      const path = join(CORPUS, file);
      if (file.startsWith("fit-")) {
        refused(
          await cliInProcess(["fit", path, "--out", join(cwd, "out"), "-q", "--fail-if", "error > 0.1", "--junit", join(cwd, "j.xml")], { cwd }),
          EXPECTED[file] as string,
        );
      } else if (file.startsWith("sweep-")) {
        refused(await cliInProcess(["sweep", path, "--out", join(cwd, "out"), "-q"], { cwd }), EXPECTED[file] as string);
      } else {
        refused(await cliInProcess(["validate", path], { cwd }), EXPECTED[file] as string);
        refused(await cliInProcess(["run", path, "--out", join(cwd, "out"), "-q"], { cwd }), EXPECTED[file] as string);
      }
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it("devices, FIFOs, folders, oversized files and documents of many keys are refused at once", () => {
    const dir = tempDir();
    const fifo = join(dir, "fifo.yaml");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    mkdirSync(join(dir, "folder.yaml"));
    writeFileSync(join(dir, "big.yaml"), `name: big\n# ${"x".repeat(1_100_000)}\n`);
    writeFileSync(join(dir, "keys.yaml"), `name: keys\nextra:\n${Array.from({ length: 60_000 }, (_, i) => `  k${i}: ${i}`).join("\n")}\n`);
    const cases: [string, string][] = [
      ["/dev/zero", "is not a regular file"],
      ["/dev/urandom", "is not a regular file"],
      [fifo, "is not a regular file"],
      [join(dir, "folder.yaml"), "is a folder, not a file"],
      [join(dir, "missing.yaml"), "the file is missing"],
      [join(dir, "big.yaml"), "is larger than 1048576 bytes"],
      [join(dir, "keys.yaml"), "more than 50000 values"],
      // Not a scenario at all: described, never echoed.
      ["/proc/self/environ", "expected a mapping, found a text of"],
      [join(dir, "secret.json"), "expected valid JSON, found text that is not valid JSON"],
    ];
    writeFileSync(join(dir, "secret.json"), '{"name": hunter2-secret}');
    for (const [path, message] of cases) {
      const r = cli(["validate", path], { env: { POINTSIM_TEST_SECRET: "hunter2-secret" } });
      refused(r, message);
      expect(r.stderr).not.toContain("hunter2");
    }
  });

  it("bad options: empty, option-like and 400-digit seeds, control characters in a gate", async () => {
    const scenario = join(ROOT, "scenarios", "seed-002-value-added-example.yaml");
    const cwd = tempDir();
    refused(await cliInProcess(["run", scenario, "--seed", ""], { cwd }), "--seed: expected a seed");
    refused(await cliInProcess(["run", scenario, "--seed", "-q"], { cwd }), "not an option");
    refused(await cliInProcess(["run", scenario, "--seed", "9".repeat(400)], { cwd }), "at most 200 characters");
    const sweep = join(ROOT, "scenarios", "sweep-example.yaml");
    refused(await cliInProcess(["sweep", sweep, "--shard", "99999999999999999999/99999999999999999999"], { cwd }), "K/N with 1 ≤ K ≤ N ≤ 1000000");
    refused(await cliInProcess(["sweep", sweep, "--workers", "1e9"], { cwd }), "a whole number from 1 to 256");
    refused(
      await cliInProcess(["run", scenario, "--fail-if", "days > 0\u001b[2J\u001b[32mALL GATES PASSED", "--junit", join(cwd, "j.xml")], { cwd }),
      "a control character (U+001B)",
    );
    expect(existsSync(join(cwd, "reports"))).toBe(false);
    expect(existsSync(join(cwd, "j.xml"))).toBe(false);
  });

  it("seeds past 2^53 stay distinct (as strings) and their runs verify", async () => {
    const scenario = join(ROOT, "scenarios", "seed-003-shared-purchase.yaml");
    const dir = tempDir();
    expect((await cliInProcess(["run", scenario, "--seed", "12345678901234567890", "--out", join(dir, "a"), "-q"])).code).toBe(0);
    expect((await cliInProcess(["run", scenario, "--seed", "12345678901234567891", "--out", join(dir, "b"), "-q"])).code).toBe(0);
    const a = (await cliInProcess(["run", scenario, "--seed", "12345678901234567890", "--json", "--out", join(dir, "c")])).stdout;
    const b = (await cliInProcess(["run", scenario, "--seed", "12345678901234567891", "--json", "--out", join(dir, "d")])).stdout;
    expect(a).not.toBe(b);
    expect((await cliInProcess(["verify", join(dir, "a")])).code).toBe(0);
  });
});
