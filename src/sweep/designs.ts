/**
 * Global sensitivity designs in unit coordinates ([0, 1] per parameter; the sweep maps them to
 * each parameter's range). Pure functions of a seeded generator, so a design is the same on
 * every machine, shard and resume.
 */
export type Uniform = () => number;

/** Morris's step on a p-level grid: Δ = p / (2 (p − 1)), so every level is reached equally often. */
export function morrisDelta(levels: number): number {
  return levels / (2 * (levels - 1));
}

/**
 * Morris (1991) trajectories: each a base point on the p-level grid, then every parameter
 * moved once by ±Δ in a random order, so r trajectories give r (k + 1) points and r elementary
 * effects per parameter. A parameter moving up starts on the lower p/2 levels and one moving
 * down on the upper p/2 (p even), so every point stays on the grid inside [0, 1].
 * Returns the points trajectory by trajectory; `order[t][j]` is the parameter moved at step j + 1.
 */
export function morrisDesign(k: number, trajectories: number, levels: number, random: Uniform): { points: number[][]; order: number[][] } {
  const half = levels / 2;
  const grid = (level: number) => level / (levels - 1);
  const points: number[][] = [];
  const order: number[][] = [];
  for (let t = 0; t < trajectories; t++) {
    const up = Array.from({ length: k }, () => random() < 0.5);
    const base = up.map((u) => Math.floor(random() * half) + (u ? 0 : half));
    const perm = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [perm[i], perm[j]] = [perm[j] as number, perm[i] as number];
    }
    const level = [...base];
    points.push(level.map(grid));
    for (const i of perm) {
      level[i] = (level[i] as number) + (up[i] ? half : -half);
      points.push(level.map(grid));
    }
    order.push(perm);
  }
  return { points, order };
}

/**
 * Saltelli's scheme for first-order and total Sobol indices: two independent N × k samples A
 * and B (uniform, from the seeded generator), and for each parameter i the matrix AB_i (A with
 * column i taken from B). Written block by block: for each row j, A_j, B_j, AB_j^1 … AB_j^k,
 * so N base samples give N (k + 2) points.
 */
export function sobolDesign(k: number, samples: number, random: Uniform): number[][] {
  const points: number[][] = [];
  for (let j = 0; j < samples; j++) {
    const a = Array.from({ length: k }, () => random());
    const b = Array.from({ length: k }, () => random());
    points.push(a, b);
    for (let i = 0; i < k; i++) points.push(a.map((v, c) => (c === i ? (b[i] as number) : v)));
  }
  return points;
}

/** Points a design has: Morris r (k + 1), Sobol N (k + 2). */
export function designPoints(method: "morris" | "sobol", k: number, count: number): number {
  return method === "morris" ? count * (k + 1) : count * (k + 2);
}
