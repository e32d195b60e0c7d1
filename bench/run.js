// npm run bench: the bare kernel, the engine on the same mechanics, and the full engine, in one
// process; prints wall time, user-days per second, peak RSS and bytes per user (docs/performance.md).
import { readFileSync } from "node:fs";
import { parseScenarioText } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { createSimulation } from "../dist/simulate.js";
import { kernel as bareKernel } from "./kernel.js";

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
report.kernel = measure((sample) => bareKernel(USERS, DAYS, sample));
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
