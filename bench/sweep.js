// npm run bench:sweep: 16 runs of a 50,000-user, 365-day scenario (bench-combined scaled down),
// with --workers 1 and --workers 2, alternated over several trials (default 5, --trials N)
// because a shared virtual machine's neighbours add noise of several percent to any one
// timing. Prints every trial, and the speed-up from the fastest time of each (the least
// disturbed measurement) and from the medians (target ≥ 1.8). --json for one JSON object.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const trials = Math.max(1, arg("--trials", 5));
const dir = mkdtempSync(join(tmpdir(), "pointsim-bench-sweep-"));
const base = new URL("../scenarios/bench-combined.yaml", import.meta.url).pathname;
const file = join(dir, "sweep.yaml");
writeFileSync(
  file,
  `name: bench-sweep\nbase: ${base}\nseed: 1\nseeds: 16\nset:\n  population.arrivals.perDay: 277.78\n  population.arrivals.marketSize: 50000\n`,
);
const bin = new URL("../bin/pointsim", import.meta.url).pathname;

const time = (workers, trial) => {
  const out = join(dir, `w${workers}-t${trial}`);
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [bin, "sweep", file, "--workers", String(workers), "--out", out, "-q", "--no-progress"], { stdio: "inherit" });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, runsCsv: readFileSync(join(out, "runs.csv"), "utf8") };
};
const round3 = (x) => Math.round(x * 1000) / 1000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const one = [];
const two = [];
let identical = true;
let reference = null;
for (let t = 1; t <= trials; t++) {
  for (const [workers, list] of [
    [1, one],
    [2, two],
  ]) {
    const { seconds, runsCsv } = time(workers, t);
    list.push(seconds);
    reference ??= runsCsv;
    identical &&= runsCsv === reference;
  }
}
rmSync(dir, { recursive: true, force: true });

const result = {
  runs: 16,
  users: 50000,
  days: 365,
  trials,
  workers1Seconds: one.map(round3),
  workers2Seconds: two.map(round3),
  speedupBest: round3(Math.min(...one) / Math.min(...two)),
  speedupMedian: round3(median(one) / median(two)),
  runsCsvIdentical: identical,
};
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  console.log(`16 runs × 50,000 users × 365 days, ${trials} trial(s) each, alternated:`);
  console.log(`  --workers 1: ${result.workers1Seconds.join(" s, ")} s`);
  console.log(`  --workers 2: ${result.workers2Seconds.join(" s, ")} s`);
  console.log(`  speed-up (fastest of each): ${result.speedupBest}; (medians): ${result.speedupMedian} (target ≥ 1.8)`);
  console.log(`  runs.csv identical for every worker count and trial: ${identical}`);
}
