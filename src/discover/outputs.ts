import { words } from "../i18n/words.js";
import { csvLine } from "../sweep/results.js";
import { tell } from "../i18n/tell.js";
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
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { manifestLang } from "../i18n/command-lang.js";

/** Files pointsim writes in a discovery folder; --force replaces these and nothing else. */
const DISCOVER_FILES = ["boxes.csv", "boxes.json", "tree.json", "rules.csv", "manifest.json"];

/** A discovery folder under the ownership policy (src/report/ownership.ts): its record is its manifest's files. */
const DISCOVER_FOLDER = manifestFolderRules(words("noun.discovery"), "pointsim-discover", DISCOVER_FILES);

/** Refuses (exit 2) a folder a discovery may not be written to; deletes nothing. */
export function checkDiscoverFolder(out: string, force: boolean): void {
  judgeFolder(out, DISCOVER_FOLDER, force);
}

const num = (v: number | null) => (v === null ? "" : csvNumber(v));
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** A parameter's edges in words: "x >= 0.8", "0.2 <= x <= 0.4", "x not in (a, b)". */
function restrictionText(parameter: string, edges: readonly BoxEdge[], lang: Lang): string {
  const low = edges.find((e) => e.edge === "low")?.value ?? null;
  const high = edges.find((e) => e.edge === "high")?.value ?? null;
  const excluded = edges.find((e) => e.edge === "excluded");
  if (excluded !== undefined) return tell(lang, "rule.notIn", { parameter, values: excluded.excluded.join(", ") });
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
export function boxRule(where: string, box: DiscoveredBox, lang: Lang = "en"): string {
  const conditions = byParameter(box)
    .map(([p, edges]) => restrictionText(p, edges, lang))
    .join(tell(lang, "rule.and"));
  return tell(lang, "rule.when", { where, conditions });
}

export function leafText(rule: LeafRule, lang: Lang = "en"): string {
  if (rule.conditions.length === 0) return tell(lang, "rule.everyRun");
  return rule.conditions
    .map((c) => {
      if (c.values !== null) return tell(lang, "rule.in", { parameter: c.parameter, values: c.values.join(", ") });
      if (c.above !== null && c.atMost !== null) return `${num(c.above)} < ${c.parameter} <= ${num(c.atMost)}`;
      return c.above !== null ? `${c.parameter} > ${num(c.above)}` : `${c.parameter} <= ${num(c.atMost)}`;
    })
    .join(tell(lang, "rule.and"));
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

/** rules.csv; a zh-CN discovery adds a last column, ruleZh, so that a script's columns keep their places. */
function rulesCsv(rules: readonly LeafRule[], lang: Lang = "en"): string {
  const zh = lang === "zh-CN";
  const header = ["leaf", "rule", "runs", "cases", "share", ...(zh ? ["ruleZh"] : [])];
  const rows = rules.map((r) => [String(r.leaf), leafText(r), String(r.count), String(r.cases), csvNumber(r.share), ...(zh ? [leafText(r, lang)] : [])]);
  return [header, ...rows].map(csvLine).join("");
}

export interface Discovery {
  loaded: LoadedSweep;
  options: DiscoverOptions;
  tree: TreeOptions;
  boxes: DiscoveredBox[];
  root: TreeNode;
  /** The language of what a person reads in the files (boxes.json's ruleZh); English: none, the files as before. */
  lang?: Lang;
}

/** The settings as written to boxes.json and the manifest. */
function settings(d: Discovery): Record<string, unknown> {
  const o = d.options;
  const choiceKey = o.minDensity === null ? "file.discChoiceDensest" : "file.discChoiceWidest";
  return {
    alpha: o.alpha,
    minMass: o.minMass,
    paste: o.paste,
    maxP: o.maxP,
    minCoverage: o.minCoverage,
    minDensity: o.minDensity,
    choice: tell("en", choiceKey),
    // A zh-CN discovery adds the rule in Chinese beside it (as boxes' ruleZh); the English stays for scripts.
    ...(d.lang === "zh-CN" ? { choiceZh: tell("zh-CN", choiceKey) } : {}),
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
          ...(d.lang === "zh-CN" ? { ruleZh: boxRule(d.loaded.where, b, "zh-CN") } : {}),
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
    { name: "rules.csv", content: rulesCsv(rules, d.lang) },
  ];
  const manifest = {
    tool: "pointsim-discover",
    pointsimVersion: VERSION,
    modelHash: modelHash(),
    sweep: { name: d.loaded.sweepName, runsCsvSha256: d.loaded.runsCsvSha256, complete: d.loaded.complete },
    where: d.loaded.where,
    settings: settings(d),
    ...manifestLang(d.lang ?? "en"),
    files: Object.fromEntries(files.map((f) => [f.name, sha256(f.content)])),
  };
  return [...files, { name: "manifest.json", content: stableJson(manifest) }];
}

/** What the terminal shows: the condition's count, each box as a rule with its figures and edges, the tree's leaves. */
export function discoverySummary(d: Discovery, out: string, lang: Lang = "en"): string {
  const all = d.loaded.data.y.length;
  const cases = d.loaded.data.y.reduce((s, v) => s + v, 0);
  const lines = [
    tell(lang, "cmd.disc.heading", {
      sweep: d.loaded.sweepName,
      where: d.loaded.where,
      cases,
      all,
      share: percent(cases / all),
      failed: d.loaded.failedRuns > 0 ? tell(lang, "cmd.disc.failedLeftOut", { count: d.loaded.failedRuns }) : "",
    }),
  ];
  if (d.boxes.length === 0) lines.push(tell(lang, "cmd.disc.noBox"));
  for (const b of d.boxes) {
    lines.push(tell(lang, "cmd.disc.box", { box: b.box, rule: boxRule(d.loaded.where, b, lang) }));
    lines.push(
      tell(lang, "cmd.disc.boxFigures", {
        runs: b.count,
        density: percent(b.density),
        coverage: percent(b.coverage),
        outside: b.box > 1 ? tell(lang, "cmd.disc.outsideBefore") : "",
        mass: percent(b.mass),
      }),
    );
    for (const e of b.edges) {
      const kept = e.kept === null ? null : { kept: percent(e.kept), resamples: d.options.resamples };
      const interval =
        e.interval === null
          ? kept === null
            ? ""
            : tell(lang, "cmd.disc.firmAlone", kept)
          : tell(lang, "cmd.disc.interval", {
              confidence: Math.round(d.options.confidence * 100),
              low: num(e.interval[0]),
              high: num(e.interval[1]),
              firm: kept === null ? "" : tell(lang, "cmd.disc.firm", kept),
            });
      const what =
        e.edge === "excluded"
          ? tell(lang, "rule.notIn", { parameter: e.parameter, values: e.excluded.join(", ") })
          : `${e.parameter} ${e.edge === "low" ? ">=" : "<="} ${num(e.value)}`;
      lines.push(tell(lang, "cmd.disc.edge", { what, interval, p: e.quasiP.toPrecision(2) }));
    }
    if (b.dropped.length > 0)
      lines.push(
        tell(lang, "cmd.disc.dropped", {
          list: b.dropped
            .map((x) => tell(lang, "cmd.disc.droppedItem", { name: x.name, edge: x.edge, p: x.quasiP.toPrecision(2) }))
            .join(say(lang, "list.comma")),
        }),
      );
  }
  lines.push(tell(lang, "cmd.disc.tree", { depth: d.tree.maxDepth, leaf: d.tree.minLeaf }));
  for (const r of leafRules(d.root)) lines.push(tell(lang, "cmd.disc.leaf", { rule: leafText(r, lang), runs: r.count, share: percent(r.share) }));
  lines.push(tell(lang, "cmd.disc.files", { out }));
  return `${lines.map(printable).join("\n")}\n`;
}
