// npm run bench:scaling -- [--runs 64] [--users 50000] [--workers 1,2,4,8,16] [--processes] [--json]
// npm run bench:scaling -- --single-run [--users 1000000] [--threads 1,2,4,8,16] [--json]
//   One run of bench-combined (1M users, 365 days) on each thread count (`run --threads N`: the
//   per-user phases split over N threads), each in a process of its own (bench/combined-case.js);
//   prints the step loop's seconds and speed-up, and checks every day's values are identical.
//   Thread counts above the machine's cores are left out unless --threads names them.
// How a sweep scales with cores: one sweep of `--runs` runs of bench-combined scaled to
// `--users` users (365 days), timed once per worker count (a pool of worker threads in one
// process), and with --processes also as N shard processes started at once (`--shard k/N
// --workers 1`) then merged, which is what a batch scheduler does on one machine. Before the
// sweeps it measures the machine's own ceiling: the same CPU-bound loop in 1 and in N processes
// at once (N = the largest worker count), so a speed-up can be read against what the cores give
// at all (shared caches, memory bandwidth, turbo, hyper-threads). Every timing's runs.csv must be
// byte-identical. Meant for many-core machines (docs/performance.md gives the figures).
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
if (process.argv.includes("--single-run")) {
  const users = Number(arg("--users", "1000000"));
  const named = arg("--threads", undefined);
  const counts = (named ?? "1,2,4,8,16")
    .split(",")
    .map(Number)
    .filter((n) => named !== undefined || n <= availableParallelism());
  const script = new URL("./combined-case.js", import.meta.url).pathname;
  const rows = [];
  for (const threads of counts) {
    const out = execFileSync(process.execPath, ["--expose-gc", script, String(users), String(threads)], { encoding: "utf8", maxBuffer: 1 << 20 });
    const row = JSON.parse(out.trim().split("\n").pop());
    rows.push(row);
    process.stderr.write(`--threads ${threads}: ${row.seconds.toFixed(2)} s\n`);
  }
  const one = rows.find((r) => r.threads === 1);
  for (const r of rows) r.speedup = one ? Math.round((one.seconds / r.seconds) * 100) / 100 : null;
  const identical = new Set(rows.map((r) => r.valuesSha256)).size === 1;
  const machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? "?", node: process.version };
  if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify({ machine, users, days: 365, rows, identical })}\n`);
  else {
    console.log(
      `one run of bench-combined, ${users.toLocaleString("en-US")} users × 365 days, on ${machine.cores} cores (${machine.cpu}), Node ${machine.node}`,
    );
    console.log("| threads | seconds | speed-up | user-days/s | peak RSS |");
    console.log("| --- | --- | --- | --- | --- |");
    for (const r of rows)
      console.log(
        `| ${r.threads} | ${r.seconds.toFixed(2)} | ${r.speedup === null ? "" : `${r.speedup.toFixed(2)}×`} | ${(r.userDaysPerSecond / 1e6).toFixed(2)} M | ${(r.peakRssBytes / 1024 ** 3).toFixed(2)} GiB |`,
      );
    console.log(`every day's values identical on every thread count: ${identical}`);
  }
  if (!identical) process.exitCode = 1;
  process.exit();
}
const runs = Number(arg("--runs", "64"));
const users = Number(arg("--users", "50000"));
const workerCounts = arg("--workers", [1, 2, 4, 8, availableParallelism()].filter((n, i, a) => n <= availableParallelism() && a.indexOf(n) === i).join(","))
  .split(",")
  .map(Number);
const maxWorkers = Math.max(...workerCounts);
const dir = mkdtempSync(join(tmpdir(), "pointsim-scaling-"));
const base = new URL("../scenarios/bench-combined.yaml", import.meta.url).pathname;
const file = join(dir, "sweep.yaml");
writeFileSync(
  file,
  `name: scaling\nbase: ${base}\nseed: 1\nseeds: ${runs}\nmaxRuns: ${runs}\nset:\n  population.arrivals.perDay: ${(users / 180).toFixed(2)}\n  population.arrivals.marketSize: ${users}\n`,
);
const bin = new URL("../bin/pointsim", import.meta.url).pathname;
const sha = (path) => createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;
const log = (line) => process.stderr.write(`${line}\n`);

