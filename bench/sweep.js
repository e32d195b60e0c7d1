// npm run bench:sweep: 16 runs of a 50,000-user, 365-day scenario (bench-combined scaled down),
// with --workers 1 and then --workers 2; prints both wall times and the speed-up (target ≥ 1.8).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "pointsim-bench-sweep-"));
const base = new URL("../scenarios/bench-combined.yaml", import.meta.url).pathname;
const file = join(dir, "sweep.yaml");
writeFileSync(file, `name: bench-sweep\nbase: ${base}\nseed: 1\nseeds: 16\nset:\n  population.arrivals.perDay: 277.78\n  population.arrivals.marketSize: 50000\n`);
const bin = new URL("../bin/pointsim", import.meta.url).pathname;
const time = (workers) => {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [bin, "sweep", file, "--workers", String(workers), "--out", join(dir, `w${workers}`), "-q", "--no-progress"], { stdio: "inherit" });
  return Number(process.hrtime.bigint() - t0) / 1e9;
};
const one = time(1);
const two = time(2);
const same = readFileSync(join(dir, "w1", "runs.csv"), "utf8") === readFileSync(join(dir, "w2", "runs.csv"), "utf8");
const result = { runs: 16, users: 50000, days: 365, workers1Seconds: Math.round(one * 1000) / 1000, workers2Seconds: Math.round(two * 1000) / 1000, speedup: Math.round((one / two) * 1000) / 1000, runsCsvIdentical: same };
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
else console.log(`16 runs × 50,000 users × 365 days: --workers 1 ${result.workers1Seconds} s, --workers 2 ${result.workers2Seconds} s, speed-up ${result.speedup} (target ≥ 1.8); runs.csv identical: ${same}`);
