import { ExpressionError } from "../errors.js";
import { evaluate, parseExpression } from "../gates/expression.js";
import { escapeHtml } from "../report/html.js";
import type { SweepSpec } from "../sweep/spec.js";
import { csvNumber } from "../sweep/stats.js";
import { DISCOVER_DEFAULTS, discoverBoxes, type DiscoverOptions } from "./boxes.js";
import { TREE_DEFAULTS, growTree, leafRules } from "./cart.js";
import { datasetOf } from "./data.js";
import { boxRule, leafText } from "./outputs.js";

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
  html(): string {
    const where = this.spec.discover.where;
    const head = `<h2 id="discovery">Scenario discovery: where ${escapeHtml(where)}</h2>`;
    const cases = this.y.reduce((s, v) => s + v, 0);
    if (this.failure !== null) return `${head}<p>The condition could not be evaluated: ${escapeHtml(this.failure)}.</p>`;
    if (cases === 0 || cases === this.y.length)
      return `${head}<p>It holds for ${cases === 0 ? "none" : "all"} of the ${this.y.length} completed runs: there is nothing to tell apart.</p>`;
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
        `<h3>Box ${b.box}: ${escapeHtml(boxRule(where, b))}</h3><p>${b.count} runs; it holds in ${percent(b.density)} of them (density); they are ${percent(b.coverage)} of the runs where it holds${b.box > 1 ? " outside the boxes before" : ""} (coverage); ${percent(b.mass)} of the runs (mass).</p>` +
        `<table class="discovery-box"><tr><th>parameter</th><th>edge</th><th>value</th><th>${Math.round(options.confidence * 100)}% interval</th><th>in resamples</th><th>quasi-p</th></tr>${b.edges
          .map(
            (e) =>
              `<tr><td>${escapeHtml(e.parameter)}</td><td>${e.edge === "low" ? "&ge;" : e.edge === "high" ? "&le;" : "not in"}</td><td>${e.edge === "excluded" ? escapeHtml(e.excluded.join(", ")) : num(e.value)}</td><td>${e.interval === null ? "" : `${num(e.interval[0])} to ${num(e.interval[1])}`}</td><td>${e.kept === null ? "" : percent(e.kept)}</td><td>${e.quasiP.toPrecision(2)}</td></tr>`,
          )
          .join("")}</table>`,
    );
    const tree = `<h3>Classification tree (Gini, depth ${TREE_DEFAULTS.maxDepth})</h3><table class="discovery-tree"><tr><th>leaf</th><th>runs</th><th>it holds in</th></tr>${rules
      .map((r) => `<tr><td>${escapeHtml(leafText(r))}</td><td>${r.count}</td><td>${percent(r.share)}</td></tr>`)
      .join("")}</table>`;
    return `${head}<p>It holds for ${cases} of ${this.y.length} completed runs (${percent(cases / this.y.length)}). PRIM boxes (peeling alpha ${options.alpha}, ${
      minDensity === null ? `the densest step with coverage &ge; ${options.minCoverage}` : `the step of highest coverage with density &ge; ${minDensity}`
    }; edges with a quasi-p-value above ${options.maxP} dropped; intervals over ${options.resamples} bootstrap resamples of the runs) and a tree; what they assume and where they mislead: docs/decide.md. <code>pointsim discover</code> writes the numbers as CSV and JSON.</p>${
      boxes.length === 0 ? "<p>No box: no peeling step meets the choice rule with an edge that holds up.</p>" : boxHtml.join("")
    }${tree}`;
  }
}
