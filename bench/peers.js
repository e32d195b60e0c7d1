// npm run bench:peers -- [--sizes 100000,1000000] [--trials 2] [--python-max-users 100000] [--json]
// The engine against what a quantitative user would write instead, on the same mechanism
// (scenarios/bench-ad-points.yaml: N users with 1100 ad points, watch probability 0.9, 1%
// released a day under seed 000's tiers, 365 days): the engine (its step loop, in-process), the
// bare JavaScript kernel (bench/kernel.js), NumPy (bench/peers/ad_points_numpy.py, int64,
// vectorised) and plain Python (bench/peers/ad_points_python.py; only up to
// --python-max-users, it runs at about 2 M user-days/s). Alternated trial by trial; the best of
// each is reported. Every implementation must release the same fen in total within 0.04% (they
// draw different random numbers). Needs python3 with NumPy (Debian: python3-numpy); without
// them it says so and measures the JavaScript side only. Not part of the test suite.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseScenarioText } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { createSimulation } from "../dist/simulate.js";
import { kernel } from "./kernel.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg("--sizes", "100000,1000000").split(",").map(Number);
const trials = Number(arg("--trials", "2"));
const pythonMax = Number(arg("--python-max-users", "100000"));
const DAYS = 365;
const TOLERANCE = 0.0004;
const peers = new URL("./peers/", import.meta.url).pathname;
const hasNumpy = spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status === 0;
const log = (line) => process.stderr.write(`${line}\n`);
if (!hasNumpy) log("python3 with NumPy not found (Debian: apt install python3-numpy): measuring the JavaScript side only");

function engine(users) {
  const { data } = parseScenarioText(readFileSync(new URL("../scenarios/bench-ad-points.yaml", import.meta.url), "utf8"), "bench-ad-points.yaml");
  data.population.scheduled[0].count = users;
  const sim = createSimulation(resolveScenario(data).scenario);
  let userDays = 0;
  const t0 = process.hrtime.bigint();
  while (!sim.done) {
    sim.step();
    userDays += sim.state.users.count;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { userDaysPerSecond: userDays / seconds, releasedFen: Math.round(sim.result().summary.totalUserPayouts * 100) };
}

function bare(users) {
  const t0 = process.hrtime.bigint();
  const { userDays, releasedFen } = kernel(users, DAYS);
  return { userDaysPerSecond: userDays / (Number(process.hrtime.bigint() - t0) / 1e9), releasedFen };
}

function python(script, users) {
  const out = execFileSync("python3", [`${peers}${script}`, String(users), String(DAYS)], { encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").pop());
  return { userDaysPerSecond: r.userDaysPerSecond, releasedFen: r.releasedFen };
}

const result = { days: DAYS, trials, sizes: {} };
for (const users of sizes) {
  const runs = { engine: [], kernel: [], ...(hasNumpy ? { numpy: [] } : {}), ...(hasNumpy && users <= pythonMax ? { python: [] } : {}) };
  for (let t = 0; t < trials; t++) {
    // Alternated, so that a slow moment of the machine falls on every implementation alike.
    const order = t % 2 === 0 ? Object.keys(runs) : Object.keys(runs).reverse();
    for (const name of order) {
      const r =
        name === "engine" ? engine(users) : name === "kernel" ? bare(users) : python(name === "numpy" ? "ad_points_numpy.py" : "ad_points_python.py", users);
      runs[name].push(r);
      log(`${users} users, trial ${t + 1}: ${name} ${(r.userDaysPerSecond / 1e6).toFixed(2)} M user-days/s, released ${r.releasedFen} fen`);
    }
  }
  const best = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [
      name,
      { userDaysPerSecond: Math.round(Math.max(...list.map((r) => r.userDaysPerSecond))), releasedFen: list[0].releasedFen },
    ]),
  );
  const reference = best.engine.releasedFen;
  for (const b of Object.values(best)) {
    b.releasedVsEngine = Math.round(((b.releasedFen - reference) / reference) * 1e6) / 1e6;
    b.sameRelease = Math.abs(b.releasedFen - reference) <= TOLERANCE * reference;
  }
  const size = { ...best, engineToKernel: Math.round((best.engine.userDaysPerSecond / best.kernel.userDaysPerSecond) * 1000) / 1000 };
  if (best.numpy) size.engineToNumpy = Math.round((best.engine.userDaysPerSecond / best.numpy.userDaysPerSecond) * 1000) / 1000;
  result.sizes[users] = size;
}

if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  console.log(`ad-point release, ${DAYS} days, best of ${trials} alternated trial(s); user-days per second (released fen vs the engine's):`);
  for (const [users, s] of Object.entries(result.sizes)) {
    const cells = ["engine", "kernel", "numpy", "python"]
      .filter((n) => s[n])
      .map(
        (n) =>
          `${n} ${(s[n].userDaysPerSecond / 1e6).toFixed(2)} M (${s[n].releasedVsEngine >= 0 ? "+" : ""}${(s[n].releasedVsEngine * 100).toFixed(3)}%${s[n].sameRelease ? "" : " DIFFERENT"})`,
      );
    console.log(`  ${Number(users).toLocaleString("en-US")} users: ${cells.join(", ")}`);
    console.log(`    engine / NumPy ${s.engineToNumpy ?? "n/a"} (target ≥ 2.0); engine / kernel ${s.engineToKernel} (target ≥ 0.5)`);
  }
}
const different = Object.values(result.sizes).some((s) => Object.values(s).some((b) => typeof b === "object" && !b.sameRelease));
if (different) process.exitCode = 1;
