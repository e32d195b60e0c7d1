import { csvLine } from "../sweep/results.js";
import { printable } from "../gates/expression.js";
import { csvNumber } from "../sweep/stats.js";
import { sha256, stableJson } from "../report/outputs.js";
import { judgeFolder, manifestFolderRules } from "../report/ownership.js";
import { modelHash } from "../sweep/identity.js";
import { VERSION } from "../version.js";
import type { BoxEdge, DiscoveredBox, DiscoverOptions } from "./boxes.js";
import { leafRules, type LeafRule, type TreeNode, type TreeOptions } from "./cart.js";
import type { LoadedSweep } from "./data.js";
import type { Bounds, Step } from "./prim.js";

/** Files pointsim writes in a discovery folder; --force replaces these and nothing else. */
const DISCOVER_FILES = ["boxes.csv", "boxes.json", "tree.json", "rules.csv", "manifest.json"];

/** A discovery folder under the ownership policy (src/report/ownership.ts): its record is its manifest's files. */
const DISCOVER_FOLDER = manifestFolderRules("discovery", "pointsim-discover", DISCOVER_FILES);

/** Refuses (exit 2) a folder a discovery may not be written to; deletes nothing. */
export function checkDiscoverFolder(out: string, force: boolean): void {
  judgeFolder(out, DISCOVER_FOLDER, force);
}

const num = (v: number | null) => (v === null ? "" : csvNumber(v));
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** A parameter's edges in words: "x >= 0.8", "0.2 <= x <= 0.4", "x not in (a, b)". */
function restrictionText(parameter: string, edges: readonly BoxEdge[]): string {
  const low = edges.find((e) => e.edge === "low")?.value ?? null;
  const high = edges.find((e) => e.edge === "high")?.value ?? null;
  const excluded = edges.find((e) => e.edge === "excluded");
  if (excluded !== undefined) return `${parameter} not in (${excluded.excluded.join(", ")})`;
  if (low !== null && high !== null) return `${num(low)} <= ${parameter} <= ${num(high)}`;
  return low !== null ? `${parameter} >= ${num(low)}` : `${parameter} <= ${num(high)}`;
}

/** A box's edges grouped by parameter, in the order of the names. */
function byParameter(box: DiscoveredBox): [string, BoxEdge[]][] {
  const groups = new Map<string, BoxEdge[]>();
  for (const e of box.edges) groups.set(e.parameter, [...(groups.get(e.parameter) ?? []), e]);
  return [...groups];
}

/** A box as the sentence a client reads: "collapseDay <= 365 when a >= 0.8 and b <= 0.02". */
export function boxRule(where: string, box: DiscoveredBox): string {
  return `${where} when ${byParameter(box)
    .map(([p, edges]) => restrictionText(p, edges))
    .join(" and ")}`;
}

export function leafText(rule: LeafRule): string {
  if (rule.conditions.length === 0) return "every run";
  return rule.conditions
    .map((c) => {
      if (c.values !== null) return `${c.parameter} in (${c.values.join(", ")})`;
      if (c.above !== null && c.atMost !== null) return `${num(c.above)} < ${c.parameter} <= ${num(c.atMost)}`;
      return c.above !== null ? `${c.parameter} > ${num(c.above)}` : `${c.parameter} <= ${num(c.atMost)}`;
    })
    .join(" and ");
}

/** A box's edges for JSON: the restricted parameters only, open edges as null. */
function boundsJson(step: Step, names: readonly string[]): Record<string, unknown>[] {
  const b: Bounds = step.bounds;
  return names.flatMap((name, d) => {
    if (!step.restricted.includes(name)) return [];
    const low = b.low[d] as number;
    const high = b.high[d] as number;
    return [{ parameter: name, low: Number.isFinite(low) ? low : null, high: Number.isFinite(high) ? high : null, excluded: b.excluded[d] ?? [] }];
  });
}

function boxesCsv(boxes: readonly DiscoveredBox[]): string {
  const header = [
    "box",
    "runs",
    "cases",
    "coverage",
    "density",
    "mass",
    "coverage_of_all",
    "mass_of_all",
    "parameter",
    "edge",
    "value",
    "excluded",
    "interval_low",
    "interval_high",
    "kept",
    "quasi_p",
  ];
  const rows = boxes.flatMap((b) =>
    b.edges.map((e) => [
      String(b.box),
      String(b.count),
      String(b.cases),
      csvNumber(b.coverage),
      csvNumber(b.density),
      csvNumber(b.mass),
      csvNumber(b.coverageOfAll),
      csvNumber(b.massOfAll),
      e.parameter,
      e.edge,
      num(e.value),
      e.excluded.join(" "),
      num(e.interval?.[0] ?? null),
      num(e.interval?.[1] ?? null),
      num(e.kept),
      String(e.quasiP),
    ]),
  );
  return [header, ...rows].map(csvLine).join("");
}

function rulesCsv(rules: readonly LeafRule[]): string {
  return [["leaf", "rule", "runs", "cases", "share"], ...rules.map((r) => [String(r.leaf), leafText(r), String(r.count), String(r.cases), csvNumber(r.share)])]
    .map(csvLine)
    .join("");
}

export interface Discovery {
  loaded: LoadedSweep;
  options: DiscoverOptions;
  tree: TreeOptions;
  boxes: DiscoveredBox[];
  root: TreeNode;
}

