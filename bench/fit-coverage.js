// node bench/fit-coverage.js [--platforms 50] [--workers 2] [--seed-only] [--json] [--small]
// (npm run bench:fit-coverage). Does the fit's projection band hold the truth as often as it
// says? For each of N synthetic platforms (the founder's rules, scenarios/founder/platform.yaml,
// at 5,000 people and 400 days) with growthRate and orderRate drawn over wide ranges: the truth's
// first 60 days on one seed are the observations; a fit (docs/fit.md) from the founder's ranges
// projects the collapse day with its P5–P95 band; the truth's own collapse day, on a seed no fit
// used, should fall inside that 90% band in about 90% of platforms. --seed-only also runs the
// best values alone on the projection's seeds (the band before the parameters' uncertainty was
// drawn into it) and reports that band's coverage beside it. --small: 30 days and tiny budgets
// (the test's smoke sample, test/fit.test.ts: npm test runs it with --platforms 1, npm run
// test:long as it is). Deterministic: platform i's truths and seeds come
// from i.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { parse } from "yaml";
import { loadFitFile } from "../dist/fit/spec.js";
import { fitSeed, runFit } from "../dist/fit/run.js";
import { runFitJob } from "../dist/fit/worker.js";
import { resolveScenario } from "../dist/scenario/validate.js";
import { simulate } from "../dist/simulate.js";
import { numericSeries } from "../dist/engine/columns.js";
import { quantile } from "../dist/sweep/stats.js";

const has = (name) => process.argv.includes(name);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const small = has("--small");
const platforms = arg("--platforms", small ? 2 : 50);
const workers = arg("--workers", 2);
const seedOnly = has("--seed-only");
const json = has("--json");
const base = parse(readFileSync(new URL("../scenarios/founder/platform.yaml", import.meta.url), "utf8"));
const HORIZON = small ? 200 : 400;
const OBSERVED = small ? 30 : 60;
// The truths: log-uniform over a 2.5× range each, inside the fit's ranges (those of scenarios/founder/fit.yaml).
const logUniform = (random, from, to) => Number((from * (to / from) ** random()).toFixed(5));

function platform(i) {
  const random = seedrandom(`fit-coverage:${i}`);
  const truth = { growthRate: logUniform(random, 0.02, 0.05), orderRate: logUniform(random, 0.012, 0.03) };
  const observedSeed = 1_000_000 + i;
  const truthSeed = 2_000_000 + i;
  const scenario = structuredClone(base);
  scenario.name = `coverage-${i}`;
  scenario.days = HORIZON;
  scenario.population.arrivals.marketSize = 5000;
  scenario.population.arrivals.initialUsers = 50;
  const withTruth = structuredClone(scenario);
  withTruth.population.arrivals.growthRate = truth.growthRate;
  withTruth.population.segments[0].orderRate = truth.orderRate;
  const resolved = resolveScenario(withTruth).scenario;
  const observedRun = simulate({ ...resolved, days: OBSERVED }, { seed: observedSeed });
  const lines = ["day,column,value"];
  for (const column of ["users_total", "orders", "gmv"])
    numericSeries(observedRun.specs, observedRun.values, column).forEach((v, d) => lines.push(`${d + 1},${column},${v}`));
  const trueDay = simulate(resolved, { seed: truthSeed }).summary.collapseDay ?? HORIZON + 1;
  return { truth, observedSeed, truthSeed, scenario, observed: `${lines.join("\n")}\n`, trueDay };
}

const rows = [];
const started = Date.now();
for (let i = 0; i < platforms; i++) {
  const p = platform(i);
  const dir = mkdtempSync(join(tmpdir(), "pointsim-fit-coverage-"));
  try {
    writeFileSync(join(dir, "platform.yaml"), JSON.stringify(p.scenario));
    writeFileSync(join(dir, "observed.csv"), p.observed);
    const fit = {
      name: `coverage-${i}`,
      base: "platform.yaml",
      seed: `coverage-${i}`,
      seeds: 2,
      set: { days: OBSERVED },
      parameters: [
        { key: "population.arrivals.growthRate", range: { from: 0.005, to: 0.2 }, scale: "log", decimals: 5 },
        { key: "population.segments.member.orderRate", range: { from: 0.002, to: 0.1 }, scale: "log", decimals: 5 },
      ],
      targets: [{ series: "observed.csv" }],
      start: small ? 8 : 16,
      maxCandidates: small ? 24 : 80,
      project: { seeds: small ? 10 : 40 },
    };
    writeFileSync(join(dir, "fit.yaml"), JSON.stringify(fit));
    const loaded = loadFitFile(join(dir, "fit.yaml"));
    const outcome = await runFit(loaded, { workers });
    const band = outcome.projection.collapseDay;
    const row = {
      platform: i,
      truth: p.truth,
      fitted: { growthRate: outcome.best.values[0], orderRate: outcome.best.values[1] },
      intervals: outcome.parameters.map((q) => q.interval),
      error: outcome.best.error,
      trueDay: p.trueDay,
      band,
      inside: p.trueDay >= band.p5 && p.trueDay <= band.p95,
    };
    if (seedOnly) {
      const data = { fitData: loaded.fitData, projectData: loaded.baseData, keys: loaded.spec.parameters.map((q) => q.key), metrics: [], columns: [] };
      const days = outcome.projection.runs
        .map((_, r) => runFitJob(data, { id: r, values: outcome.best.values, seed: fitSeed(loaded.spec.seed, r), project: true }))
        .map((r) => r.collapseDay ?? r.days + 1)
        .sort((a, b) => a - b);
      row.seedBand = { p5: quantile(days, 0.05), p50: quantile(days, 0.5), p95: quantile(days, 0.95) };
      row.seedInside = p.trueDay >= row.seedBand.p5 && p.trueDay <= row.seedBand.p95;
    }
    rows.push(row);
    if (!json)
      process.stdout.write(
        `${i}: truth ${p.truth.growthRate}/${p.truth.orderRate} fitted ${row.fitted.growthRate}/${row.fitted.orderRate}; true day ${p.trueDay}, band ${band.p5}-${band.p95} ${row.inside ? "in" : "OUT"}${seedOnly ? `; seeds alone ${row.seedBand.p5}-${row.seedBand.p95} ${row.seedInside ? "in" : "OUT"}` : ""}\n`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const share = (xs) => xs.filter(Boolean).length / xs.length;
const result = {
  platforms,
  horizon: HORIZON,
  observedDays: OBSERVED,
  coverage: share(rows.map((r) => r.inside)),
  seedOnlyCoverage: seedOnly ? share(rows.map((r) => r.seedInside)) : null,
  medianBandWidth: quantile(
    rows.map((r) => r.band.p95 - r.band.p5).sort((a, b) => a - b),
    0.5,
  ),
  seconds: Math.round((Date.now() - started) / 1000),
  rows,
};
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  process.stdout.write(
    `coverage of the 90% band: ${(result.coverage * 100).toFixed(0)}% of ${platforms} platforms${seedOnly ? ` (seeds alone: ${(result.seedOnlyCoverage * 100).toFixed(0)}%)` : ""}; median band width ${result.medianBandWidth} days; ${result.seconds} s\n`,
  );
