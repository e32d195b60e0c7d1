// One run of the combined benchmark case (scenarios/bench-combined.yaml with N users arriving
// over 180 days, 365 days) in a process of its own, for `npm run bench -- --scale`: prints one
// JSON line with the step loop's seconds, user-days per second, ns per user-day and the
// process's true peak RSS (the kernel's high-water mark, getrusage ru_maxrss, not a sample).
//   node bench/combined-case.js 3000000 [threads]   (threads: run --threads; default 1)
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseScenarioText } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { createSimulation } from "../dist/simulate.js";
import { createThreadExecutor } from "../dist/parallel/thread-executor.js";

const USERS = Number(process.argv[2] ?? 1_000_000);
const THREADS = Number(process.argv[3] ?? 1);
const { data } = parseScenarioText(readFileSync(new URL("../scenarios/bench-combined.yaml", import.meta.url), "utf8"), "bench-combined.yaml");
data.population.arrivals.perDay = Math.round((USERS / 180) * 100) / 100;
data.population.arrivals.marketSize = USERS;
data.population.maxUsers = Math.max(USERS, 5_000_000);
const { scenario, problems } = resolveScenario(data);
if (!scenario) throw new Error(JSON.stringify(problems));
global.gc?.();
const startRss = process.memoryUsage.rss();
const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const executor = THREADS > 1 ? createThreadExecutor(THREADS) : undefined;
const sim = createSimulation(scenario, scenario.seed, { executor });
let userDays = 0;
while (!sim.done) {
  sim.step();
  userDays += sim.state.users.count;
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
// CPU time of the whole process (every thread): on a shared machine the steadier figure for one thread.
const cpu = process.cpuUsage(cpu0);
// The end of a run (summary, who loses, compliance report), timed on its own: the step loop's
// throughput is what scales with users × days.
const t1 = process.hrtime.bigint();
const summary = sim.result().summary;
const resultSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(
  `${JSON.stringify({
    users: sim.state.users.count,
    threads: THREADS,
    userDays,
    seconds: Math.round(seconds * 1000) / 1000,
    resultSeconds: Math.round(resultSeconds * 1000) / 1000,
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    userDaysPerSecond: Math.round(userDays / seconds),
    nsPerUserDay: Math.round((seconds * 1e9) / userDays),
    peakRssBytes: peakRss,
    startRssBytes: startRss,
    bytesPerUser: Math.round((peakRss - startRss) / sim.state.users.count),
    collapseDay: summary.collapseDay,
    withdrawalsPaid: summary.totalWithdrawalsPaid,
    // Every day's values, hashed: a run on N threads must give the same bytes as on one.
    valuesSha256: createHash("sha256").update(JSON.stringify(sim.values)).digest("hex").slice(0, 16),
  })}\n`,
);
await executor?.close();
