// node bench/sweep-overhead.js [--runs 2000] [--workers 1] [--json] (npm run bench:sweep runs it after the scaling trials)
// What a sweep costs besides its simulations, per run, measured on runs so small (the starter
// scenario, 60 users, 10 days) that the overhead is most of the time. Phases, timed in one
// process with pointsim's own functions: loading the sweep file and expanding its points;
// validating every point (preflight); the runs (worker start, handing out jobs, building each
// point's scenario in the worker, simulating, appending the log line); writing the outputs
// (runs.csv, points.csv, runs.parquet, report.html, read back from the log). The simulations
// alone are timed too, in-process, so that overhead per run = (runs phase − simulations) / runs.
// Peak RSS is the process's true peak (getrusage), worker threads included; with --runs 100000
// it shows that memory does not grow with the number of runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { loadSweepFile } from "../dist/sweep/spec.js";
import { preflightSweep } from "../dist/sweep/preflight.js";
import { runSweep, mergeSweeps } from "../dist/sweep/run.js";
import { parseScenarioText } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { simulate } from "../dist/simulate.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg("--runs", 2000);
const workers = arg("--workers", 1);
const dir = mkdtempSync(join(tmpdir(), "pointsim-bench-overhead-"));
const starter = new URL("../templates/starter.yaml", import.meta.url).pathname;
const file = join(dir, "sweep.yaml");
writeFileSync(
  file,
  `name: overhead\nbase: ${starter}\nmethod: random\nsamples: ${runs}\nmaxRuns: ${Math.max(runs, 1)}\nset: { days: 10, population.arrivals.marketSize: 60 }\nparameters:\n  - { key: population.arrivals.growthRate, range: { from: 0.01, to: 0.05 } }\n`,
);
const now = () => Number(process.hrtime.bigint()) / 1e9;
const ms = (s) => Math.round(s * 1e6) / 1e3;

let t = now();
const loaded = loadSweepFile(file);
const loadSeconds = now() - t;
t = now();
preflightSweep(loaded, []);
const validateSeconds = now() - t;

// A worker's start: from new Worker to its first answer (module loading included).
t = now();
await new Promise((resolve, reject) => {
  const w = new Worker(new URL("../dist/sweep/worker.js", import.meta.url), { workerData: { baseData: loaded.baseData } });
  w.once("message", () => void w.terminate().then(resolve));
  w.once("error", reject);
  w.postMessage({ index: 0, point: 0, replica: 0, seed: 1, values: loaded.points[0].values, keepSeries: false, keepBands: false });
});
const workerStartSeconds = now() - t;

const out = join(dir, "out");
const timeline = [];
const sampler = process.env.DEBUG_RSS ? setInterval(() => timeline.push(Math.round(process.memoryUsage.rss() / 1048576)), 1000) : null;
t = now();
await runSweep(loaded, { out, workers });
const sweepSeconds = now() - t;
const peakAfterSweepMiB = Math.round(process.resourceUsage().maxRSS / 1024);
if (sampler) {
  clearInterval(sampler);
  console.error("rss timeline (MiB, every second):", timeline.join(" "));
}
// The outputs alone: a merge of the folder rewrites every output from the log.
t = now();
mergeSweeps([out], join(dir, "merged"));
const outputsSeconds = now() - t;

// The simulations alone, in-process, on the same points (a sample of 500 when there are more).
const base = parseScenarioText(readFileSync(starter, "utf8"), "starter.yaml").data;
const sample = loaded.runs.filter((_, i) => i % Math.max(1, Math.floor(loaded.runs.length / 500)) === 0);
// Built as the worker builds them (a copy of the base, the point's value, validation), then timed
// on a second pass, once the code is compiled, as it is in a worker after its first runs.
const simulateAll = () => {
  const t0 = now();
  for (const run of sample) {
    const data = structuredClone(base);
    data.days = 10;
    data.population.arrivals.marketSize = 60;
    data.population.arrivals.growthRate = loaded.points[run.point].values["population.arrivals.growthRate"];
    simulate(resolveScenario(data).scenario, { seed: run.seed });
  }
  return (now() - t0) / sample.length;
};
simulateAll();
const simulatePerRun = simulateAll();
rmSync(dir, { recursive: true, force: true });

const runsPhase = sweepSeconds - outputsSeconds;
const result = {
  runs,
  workers,
  loadMs: ms(loadSeconds),
  validatePerPointMs: ms(validateSeconds / loaded.points.length),
  workerStartMs: ms(workerStartSeconds),
  sweepSeconds: Math.round(sweepSeconds * 100) / 100,
  simulatePerRunMs: ms(simulatePerRun),
  // Worker time per run, everything included (with w workers, each run holds one worker for
  // w × wall / runs), and what of it is not the simulation (negative: below the noise of the two timings).
  runPerRunMs: ms((runsPhase * workers) / runs),
  overheadPerRunMs: ms((runsPhase * workers) / runs - simulatePerRun),
  outputsPerRunMs: ms(outputsSeconds / runs),
  peakRssAfterSweepMiB: peakAfterSweepMiB,
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  console.log(`${runs} runs of a tiny scenario (60 users × 10 days), --workers ${workers}:`);
  console.log(`  load and expand the sweep: ${result.loadMs} ms; validate: ${result.validatePerPointMs} ms per point`);
  console.log(`  a worker's start (to its first answer): ${result.workerStartMs} ms`);
  console.log(`  the sweep: ${result.sweepSeconds} s; a tiny run's simulation alone: ${result.simulatePerRunMs} ms`);
  console.log(
    `  worker time per run in the sweep, everything included: ${result.runPerRunMs} ms; besides the simulation (scenario built in the worker, job and result messages, log line): ${result.overheadPerRunMs} ms (negative: below the noise of the two timings)`,
  );
  console.log(`  writing the outputs from the log: ${result.outputsPerRunMs} ms per run`);
  console.log(
    `  peak RSS (whole process, worker threads included): ${result.peakRssAfterSweepMiB} MiB by the end of the sweep, ${result.peakRssMiB} MiB by the end of the merge and the timings`,
  );
}
