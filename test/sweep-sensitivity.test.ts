import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { parse } from "yaml";
import { ROOT, cliInProcess, tempDir } from "./helpers/cli.js";
import { plannedAndChecked } from "./helpers/sweep-plan.js";

const read = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");

/**
 * Seed 002's combined scheme for 40 days, with a third parameter that cannot matter: the
 * multiplier of the shared-purchase scheme, which is switched off.
 */
function sensitivitySweep(method: "sobol" | "morris", extra = "", samples = 6): string {
  const file = join(tempDir(), "sweep.yaml");
  writeFileSync(
    file,
    `name: sensitivity-test
base: ${join(ROOT, "scenarios/seed-002-combined.yaml")}
method: ${method}
samples: ${samples}
trajectories: 4
seed: 11
bootstrap: 200
metrics: [platformResult, totalNewMoneyIn, collapseDay]
set: { days: 40, schemes.sharedPurchase.enabled: false }
parameters:
  - { key: schemes.valueAdded.sellPayoutRatio, range: { from: 0.6, to: 0.95 }, decimals: 2 }
  - { key: population.arrivals.inviteRate, range: { from: 0.01, to: 0.04 } }
  - { key: schemes.sharedPurchase.userMultiplier, range: { from: 5, to: 15 } }
${extra}`,
  );
  return file;
}

/** The Sobol sweep of sensitivitySweep run whole on one worker, once, for the test of its indices. */
let sobolWhole: Promise<{ file: string; whole: string; code: number | null; stdout: string }> | undefined;
function wholeSobolSweep(): Promise<{ file: string; whole: string; code: number | null; stdout: string }> {
  sobolWhole ??= (async () => {
    const file = sensitivitySweep("sobol");
    const whole = join(tempDir(), "whole");
    const { code, stdout } = await cliInProcess(["sweep", file, "--out", whole, "--workers", "1"]);
    expect(code).toBe(0);
    return { file, whole, code, stdout };
  })();
  return sobolWhole;
}

/**
 * A smaller Sobol sweep (2 × (3 + 2) = 10 runs) run whole in this process on one worker, once,
 * for the shards merged and the scheduler recipes (the same file each time: a sweep's identity
 * is its content): what they prove is that shards merge to the whole sweep's bytes, which does
 * not depend on its size. Its runs are dealt to shards in turn (run i to shard i mod n + 1), so
 * every shard of 2 or more holds parts of both 5-run blocks and a merge that put a run in the
 * wrong place or row changes the indices, the tables and the log. One worker logs runs.jsonl in
 * run order, as merge writes it.
 */
let recipeWhole: Promise<{ file: string; whole: string }> | undefined;
function wholeRecipeSweep(): Promise<{ file: string; whole: string }> {
  recipeWhole ??= (async () => {
    const file = sensitivitySweep("sobol", "", 2);
    const whole = join(tempDir(), "whole");
    expect((await cliInProcess(["sweep", file, "--out", whole, "--workers", "1", "-q"])).code).toBe(0);
    return { file, whole };
  })();
  return recipeWhole;
}

/** sensitivity.csv as rows keyed "metric|parameter|index". */
function indices(dir: string): Map<string, { value: string; low: string; high: string; flag: string }> {
  const [header, ...lines] = read(dir, "sensitivity.csv").trim().split("\n");
  expect(header).toBe("metric,parameter,index,value,low,high,flag");
  return new Map(
    lines.map((l) => {
      const [metric, parameter, index, value, low, high, flag] = l.split(",") as string[];
      return [`${metric}|${parameter}|${index}`, { value: value ?? "", low: low ?? "", high: high ?? "", flag: flag ?? "" }];
    }),
  );
}

/**
 * S1 and ST of one metric straight from runs.csv (one seed, so a run is a point), written apart
 * from src/sweep/sensitivity.ts: blocks of k + 2 runs (A, B, AB^1 … AB^k); f̄ and V are the mean
 * and variance of the A and B runs; S1_i = mean((f_B − f̄)(f_ABi − f_A)) / V,
 * ST_i = mean((f_A − f_ABi)²) / (2V).
 */
