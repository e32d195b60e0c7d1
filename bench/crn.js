// npm run bench:crn -- [--seeds 20] [--scenario scenarios/ad-ecommerce.yaml] [--key path] [--delta 0.001]
// What common random numbers buy: the one-at-a-time effect of a small change to one parameter
// (default: the first segment's orderRate, +0.001) measured on each of `--seeds` seeds, as a
// sweep would. The effect's spread across seeds is the noise a comparison carries: with draws
// keyed by user, day and purpose, users the change does not touch draw the same numbers in both
// runs, so the spread shrinks to the parameter's own effect. Prints mean, standard deviation and
// the standard deviation of the metric itself for scale.
import { loadScenarioFile } from "../dist/scenario/load.js";
import { simulate } from "../dist/simulate.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const seeds = Number(arg("--seeds", "20"));
const file = arg("--scenario", new URL("../scenarios/ad-ecommerce.yaml", import.meta.url).pathname);
const delta = Number(arg("--delta", "0.001"));
const { scenario } = loadScenarioFile(file);
const changed = structuredClone(scenario);
changed.population.segments[0].orderRate += delta;
const metrics = ["platformResult", "totalGmv", "totalNewMoneyIn", "usersLosingShare", "collapseDay"];
const effects = Object.fromEntries(metrics.map((m) => [m, []]));
const levels = Object.fromEntries(metrics.map((m) => [m, []]));
for (let seed = 1; seed <= seeds; seed++) {
  const a = simulate(scenario, { seed }).summary;
  const b = simulate(changed, { seed }).summary;
  for (const m of metrics) {
    const x = a[m] ?? scenario.days + 1;
    const y = b[m] ?? scenario.days + 1;
    effects[m].push(y - x);
    levels[m].push(x);
  }
}
const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
const sd = (v) => Math.sqrt(v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / (v.length - 1));
console.log(`segments[0].orderRate +${delta} on ${file.split("/").pop()}, ${seeds} seeds`);
console.log("metric".padEnd(18), "effect mean".padStart(14), "effect sd".padStart(14), "metric sd".padStart(14));
for (const m of metrics)
  console.log(m.padEnd(18), mean(effects[m]).toFixed(4).padStart(14), sd(effects[m]).toFixed(4).padStart(14), sd(levels[m]).toFixed(4).padStart(14));
