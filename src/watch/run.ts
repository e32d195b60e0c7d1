import { words } from "../i18n/words.js";
import { availableParallelism } from "node:os";
import seedrandom from "seedrandom";
import { WorkerPool } from "../parallel/pool.js";
import { FitInterrupted, ScenarioError } from "../errors.js";
import { resolveScenario } from "../scenario/validate.js";
import { setPath } from "../engine/paths.js";
import { fitSeed } from "../fit/run.js";
import { latinHypercube } from "../fit/search.js";
import { unitOf, valueAt, type LoadedFit } from "../fit/spec.js";
import type { Goal } from "../fit/objective.js";
import type { FitJob, FitJobResult, FitWorkerData } from "../fit/worker.js";
import { collapseProbability, logLikelihoodsAt, wilsonInterval, type Particle } from "./weights.js";
import { weighAndRefresh, type Pool } from "./refresh.js";
import { atPath } from "../scenario/problem.js";

/**
 * The early warning (docs/decide.md, "Early warning"): at each cut-off day t, the probability
 * that the platform collapses within `horizon` days, from the observations up to t alone.
 *
 * Particles are draws of the fit's parameters, each run `seeds` times over the last observed day
 * + horizon. At each t they are weighted by the likelihood of the observations ≤ t (the fit's
 * synthetic likelihood, src/watch/weights.ts), so the runs are made once per population and
 * reweighted as the days arrive. When the weights' effective size falls below `minEss` of the
 * particles, the population is refreshed: a population Monte Carlo step draws new particles from
 * a Gaussian fitted to the weighted ones (widened) and weights them by likelihood / proposal.
 * The proposal is built from the weights at t, so no later observation enters.
 */

export interface WatchSettings {
  every: number;
  horizon: number;
  particles: number;
  /** Refresh when the effective sample size falls below this share of the particles. */
  minEss: number;
  /** Most refresh rounds at one cut-off day (each runs `particles` new particles). */
  rounds: number;
  /** Alarm levels, ascending. */
  alarms: number[];
  /** The day the platform is known to have failed, if it is (for the lead times). */
  failureDay: number | null;
}

interface WatchStep {
  day: number;
  probability: number;
  low: number;
  high: number;
  ess: number;
  particles: number;
  /** Particles in the pool that weighed this day (every round so far, pooled). */
  pool: number;
  /** How many rounds the pool holds (1: the prior's alone). */
  population: number;
  /** Population Monte Carlo rounds run at this day (0: the particles were only reweighted). */
  refreshes: number;
  /** The effective sample size reached ESS_FLOOR: below it P is a few particles' verdict. */
  reliable: boolean;
  /** The highest alarm level P reaches on this day, or null. */
  alarm: number | null;
}

interface WatchAlarm {
  level: number;
  /** The first cut-off day at which P reached the level, or null. */
  day: number | null;
  /** failureDay − day: how many days before the failure the alarm came (null: no alarm or no known failure). */
  leadTime: number | null;
}

export interface WatchOutcome {
  steps: WatchStep[];
  alarms: WatchAlarm[];
  /** The last observed day and the simulated horizon (last observed day + horizon). */
  lastObserved: number;
  simulatedDays: number;
  populations: number;
  runs: number;
  failedParticles: number;
}

export interface WatchRunOptions {
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
}

/**
 * Below this many effective particles a step's P is one or two particles' verdict: flagged
 * (`reliable` false in watch.csv and watch.json, a warning on the terminal) rather than shown as a
 * confident probability.
 */
export const ESS_FLOOR = 10;

/** The observed series (dated) targets of a fit: the only ones a cut-off day can cut. */
export function dailyGoals(loaded: LoadedFit): Extract<Goal, { kind: "series" }>[] {
  return loaded.goals.filter((g): g is Extract<Goal, { kind: "series" }> => g.kind === "series" && g.weight > 0);
}

/** The cut-off days: every `every` days up to the last observed day, and that day. */
export function watchDays(lastObserved: number, every: number): number[] {
  const days: number[] = [];
  for (let t = every; t <= lastObserved; t += every) days.push(t);
  if (days[days.length - 1] !== lastObserved) days.push(lastObserved);
  return days;
}

/** The scenario every particle runs: the fit's (its `set` applied) over the last observed day + horizon. */
function watchScenarioData(loaded: LoadedFit, simulatedDays: number): unknown {
  const data = structuredClone(loaded.fitData);
  setPath(data, "days", simulatedDays);
  const centre = structuredClone(data);
  loaded.spec.parameters.forEach((p) => setPath(centre, p.key, valueAt(p, 0.5)));
  const resolved = resolveScenario(centre);
  if (resolved.scenario === null)
    throw new ScenarioError(
      "--horizon",
      resolved.problems.map((p) => atPath(p, words("path.watchHorizon", { path: p.path, days: simulatedDays }))),
    );
  return data;
}