function sobolFromRuns(dir: string, metric: string, k: number): { s1: number[]; st: number[] } {
  const rows = parseCsv(read(dir, "runs.csv"), { columns: true }) as Record<string, string>[];
  const f = rows.sort((x, y) => Number(x.point) - Number(y.point)).map((r) => Number(r[metric]));
  const blocks = Array.from({ length: f.length / (k + 2) }, (_, j) => f.slice(j * (k + 2), (j + 1) * (k + 2)));
  const ab = blocks.flatMap((b) => [b[0] as number, b[1] as number]);
  const centre = ab.reduce((s, v) => s + v, 0) / ab.length;
  const variance = ab.reduce((s, v) => s + (v - centre) ** 2, 0) / ab.length;
  const average = (g: (b: number[]) => number) => blocks.reduce((s, b) => s + g(b), 0) / blocks.length;
  const params = Array.from({ length: k }, (_, i) => i + 2);
  return {
    s1: params.map((c) => average((b) => ((b[1] as number) - centre) * ((b[c] as number) - (b[0] as number))) / variance),
    st: params.map((c) => average((b) => ((b[0] as number) - (b[c] as number)) ** 2) / (2 * variance)),
  };
}

describe("global sensitivity on a real scenario", () => {
  it("the bundled Sobol example passes every check made before a run: 64 × (4 + 2) points", async () => {
    expect(await plannedAndChecked(join(ROOT, "scenarios/sweep-sensitivity.yaml"))).toBe(384);
  });

  it("sobol: N (k + 2) runs, S1 and ST with intervals, and a total index of exactly 0 (interval [0, 0]) for a parameter of a scheme that is off", async () => {
    const { whole: out, code, stdout } = await wholeSobolSweep();
    expect(code).toBe(0);
    expect(stdout).toContain("30 of 30 runs done, 0 failed"); // 6 × (3 + 2)
    const rows = indices(out);
    expect(rows.size).toBe(3 * 3 * 2);
    const keys = ["schemes.valueAdded.sellPayoutRatio", "population.arrivals.inviteRate", "schemes.sharedPurchase.userMultiplier"];
    for (const metric of ["platformResult", "totalNewMoneyIn"]) {
      expect(rows.get(`${metric}|schemes.sharedPurchase.userMultiplier|ST`)).toEqual({ value: "0", low: "0", high: "0", flag: "" });
      expect(rows.get(`${metric}|schemes.sharedPurchase.userMultiplier|S1`)).toEqual({ value: "0", low: "0", high: "0", flag: "" });
      // The same indices recomputed from the runs (money in runs.csv is exact to the fen).
      const { s1, st } = sobolFromRuns(out, metric, 3);
      keys.forEach((key, i) => {
        expect(Number(rows.get(`${metric}|${key}|S1`)?.value)).toBeCloseTo(s1[i] as number, 5);
        expect(Number(rows.get(`${metric}|${key}|ST`)?.value)).toBeCloseTo(st[i] as number, 5);
      });
      // 6 base samples are too few: every interval wider than 0.5 says so, with N = 6 (width / 0.1)² (±1 for the rounding of the CSV).
      for (const key of keys)
        for (const index of ["S1", "ST"]) {
          const row = rows.get(`${metric}|${key}|${index}`);
          const width = Number(row?.high) - Number(row?.low);
          const advice = /too-few-samples:N=(\d+)/.exec(row?.flag ?? "");
          expect(advice !== null).toBe(width > 0.5);
          if (advice) expect(Math.abs(Number(advice[1]) - 6 * (width / 0.1) ** 2)).toBeLessThan(1.5);
        }
      // The invitation rate drives how much money comes in: its total index is clearly above 0.
      const invite = rows.get(`${metric}|population.arrivals.inviteRate|ST`);
      expect(Number(invite?.value)).toBeGreaterThan(0.1);
      expect(Number(invite?.low)).toBeGreaterThan(0);
    }
    // Nothing collapses within 40 days: the metric does not vary, so its indices are undefined (empty), not 0.
    expect(rows.get("collapseDay|population.arrivals.inviteRate|ST")).toEqual({ value: "", low: "", high: "", flag: "" });
    const html = read(out, "report.html");
    expect(html).toContain("Global sensitivity (Sobol indices)");
    expect(html).toContain("chart-sensitivity-2");
    // The report says so next to the numbers, and above them.
    expect(html).toContain('id="sensitivity-flags"');
    expect(html).toMatch(/too few samples; about N = [\d,]+ base samples give a 0.1-wide interval/);
  });

  it("morris: r (k + 1) runs, and μ*, μ, σ of exactly 0 for the parameter that cannot matter", async () => {
    const out = join(tempDir(), "morris");
    const { code, stdout } = await cliInProcess(["sweep", sensitivitySweep("morris"), "--out", out, "--workers", "1"]);
    expect(code).toBe(0);
    expect(stdout).toContain("16 of 16 runs done, 0 failed"); // 4 × (3 + 1)
    const rows = indices(out);
    for (const index of ["mu_star", "mu", "sigma"]) expect(rows.get(`totalNewMoneyIn|schemes.sharedPurchase.userMultiplier|${index}`)?.value).toBe("0");
    expect(Number(rows.get("totalNewMoneyIn|population.arrivals.inviteRate|mu_star")?.value)).toBeGreaterThan(0);
    // μ* is the mean |effect|, so never below |μ|.
    const muStar = Number(rows.get("platformResult|population.arrivals.inviteRate|mu_star")?.value);
    const mu = Number(rows.get("platformResult|population.arrivals.inviteRate|mu")?.value);
    expect(muStar).toBeGreaterThanOrEqual(Math.abs(mu) - 1e-6);
    expect(read(out, "report.html")).toContain("Morris elementary effects");
  });

  it("N shards, each run from its own working folder with a relative --out, merge into byte-identical files", async () => {
    // In this process, one after another: shards run as separate processes at once are the
    // Slurm recipe's test below.
    const { file, whole } = await wholeRecipeSweep();
    const base = tempDir();
    const n = 2;
    for (let i = 0; i < n; i++) {
      const cwd = join(base, `node-${i + 1}`);
      mkdirSync(cwd);
      const shard = await cliInProcess(["sweep", file, "--shard", `${i + 1}/${n}`, "--out", "shard", "--workers", "1", "-q"], { cwd });
      expect(shard.code).toBe(0);
    }
    const merged = join(base, "merged");
    const shards = Array.from({ length: n }, (_, i) => join(base, `node-${i + 1}`, "shard"));
    expect((await cliInProcess(["merge", ...shards, "--out", merged])).code).toBe(0);
    for (const name of ["runs.csv", "points.csv", "sensitivity.csv", "runs.jsonl"]) expect(read(merged, name)).toBe(read(whole, name));
    expect(readFileSync(join(merged, "runs.parquet")).equals(readFileSync(join(whole, "runs.parquet")))).toBe(true);
    expect(JSON.parse(read(merged, "manifest.json")).outputs).toEqual(JSON.parse(read(whole, "manifest.json")).outputs);
  });
});

