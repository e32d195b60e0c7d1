import { readFileSync } from "node:fs";
import { parseScenarioText } from "../dist/scenario/load.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { createSimulation } from "../dist/simulate.js";
const USERS = Number(process.argv[2] ?? 1000000);
const text = readFileSync(new URL(`../scenarios/bench-combined.yaml`, import.meta.url), "utf8");
const { data } = parseScenarioText(text, "x.yaml");
data.population.arrivals.perDay = Math.round((USERS / 180) * 100) / 100;
data.population.arrivals.marketSize = USERS;
if (process.argv[3]) data.population.maxUsers = Number(process.argv[3]);
const { scenario } = resolveScenario(data);
const t0 = performance.now();
const sim = createSimulation(scenario);
let ud = 0;
while (!sim.done) { sim.step(); ud += sim.state.users.count; }
const s = (performance.now() - t0) / 1000;
const r = sim.result();
console.log(JSON.stringify({ users: sim.state.users.count, seconds: s.toFixed(2), udps: (ud / s / 1e6).toFixed(2) + "M", ns: (s * 1e9 / ud).toFixed(0), rssMiB: (process.resourceUsage().maxRSS / 1024).toFixed(0), collapse: r.summary.collapseDay, paid: r.summary.totalWithdrawalsPaid }));
