// npm run bench: the bare kernel, the engine on the same mechanics, and the full engine, in one
// process; prints wall time, user-days per second, peak RSS and bytes per user (docs/performance.md).
import { readFileSync } from "node:fs";
import { parseScenarioText } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { createSimulation } from "../dist/simulate.js";
import seedrandom from "seedrandom";

const args = process.argv.slice(2);
const json = args.includes("--json");
const usersArg = args.indexOf("--users");
const USERS = usersArg >= 0 ? Number(args[usersArg + 1]) : 1_000_000;
const DAYS = 365;

function load(name, edit) {
  const text = readFileSync(new URL(`../scenarios/${name}.yaml`, import.meta.url), "utf8");
  const { data } = parseScenarioText(text, `${name}.yaml`);
  edit(data);
  const { scenario, problems } = resolveScenario(data);
  if (!scenario) throw new Error(JSON.stringify(problems));
  return scenario;
}

/** Measures fn(sample) where sample() is called now and then to track the case's peak RSS. */
function measure(fn) {
  global.gc?.();
  const startRss = process.memoryUsage.rss();
  let peak = startRss;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const t0 = process.hrtime.bigint();
  const { userDays, users } = fn(sample);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  sample();
  return { wallSeconds: round(wall), userDaysPerSecond: Math.round(userDays / wall), peakRssBytes: peak, bytesPerUser: Math.round(Math.max(0, peak - startRss) / users), users, userDays };
}
const round = (x) => Math.round(x * 1000) / 1000;

/**
 * (a) The bare kernel: users as typed-array columns, one seeded draw per user-day (sfc32,
 * inlined), the ad-point release of seed 000's tiers in integer units. Hot loop in a small
 * function called per block of users.
 */
function kernel(sample) {
  const n = USERS;
  const points = new Float64Array(n).fill(11_000_000); // 1100 points in 0.0001 units
  const change = new Float64Array(n);
  const seeder = seedrandom("kernel");
  const state = new Int32Array([seeder.int32(), seeder.int32(), seeder.int32(), seeder.int32()]);
  const watch = Math.floor(0.9 * 4294967296);
  function block(from, to) {
    let a = state[0], b = state[1], c = state[2], d = state[3];
    for (let i = from; i < to; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      if (t >>> 0 >= watch) continue;
      const balance = points[i];
      if (balance < 2_000_000) continue;
      const cap = balance >= 40_000_000 ? 400_000 : balance >= 20_000_000 ? 200_000 : balance >= 10_000_000 ? 100_000 : 20_000;
      const share = Math.floor(balance / 100);
      const pu = share < cap ? share : cap;
      points[i] = balance - pu;
      change[i] += Math.floor(pu / 100);
    }
    state[0] = a; state[1] = b; state[2] = c; state[3] = d;
  }
  for (let day = 0; day < DAYS; day++) {
    for (let from = 0; from < n; from += 4096) block(from, Math.min(n, from + 4096));
    if (day % 30 === 0) sample();
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += change[i];
  if (total <= 0) throw new Error("kernel released nothing");
  return { userDays: n * DAYS, users: n };
}

function engine(scenario) {
  return (sample) => {
    const sim = createSimulation(scenario);
    let userDays = 0;
    while (!sim.done) {
      sim.step();
      userDays += sim.state.users.count;
      if (sim.state.day % 10 === 0) sample();
    }
    return { userDays, users: sim.state.users.count };
  };
}

const adScenario = load("bench-ad-points", (d) => (d.population.scheduled[0].count = USERS));
const combinedScenario = load("bench-combined", (d) => {
  d.population.arrivals.perDay = Math.round((USERS / 180) * 100) / 100;
  d.population.arrivals.marketSize = USERS;
});
const report = { machine: { cpus: (await import("node:os")).cpus().length, node: process.version }, users: USERS, days: DAYS };
report.kernel = measure(kernel);
report.adPoints = measure(engine(adScenario));
report.combined = measure(engine(combinedScenario));
report.ratioAdPointsToKernel = round(report.adPoints.userDaysPerSecond / report.kernel.userDaysPerSecond);

if (json) {
  const pick = (m) => ({ wallSeconds: m.wallSeconds, userDaysPerSecond: m.userDaysPerSecond, peakRssBytes: m.peakRssBytes, bytesPerUser: m.bytesPerUser });
  process.stdout.write(`${JSON.stringify({ kernel: pick(report.kernel), adPoints: pick(report.adPoints), combined: pick(report.combined), ratioAdPointsToKernel: report.ratioAdPointsToKernel })}\n`);
} else {
  const mb = (b) => `${(b / 1048576).toFixed(0)} MiB`;
  for (const key of ["kernel", "adPoints", "combined"]) {
    const m = report[key];
    console.log(`${key.padEnd(9)} ${String(m.wallSeconds).padStart(8)} s  ${(m.userDaysPerSecond / 1e6).toFixed(2).padStart(8)} M user-days/s  peak RSS ${mb(m.peakRssBytes).padStart(9)}  ${String(m.bytesPerUser).padStart(5)} B/user  (${m.users} users)`);
  }
  console.log(`engine / kernel (ad points): ${report.ratioAdPointsToKernel} (target ≥ 0.25)`);
}
