// npm run bench: the bare kernel, the engine on the same mechanics, and the full engine, in one
// process; prints wall time, user-days per second, peak RSS and bytes per user (docs/performance.md).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseScenarioText } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { createSimulation } from "../dist/simulate.js";
import { kernel as bareKernel } from "./kernel.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const argValue = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

// --scale: the combined case at 1M, 3M and 10M users (or --sizes, capped by --max-users), each
// in a process of its own so that every peak RSS is that size's true peak; then the cost per
// user-day at the largest size against the smallest (the linear-cost target: at least 0.9).
// "seconds" is the step loop; "end of run" the summary, who-loses and compliance report after it.
// --threads N: each run's per-user phases on N threads (as `run --threads N`; default: the
// machine's cores, as `run` does).
if (args.includes("--scale")) {
  const threads = Number(argValue("--threads") ?? (await import("node:os")).availableParallelism());
  const cap = Number(argValue("--max-users") ?? Infinity);
  let sizes = (argValue("--sizes") ?? "1000000,3000000,10000000").split(",").map(Number);
  sizes = sizes.filter((n) => n <= cap);
  if (sizes.length === 0) sizes = [cap];
  const script = new URL("./combined-case.js", import.meta.url).pathname;
  const rows = [];
  for (const users of sizes) {
    if (!json) process.stderr.write(`combined, ${users.toLocaleString("en-US")} users × 365 days on ${threads} thread(s) ...\n`);
    const out = execFileSync(process.execPath, ["--expose-gc", script, String(users), String(threads)], { encoding: "utf8", maxBuffer: 1 << 20 });
    rows.push(JSON.parse(out.trim().split("\n").pop()));
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  const linearity = Math.round((last.userDaysPerSecond / first.userDaysPerSecond) * 1000) / 1000;
  if (json)
    process.stdout.write(
      `${JSON.stringify({ machine: { cpus: (await import("node:os")).cpus().length, node: process.version }, days: 365, rows, linearity })}\n`,
    );
  else {
    const gib = (b) => `${(b / 1024 ** 3).toFixed(2)} GiB`;
    console.log("| users | threads | user-days | seconds | end of run s | user-days/s | ns per user-day | peak RSS | bytes per user |");
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const r of rows)
      console.log(
        `| ${r.users.toLocaleString("en-US")} | ${r.threads} | ${(r.userDays / 1e6).toFixed(0)} M | ${r.seconds.toFixed(1)} | ${r.resultSeconds.toFixed(1)} | ${(r.userDaysPerSecond / 1e6).toFixed(2)} M | ${r.nsPerUserDay} | ${gib(r.peakRssBytes)} | ${r.bytesPerUser} |`,
      );
    console.log(`user-days/s at ${last.users.toLocaleString("en-US")} users / at ${first.users.toLocaleString("en-US")}: ${linearity} (target ≥ 0.9)`);
  }
  process.exit(0);
}
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
  return {
    wallSeconds: round(wall),
    userDaysPerSecond: Math.round(userDays / wall),
    peakRssBytes: peak,
    bytesPerUser: Math.round(Math.max(0, peak - startRss) / users),
    users,
    userDays,
  };
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
  process.stdout.write(
    `${JSON.stringify({ kernel: pick(report.kernel), adPoints: pick(report.adPoints), combined: pick(report.combined), ratioAdPointsToKernel: report.ratioAdPointsToKernel })}\n`,
  );
} else {
  const mb = (b) => `${(b / 1048576).toFixed(0)} MiB`;
  for (const key of ["kernel", "adPoints", "combined"]) {
    const m = report[key];
    console.log(
      `${key.padEnd(9)} ${String(m.wallSeconds).padStart(8)} s  ${(m.userDaysPerSecond / 1e6).toFixed(2).padStart(8)} M user-days/s  peak RSS ${mb(m.peakRssBytes).padStart(9)}  ${String(m.bytesPerUser).padStart(5)} B/user  (${m.users} users)`,
    );
  }
  console.log(`engine / kernel (ad points): ${report.ratioAdPointsToKernel} (target ≥ 0.5 at 100k and 1M users on one thread, docs/performance.md)`);
}