/** A `pointsim` on a PATH of its own: `bin/pointsim` of this build, or a recorder of how it was called. */
function pointsimOnPath(script: string): string {
  const bin = join(tempDir(), "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "pointsim"), script);
  chmodSync(join(bin, "pointsim"), 0o755);
  return bin;
}

/** This build's CLI as `pointsim`. */
const thisBuild = () => pointsimOnPath(`#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, "bin/pointsim")}" "$@"\n`);

/** Runs a shell command with `pointsim` on the PATH (by default this build), resolving with its exit code. */
function shell(command: string, cwd: string, env: Record<string, string>, bin = thisBuild()): Promise<number | null> {
  const child = spawn("sh", ["-c", command], { cwd, stdio: "ignore", env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH ?? ""}` } });
  return new Promise((resolve) => child.on("close", resolve));
}

/**
 * Runs a shell command whose `pointsim` only records how it was called (its working folder and
 * arguments, as the shell expanded them), then runs each recorded call with this build's `main`
 * in this process, in the order they were made: the shell's part (variables, arithmetic, globs)
 * is the real one, and a command a recipe gets wrong still fails, for a fraction of a child
 * process's cost. Resolves with the shell's exit code and each call's.
 */
async function recordedShell(command: string, cwd: string, env: Record<string, string>): Promise<{ shell: number | null; calls: (number | null)[] }> {
  const log = join(tempDir(), "calls");
  writeFileSync(log, "");
  const bin = pointsimOnPath(`#!/bin/sh\nprintf '%s\\0' "$PWD" "$#" "$@" >> "${log}"\n`);
  const code = await shell(command, cwd, env, bin);
  const fields = readFileSync(log, "utf8").split("\0");
  const calls: (number | null)[] = [];
  for (let at = 0; at < fields.length - 1; ) {
    const where = fields[at] ?? "";
    const count = Number(fields[at + 1]);
    const args = fields.slice(at + 2, at + 2 + count);
    calls.push((await cliInProcess(args, { cwd: where })).code);
    at += 2 + count;
  }
  return { shell: code, calls };
}

/** A working folder as a cluster node sees it: the sweep file at sweeps/model.yaml. */
function clusterFolder(sweep: string): string {
  const cwd = tempDir();
  mkdirSync(join(cwd, "sweeps"));
  writeFileSync(join(cwd, "sweeps", "model.yaml"), readFileSync(sweep, "utf8"));
  return cwd;
}

describe("the scheduler recipes of docs/sweeps.md", () => {
  it("Slurm array (docs/recipes/slurm-array.sh): two array tasks at once, as separate processes in one folder, then the documented merge, equal the whole sweep", async () => {
    const { file: sweep, whole } = await wholeRecipeSweep();
    const cwd = clusterFolder(sweep);
    const script = join(ROOT, "docs/recipes/slurm-array.sh");
    const codes = await Promise.all(
      [0, 1].map((id) => shell(`bash "${script}"`, cwd, { SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_COUNT: "2", SLURM_CPUS_PER_TASK: "1" })),
    );
    expect(codes).toEqual([0, 0]);
    // The documented merge as a process of its own too: bin/pointsim's one end-to-end merge.
    expect(await shell("pointsim merge out/shard-* --out out/merged", cwd, {})).toBe(0);
    for (const name of ["runs.csv", "points.csv", "sensitivity.csv"]) expect(read(join(cwd, "out/merged"), name)).toBe(read(whole, name));
  });

  it("Kubernetes Indexed Job (docs/recipes/k8s-indexed-job.yaml): the container command for every completion index, then the merge, equal the whole sweep", async () => {
    const job = parse(readFileSync(join(ROOT, "docs/recipes/k8s-indexed-job.yaml"), "utf8")) as {
      spec: { completions: number; completionMode: string; template: { spec: { containers: { command: string[]; args: string[] }[] } } };
    };
    expect(job.spec.completionMode).toBe("Indexed");
    const container = job.spec.template.spec.containers[0];
    expect(container?.command).toEqual(["sh", "-c"]);
    const { file: sweep, whole } = await wholeRecipeSweep();
    const cwd = clusterFolder(sweep);
    const indexes = Array.from({ length: job.spec.completions }, (_, i) => i);
    for (const i of indexes)
      expect(await recordedShell(container?.args[0] ?? "false", cwd, { JOB_COMPLETION_INDEX: String(i) })).toEqual({ shell: 0, calls: [0] });
    expect(await recordedShell("pointsim merge out/shard-* --out out/merged", cwd, {})).toEqual({ shell: 0, calls: [0] });
    // Every index ran its own shard: as many shard folders as completions, each holding its own.
    expect(readdirSync(join(cwd, "out")).filter((f) => f.startsWith("shard-"))).toHaveLength(job.spec.completions);
    for (const name of ["runs.csv", "points.csv", "sensitivity.csv"]) expect(read(join(cwd, "out/merged"), name)).toBe(read(whole, name));
  });
});

/** Reads a Parquet file with an independent implementation (the Rust parquet crate, as WebAssembly). */
async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  const require = createRequire(import.meta.url);
  const wasm = require("parquet-wasm/node") as { readParquet(bytes: Uint8Array): { intoIPCStream(): Uint8Array } };
  const arrow = await import("apache-arrow");
  const table = arrow.tableFromIPC(wasm.readParquet(readFileSync(path)).intoIPCStream());
  return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => row.toJSON());
}