export async function runWatch(loaded: LoadedFit, settings: WatchSettings, options: WatchRunOptions = {}): Promise<WatchOutcome> {
  const { spec } = loaded;
  const goals = dailyGoals(loaded);
  const lastObserved = Math.max(...goals.flatMap((g) => g.days));
  const simulatedDays = lastObserved + settings.horizon;
  const scenarioData = watchScenarioData(loaded, simulatedDays);
  const columns = [...new Set(goals.map((g) => g.column))];
  const data: FitWorkerData = { fitData: scenarioData, projectData: scenarioData, keys: spec.parameters.map((p) => p.key), metrics: [], columns };
  const pool = new WorkerPool<FitJob, FitJobResult>(
    new URL("../fit/worker.js", import.meta.url),
    Math.min(options.workers ?? availableParallelism(), 64),
    data,
  );
  const days = watchDays(lastObserved, settings.every);
  const k = spec.parameters.length;
  const n = settings.particles;
  let runs = 0;
  // The progress total grows by a population's runs when one is refreshed.
  let expected = n * spec.seeds;
  let nextJob = 0;
  let failedParticles = 0;

  /** Runs a population: each particle on its own seeds (distinct luck per particle), results in job order. */
  const simulatePopulation = async (population: number, units: number[][]): Promise<Particle[]> => {
    const particles = units.map((u, i) => {
      const clamped = u.map((x) => Math.min(1, Math.max(0, x)));
      const values = spec.parameters.map((p, j) => valueAt(p, clamped[j] as number));
      return { index: i, values, unit: spec.parameters.map((p, j) => unitOf(p, values[j] as number)) };
    });
    const jobs: FitJob[] = particles.flatMap((p) =>
      Array.from({ length: spec.seeds }, (_, r) => ({
        id: nextJob++,
        values: p.values,
        seed: fitSeed(`${String(spec.seed)}:watch:${population}:${p.index}`, r),
        project: false,
      })),
    );
    const results = await pool.map(jobs, {
      onResult: () => {
        runs++;
        options.onProgress?.(runs, expected);
      },
      shouldStop: options.shouldStop,
      stopped: () => new FitInterrupted(words("noun.watch")),
    });
    return particles.map((p, i) => {
      const mine = results.slice(i * spec.seeds, (i + 1) * spec.seeds);
      const failed = mine.find((r) => r.error !== null);
      if (failed) failedParticles++;
      const columnOf = goals.map((g) => columns.indexOf(g.column));
      return {
        unit: p.unit,
        values: p.values,
        runs: failed ? [] : mine.map((r) => columnOf.map((c) => r.series[c] ?? [])),
        collapseDays: failed ? [] : mine.map((r) => r.collapseDay),
        failure: failed ? failed.error : null,
      };
    });
  };

  try {
    const random = seedrandom(`pointsim-watch:${String(spec.seed)}`);
    // The first round: the prior, flat over the box (a Latin hypercube, stratified).
    let population = 0;
    const first = latinHypercube(n, k, random);
    const particles = await simulatePopulation(population, first);
    // The pool keeps each draw as drawn (the proposals' densities are of those points).
    const sample: Pool = { units: first, components: [{ gaussian: null, logMass: 0, count: n }] };
    const steps: WatchStep[] = [];
    for (const t of days) {
      const { weights, ess, refreshes } = await weighAndRefresh(
        sample,
        () => logLikelihoodsAt(goals, particles, t),
        async (units) => {
          population++;
          expected += n * spec.seeds;
          particles.push(...(await simulatePopulation(population, units)));
        },
        { perRound: n, targetEss: Math.max(settings.minEss * n, ESS_FLOOR), maxRounds: settings.rounds, random },
      );
      const probability = collapseProbability(particles, weights, t, settings.horizon);
      const { low, high } = wilsonInterval(probability, ess);
      const reached = settings.alarms.filter((a) => probability >= a);
      steps.push({
        day: t,
        probability,
        low,
        high,
        ess,
        particles: n,
        pool: particles.length,
        population: population + 1,
        refreshes,
        reliable: ess >= ESS_FLOOR,
        alarm: reached.length > 0 ? (reached[reached.length - 1] as number) : null,
      });
    }
    const alarms = settings.alarms.map((level) => {
      const day = steps.find((s) => s.probability >= level)?.day ?? null;
      return { level, day, leadTime: day !== null && settings.failureDay !== null ? settings.failureDay - day : null };
    });
    return { steps, alarms, lastObserved, simulatedDays, populations: population + 1, runs, failedParticles };
  } finally {
    await pool.close();
  }
}

/** The figures --fail-if reads (docs/decide.md): the first (lowest) alarm level's day and lead time, and the last day's P. */
export function watchMetrics(outcome: WatchOutcome): Record<string, unknown> {
  const first = outcome.alarms[0];
  const last = outcome.steps[outcome.steps.length - 1];
  return {
    alarmDay: first?.day ?? null,
    leadTime: first?.leadTime ?? null,
    probability: last?.probability ?? null,
    minEss: Math.min(...outcome.steps.map((s) => s.ess)),
    unreliable: outcome.steps.filter((s) => !s.reliable).length,
    populations: outcome.populations,
    runs: outcome.runs,
  };
}
