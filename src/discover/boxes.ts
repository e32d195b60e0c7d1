import seedrandom from "seedrandom";
import type { Dataset } from "./data.js";
import { byName, findBox, outside, subset, type BoxStats, type FoundBox, type PrimOptions, type Step } from "./prim.js";
import { quantile } from "../sweep/stats.js";

/** One edge of a chosen box, with how firmly the data hold it. */
export interface BoxEdge {
  parameter: string;
  /** low: the box keeps values >= value; high: values <= value; excluded: it leaves these values out. */
  edge: "low" | "high" | "excluded";
  value: number | null;
  excluded: string[];
  quasiP: number;
  /** Percentile bootstrap interval of a numeric edge (null: categorical, or no resamples). */
  interval: [number, number] | null;
  /** Share of the resamples whose box has this edge (null: no resamples). */
  kept: number | null;
}

export interface DiscoveredBox extends BoxStats {
  box: number;
  /** Over every case of the sweep (the statistics above are over the cases left when this box was sought). */
  coverageOfAll: number;
  massOfAll: number;
  chosenStep: number;
  edges: BoxEdge[];
  dropped: { name: string; edge: BoxEdge["edge"]; quasiP: number }[];
  trajectory: Step[];
}

export interface DiscoverOptions extends PrimOptions {
  /** The most boxes sought by covering. */
  boxes: number;
  /** Bootstrap resamples of each box's cases (0: none). */
  resamples: number;
  /** The share of the intervals (0.9: the 5th to the 95th percentile). */
  confidence: number;
  seed: string;
}

/** The defaults of `pointsim discover` and of a sweep file's `discover:` (docs/decide.md). */
export const DISCOVER_DEFAULTS = {
  alpha: 0.05,
  minMass: 0.05,
  paste: false,
  maxP: 0.05,
  minCoverage: 0.5,
  boxes: 2,
  resamples: 200,
  confidence: 0.9,
} as const;

/**
 * Percentile bootstrap of a box's edges: the cases the box was found in are drawn with
 * replacement (seeded, so the same inputs give the same intervals), the whole procedure is
 * repeated on each resample (peel, choose, paste, prune), and each edge's quantiles over the
 * resamples whose box has that edge form its interval; `kept` says how many had it. An edge
 * found in few resamples is one the data hardly support, whatever its interval.
 */
function bootstrapEdges(data: Dataset, found: FoundBox, options: DiscoverOptions, box: number): BoxEdge[] {
  const draws = found.kept.map((): number[] => []);
  const present = found.kept.map(() => 0);
  const random = seedrandom(`pointsim-discover:${options.seed}:box${box}`);
  const n = data.y.length;
  const dimOf = (name: string) => data.dims.findIndex((dim) => dim.name === name);
  for (let r = 0; r < options.resamples; r++) {
    const indices = Array.from({ length: n }, () => Math.floor(random() * n));
    const again = findBox(subset(data, indices), options);
    found.kept.forEach((e, k) => {
      if (!again?.kept.some((x) => x.name === e.name && x.edge === e.edge)) return;
      present[k] = (present[k] as number) + 1;
      const d = dimOf(e.name);
      if (e.edge !== "excluded") draws[k]?.push((e.edge === "low" ? again.bounds.low[d] : again.bounds.high[d]) as number);
    });
  }
  const tail = (1 - options.confidence) / 2;
  return found.kept.map((e, k) => {
    const d = dimOf(e.name);
    const values = [...(draws[k] ?? [])].sort((a, b) => a - b);
    return {
      parameter: e.name,
      edge: e.edge,
      value: e.edge === "low" ? (found.bounds.low[d] as number) : e.edge === "high" ? (found.bounds.high[d] as number) : null,
      excluded: e.edge === "excluded" ? (found.bounds.excluded[d] ?? []) : [],
      quasiP: e.quasiP,
      interval: values.length === 0 ? null : [quantile(values, tail) as number, quantile(values, 1 - tail) as number],
      kept: options.resamples > 0 ? (present[k] as number) / options.resamples : null,
    };
  });
}

/**
 * PRIM with covering: the first box on every case; each further box on the cases outside the
 * boxes before it, until `boxes` are found, no case of interest is left, or the choice rule finds
 * no restricted box.
 */
export function discoverBoxes(given: Dataset, options: DiscoverOptions): DiscoveredBox[] {
  const data = byName(given);
  const all = { n: data.y.length, cases: data.y.reduce((s, v) => s + v, 0) };
  const boxes: DiscoveredBox[] = [];
  let current = data;
  while (boxes.length < options.boxes) {
    const cases = current.y.reduce((s, v) => s + v, 0);
    if (cases === 0 || cases === current.y.length) break;
    const found = findBox(current, options);
    if (found === null) break;
    const box = boxes.length + 1;
    boxes.push({
      box,
      ...found.stats,
      coverageOfAll: found.stats.cases / all.cases,
      massOfAll: found.stats.count / all.n,
      chosenStep: found.chosen,
      edges: bootstrapEdges(current, found, options, box),
      dropped: found.dropped,
      trajectory: found.trajectory,
    });
    current = subset(current, outside(current, found.bounds));
  }
  return boxes;
}
