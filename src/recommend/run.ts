/**
 * `pointsim recommend`: which settings keep every constraint's chance within its tolerance,
 * proved with an exact bound, and which of them does best on the objective (docs/decide.md,
 * "Recommending settings"). A design over the parameters, each candidate's seeds run in batches
 * until its bounds decide it, bisection towards the boundary, the front of objective against
 * risk, and the front re-verified on fresh seeds.
 */
import { availableParallelism } from "node:os";
import seedrandom from "seedrandom";
import { latinHypercube } from "../fit/search.js";
import { unitOf, valueAt } from "../fit/spec.js";
import { WorkerPool } from "../parallel/pool.js";
import { RecommendInterrupted } from "../errors.js";
import type { Lang } from "../i18n/lang.js";
import { upperBound, lowerBound, verdictOf, type Verdict } from "./bounds.js";
import { gridValues, verifyDelta, type LoadedRecommend } from "./spec.js";
import type { RecommendJob, RecommendJobResult, RecommendWorkerData } from "./worker.js";

type CandidateStatus = "safe" | "unsafe" | "undecided" | "failed";

interface Estimate {
  n: number;
  mean: number;
  /** The two-sided interval at the spec's confidence (normal approximation over the seeds). */
  low: number;
  high: number;
}

interface ConstraintResult {
  events: number;
  runs: number;
  upper: number;
  lower: number;
  verdict: Verdict;
}

interface Verification {
  seeds: number;
  constraints: (ConstraintResult & { withinScreeningBound: boolean })[];
  objective: Estimate;
  /** Every constraint's verified upper bound (at the split δ) is at or below its tolerance. */
  holds: boolean;
  failure: string | null;
  /** The failure in Chinese, where the run recorded it (a zh-CN recommendation). */
  failureZh?: string;
}

export interface Candidate {
  index: number;
  stage: "design" | "refine";
  values: number[];
  unit: number[];
  status: CandidateStatus | "open";
  constraints: ConstraintResult[];
  objective: Estimate | null;
  failure: string | null;
  /** The failure in Chinese, where the run recorded it (a zh-CN recommendation). */
  failureZh?: string;
  /** The largest upper bound / tolerance over the constraints: the share of the tolerance the setting may use. */
  risk: number;
  verification: Verification | null;
}

interface Binding {
  label: string;
  max: number;
  /** Candidates better on the objective than the recommendation that this constraint proved unsafe or left open. */
  excluded: number;
  /** The recommendation's verified upper bound on this constraint, and its share of the tolerance. */
  upper: number | null;
  share: number | null;
}

export interface RecommendOutcome {
  candidates: Candidate[];
  front: Candidate[];
  recommended: Candidate | null;
  binding: Binding[];
  runs: number;
  /** Every run in the order planned: its key (values, stream and replica), seed and result, for runs.jsonl and runs.parquet. */
  log: { key: string; seed: number; result: RecommendJobResult }[];
}

export interface RecommendRunOptions {
  workers?: number;
  /** Results of runs already made (a resumed folder's runs.jsonl), by key. */
  known?: ReadonlyMap<string, RecommendJobResult>;
  /** Called for each new run as it finishes (the journal that makes a run resumable). */
  onRun?: (key: string, result: RecommendJobResult) => void;
  onProgress?: (done: number, total: number, safe: number) => void;
  shouldStop?: () => boolean;
  /** The language of the files (a zh-CN recommendation records why a run failed in Chinese too). */
  lang?: Lang;
}

/** Seed of a candidate's replica r: the same for every candidate (common random numbers). */
function searchSeed(seed: string | number, replica: number): number {
  return seedrandom(`pointsim-recommend:${String(seed)}:${replica}`).int32() >>> 0;
}

/** Seed of the verification's replica r: a stream no search run uses. */
function verifySeed(seed: string | number, replica: number): number {
  return seedrandom(`pointsim-recommend-verify:${String(seed)}:${replica}`).int32() >>> 0;
}

