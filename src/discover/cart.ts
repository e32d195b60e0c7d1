import type { Dataset } from "./data.js";

/**
 * A classification tree (CART: Breiman, Friedman, Olshen and Stone, 1984) on the 0/1 outcome,
 * grown by the Gini impurity to a fixed depth, without pruning. A node of n cases, k of them of
 * interest, has impurity n · (1 − p² − (1 − p)²) = 2k(n − k)/n (p = k/n, weighted by n); a split
 * is chosen to make its children's sum the smallest, and is made only when that sum is below the
 * node's. A numeric split sends x <= t left, t halfway between two neighbouring values; a
 * categorical split sends a set of values left, found exactly by ordering the values by their
 * share of cases of interest (Breiman et al., §9.4: optimal for two classes). Ties go to the
 * parameter first by name, then the lower threshold.
 */
export interface TreeOptions {
  maxDepth: number;
  /** The fewest cases a leaf may hold. */
  minLeaf: number;
}

/** The defaults of `pointsim discover` and of a sweep file's `discover:`. */
export const TREE_DEFAULTS: TreeOptions = { maxDepth: 3, minLeaf: 5 };

export type TreeNode = {
  count: number;
  cases: number;
  share: number;
} & (
  | { leaf: true }
  | {
      leaf: false;
      parameter: string;
      /** Numeric split: x <= threshold goes left. */
      threshold: number | null;
      /** Categorical split: these values go left, the others (present in the node) right. */
      leftValues: string[] | null;
      rightValues: string[] | null;
      left: TreeNode;
      right: TreeNode;
    }
);

const impurity = (n: number, k: number) => (n === 0 ? 0 : (2 * k * (n - k)) / n);

interface Split {
  d: number;
  threshold: number | null;
  leftValues: string[] | null;
  rightValues: string[] | null;
  score: number;
}

function bestSplit(data: Dataset, rows: readonly number[], minLeaf: number): Split | null {
  const y = data.y;
  let best: Split | null = null;
  const consider = (split: Split) => {
    if (best === null || split.score < best.score) best = split;
  };
  data.dims.forEach((dim, d) => {
    if (dim.kind === "numeric") {
      const sorted = [...rows].sort((a, b) => (dim.values[a] as number) - (dim.values[b] as number) || a - b);
      const n = sorted.length;
      const k = sorted.reduce((s, i) => s + (y[i] as number), 0);
      let nl = 0;
      let kl = 0;
      for (let t = 0; t < n - 1; t++) {
        const i = sorted[t] as number;
        nl++;
        kl += y[i] as number;
        const here = dim.values[i] as number;
        const next = dim.values[sorted[t + 1] as number] as number;
        if (here === next || nl < minLeaf || n - nl < minLeaf) continue;
        consider({ d, threshold: (here + next) / 2, leftValues: null, rightValues: null, score: impurity(nl, kl) + impurity(n - nl, k - kl) });
      }
    } else {
      const counts = new Map<string, { n: number; k: number }>();
      for (const i of rows) {
        const c = dim.values[i] as string;
        const e = counts.get(c) ?? { n: 0, k: 0 };
        e.n++;
        e.k += y[i] as number;
        counts.set(c, e);
      }
      const ordered = [...counts].sort(([a, x], [b, z]) => x.k / x.n - z.k / z.n || (a < b ? -1 : a > b ? 1 : 0));
      const n = rows.length;
      const k = [...counts.values()].reduce((s, e) => s + e.k, 0);
      let nl = 0;
      let kl = 0;
      for (let t = 0; t < ordered.length - 1; t++) {
        const [, e] = ordered[t] as [string, { n: number; k: number }];
        nl += e.n;
        kl += e.k;
        if (nl < minLeaf || n - nl < minLeaf) continue;
        const names = ordered.map(([c]) => c);
        const leftValues = names.slice(0, t + 1).sort();
        const rightValues = names.slice(t + 1).sort();
        consider({ d, threshold: null, leftValues, rightValues, score: impurity(nl, kl) + impurity(n - nl, k - kl) });
      }
    }
  });
  return best;
}

function grow(data: Dataset, rows: number[], depth: number, options: TreeOptions): TreeNode {
  const count = rows.length;
  const cases = rows.reduce((s, i) => s + (data.y[i] as number), 0);
  const node = { count, cases, share: count === 0 ? 0 : cases / count };
  if (depth >= options.maxDepth || cases === 0 || cases === count || count < 2 * options.minLeaf) return { ...node, leaf: true };
  const split = bestSplit(data, rows, options.minLeaf);
  // A split must lower the impurity by more than rounding could (relative 1e-12).
  if (split === null || split.score >= impurity(count, cases) * (1 - 1e-12)) return { ...node, leaf: true };
  const dim = data.dims[split.d];
  if (dim === undefined) return { ...node, leaf: true };
  const goesLeft = (i: number) =>
    dim.kind === "numeric" ? (dim.values[i] as number) <= (split.threshold as number) : (split.leftValues as string[]).includes(dim.values[i] as string);
  return {
    ...node,
    leaf: false,
    parameter: dim.name,
    threshold: split.threshold,
    leftValues: split.leftValues,
    rightValues: split.rightValues,
    left: grow(
      data,
      rows.filter((i) => goesLeft(i)),
      depth + 1,
      options,
    ),
    right: grow(
      data,
      rows.filter((i) => !goesLeft(i)),
      depth + 1,
      options,
    ),
  };
}

export function growTree(given: Dataset, options: TreeOptions): TreeNode {
  // Splits of equal impurity go to the parameter first by name: the columns' order changes nothing.
  const data = { ...given, dims: [...given.dims].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  return grow(
    data,
    Array.from(data.y, (_, i) => i),
    0,
    options,
  );
}

/** A leaf as a rule: its path's conditions, two on one parameter merged into one range. */
export interface LeafRule {
  leaf: number;
  conditions: { parameter: string; above: number | null; atMost: number | null; values: string[] | null }[];
  count: number;
  cases: number;
  share: number;
}

export function leafRules(tree: TreeNode): LeafRule[] {
  const rules: LeafRule[] = [];
  const walk = (node: TreeNode, path: LeafRule["conditions"]) => {
    if (node.leaf) {
      rules.push({ leaf: rules.length + 1, conditions: path, count: node.count, cases: node.cases, share: node.share });
      return;
    }
    const narrow = (side: "left" | "right"): LeafRule["conditions"] => {
      const others = path.filter((c) => c.parameter !== node.parameter);
      const before = path.find((c) => c.parameter === node.parameter) ?? { parameter: node.parameter, above: null, atMost: null, values: null };
      if (node.threshold !== null) {
        const t = node.threshold;
        return [...others, side === "left" ? { ...before, atMost: t } : { ...before, above: t }];
      }
      const values = (side === "left" ? node.leftValues : node.rightValues) ?? [];
      return [...others, { ...before, values: before.values === null ? values : before.values.filter((v) => values.includes(v)) }];
    };
    walk(node.left, narrow("left"));
    walk(node.right, narrow("right"));
  };
  walk(tree, []);
  return rules;
}