/** The settings as written to boxes.json and the manifest. */
function settings(d: Discovery): Record<string, unknown> {
  const o = d.options;
  return {
    alpha: o.alpha,
    minMass: o.minMass,
    paste: o.paste,
    maxP: o.maxP,
    minCoverage: o.minCoverage,
    minDensity: o.minDensity,
    choice:
      o.minDensity === null
        ? "the peeling step of highest density among those with coverage >= minCoverage"
        : "the peeling step of highest coverage among those with density >= minDensity and coverage >= minCoverage",
    boxes: o.boxes,
    resamples: o.resamples,
    confidence: o.confidence,
    seed: o.seed,
    tree: d.tree,
  };
}

/** Every file of a discovery folder, manifest last. */
export function discoveryFiles(d: Discovery): { name: string; content: string }[] {
  const names = d.loaded.data.dims.map((dim) => dim.name);
  const all = d.loaded.data.y.length;
  const cases = d.loaded.data.y.reduce((s, v) => s + v, 0);
  const rules = leafRules(d.root);
  const files = [
    { name: "boxes.csv", content: boxesCsv(d.boxes) },
    {
      name: "boxes.json",
      content: stableJson({
        where: d.loaded.where,
        runs: all,
        cases,
        failedRunsLeftOut: d.loaded.failedRuns,
        parameters: d.loaded.data.dims.map((dim) => ({ name: dim.name, kind: dim.kind })),
        settings: settings(d),
        boxes: d.boxes.map((b) => ({
          box: b.box,
          rule: boxRule(d.loaded.where, b),
          runs: b.count,
          cases: b.cases,
          coverage: b.coverage,
          density: b.density,
          mass: b.mass,
          coverageOfAll: b.coverageOfAll,
          massOfAll: b.massOfAll,
          chosenStep: b.chosenStep,
          edges: b.edges,
          dropped: b.dropped,
          trajectory: b.trajectory.map((s) => ({
            step: s.step,
            runs: s.count,
            cases: s.cases,
            coverage: s.coverage,
            density: s.density,
            mass: s.mass,
            restricted: s.restricted,
            box: boundsJson(s, names),
          })),
        })),
      }),
    },
    { name: "tree.json", content: stableJson({ where: d.loaded.where, runs: all, cases, settings: d.tree, tree: d.root }) },
    { name: "rules.csv", content: rulesCsv(rules) },
  ];
  const manifest = {
    tool: "pointsim-discover",
    pointsimVersion: VERSION,
    modelHash: modelHash(),
    sweep: { name: d.loaded.sweepName, runsCsvSha256: d.loaded.runsCsvSha256, complete: d.loaded.complete },
    where: d.loaded.where,
    settings: settings(d),
    files: Object.fromEntries(files.map((f) => [f.name, sha256(f.content)])),
  };
  return [...files, { name: "manifest.json", content: stableJson(manifest) }];
}

/** What the terminal shows: the condition's count, each box as a rule with its figures and edges, the tree's leaves. */
export function discoverySummary(d: Discovery, out: string): string {
  const all = d.loaded.data.y.length;
  const cases = d.loaded.data.y.reduce((s, v) => s + v, 0);
  const lines = [
    `${d.loaded.sweepName}: "${d.loaded.where}" holds for ${cases} of ${all} completed runs (${percent(cases / all)})${d.loaded.failedRuns > 0 ? `; ${d.loaded.failedRuns} failed runs left out` : ""}`,
  ];
  if (d.boxes.length === 0)
    lines.push("  no box: no peeling step meets the choice rule with a restriction that holds up (try --min-coverage or --min-density)");
  for (const b of d.boxes) {
    lines.push(`box ${b.box}: ${boxRule(d.loaded.where, b)}`);
    lines.push(
      `  ${b.count} runs; it holds in ${percent(b.density)} of them (density); they are ${percent(b.coverage)} of the runs where it holds${b.box > 1 ? " outside the boxes before" : ""} (coverage); ${percent(b.mass)} of the runs (mass)`,
    );
    for (const e of b.edges) {
      const firm = e.kept === null ? "" : `; in ${percent(e.kept)} of ${d.options.resamples} resamples`;
      const interval =
        e.interval === null ? "" : ` (${Math.round(d.options.confidence * 100)}% interval ${num(e.interval[0])} to ${num(e.interval[1])}${firm})`;
      const what =
        e.edge === "excluded" ? `${e.parameter} not in (${e.excluded.join(", ")})` : `${e.parameter} ${e.edge === "low" ? ">=" : "<="} ${num(e.value)}`;
      lines.push(`  ${what}${interval === "" && firm !== "" ? ` (${firm.slice(2)})` : interval}; quasi-p ${e.quasiP.toPrecision(2)}`);
    }
    if (b.dropped.length > 0)
      lines.push(`  dropped as not meaningful: ${b.dropped.map((x) => `${x.name} ${x.edge} (quasi-p ${x.quasiP.toPrecision(2)})`).join(", ")}`);
  }
  lines.push(`tree (Gini, depth ${d.tree.maxDepth}, leaves of at least ${d.tree.minLeaf} runs):`);
  for (const r of leafRules(d.root)) lines.push(`  ${leafText(r)}: ${r.count} runs, it holds in ${percent(r.share)}`);
  lines.push(`${out} (boxes.csv, boxes.json, tree.json, rules.csv)`);
  return `${lines.map(printable).join("\n")}\n`;
}
