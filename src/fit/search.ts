/**
 * The fit's search, in unit coordinates (each parameter's range mapped to [0, 1]): a Latin
 * hypercube start, then Nelder–Mead from its best point. Deterministic: the start comes from the
 * fit's seeded generator and the search has no randomness. Points are evaluated in batches (the
 * caller runs a batch's candidates in parallel): each Nelder–Mead iteration asks for its
 * reflection, expansion and both contractions at once, then takes the step the classic method
 * would take (Lagarias et al. 1998), so the path is the sequential method's; only the count of
 * candidates run is larger.
 */

export type BatchEvaluate = (points: number[][]) => Promise<number[]>;

/** n points in [0, 1]^k, each coordinate's n strata used once, in a random order. */
export function latinHypercube(n: number, k: number, random: () => number): number[][] {
  const points = Array.from({ length: n }, () => new Array<number>(k).fill(0));
  for (let j = 0; j < k; j++) {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const swap = Math.floor(random() * (i + 1));
      [strata[i], strata[swap]] = [strata[swap] as number, strata[i] as number];
    }
    for (let i = 0; i < n; i++) (points[i] as number[])[j] = ((strata[i] as number) + random()) / n;
  }
  return points;
}

export interface SearchOptions {
  /** Initial simplex: x0 and x0 moved by `step` along each axis (backwards where that leaves [0, 1]). */
  step: number;
  /** Most points the search may submit. */
  maxEvaluations: number;
  /** Converged when the simplex's values differ by at most ftol and its points by at most xtol per axis. */
  ftol: number;
  xtol: number;
}

export interface SearchResult {
  best: number[];
  value: number;
  evaluations: number;
  /** Why it stopped. */
  stop: "converged" | "budget";
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));
const along = (a: readonly number[], b: readonly number[], t: number) => a.map((ai, i) => clamp(ai + t * ((b[i] as number) - ai)));

/** Nelder–Mead (α 1, γ 2, ρ ½, σ ½) on [0, 1]^k, every point clamped into the box. */
export async function nelderMead(f: BatchEvaluate, x0: readonly number[], x0Value: number, options: SearchOptions): Promise<SearchResult> {
  const k = x0.length;
  let evaluations = 0;
  const simplex: { x: number[]; f: number }[] = [{ x: [...x0], f: x0Value }];
  const initial = Array.from({ length: k }, (_, i) => {
    const x = [...x0];
    const forward = (x[i] as number) + options.step;
    x[i] = forward <= 1 ? forward : (x[i] as number) - options.step;
    return x.map(clamp);
  });
  const initialValues = await f(initial);
  evaluations += k;
  initial.forEach((x, i) => simplex.push({ x, f: initialValues[i] as number }));
  const order = () => simplex.sort((a, b) => a.f - b.f);
  for (;;) {
    order();
    const best = simplex[0] as { x: number[]; f: number };
    const worst = simplex[k] as { x: number[]; f: number };
    const spreadF = worst.f - best.f;
    const spreadX = Math.max(...simplex.map((s) => Math.max(...s.x.map((v, i) => Math.abs(v - (best.x[i] as number))))));
    if (Number.isFinite(spreadF) && spreadF <= options.ftol && spreadX <= options.xtol) return { best: best.x, value: best.f, evaluations, stop: "converged" };
    if (evaluations + 4 > options.maxEvaluations) return { best: best.x, value: best.f, evaluations, stop: "budget" };
    const centroid = new Array<number>(k).fill(0);
    for (let s = 0; s < k; s++) (simplex[s] as { x: number[] }).x.forEach((v, i) => (centroid[i] = (centroid[i] as number) + v / k));
    const reflect = along(centroid, worst.x, -1);
    const expand = along(centroid, worst.x, -2);
    const outside = along(centroid, worst.x, -0.5);
    const inside = along(centroid, worst.x, 0.5);
    const [fr, fe, fo, fi] = (await f([reflect, expand, outside, inside])) as [number, number, number, number];
    evaluations += 4;
    const secondWorst = (simplex[k - 1] as { f: number }).f;
    let accepted: { x: number[]; f: number } | null = null;
    if (fr < best.f) accepted = fe < fr ? { x: expand, f: fe } : { x: reflect, f: fr };
    else if (fr < secondWorst) accepted = { x: reflect, f: fr };
    else if (fr < worst.f) accepted = fo <= fr ? { x: outside, f: fo } : null;
    else accepted = fi < worst.f ? { x: inside, f: fi } : null;
    if (accepted !== null) {
      simplex[k] = accepted;
      continue;
    }
    // Shrink every point towards the best.
    if (evaluations + k > options.maxEvaluations) return { best: best.x, value: best.f, evaluations, stop: "budget" };
    const shrunk = simplex.slice(1).map((s) => along(best.x, s.x, 0.5));
    const values = await f(shrunk);
    evaluations += k;
    shrunk.forEach((x, i) => (simplex[i + 1] = { x, f: values[i] as number }));
  }
}
