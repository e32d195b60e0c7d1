import type { Dataset } from "./data.js";
import { binomialUpperTail } from "./binomial.js";

/**
 * PRIM, the patient rule induction method (Friedman and Fisher, "Bump hunting in
 * high-dimensional data", Statistics and Computing 9, 1999), for a 0/1 outcome: find a box of
 * the inputs (an interval per numeric parameter, a set of values per categorical one) where the
 * share of cases of interest is high.
 *
 * Peeling: starting from every case, each step removes the thin slice that leaves the highest
 * share of cases of interest in the box: for every numeric parameter, its lowest or its highest
 * alpha of the cases in the box (at least one value; a value shared by several cases goes
 * whole, so a grid's level is peeled at once), and for every categorical one, one of its values.
 * Peeling stops when no slice can go without the box falling below the minimum mass. Ties go to
 * the slice that keeps more cases, then to the parameter first by name, lower end first.
 */
export interface PrimOptions {
  /** The share of the box's cases a peel removes (Friedman and Fisher: 0.05 to 0.1). */
  alpha: number;
  /** The smallest share of the cases a box may hold. */
  minMass: number;
  /** Widen the chosen box again where that raises its density (Friedman and Fisher's pasting). */
  paste: boolean;
  /** A restriction whose quasi-p-value exceeds this is dropped from the chosen box. */
  maxP: number;
  /** Steps of the trajectory a box may be chosen from: coverage at least this ... */
  minCoverage: number;
  /** ... and, when given, density at least this (then the one with the highest coverage is chosen). */
  minDensity: number | null;
}

/** A box: per dimension, [low, high] (±Infinity where open) or the categorical values left out. */
export interface Bounds {
  low: number[];
  high: number[];
  excluded: string[][];
}

export interface BoxStats {
  /** Cases in the box. */
  count: number;
  /** Cases of interest in the box. */
  cases: number;
  /** count / all cases. */
  mass: number;
  /** cases / all cases of interest. */
  coverage: number;
  /** cases / count. */
  density: number;
}

export interface Step extends BoxStats {
  step: number;
  restricted: string[];
  bounds: Bounds;
}

/** A box found; its bounds are indexed by the dimensions in the order of their names (byName). */
export interface FoundBox {
  trajectory: Step[];
  /** The step chosen by the rule (before pasting and pruning). */
  chosen: number;
  bounds: Bounds;
  stats: BoxStats;
  /** Each edge kept, with its quasi-p-value. */
  kept: RatedEdge[];
  /** Edges of the chosen step dropped because they did not raise the density meaningfully. */
  dropped: RatedEdge[];
}

const at = (a: ArrayLike<number>, i: number) => a[i] as number;

function openBounds(data: Dataset): Bounds {
  return { low: data.dims.map(() => -Infinity), high: data.dims.map(() => Infinity), excluded: data.dims.map(() => []) };
}

const copyBounds = (b: Bounds): Bounds => ({ low: [...b.low], high: [...b.high], excluded: b.excluded.map((e) => [...e]) });

/** Whether case i lies in the box, ignoring dimension `skip` (-1: none). */
function inBox(data: Dataset, bounds: Bounds, i: number, skip = -1): boolean {
  for (let d = 0; d < data.dims.length; d++) {
    if (d === skip) continue;
    const dim = data.dims[d];
    if (dim === undefined) continue;
    if (dim.kind === "numeric") {
      const x = at(dim.values, i);
      if (x < at(bounds.low, d) || x > at(bounds.high, d)) return false;
    } else if ((bounds.excluded[d] as string[]).includes(dim.values[i] as string)) return false;
  }
  return true;
}

function countBox(data: Dataset, bounds: Bounds): { count: number; cases: number } {
  let count = 0;
  let cases = 0;
  for (let i = 0; i < data.y.length; i++)
    if (inBox(data, bounds, i)) {
      count++;
      cases += at(data.y, i);
    }
  return { count, cases };
}

function totals(data: Dataset): { n: number; cases: number } {
  return { n: data.y.length, cases: data.y.reduce((s, v) => s + v, 0) };
}

function statsOf(count: number, cases: number, all: { n: number; cases: number }): BoxStats {
  return { count, cases, mass: count / all.n, coverage: all.cases === 0 ? 0 : cases / all.cases, density: count === 0 ? 0 : cases / count };
}

function restrictedNames(data: Dataset, bounds: Bounds): string[] {
  return data.dims
    .filter((_, d) => at(bounds.low, d) > -Infinity || at(bounds.high, d) < Infinity || (bounds.excluded[d] as string[]).length > 0)
    .map((dim) => dim.name);
}