/** Φ(x), the standard normal distribution function (Abramowitz & Stegun 7.1.26 through erf; error under 1e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The normal quantile z with Φ(z) = p, by bisection. */
function normalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Σ values, compensated (Neumaier), so that n copies of one figure average to that figure and not to a neighbour of it. */
function sum(values: readonly number[]): number {
  let total = 0;
  let lost = 0;
  for (const v of values) {
    const t = total + v;
    lost += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + lost;
}

function estimate(values: readonly number[], confidence: number): Estimate {
  const n = values.length;
  const mean = sum(values) / n;
  const variance = n > 1 ? sum(values.map((v) => (v - mean) ** 2)) / (n - 1) : 0;
  const half = normalQuantile((1 + confidence) / 2) * Math.sqrt(variance / n);
  return { n, mean, low: mean - half, high: mean + half };
}

const keyOf = (values: readonly number[], stream: "search" | "verify", replica: number) => `${JSON.stringify(values)}|${stream}:${replica}`;

export async function runRecommend(loaded: LoadedRecommend, options: RecommendRunOptions = {}): Promise<RecommendOutcome> {
  const { spec } = loaded;
  const delta = 1 - spec.confidence;
  const alphas = spec.constraints.map((c) => c.max);
  const sign = spec.objective.goal === "maximize" ? 1 : -1;
  const score = (c: Candidate) => (c.objective === null ? Number.NEGATIVE_INFINITY : sign * c.objective.mean);
  const data: RecommendWorkerData = {
    runData: loaded.runData,
    keys: spec.parameters.map((p) => p.key),
    events: spec.constraints.map((c) => c.event),
    objective: spec.objective.metric,
    lang: options.lang ?? "en",
  };
  const pool = new WorkerPool<RecommendJob, RecommendJobResult>(
    new URL("./worker.js", import.meta.url),
    Math.min(options.workers ?? availableParallelism(), 64),
    data,
  );
  const known = options.known ?? new Map<string, RecommendJobResult>();
  const candidates: Candidate[] = [];
  const byValues = new Map<string, Candidate>();
  const results = new Map<number, RecommendJobResult[]>();
  const log: RecommendOutcome["log"] = [];
  let runs = 0;
  let planned = 0;
  const progress = () => options.onProgress?.(runs, Math.max(planned, runs), candidates.filter((c) => c.status === "safe").length);

  /** Runs a batch (results in the batch's order whatever the workers), answering from the journal what it holds. */
  const runBatch = async (jobs: { key: string; job: RecommendJob }[]): Promise<RecommendJobResult[]> => {
    const out: (RecommendJobResult | undefined)[] = jobs.map((j) => known.get(j.key));
    const missing = jobs.map((j, i) => ({ ...j, i })).filter((j) => out[j.i] === undefined);
    runs += jobs.length - missing.length;
    progress();
    const fresh = await pool.map(
      missing.map((m) => m.job),
      {
        onResult: (result, index) => {
          runs++;
          options.onRun?.((missing[index] as { key: string }).key, result);
          progress();
        },
        shouldStop: options.shouldStop,
        stopped: () => new RecommendInterrupted(runs),
      },
    );
    missing.forEach((m, i) => (out[m.i] = fresh[i]));
    const done = out as RecommendJobResult[];
    jobs.forEach((j, i) => log.push({ key: j.key, seed: j.job.seed, result: done[i] as RecommendJobResult }));
    return done;
  };

  const constraintResults = (list: readonly RecommendJobResult[], d: number): ConstraintResult[] =>
    alphas.map((alpha, j) => {
      const events = list.filter((r) => r.events[j] === true).length;
      const n = list.length;
      return { events, runs: n, upper: upperBound(events, n, d), lower: lowerBound(events, n, d), verdict: verdictOf(events, n, alpha, d) };
    });

  /** A candidate's verdict after its runs so far (docs/decide.md): unsafe as soon as one constraint is, safe when all are. */
  const update = (c: Candidate) => {
    const list = results.get(c.index) ?? [];
    const failed = list.find((r) => r.error !== null);
    if (failed) {
      c.status = "failed";
      c.failure = failed.error;
      if (failed.errorZh !== undefined) c.failureZh = failed.errorZh;
      return;
    }
    c.constraints = constraintResults(list, delta);
    c.objective =
      list.length > 0
        ? estimate(
            list.map((r) => r.objective),
            spec.confidence,
          )
        : null;
    c.risk = Math.max(...c.constraints.map((r, j) => r.upper / (alphas[j] as number)));
    if (c.constraints.some((r) => r.verdict === "unsafe")) c.status = "unsafe";
    else if (c.constraints.every((r) => r.verdict === "safe")) c.status = "safe";
    else c.status = list.length >= spec.maxSeeds ? "undecided" : "open";
  };

  const candidateAt = (unit: readonly number[], stage: Candidate["stage"]): Candidate => {
    const values = spec.parameters.map((p, i) => valueAt(p, unit[i] as number));
    const key = JSON.stringify(values);
    const found = byValues.get(key);
    if (found) return found;
    const c: Candidate = {
      index: candidates.length,
      stage,
      values,
      unit: spec.parameters.map((p, i) => unitOf(p, values[i] as number)),
      status: "open",
      constraints: [],
      objective: null,
      failure: null,
      risk: Number.POSITIVE_INFINITY,
      verification: null,
    };
    candidates.push(c);
    byValues.set(key, c);
    planned += spec.maxSeeds;
    return c;
  };

  /** Runs the open candidates batch by batch until each is decided or at maxSeeds. */
  const settle = async (list: readonly Candidate[]) => {
    let open = [...new Set(list)].filter((c) => c.status === "open");
    while (open.length > 0) {
      const jobs = open.flatMap((c) => {
        const from = results.get(c.index)?.length ?? 0;
        const to = Math.min(spec.maxSeeds, from + spec.batch);
        return Array.from({ length: to - from }, (_, i) => ({
          key: keyOf(c.values, "search", from + i),
          job: { values: c.values, seed: searchSeed(spec.seed, from + i) },
          c,
        }));
      });
      const out = await runBatch(jobs);
      jobs.forEach((j, i) => {
        const list = results.get(j.c.index) ?? [];
        list.push(out[i] as RecommendJobResult);
        results.set(j.c.index, list);
      });
      for (const c of open) {
        update(c);
        // A decided candidate gives back the seeds it did not need.
        if (c.status !== "open") planned -= spec.maxSeeds - (results.get(c.index)?.length ?? 0);
      }
      open = open.filter((c) => c.status === "open");
    }
  };

  const bestSafe = () => candidates.filter((c) => c.status === "safe").reduce<Candidate | null>((a, c) => (a === null || score(c) > score(a) ? c : a), null);

  try {
    planned += spec.front * spec.verifySeeds;
    // 1. The design.
    const units =
      spec.design === "lhs"
        ? latinHypercube(spec.samples, spec.parameters.length, seedrandom(`pointsim-recommend-design:${String(spec.seed)}`))
        : spec.parameters.reduce<number[][]>((combos, p) => combos.flatMap((combo) => gridValues(p).map((v) => [...combo, unitOf(p, v)])), [[]]);
    await settle(units.map((u) => candidateAt(u, "design")));

    // 2. Bisection towards the boundary: from the best safe candidate towards the nearest unsafe ones that beat it.
    const start = bestSafe();
    if (start !== null && spec.refine > 0 && spec.directions > 0) {
      const distance = (a: Candidate, b: Candidate) => Math.hypot(...a.unit.map((u, i) => u - (b.unit[i] as number)));
      const targets = candidates
        .filter((c) => (c.status === "unsafe" || c.status === "undecided") && score(c) > score(start))
        .sort((a, b) => distance(a, start) - distance(b, start) || a.index - b.index)
        .slice(0, spec.directions);
      const pairs = targets.map((t) => ({ safe: start, other: t, alive: true }));
      for (let step = 0; step < spec.refine; step++) {
        const mids = pairs.map((p) => {
          if (!p.alive) return null;
          const mid = candidateAt(
            p.safe.unit.map((u, i) => (u + (p.other.unit[i] as number)) / 2),
            "refine",
          );
          // Rounded onto one of its ends: the decimals allow no finer step.
          if (mid === p.safe || mid === p.other) {
            p.alive = false;
            return null;
          }
          return mid;
        });
        const live = mids.filter((m): m is Candidate => m !== null);
        if (live.length === 0) break;
        await settle(live);
        pairs.forEach((p, i) => {
          const mid = mids[i];
          if (!mid) return;
          if (mid.status === "safe") p.safe = mid;
          else if (mid.status === "failed") p.alive = false;
          else p.other = mid;
        });
      }
    }

    // 3. The front: safe candidates no other safe one beats on both objective and risk.
    const safe = candidates.filter((c) => c.status === "safe");
    const front = safe
      .filter((c) => !safe.some((d) => d !== c && score(d) >= score(c) && d.risk <= c.risk && (score(d) > score(c) || d.risk < c.risk)))
      .sort((a, b) => score(b) - score(a) || a.risk - b.risk || a.index - b.index)
      .slice(0, spec.front);
    planned -= (spec.front - front.length) * spec.verifySeeds;

    // 4. Each front point re-run on fresh seeds, its bounds at δ split over the front and the constraints.
    const jobs = front.flatMap((c) =>
      Array.from({ length: spec.verifySeeds }, (_, r) => ({ key: keyOf(c.values, "verify", r), job: { values: c.values, seed: verifySeed(spec.seed, r) } })),
    );
    const out = await runBatch(jobs);
    const split = verifyDelta(spec);
    front.forEach((c, f) => {
      const list = out.slice(f * spec.verifySeeds, (f + 1) * spec.verifySeeds);
      const failed = list.find((r) => r.error !== null);
      const checked = constraintResults(list, split).map((r, j) => ({
        ...r,
        withinScreeningBound: r.events / r.runs <= (c.constraints[j] as ConstraintResult).upper,
      }));
      c.verification = {
        seeds: spec.verifySeeds,
        constraints: checked,
        objective: estimate(
          list.map((r) => r.objective),
          spec.confidence,
        ),
        holds: failed === undefined && checked.every((r, j) => r.upper <= (alphas[j] as number)),
        failure: failed?.error ?? null,
        ...(failed?.errorZh === undefined ? {} : { failureZh: failed.errorZh }),
      };
    });
    const recommended = front.find((c) => c.verification?.holds === true) ?? null;

    // 5. Which constraints bind: those that excluded candidates better on the objective than the recommendation.
    const better = candidates.filter((c) => c.status !== "safe" && c.status !== "failed" && (recommended === null || score(c) > score(recommended)));
    const binding: Binding[] = spec.constraints.map((con, j) => {
      const upper = recommended?.verification?.constraints[j]?.upper ?? null;
      return {
        label: loaded.labels[j] as string,
        max: con.max,
        excluded: better.filter((c) => c.constraints[j]?.verdict !== "safe").length,
        upper,
        share: upper === null ? null : upper / con.max,
      };
    });
    return { candidates, front, recommended, binding, runs, log };
  } finally {
    await pool.close();
  }
}

/** The figures --fail-if reads (docs/decide.md). */
export function recommendMetrics(outcome: RecommendOutcome): Record<string, unknown> {
  const r = outcome.recommended;
  const v = r?.verification ?? null;
  return {
    found: r !== null,
    objective: v?.objective.mean ?? null,
    objectiveLow: v?.objective.low ?? null,
    objectiveHigh: v?.objective.high ?? null,
    risk: v === null ? null : Math.max(...v.constraints.map((c, j) => c.upper / (outcome.binding[j] as Binding).max)),
    safe: outcome.candidates.filter((c) => c.status === "safe").length,
    unsafe: outcome.candidates.filter((c) => c.status === "unsafe").length,
    undecided: outcome.candidates.filter((c) => c.status === "undecided").length,
    failed: outcome.candidates.filter((c) => c.status === "failed").length,
    candidates: outcome.candidates.length,
    front: outcome.front.length,
    verified: outcome.front.filter((c) => c.verification?.holds === true).length,
    // Every front point's event rate on fresh seeds within its screening bound (a point outside was a lucky pass).
    withinBounds: outcome.front.every((c) => c.verification?.constraints.every((r) => r.withinScreeningBound) === true),
    runs: outcome.runs,
  };
}
