import { ExpressionError } from "../errors.js";
import { evaluate, parseExpression } from "../gates/expression.js";
import { escapeHtml } from "../report/html.js";
import type { SweepSpec } from "../sweep/spec.js";
import { csvNumber } from "../sweep/stats.js";
import { DISCOVER_DEFAULTS, discoverBoxes, type DiscoverOptions } from "./boxes.js";
import { TREE_DEFAULTS, growTree, leafRules } from "./cart.js";
import { datasetOf } from "./data.js";
import { boxRule, leafText } from "./outputs.js";
import type { Lang } from "../i18n/lang.js";
import { tell, type CatalogueKey } from "../i18n/tell.js";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * The sweep report's scenario discovery (a sweep file's `discover:`): each completed run's
 * parameter values and whether the condition holds for its summary are gathered as the runs are
 * read back (a few numbers a run), then PRIM and the tree run once at the end, as
 * `pointsim discover` would on the folder (docs/decide.md).
 */
export class SweepDiscovery {
  private readonly node: ReturnType<typeof parseExpression>;
  private readonly values: unknown[][] = [];
  private readonly y: number[] = [];
  private failure: string | null = null;

  constructor(private readonly spec: SweepSpec & { discover: NonNullable<SweepSpec["discover"]> }) {
    this.node = parseExpression(spec.discover.where);
  }

  add(values: Record<string, unknown>, summary: Record<string, unknown>): void {
    if (this.failure !== null) return;
    try {
      this.y.push(evaluate(this.node, summary, this.spec.discover.where) ? 1 : 0);
      this.values.push(this.spec.parameters.map((p) => values[p.key] ?? null));
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.failure = error.message;
    }
  }

  /** The report's section, in words and tables. */
  html(lang: Lang = "en"): string {
    const t = (key: CatalogueKey, params: Record<string, string | number> = {}): string => tell(lang, key, params);
    const where = this.spec.discover.where;
    const head = `<h2 id="discovery">${t("discPage.heading", { where: escapeHtml(where) })}</h2>`;
    const cases = this.y.reduce((s, v) => s + v, 0);
    if (this.failure !== null) return `${head}${t("discPage.cannot", { problem: escapeHtml(this.failure) })}`;
    if (cases === 0 || cases === this.y.length)
      return `${head}${t("discPage.nothing", { which: t(cases === 0 ? "discPage.none" : "discPage.all"), count: this.y.length })}`;
    const data = datasetOf(
      this.spec.parameters.map((p) => p.key),
      this.values,
      Uint8Array.from(this.y),
    );
    const d = this.spec.discover;
    const minDensity = d.minDensity ?? null;
    const options: DiscoverOptions = {
      ...DISCOVER_DEFAULTS,
      minDensity,
      minCoverage: d.minCoverage ?? (minDensity === null ? DISCOVER_DEFAULTS.minCoverage : 0),
      boxes: d.boxes ?? DISCOVER_DEFAULTS.boxes,
      resamples: d.bootstrap ?? DISCOVER_DEFAULTS.resamples,
      seed: String(this.spec.seed),
    };
    const boxes = discoverBoxes(data, options);
    const rules = leafRules(growTree(data, TREE_DEFAULTS));
    const num = (v: number | null) => (v === null ? "" : csvNumber(v));
    const boxHtml = boxes.map(
      (b) =>
        `<h3>${t("discPage.box", { box: b.box, rule: escapeHtml(boxRule(where, b, lang)) })}</h3><p>${t("discPage.boxFigures", {
          runs: b.count,
          density: percent(b.density),
          coverage: percent(b.coverage),
          outside: b.box > 1 ? t("cmd.disc.outsideBefore") : "",
          mass: percent(b.mass),
        })}</p>` +
        `<table class="discovery-box">${t("discPage.boxHeader", { confidence: Math.round(options.confidence * 100) })}${b.edges
          .map(
            (e) =>
              `<tr><td>${escapeHtml(e.parameter)}</td><td>${e.edge === "low" ? "&ge;" : e.edge === "high" ? "&le;" : t("discPage.notIn")}</td><td>${e.edge === "excluded" ? escapeHtml(e.excluded.join(", ")) : num(e.value)}</td><td>${e.interval === null ? "" : t("discPage.range", { low: num(e.interval[0]), high: num(e.interval[1]) })}</td><td>${e.kept === null ? "" : percent(e.kept)}</td><td>${e.quasiP.toPrecision(2)}</td></tr>`,
          )
          .join("")}</table>`,
    );
    const tree = `${t("discPage.tree", { depth: TREE_DEFAULTS.maxDepth })}<table class="discovery-tree">${t("discPage.treeHeader")}${rules
      .map((r) => `<tr><td>${escapeHtml(leafText(r, lang))}</td><td>${r.count}</td><td>${percent(r.share)}</td></tr>`)
      .join("")}</table>`;
    const choice = minDensity === null ? t("discPage.densest", { value: options.minCoverage }) : t("discPage.widest", { value: minDensity });
    const intro = t("discPage.intro", {
      cases,
      count: this.y.length,
      share: percent(cases / this.y.length),
      alpha: options.alpha,
      choice,
      maxP: options.maxP,
      resamples: options.resamples,
    });
    return `${head}<p>${intro}</p>${boxes.length === 0 ? t("discPage.noBox") : boxHtml.join("")}${tree}`;
  }
}