interface Peel {
  d: number;
  apply: (b: Bounds) => void;
  count: number;
  cases: number;
}

/**
 * The box's cases: all of them (`members`), and for each numeric dimension the same cases in
 * ascending order of its value. Each peel filters the lists, which shrink by alpha a step, so a
 * whole trajectory costs about n / alpha per dimension rather than n per step.
 */
interface Members {
  members: Uint32Array;
  sorted: (Uint32Array | null)[];
  /** 1 for a case in the box. */
  inside: Uint8Array;
  cases: number;
}

/** Both ends of a numeric dimension: alpha of the box's cases off each (ties go whole). */
function numericPeels(data: Dataset, d: number, list: Uint32Array, total: number, alpha: number, found: Peel[]): void {
  const dim = data.dims[d];
  if (dim?.kind !== "numeric") return;
  const x = (t: number) => at(dim.values, at(list, t));
  const m = list.length;
  if (m < 2 || x(0) === x(m - 1)) return;
  const j = Math.max(1, Math.floor(alpha * m));
  // Lower end: keep x >= cut, the value j places up (or the next value above the lowest).
  let cut = x(j);
  if (cut === x(0)) {
    let t = 0;
    while (x(t) === x(0)) t++;
    cut = x(t);
  }
  let removed = 0;
  let removedCases = 0;
  while (x(removed) < cut) removedCases += at(data.y, at(list, removed++));
  const low = cut;
  found.push({ d, apply: (b) => void (b.low[d] = low), count: m - removed, cases: total - removedCases });
  // Upper end: keep x <= top, the value j places down (or the next value below the highest).
  let top = x(m - 1 - j);
  if (top === x(m - 1)) {
    let t = m - 1;
    while (x(t) === x(m - 1)) t--;
    top = x(t);
  }
  let keep = m;
  let droppedCases = 0;
  while (x(keep - 1) > top) droppedCases += at(data.y, at(list, --keep));
  const high = top;
  found.push({ d, apply: (b) => void (b.high[d] = high), count: keep, cases: total - droppedCases });
}

/** Every peel the box allows: both ends of each numeric dimension, each value of a categorical one. */
function peels(data: Dataset, box: Members, alpha: number): Peel[] {
  const found: Peel[] = [];
  data.dims.forEach((dim, d) => {
    if (dim.kind === "numeric") return numericPeels(data, d, box.sorted[d] as Uint32Array, box.cases, alpha, found);
    const counts = new Map<string, { count: number; cases: number }>();
    for (const i of box.members) {
      const c = dim.values[i] as string;
      const entry = counts.get(c) ?? { count: 0, cases: 0 };
      entry.count++;
      entry.cases += at(data.y, i);
      counts.set(c, entry);
    }
    if (counts.size < 2) return;
    for (const category of [...counts.keys()].sort()) {
      const removed = counts.get(category) as { count: number; cases: number };
      found.push({
        d,
        apply: (b) => void (b.excluded[d] = [...(b.excluded[d] as string[]), category].sort()),
        count: box.members.length - removed.count,
        cases: box.cases - removed.cases,
      });
    }
  });
  return found;
}

function everyCase(data: Dataset): Members {
  const n = data.y.length;
  return {
    members: Uint32Array.from({ length: n }, (_, i) => i),
    sorted: data.dims.map((dim) => {
      if (dim.kind !== "numeric") return null;
      const order = Uint32Array.from({ length: n }, (_, i) => i);
      return order.sort((a, b) => at(dim.values, a) - at(dim.values, b) || a - b);
    }),
    inside: new Uint8Array(n).fill(1),
    cases: totals(data).cases,
  };
}

/** The entries of a list whose case is marked inside (a plain loop: a typed array's filter is slow). */
function insideOnly(list: Uint32Array, inside: Uint8Array): Uint32Array {
  const out = new Uint32Array(list.length);
  let k = 0;
  for (let t = 0; t < list.length; t++) {
    const i = list[t] as number;
    if (inside[i] === 1) out[k++] = i;
  }
  return out.subarray(0, k);
}

/** The cases still in the box after a peel, in the same orders (the marks are updated in place). */
function keepInBox(data: Dataset, box: Members, bounds: Bounds): Members {
  let cases = 0;
  for (const i of box.members) {
    if (inBox(data, bounds, i)) cases += at(data.y, i);
    else box.inside[i] = 0;
  }
  return {
    members: insideOnly(box.members, box.inside),
    sorted: box.sorted.map((list) => (list === null ? null : insideOnly(list, box.inside))),
    inside: box.inside,
    cases,
  };
}