/** The same fixed CPU-bound work (an integer hash loop, no allocation) in `n` processes at once. */
function ceiling(n) {
  const code = "let h = 0x811c9dc5 | 0; for (let i = 0; i < 6e8; i++) { h = Math.imul(h ^ i, 16777619); } if (h === 42) console.log(h);";
  const t0 = process.hrtime.bigint();
  return Promise.all(Array.from({ length: n }, () => new Promise((ok) => spawn(process.execPath, ["-e", code], { stdio: "ignore" }).on("exit", ok)))).then(() =>
    seconds(t0),
  );
}

/**
 * The engine's own ceiling: k independent `pointsim run` processes of one 50,000-user run each,
 * started at once (no pool, no sharing), for k = 1, half the cores and all of them. If a run
 * takes longer when k runs at once, the machine (caches, memory bandwidth, cores that are
 * hyper-threads of one another) limits any pool to 16 × t(1) / t(k).
 */
async function engineCeiling(counts) {
  const scenario = join(dir, "one.yaml");
  writeFileSync(
    scenario,
    readFileSync(base, "utf8")
      .replace(/perDay: [0-9.]+/, `perDay: ${(users / 180).toFixed(2)}`)
      .replace(/marketSize: [0-9]+/, `marketSize: ${users}`),
  );
  const rows = [];
  for (const k of [...new Set(counts)]) {
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from(
        { length: k },
        (_, i) =>
          new Promise((ok, fail) =>
            spawn(process.execPath, [bin, "run", scenario, "--out", join(dir, `one-${k}-${i}`), "-q"], { stdio: "ignore" }).on("exit", (code) =>
              code === 0 || code === 1 ? ok() : fail(new Error(`run exit ${code}`)),
            ),
          ),
      ),
    );
    rows.push({ processes: k, seconds: seconds(t0) });
    log(`engine ceiling: ${k} single runs at once: ${seconds(t0).toFixed(2)} s`);
  }
  return rows;
}

/** A throughput-bound loop (four independent multiply chains, so one thread can fill a core). */
function throughputCeiling(n) {
  const code =
    "let a = 1, b = 2, c = 3, d = 4; for (let i = 0; i < 4e8; i++) { a = Math.imul(a ^ i, 16777619); b = Math.imul(b + i, 2246822519); c = Math.imul(c ^ (i >>> 1), 3266489917); d = Math.imul(d + (i << 1), 668265263); } if ((a ^ b ^ c ^ d) === 42) console.log(a);";
  const t0 = process.hrtime.bigint();
  return Promise.all(Array.from({ length: n }, () => new Promise((ok) => spawn(process.execPath, ["-e", code], { stdio: "ignore" }).on("exit", ok)))).then(() =>
    seconds(t0),
  );
}

const results = { machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? "?", node: process.version }, runs, users, days: 365 };
if (process.argv.includes("--ceilings")) {
  const one = await throughputCeiling(1);
  const half = await throughputCeiling(Math.max(1, maxWorkers / 2));
  const all = await throughputCeiling(maxWorkers);
  results.throughputCeiling = {
    oneSeconds: one,
    halfSeconds: half,
    allSeconds: all,
    speedupHalf: ((maxWorkers / 2) * one) / half,
    speedupAll: (maxWorkers * one) / all,
  };
  log(
    `throughput ceiling: 1 ${one.toFixed(2)} s, ${maxWorkers / 2} ${half.toFixed(2)} s, ${maxWorkers} ${all.toFixed(2)} s: ${results.throughputCeiling.speedupAll.toFixed(2)}× of ${maxWorkers}`,
  );
  const engine = await engineCeiling([1, Math.max(1, maxWorkers / 2), maxWorkers]);
  results.engineCeiling = engine.map((r) => ({
    ...r,
    slowdown: r.seconds / (engine[0]?.seconds ?? r.seconds),
    bound: (maxWorkers * (engine[0]?.seconds ?? 0)) / r.seconds,
  }));
}
const one = await ceiling(1);
const many = await ceiling(maxWorkers);
results.ceiling = { processes: maxWorkers, oneSeconds: one, allSeconds: many, speedup: (maxWorkers * one) / many };
log(`ceiling: 1 process ${one.toFixed(2)} s; ${maxWorkers} at once ${many.toFixed(2)} s: ${results.ceiling.speedup.toFixed(2)}× of ${maxWorkers}`);

