// node bench/watch-alarms.js [--platforms 40] [--particles 24] [--workers 2] [--json] [--small]
// (npm run bench:watch-alarms). How often does `pointsim watch` (docs/decide.md, "Early warning")
// warn in time, and how often falsely? For each of N synthetic platforms (a small dividend-rights
// platform, 800 people: test/watch-cli.test.ts's) the truth's orderRate is drawn log-uniform over
// 0.003 to 0.08, wide enough that some collapse within the horizon and some never do; the truth
// is one run over OBSERVED + HORIZON days, its first OBSERVED days the observations, its own
// collapse day the known fate. The watch sees only the observations, cut-off by cut-off, with
// the fit's range for orderRate (0.002 to 0.1, log). Reported, at each alarm level:
//   - detection: of the platforms that collapse by OBSERVED + HORIZON, the share alarmed before
//     their collapse day, and the median lead time (collapse day − first alarm day);
//   - false alarms: of the platforms that do not, the share alarmed at some cut-off t though
//     they do not collapse by t + HORIZON;
//   - calibration: every (platform, cut-off) pair's P against whether the truth collapsed by
//     t + HORIZON, in bins of P (a calibrated P has the observed frequency inside its bin).
// --small: 2 platforms, orderRate 0.05 (fails) and 0.005 (holds), 12 particles (the e2e smoke sample, test/watch-cli.test.ts,
// which npm test runs with --particles 8 and npm run test:long as it is). Deterministic: platform i's truth
// and seed come from i.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { loadFitFile } from "../dist/fit/spec.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { simulate } from "../dist/simulate.js";
import { numericSeries } from "../dist/engine/columns.js";
import { quantile } from "../dist/sweep/stats.js";
import { runWatch } from "../dist/watch/run.js";

const has = (name) => process.argv.includes(name);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const small = has("--small");
const platforms = arg("--platforms", small ? 2 : 40);
const particles = arg("--particles", small ? 12 : 24);
const workers = arg("--workers", 2);
const json = has("--json");
const OBSERVED = 60;
const HORIZON = 150;
const EVERY = 20;
const ALARMS = [0.5, 0.9];
const BINS = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0000001];

const scenario = (orderRate) => ({
  name: "alarm-bench",
  seed: 7,
  days: OBSERVED + HORIZON,
  products: [{ id: "pack", price: 100, cost: 70, platformMargin: 30 }],
  population: {
    arrivals: { model: "logistic", marketSize: 800, initialUsers: 30, growthRate: 0.1 },
    segments: [{ name: "member", firstOrderProduct: "pack", orderRate, churnRate: 0.002 }],
  },
  schemes: { dividendRights: { spendPerRight: 500, rightValue: 500, turnoverShare: 0.05, maxPerRightPerDay: 1 } },
  platform: { initialCash: 20000 },
});

/** Platform i: its truth, run once (its observations and its fate), and a fit folder for the watch. */
function platform(i, dir) {
  const random = seedrandom(`watch-alarms:${i}`);
  const drawn = Number((0.003 * (0.08 / 0.003) ** random()).toFixed(5));
  // The smoke sample: one platform that fails, one that holds (test/watch-cli.test.ts's two).
  const orderRate = small ? [0.05, 0.005][i % 2] : drawn;
  const truth = simulate(resolveScenario(scenario(orderRate)).scenario, { seed: 5_000_000 + i });
  const lines = ["day,column,value"];
  const users = numericSeries(truth.specs, truth.values, "users_total");
  const orders = numericSeries(truth.specs, truth.values, "orders");
  for (let d = 0; d < OBSERVED; d++) lines.push(`${d + 1},users_total,${users[d]}`, `${d + 1},orders,${orders[d]}`);
  writeFileSync(join(dir, "observed.csv"), `${lines.join("\n")}\n`);
  writeFileSync(join(dir, "platform.yaml"), JSON.stringify(scenario(0.02)));
  const fit = {
    name: `alarm-bench-${i}`,
    base: "platform.yaml",
    seed: 10_000 + i,
    seeds: 2,
    set: { days: OBSERVED },
    parameters: [{ key: "population.segments.member.orderRate", range: { from: 0.002, to: 0.1 }, scale: "log", decimals: 5 }],
    targets: [{ series: "observed.csv" }],
  };
  writeFileSync(join(dir, "fit.yaml"), JSON.stringify(fit));
  return { orderRate, collapseDay: truth.summary.collapseDay };
}

