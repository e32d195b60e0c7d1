import type { PlausibilityFinding } from "../engine/scheme.js";
import type { Scenario } from "./types.js";
import type { Lang } from "../i18n/lang.js";
import { say } from "../i18n/messages.js";

/**
 * Plausibility warnings (docs/plausibility.md): values a scenario may hold that are allowed but
 * unlikely, such as an ad release of 50% of a balance a day. A typo of 0.5 for 0.005 runs
 * happily and gives a confident wrong answer, so such a value is named before the run and
 * listed in summary.json; it is never an error, because a scenario may mean it. A scheme
 * declares its own checks (SchemeModule.plausibility); the core's are here.
 */

/** One warning: where (a key path of the scenario), what, and the value found there. */
export interface PlausibilityWarning {
  path: string;
  message: string;
  value: number | string | null;
  /** The message in Chinese, from the same figures (the terminal and report.html of a zh-CN run; never a file). */
  messageZh?: string;
}

/** The bounds the core checks, documented in docs/plausibility.md. */
const CORE_BOUNDS = {
  /** A later order every other day is a shop, not a scheme's member. */
  orderRate: 0.5,
  /** Half the members leaving every ten days or so: a daily chance of 10% lasts them ten days. */
  churnRate: 0.1,
  /** Arrivals doubling in under three days. */
  growthRate: 0.25,
  /** A fee past a fifth of every withdrawal. */
  feeRate: 0.2,
} as const;

const percent = (share: number): string => `${Number((share * 100).toFixed(4))}%`;

/** The core's checks: products and behaviour, whatever schemes run. */
function coreFindings(scenario: Scenario): PlausibilityWarning[] {
  const out: PlausibilityWarning[] = [];
  scenario.products.forEach((p, i) => {
    // A price below cost (with margin and distribution) is refused outright (validate.ts); a
    // price at cost is not warned of, because a merchant scheme may sell at cost on purpose
    // and be funded by a concession. Goods stated to be worth more than they sell for make every
    // buyer gain on the goods alone, which no scheme needs.
    if (p.goodsValue !== null && p.goodsValue > p.price)
      out.push({
        path: `products[${i}].goodsValue`,
        message: `the goods of ${p.id} are stated to be worth ${p.goodsValue} yuan, more than its price of ${p.price}: every buyer gains on the goods alone`,
        value: p.goodsValue,
        messageZh: `${p.id}的商品标明价值${p.goodsValue}元，高于其售价${p.price}元：每个买家仅凭商品就能获利`,
      });
  });
  scenario.population.segments.forEach((s, i) => {
    const at = `population.segments[${i}]`;
    if (s.orderRate > CORE_BOUNDS.orderRate)
      out.push({
        path: `${at}.orderRate`,
        message: `${s.name} orders again with a chance of ${percent(s.orderRate)} a day, above the ${percent(CORE_BOUNDS.orderRate)} bound: an order about every ${(1 / s.orderRate).toFixed(1)} days`,
        value: s.orderRate,
        messageZh: `${s.name}每天再次下单的概率为${percent(s.orderRate)}，高于${percent(CORE_BOUNDS.orderRate)}的界限：大约每${(1 / s.orderRate).toFixed(1)}天下一单`,
      });
    if (s.churnRate > CORE_BOUNDS.churnRate)
      out.push({
        path: `${at}.churnRate`,
        message: `${s.name} leaves with a chance of ${percent(s.churnRate)} a day, above the ${percent(CORE_BOUNDS.churnRate)} bound: members stay about ${(1 / s.churnRate).toFixed(1)} days`,
        value: s.churnRate,
        messageZh: `${s.name}每天离开的概率为${percent(s.churnRate)}，高于${percent(CORE_BOUNDS.churnRate)}的界限：成员平均只停留约${(1 / s.churnRate).toFixed(1)}天`,
      });
  });
  const arrivals = scenario.population.arrivals;
  if ((arrivals.model === "exponential" || arrivals.model === "logistic") && arrivals.growthRate > CORE_BOUNDS.growthRate) {
    out.push({
      path: "population.arrivals.growthRate",
      message: `arrivals grow ${percent(arrivals.growthRate)} a day, above the ${percent(CORE_BOUNDS.growthRate)} bound: they double every ${(Math.log(2) / Math.log(1 + arrivals.growthRate)).toFixed(1)} days`,
      value: arrivals.growthRate,
      messageZh: `新用户每天增长${percent(arrivals.growthRate)}，高于${percent(CORE_BOUNDS.growthRate)}的界限：每${(Math.log(2) / Math.log(1 + arrivals.growthRate)).toFixed(1)}天翻一番`,
    });
  }
  if (scenario.withdrawals.feeRate > CORE_BOUNDS.feeRate)
    out.push({
      path: "withdrawals.feeRate",
      message: `the platform keeps ${percent(scenario.withdrawals.feeRate)} of every withdrawal, above the ${percent(CORE_BOUNDS.feeRate)} bound`,
      value: scenario.withdrawals.feeRate,
      messageZh: `平台从每笔提现中扣留${percent(scenario.withdrawals.feeRate)}，高于${percent(CORE_BOUNDS.feeRate)}的界限`,
    });
  return out;
}

/** A running scheme's findings (SchemeModule.plausibility), under its key. */
export interface SchemeFindings {
  key: string;
  findings: readonly PlausibilityFinding[];
}

/**
 * Every plausibility warning of a scenario: the core's, then each running scheme's in the
 * given (registry) order, less those whose path the scenario's acceptWarnings lists.
 */
export function plausibilityWarnings(scenario: Scenario, schemes: readonly SchemeFindings[]): PlausibilityWarning[] {
  const found = coreFindings(scenario);
  for (const scheme of schemes)
    for (const f of scheme.findings)
      found.push({ path: `schemes.${scheme.key}.${f.key}`, message: f.message, value: f.value, messageZh: f.messageZh ?? f.message });
  const accepted = new Set(scenario.acceptWarnings ?? []);
  return found.filter((w) => !accepted.has(w.path));
}

/** summary.json's object: the run's summary, with `warnings` last when there are any (a run without keeps its bytes). */
export function summaryWithWarnings<T extends object>(
  summary: T,
  warnings: readonly PlausibilityWarning[],
): T | (T & { warnings: readonly PlausibilityWarning[] }) {
  return warnings.length === 0 ? summary : { ...summary, warnings: warnings.map(({ messageZh: _zh, ...w }) => w) };
}

/** The warnings for the terminal: one line each, with how to accept it. */
export function formatWarnings(source: string, warnings: readonly PlausibilityWarning[], lang: Lang = "en"): string {
  if (warnings.length === 0) return "";
  const lines = warnings.map(
    (w) => `  ${w.path} = ${w.value === null ? "null" : String(w.value)}${say(lang, "punct.colon")}${lang === "en" ? w.message : (w.messageZh ?? w.message)}`,
  );
  return `${say(lang, "plausibility.header", { source, count: warnings.length, plural: warnings.length === 1 ? "" : "s" })}\n${lines.join("\n")}\n`;
}