results.threads = [];
for (const w of workerCounts) {
  const out = join(dir, `w${w}`);
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [bin, "sweep", file, "--workers", String(w), "--out", out, "-q", "--no-progress"], { stdio: "inherit" });
  const s = seconds(t0);
  results.threads.push({ workers: w, seconds: s, runsCsv: sha(join(out, "runs.csv")) });
  log(`threads: --workers ${w}: ${s.toFixed(2)} s`);
  rmSync(out, { recursive: true, force: true });
}

// --variants: the largest worker count again under V8 settings that change how the threads'
// garbage collectors share the process (a bigger platform pool; each isolate collecting alone;
// a larger young generation). These are process-wide flags: setting --single-threaded-gc from
// inside a running process (v8.setFlagsFromString) crashed V8, so it can only come from the
// command line.
if (process.argv.includes("--variants")) {
  results.variants = [];
  for (const [label, flags, env] of [
    [`--v8-pool-size=${maxWorkers}`, [], { NODE_OPTIONS: `--v8-pool-size=${maxWorkers}` }],
    ["--single-threaded-gc", ["--single-threaded-gc"], {}],
    ["--max-semi-space-size=64", ["--max-semi-space-size=64"], {}],
  ]) {
    const out = join(dir, "variant");
    const t0 = process.hrtime.bigint();
    execFileSync(process.execPath, [...flags, bin, "sweep", file, "--workers", String(maxWorkers), "--out", out, "-q", "--no-progress"], {
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    const s = seconds(t0);
    results.variants.push({ label, workers: maxWorkers, seconds: s, runsCsv: sha(join(out, "runs.csv")) });
    log(`variant ${label}: --workers ${maxWorkers}: ${s.toFixed(2)} s`);
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv.includes("--processes")) {
  const t0 = process.hrtime.bigint();
  const outs = Array.from({ length: maxWorkers }, (_, k) => join(dir, `shard${k + 1}`));
  await Promise.all(
    outs.map(
      (out, k) =>
        new Promise((ok, fail) =>
          spawn(process.execPath, [bin, "sweep", file, "--workers", "1", "--shard", `${k + 1}/${maxWorkers}`, "--out", out, "-q", "--no-progress"], {
            stdio: "inherit",
          }).on("exit", (code) => (code === 0 ? ok() : fail(new Error(`shard ${k + 1} exit ${code}`)))),
        ),
    ),
  );
  const merged = join(dir, "merged");
  execFileSync(process.execPath, [bin, "merge", ...outs, "--out", merged], { stdio: "ignore" });
  const s = seconds(t0);
  results.processes = { processes: maxWorkers, seconds: s, runsCsv: sha(join(merged, "runs.csv")) };
  log(`processes: ${maxWorkers} shards at once + merge: ${s.toFixed(2)} s`);
}
rmSync(dir, { recursive: true, force: true });

const first = results.threads[0];
for (const t of results.threads) t.speedup = first.workers === 1 ? first.seconds / t.seconds : null;
if (results.processes && first.workers === 1) results.processes.speedup = first.seconds / results.processes.seconds;
for (const v of results.variants ?? []) v.speedup = first.workers === 1 ? first.seconds / v.seconds : null;
const hashes = new Set([...results.threads, ...(results.variants ?? []), ...(results.processes ? [results.processes] : [])].map((t) => t.runsCsv));
results.runsCsvIdentical = hashes.size === 1;
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(results)}\n`);
else {
  console.log(`${runs} runs × ${users} users × 365 days on ${results.machine.cores} cores (${results.machine.cpu}), Node ${results.machine.node}`);
  console.log(`ceiling (same CPU loop in 1 and ${maxWorkers} processes): ${results.ceiling.speedup.toFixed(2)}×`);
  for (const t of results.threads)
    console.log(`  --workers ${String(t.workers).padStart(3)}: ${t.seconds.toFixed(2).padStart(7)} s${t.speedup ? `  ${t.speedup.toFixed(2)}×` : ""}`);
  for (const v of results.variants ?? [])
    console.log(`  --workers ${v.workers} with ${v.label}: ${v.seconds.toFixed(2)} s${v.speedup ? `  ${v.speedup.toFixed(2)}×` : ""}`);
  if (results.processes)
    console.log(
      `  ${maxWorkers} shard processes + merge: ${results.processes.seconds.toFixed(2)} s${results.processes.speedup ? `  ${results.processes.speedup.toFixed(2)}×` : ""}`,
    );
  console.log(`  runs.csv identical everywhere: ${results.runsCsvIdentical}`);
}