const started = Date.now();
const rows = [];
for (let i = 0; i < platforms; i++) {
  const dir = mkdtempSync(join(tmpdir(), "pointsim-watch-alarms-"));
  try {
    const { orderRate, collapseDay } = platform(i, dir);
    const outcome = await runWatch(
      loadFitFile(join(dir, "fit.yaml")),
      { every: EVERY, horizon: HORIZON, particles, minEss: 0.25, rounds: 8, alarms: ALARMS, failureDay: collapseDay },
      { workers },
    );
    rows.push({
      platform: i,
      orderRate,
      collapseDay,
      steps: outcome.steps.map((s) => ({
        day: s.day,
        probability: s.probability,
        ess: s.ess,
        reliable: s.reliable,
        collapsed: collapseDay !== null && collapseDay <= s.day + HORIZON,
      })),
      runs: outcome.runs,
    });
    if (!json)
      process.stderr.write(
        `platform ${i}: orderRate ${orderRate}, collapse ${collapseDay ?? "none"}, P ${outcome.steps.map((s) => s.probability.toFixed(2)).join(" ")}, ESS ${outcome.steps.map((s) => s.ess.toFixed(1)).join(" ")}\n`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const failing = rows.filter((r) => r.collapseDay !== null);
const holding = rows.filter((r) => r.collapseDay === null);
const byLevel = ALARMS.map((level) => {
  const leads = [];
  let early = 0;
  for (const r of failing) {
    const first = r.steps.find((s) => s.probability >= level);
    if (first && first.day < r.collapseDay) {
      early++;
      leads.push(r.collapseDay - first.day);
    }
  }
  const falsely = rows.filter((r) => r.steps.some((s) => s.probability >= level && !s.collapsed));
  const falselyHolding = holding.filter((r) => r.steps.some((s) => s.probability >= level));
  return {
    level,
    detected: early,
    failing: failing.length,
    medianLead:
      leads.length > 0
        ? quantile(
            leads.sort((a, b) => a - b),
            0.5,
          )
        : null,
    falseAlarmsNonFailing: falselyHolding.length,
    nonFailing: holding.length,
    falseAlarmsAnyCutoff: falsely.length,
  };
});
const pairs = rows.flatMap((r) => r.steps);
const calibration = BINS.slice(0, -1).map((from, b) => {
  const to = BINS[b + 1];
  const inBin = pairs.filter((s) => s.probability >= from && s.probability < to);
  return {
    from,
    to: Math.min(to, 1),
    pairs: inBin.length,
    meanP: inBin.length > 0 ? inBin.reduce((a, s) => a + s.probability, 0) / inBin.length : null,
    observed: inBin.length > 0 ? inBin.filter((s) => s.collapsed).length / inBin.length : null,
  };
});
const unreliable = pairs.filter((s) => !s.reliable).length;
const result = {
  platforms,
  particles,
  observed: OBSERVED,
  horizon: HORIZON,
  every: EVERY,
  failing: failing.length,
  byLevel,
  calibration,
  unreliableSteps: unreliable,
  steps: pairs.length,
  medianEss: quantile(
    pairs.map((s) => s.ess).sort((a, b) => a - b),
    0.5,
  ),
  seconds: Math.round((Date.now() - started) / 1000),
};
if (json) process.stdout.write(`${JSON.stringify({ ...result, rows }, null, 1)}\n`);
else {
  const pct = (a, b) => (b > 0 ? `${((100 * a) / b).toFixed(0)}%` : "n/a");
  console.log(
    `watch alarms: ${platforms} platforms (${failing.length} collapse by day ${OBSERVED + HORIZON}), ${particles} particles, cut-offs every ${EVERY} days to day ${OBSERVED}, horizon ${HORIZON}; ${result.seconds} s`,
  );
  for (const l of byLevel)
    console.log(
      `  alarm ${l.level}: ${l.detected}/${l.failing} failing platforms alarmed before failing (${pct(l.detected, l.failing)}), median lead ${l.medianLead ?? "n/a"} days; ${l.falseAlarmsNonFailing}/${l.nonFailing} non-failing falsely alarmed (${pct(l.falseAlarmsNonFailing, l.nonFailing)}); ${l.falseAlarmsAnyCutoff}/${platforms} platforms alarmed at a cut-off whose horizon holds no collapse`,
    );
  console.log("  calibration (every platform × cut-off): P bin, pairs, mean P, observed collapse frequency");
  for (const c of calibration)
    console.log(
      `    [${c.from.toFixed(1)}, ${c.to.toFixed(1)}${c.to === 1 ? "]" : ")"}: ${c.pairs}, ${c.meanP === null ? "-" : c.meanP.toFixed(2)}, ${c.observed === null ? "-" : c.observed.toFixed(2)}`,
    );
  console.log(`  effective sample size: median ${result.medianEss?.toFixed(1)}; ${unreliable}/${pairs.length} cut-offs under the floor`);
}
