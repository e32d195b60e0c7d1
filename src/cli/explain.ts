import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";
import { figures } from "../i18n/format.js";
import type { Scenario } from "../scenario/types.js";
import type { ExplainOrder, ExplainSchedule } from "../engine/scheme.js";
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
export function explainScenario(scenario: Scenario, lang: Lang = "en"): ProductExplanation[] {
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
      lines.push(...(lang === "en" ? part.lines : (part.linesZh ?? part.lines)));
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

/** The explanation for a person, in the terminal's language (each scheme's own lines as explainScenario wrote them, in the same language). */
export function formatExplanation(scenario: Scenario, items: readonly ProductExplanation[], lang: Lang = "en"): string {
  const y = lang === "en" ? formatYuan : figures(lang).exactMoney;
  const out = [say(lang, "explain.heading", { scenario: scenario.name }), ""];
  for (const e of items) {
    out.push(say(lang, "explain.order", { product: e.product, price: y(e.priceFen) }));
    out.push(
      say(lang, "explain.split", {
        cost: y(e.split.costFen),
        margin: y(e.split.marginFen),
        distribution: y(e.split.distributionFen),
        contribution: y(e.split.contributionFen),
      }),
    );
    for (const line of e.lines) out.push(`  ${line}`);
    const why =
      e.goods.basis === "stated"
        ? say(lang, "explain.goods.stated")
        : e.goods.basis === "cost"
          ? say(lang, "explain.goods.cost", { funds: e.goods.funds.join(say(lang, "list.comma")) })
          : say(lang, "explain.goods.price");
    out.push(say(lang, "explain.goods", { value: y(e.goods.valueFen), why }));
    const verdict = say(lang, e.promisedFen > e.earnedFen ? "explain.promisesMore" : "explain.earnsEnough");
    out.push(say(lang, "explain.balance", { promised: y(e.promisedFen), earned: y(e.earnedFen), verdict }));
    out.push("");
  }
  out.push(...scheduleLines(scenario, lang));
  out.push(...changeLines(scenario, lang));
  return `${out.join("\n")}`;
}

/** Each running scheme's schedule apart from orders (SchemeModule.explainSchedule), keyed by scheme: a membership's fees. */
export function explainSchedules(scenario: Scenario): Record<string, ExplainSchedule> {
  const out: Record<string, ExplainSchedule> = {};
  for (const module of SCHEME_MODULES) {
    const config = enabledConfig(scenario.schemes, module.key);
    const schedule = config !== null && module.explainSchedule ? module.explainSchedule(config as never) : null;
    if (schedule !== null) out[module.key] = schedule;
  }
  return out;
}

/** The schedules in words, under their heading (nothing when no running scheme has one). */
function scheduleLines(scenario: Scenario, lang: Lang): string[] {
  const schedules = Object.values(explainSchedules(scenario));
  if (schedules.length === 0) return [];
  const out = [say(lang, "explain.schedules")];
  for (const s of schedules) for (const line of lang === "en" ? s.lines : s.linesZh) out.push(`  ${line}`);
  out.push("");
  return out;
}

/**
 * The rule changes and responses of a scenario, in words: the figures above are for the rules
 * of day 1, and these say how the rules and behaviour move during the run (nothing without any).
 */
function changeLines(scenario: Scenario, lang: Lang): string[] {
  const out: string[] = [];
  const changes = scenario.changes ?? [];
  if (changes.length > 0) {
    out.push(say(lang, "explain.changes"));
    const ordered = changes.map((c, i) => ({ c, i })).sort((a, b) => a.c.day - b.c.day || a.i - b.i);
    for (const { c } of ordered) out.push(say(lang, "explain.change", { day: c.day, key: c.key, value: JSON.stringify(c.value) }));
    out.push("");
  }
  const responses = scenario.responses ?? [];
  if (responses.length > 0) {
    out.push(say(lang, "explain.responses"));
    for (const r of responses) out.push(`  ${r.acts} × max(${r.floor}, 1 − ${r.sensitivity} × ${r.driver})`);
    out.push("");
  }
  return out;
}