/** The peeling trajectory: step 0 is every case; each later step one peel further. */
export function peelingTrajectory(given: Dataset, options: Pick<PrimOptions, "alpha" | "minMass">): Step[] {
  const data = byName(given);
  const all = totals(data);
  let box = everyCase(data);
  let bounds = openBounds(data);
  const steps: Step[] = [{ step: 0, ...statsOf(all.n, all.cases, all), restricted: [], bounds: copyBounds(bounds) }];
  for (;;) {
    let best: Peel | null = null;
    for (const peel of peels(data, box, options.alpha)) {
      if (peel.count <= 0 || peel.count / all.n < options.minMass) continue;
      if (best === null) best = peel;
      else {
        const mean = peel.cases / peel.count;
        const bestMean = best.cases / best.count;
        if (mean > bestMean || (mean === bestMean && peel.count > best.count)) best = peel;
      }
    }
    if (best === null) return steps;
    bounds = copyBounds(bounds);
    best.apply(bounds);
    box = keepInBox(data, box, bounds);
    steps.push({ step: steps.length, ...statsOf(best.count, best.cases, all), restricted: restrictedNames(data, bounds), bounds: copyBounds(bounds) });
  }
}

/**
 * The box choice rule: among the steps with coverage >= minCoverage (and density >= minDensity
 * when given), the highest density (ties: the higher coverage); with minDensity given, the
 * highest coverage (ties: the higher density). Null when no step qualifies.
 */
export function chooseStep(steps: readonly Step[], options: Pick<PrimOptions, "minCoverage" | "minDensity">): number | null {
  let best: Step | null = null;
  const byCoverage = options.minDensity !== null;
  for (const s of steps) {
    if (s.coverage < options.minCoverage || (options.minDensity !== null && s.density < options.minDensity)) continue;
    const [a, b] = byCoverage ? [s.coverage, s.density] : [s.density, s.coverage];
    const [bestA, bestB] = best === null ? [-1, -1] : byCoverage ? [best.coverage, best.density] : [best.density, best.coverage];
    if (a > bestA || (a === bestA && b > bestB)) best = s;
  }
  return best === null ? null : best.step;
}