describe("columnar results", () => {
  it("runs.parquet and series.parquet hold what runs.csv and the series CSVs hold, read back by an independent reader", async () => {
    const file = join(tempDir(), "sweep.yaml");
    writeFileSync(
      file,
      `name: parquet-test
base: ${join(ROOT, "scenarios/seed-002-combined.yaml")}
seed: 5
seeds: 2
set: { days: 30 }
parameters:
  - { key: schemes.valueAdded.sellPayoutRatio, values: [0.7, 0.9] }
  - { key: population.maxUsers, values: [100000, 250] }
`,
    );
    const out = join(tempDir(), "parquet");
    // maxUsers 250 is reached within days: those runs fail, and their rows hold no figures.
    expect((await cliInProcess(["sweep", file, "--out", out, "--keep-series", "--workers", "1", "-q"])).code).toBe(1);
    const runs = await readParquet(join(out, "runs.parquet"));
    const [header, ...lines] = read(out, "runs.csv").trim().split("\n");
    const columns = (header ?? "").split(",");
    expect(runs).toHaveLength(lines.length);
    expect(runs).toHaveLength(8);
    expect(runs.filter((r) => r.status === "failed")).toHaveLength(4);
    lines.forEach((line, i) => {
      const csv = Object.fromEntries(line.split(",").map((v, c) => [columns[c], v]));
      const row = runs[i] as Record<string, unknown>;
      expect(String(row.run)).toBe(csv.run);
      expect(String(row.seed)).toBe(csv.seed);
      expect(String(row["schemes.valueAdded.sellPayoutRatio"])).toBe(csv["schemes.valueAdded.sellPayoutRatio"]);
      expect(row.status).toBe(csv.status);
      if (csv.status === "failed") {
        expect(row.usersLosingShare).toBeNull();
        return;
      }
      expect((row.platformResult as number).toFixed(2)).toBe(csv.platformResult);
      expect((row.peakLiabilities as number).toFixed(2)).toBe(csv.peakLiabilities);
      expect(Math.round((row.usersLosingShare as number) * 1e6) / 1e6).toBe(Number(csv.usersLosingShare));
      expect(row.daysSimulated).toBe(Number(csv.daysSimulated));
      expect(String(row.collapseDay ?? "")).toBe(csv.collapseDay);
      expect(row.finalStatus).toBe(csv.finalStatus);
    });
    // series.parquet: every number of every kept run's timeseries.csv, in long form.
    const series = await readParquet(join(out, "series.parquet"));
    const kept = readdirSync(join(out, "series")).sort();
    let expected = 0;
    for (const name of kept) {
      const run = Number(/run-(\d+)\.csv/.exec(name)?.[1]);
      const [head, ...days] = read(join(out, "series"), name).trim().split("\n");
      const names = (head ?? "").split(",");
      expected += days.length * (names.length - 1);
      const mine = series.filter((r) => r.run === run);
      const day3 = (days[2] ?? "").split(",");
      for (const column of ["users_total", "platform_cash", "liabilities"]) {
        const cell = mine.find((r) => r.day === 3 && r.column === column);
        expect(cell?.value).toBe(Number(day3[names.indexOf(column)]));
      }
      expect(mine.find((r) => r.day === 3 && r.column === "status")?.text).toBe(day3[names.indexOf("status")]);
    }
    expect(series).toHaveLength(expected);
  });
});
