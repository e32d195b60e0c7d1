import type { Scenario } from "../scenario/types.js";
import type { ExplainOrder } from "../engine/scheme.js";
import { formatYuan } from "../engine/units.js";
import { productFen, type GoodsBasis } from "../engine/state.js";
import { schemesFunded } from "../engine/goods.js";
import { enabledConfig } from "../engine/window.js";
import { SCHEME_MODULES } from "../registry.js";

/** What one order of a product promises, against what the platform earns from it. Money in fen. */
export interface ProductExplanation {
  product: string;
  priceFen: number;
  split: { costFen: number; marginFen: number; distributionFen: number; contributionFen: number };
  /** Each running scheme's figures for this order (its own names; money in fen). */
  schemes: Record<string, Record<string, number>>;
  promisedFen: number;
  earnedFen: number;
  /** How who loses counts the goods of one order: its basis, value, and the running schemes the product funds. */
  goods: { basis: GoodsBasis; valueFen: number; funds: string[] };
  /** Lines for the terminal, each scheme's in registry order. */
  lines: string[];
}

/**
 * `pointsim explain`: for each product, what one order promises users under every running
 * scheme (each scheme explains itself: SchemeModule.explain) against what the platform keeps
 * of it: margin, the distribution budget and contribution no scheme takes, and what a scheme
 * earns besides (ad revenue).
 */
export function explainScenario(scenario: Scenario): ProductExplanation[] {
  const running = SCHEME_MODULES.flatMap((module) => {
    const config = enabledConfig(scenario.schemes, module.key);
    return config !== null && module.explain ? [{ key: module.key, explain: module.explain, config }] : [];
  });
  return scenario.products.map((product) => {
    const funds = schemesFunded(scenario.schemes, SCHEME_MODULES, product);
    const order: ExplainOrder = productFen(product, funds.length > 0);
    const { priceFen, costFen, marginFen, distributionFen, contributionFen } = order;
    const schemes: Record<string, Record<string, number>> = {};
    const lines: string[] = [];
    let promisedFen = 0;
    let earnedFen = marginFen + distributionFen + Math.max(0, contributionFen);
    for (const s of running) {
      const part = s.explain(s.config as never, order);
      if (part === null) continue;
      schemes[s.key] = part.details;
      lines.push(...part.lines);
      promisedFen += part.promisedFen;
      earnedFen += part.earnedFen - part.takesFen;
    }
    return {
      product: product.id,
      priceFen,
      split: { costFen, marginFen, distributionFen, contributionFen },
      schemes,
      promisedFen,
      earnedFen,
      goods: { basis: order.goodsBasis, valueFen: order.goodsValueFen, funds },
      lines,
    };
  });
}

export function formatExplanation(scenario: Scenario, items: readonly ProductExplanation[]): string {
  const y = formatYuan;
  const out = [`${scenario.name}: what one order promises, against what the platform earns from it`, ""];
  for (const e of items) {
    out.push(`${e.product}: a ${y(e.priceFen)} order`);
    out.push(
      `  split: cost ${y(e.split.costFen)}, platform margin ${y(e.split.marginFen)}, distribution ${y(e.split.distributionFen)}, contribution ${y(e.split.contributionFen)}`,
    );
    for (const line of e.lines) out.push(`  ${line}`);
    const why =
      e.goods.basis === "stated"
        ? "the scenario's goodsValue"
        : e.goods.basis === "cost"
          ? `its cost: it funds ${e.goods.funds.join(", ")}`
          : "its price: it funds no scheme, a plain sale";
    out.push(`  goods: counted at ${y(e.goods.valueFen)} in who loses (${why})`);
    const verdict = e.promisedFen > e.earnedFen ? "promises MORE than it earns" : "earns at least what it promises";
    out.push(
      `  => promised to users ${y(e.promisedFen)} (releases, commissions, refunds, dividends) against earned ${y(e.earnedFen)} (margin, unused distribution, kept contribution, revenue such as ads): ${verdict}`,
    );
    out.push("");
  }
  out.push(...changeLines(scenario));
  return `${out.join("\n")}`;
}

/**
 * The rule changes and responses of a scenario, in words: the figures above are for the rules
 * of day 1, and these say how the rules and behaviour move during the run (nothing without any).
 */
function changeLines(scenario: Scenario): string[] {
  const out: string[] = [];
  const changes = scenario.changes ?? [];
  if (changes.length > 0) {
    out.push("rules that change during the run (the figures above are day 1's rules):");
    const ordered = changes.map((c, i) => ({ c, i })).sort((a, b) => a.c.day - b.c.day || a.i - b.i);
    for (const { c } of ordered) out.push(`  day ${c.day}: ${c.key} becomes ${JSON.stringify(c.value)}`);
    out.push("");
  }
  const responses = scenario.responses ?? [];
  if (responses.length > 0) {
    out.push("behaviour that responds to drivers (from the next day, on top of confidence):");
    for (const r of responses) out.push(`  ${r.acts} × max(${r.floor}, 1 − ${r.sensitivity} × ${r.driver})`);
    out.push("");
  }
  return out;
}