/** An edge at or beyond every case's value is no restriction: written as open. */
function normalise(data: Dataset, bounds: Bounds): void {
  data.dims.forEach((dim, d) => {
    if (dim.kind !== "numeric") return;
    let min = Infinity;
    let max = -Infinity;
    for (const v of dim.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (at(bounds.low, d) <= min) bounds.low[d] = -Infinity;
    if (at(bounds.high, d) >= max) bounds.high[d] = Infinity;
  });
}

/**
 * Pasting: widen the box by alpha of its cases along one restricted edge (the nearest values
 * outside it, the other restrictions held), or add back one categorical value, whichever raises
 * the density most; repeat while the density rises.
 */
export function paste(data: Dataset, start: Bounds, alpha: number): Bounds {
  let bounds = copyBounds(start);
  let current = countBox(data, bounds);
  for (;;) {
    let best: { bounds: Bounds; count: number; cases: number } | null = null;
    const j = Math.max(1, Math.floor(alpha * current.count));
    data.dims.forEach((dim, d) => {
      const outsideOnlyHere: number[] = [];
      for (let i = 0; i < data.y.length; i++) if (!inBox(data, bounds, i) && inBox(data, bounds, i, d)) outsideOnlyHere.push(i);
      const candidates: Bounds[] = [];
      if (dim.kind === "numeric") {
        const below = outsideOnlyHere.map((i) => at(dim.values, i)).filter((v) => v < at(bounds.low, d));
        const above = outsideOnlyHere.map((i) => at(dim.values, i)).filter((v) => v > at(bounds.high, d));
        below.sort((a, b) => b - a);
        above.sort((a, b) => a - b);
        if (below.length > 0)
          candidates.push({ ...copyBounds(bounds), low: bounds.low.map((v, k) => (k === d ? at(below, Math.min(j, below.length) - 1) : v)) });
        if (above.length > 0)
          candidates.push({ ...copyBounds(bounds), high: bounds.high.map((v, k) => (k === d ? at(above, Math.min(j, above.length) - 1) : v)) });
      } else {
        for (const category of bounds.excluded[d] as string[]) {
          const widened = copyBounds(bounds);
          widened.excluded[d] = (widened.excluded[d] as string[]).filter((c) => c !== category);
          candidates.push(widened);
        }
      }
      for (const candidate of candidates) {
        const c = countBox(data, candidate);
        if (best === null || c.cases / c.count > best.cases / best.count) best = { bounds: candidate, ...c };
      }
    });
    const chosen = best as { bounds: Bounds; count: number; cases: number } | null;
    if (chosen === null || chosen.cases / chosen.count <= current.cases / current.count) return bounds;
    bounds = chosen.bounds;
    normalise(data, bounds);
    current = { count: chosen.count, cases: chosen.cases };
  }
}

/** One edge of a box: a numeric parameter's lower or upper bound, or a categorical one's left-out values. */
interface Edge {
  name: string;
  d: number;
  edge: "low" | "high" | "excluded";
}

function edgesOf(data: Dataset, bounds: Bounds): Edge[] {
  return data.dims.flatMap((dim, d): Edge[] => {
    const edges: Edge[] = [];
    if (at(bounds.low, d) > -Infinity) edges.push({ name: dim.name, d, edge: "low" });
    if (at(bounds.high, d) < Infinity) edges.push({ name: dim.name, d, edge: "high" });
    if ((bounds.excluded[d] as string[]).length > 0) edges.push({ name: dim.name, d, edge: "excluded" });
    return edges;
  });
}

function withoutEdge(bounds: Bounds, e: Edge): Bounds {
  const open = copyBounds(bounds);
  if (e.edge === "low") open.low[e.d] = -Infinity;
  else if (e.edge === "high") open.high[e.d] = Infinity;
  else open.excluded[e.d] = [];
  return open;
}

/**
 * The quasi-p-value of each edge (as the EMA workbench computes it per restriction, here per
 * edge, so that a strong lower bound does not carry a weak upper one): the chance that a box of
 * this many cases holds at least this many cases of interest if their share were that of the box
 * without the edge (one-sided binomial). Large: the edge adds nothing noise could not.
 */
function quasiPValues(data: Dataset, bounds: Bounds): (Edge & { quasiP: number })[] {
  const box = countBox(data, bounds);
  return edgesOf(data, bounds).map((e) => {
    const without = countBox(data, withoutEdge(bounds, e));
    return { ...e, quasiP: binomialUpperTail(box.count, box.cases, without.cases / without.count) };
  });
}

type RatedEdge = { name: string; edge: Edge["edge"]; quasiP: number };

/** Drops, one at a time, the edge with the largest quasi-p-value above maxP (ties: the first by name). */
function prune(data: Dataset, start: Bounds, maxP: number): { bounds: Bounds; kept: RatedEdge[]; dropped: RatedEdge[] } {
  let bounds = copyBounds(start);
  const dropped: RatedEdge[] = [];
  for (;;) {
    const ps = quasiPValues(data, bounds);
    let worst: (typeof ps)[number] | null = null;
    for (const p of ps) if (p.quasiP > maxP && (worst === null || p.quasiP > worst.quasiP)) worst = p;
    if (worst === null) return { bounds, kept: ps.map(({ name, edge, quasiP }) => ({ name, edge, quasiP })), dropped };
    bounds = withoutEdge(bounds, worst);
    dropped.push({ name: worst.name, edge: worst.edge, quasiP: worst.quasiP });
  }
}

/** One box: peel, choose, paste (optional), prune. Null when the rule chooses no restricted box. */
export function findBox(given: Dataset, options: PrimOptions): FoundBox | null {
  const data = byName(given);
  const trajectory = peelingTrajectory(data, options);
  const chosen = chooseStep(trajectory, options);
  if (chosen === null) return null;
  let bounds = (trajectory[chosen] as Step).bounds;
  if (options.paste) bounds = paste(data, bounds, options.alpha);
  const pruned = prune(data, bounds, options.maxP);
  if (pruned.kept.length === 0) return null;
  const c = countBox(data, pruned.bounds);
  return { trajectory, chosen, bounds: pruned.bounds, stats: statsOf(c.count, c.cases, totals(data)), kept: pruned.kept, dropped: pruned.dropped };
}

/** The cases outside a box (covering: the next box is sought among them). */
export function outside(data: Dataset, bounds: Bounds): number[] {
  const rest: number[] = [];
  for (let i = 0; i < data.y.length; i++) if (!inBox(data, bounds, i)) rest.push(i);
  return rest;
}

/**
 * The same cases with their dimensions in the order of their names: every tie in peeling,
 * pasting and pruning goes by that order, so nothing found depends on the order of the columns.
 */
export function byName(data: Dataset): Dataset {
  return { ...data, dims: [...data.dims].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

/** The cases at the given indices (repeats allowed: a bootstrap resample). */
export function subset(data: Dataset, indices: readonly number[]): Dataset {
  return {
    dims: data.dims.map((dim) =>
      dim.kind === "numeric"
        ? { ...dim, values: Float64Array.from(indices, (i) => at(dim.values, i)) }
        : { ...dim, values: indices.map((i) => dim.values[i] as string) },
    ),
    y: Uint8Array.from(indices, (i) => at(data.y, i)),
  };
}
