import seedrandom from "seedrandom";
import type { Dataset } from "./data.js";
import { findBox, outside, subset, type BoxStats, type FoundBox, type PrimOptions, type Step } from "./prim.js";
import { quantile } from "../sweep/stats.js";

/** One restriction of a chosen box, with how firmly the data hold it. */
export interface Restriction {
  name: string;
  kind: "numeric" | "categorical";
  /** The box keeps values >= low (null: open below). */
  low: number | null;
  /** The box keeps values <= high (null: open above). */
  high: number | null;
  /** Categorical values the box leaves out. */
  excluded: string[];
  quasiP: number;
  /** Percentile bootstrap intervals of each restricted edge (null: edge open, or no resamples). */
  lowInterval: [number, number] | null;
  highInterval: [number, number] | null;
  /** Share of the resamples whose box restricts this parameter (null: no resamples). */
  kept: number | null;
}

export interface DiscoveredBox extends BoxStats {
  box: number;
  /** Over every case of the sweep (the statistics above are over the cases left when this box was sought). */
  coverageOfAll: number;
  massOfAll: number;
  chosenStep: number;
  restrictions: Restriction[];
  dropped: { name: string; quasiP: number }[];
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

/**
 * Percentile bootstrap of a box's edges: the cases the box was found in are drawn with
 * replacement (seeded, so the same inputs give the same intervals), the whole procedure is
 * repeated on each resample (peel, choose, paste, prune), and each edge's quantiles over the
 * resamples form its interval. A resample whose box leaves an edge open counts it at the data's
 * extreme, so an edge the data hold only sometimes gets a wide interval (and a low `kept`).
 */
function bootstrapEdges(data: Dataset, found: FoundBox, options: DiscoverOptions, box: number): Restriction[] {
  const names = data.dims.map((d) => d.name);
  const extremes = data.dims.map((dim) => {
    if (dim.kind !== "numeric") return { min: 0, max: 0 };
    let min = Infinity;
    let max = -Infinity;
    for (const v of dim.values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return { min, max };
  });
  const lows: number[][] = names.map(() => []);
  const highs: number[][] = names.map(() => []);
  const restrictedIn = names.map(() => 0);
  const random = seedrandom(`pointsim-discover:${options.seed}:box${box}`);
  const n = data.y.length;
  for (let r = 0; r < options.resamples; r++) {
    const indices = Array.from({ length: n }, () => Math.floor(random() * n));
    const again = findBox(subset(data, indices), options);
    names.forEach((name, d) => {
      const bounds = again?.bounds;
      const low = bounds?.low[d] ?? -Infinity;
      const high = bounds?.high[d] ?? Infinity;
      lows[d]?.push(Number.isFinite(low) ? low : (extremes[d]?.min as number));
      highs[d]?.push(Number.isFinite(high) ? high : (extremes[d]?.max as number));
      if (again?.kept.some((k) => k.name === name)) restrictedIn[d] = (restrictedIn[d] as number) + 1;
    });
  }
  const tail = (1 - options.confidence) / 2;
  const interval = (values: number[] | undefined): [number, number] | null => {
    if (values === undefined || values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    return [quantile(sorted, tail) as number, quantile(sorted, 1 - tail) as number];
  };
  return found.kept.map(({ name, quasiP }) => {
    const d = names.indexOf(name);
    const dim = data.dims[d];
    const low = found.bounds.low[d] as number;
    const high = found.bounds.high[d] as number;
    return {
      name,
      kind: dim?.kind ?? "numeric",
      low: Number.isFinite(low) ? low : null,
      high: Number.isFinite(high) ? high : null,
      excluded: found.bounds.excluded[d] ?? [],
      quasiP,
      lowInterval: Number.isFinite(low) && dim?.kind === "numeric" ? interval(lows[d]) : null,
      highInterval: Number.isFinite(high) && dim?.kind === "numeric" ? interval(highs[d]) : null,
      kept: options.resamples > 0 ? (restrictedIn[d] as number) / options.resamples : null,
    };
  });
}

/**
 * PRIM with covering: the first box on every case; each further box on the cases outside the
 * boxes before it, until `boxes` are found, no case of interest is left, or the choice rule finds
 * no restricted box.
 */
export function discoverBoxes(data: Dataset, options: DiscoverOptions): DiscoveredBox[] {
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
      restrictions: bootstrapEdges(current, found, options, box),
      dropped: found.dropped,
      trajectory: found.trajectory,
    });
    current = subset(current, outside(current, found.bounds));
  }
  return boxes;
}
