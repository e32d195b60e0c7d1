import { Type, type Static } from "@sinclair/typebox/type";
import type { SchemeInstance, SchemeModule, Order, PlausibilityFinding, RewardChain } from "../engine/scheme.js";
import type { CoreScenario } from "../engine/scenario.js";
import type { SimState } from "../engine/state.js";
import { forEachUpline } from "../engine/users.js";
import { declareFlow } from "../engine/book.js";
import { applyRate, formatYuan, rateToMicro } from "../engine/units.js";
import { yuanZh } from "../report/format-zh.js";
import { probability, schemeWindow, record } from "../scenario/fields.js";

/** Two-level purchase commissions (二级分销), docs/model.md, orders. */
const schema = record("Purchase commissions paid up the referral chain from each order's distribution budget.", {
  ...schemeWindow(),
  levels: Type.Array(probability({ description: "Share of the order amount." }), {
    default: [0.2, 0.1],
    maxItems: 10,
    description: "Shares of the order amount paid to the upline, grand-upline, ... (capped in total by the product's distribution).",
  }),
});
export type PurchaseCommissionConfig = Static<typeof schema>;

/** For a recruit's order (拉人头) and computed on a downline's purchase (团队计酬): both bases. */
const COMMISSION = declareFlow("purchaseCommission.commission", {
  from: "platform.equity",
  to: "users.change",
  reason: "purchase commission",
  reasonZh: "推荐奖",
  rewards: "downline",
  legal: ["recruit-pay", "team-pay"],
  counters: ["commissionsFen"],
});

/** One run's purchase commissions (a class: the same methods in every run of a sweep worker). */
class PurchaseCommissionScheme implements SchemeInstance {
  private readonly levelsMicro: Float64Array;
  private readonly paidLevels: number;

  constructor(
    config: PurchaseCommissionConfig,
    private readonly state: SimState,
  ) {
    this.levelsMicro = Float64Array.from(config.levels, rateToMicro);
    this.paidLevels = config.levels.filter((x) => x > 0).length;
  }

  onOrder(order: Order): void {
    const { users, book, products } = this.state;
    const levelsMicro = this.levelsMicro;
    let budget = products[order.productIndex]?.distributionFen ?? 0;
    forEachUpline(users.referrer, order.user, levelsMicro.length, (upline, level) => {
      if (budget <= 0) return false;
      if (users.canEarn(upline)) {
        const fen = Math.min(applyRate(order.priceFen, levelsMicro[level] ?? 0), budget);
        budget -= fen;
        book.credit(COMMISSION, upline, fen);
      }
      return true;
    });
  }

  metrics(): void {}

  liabilityFen(): number {
    return 0;
  }

  rewardChain(): RewardChain {
    return { levels: this.paidLevels, label: `purchase commissions ${this.paidLevels} levels`, labelZh: `推荐奖${this.paidLevels}个层级` };
  }
}

/**
 * A commission budget above a product's distribution (docs/plausibility.md): the levels promise
 * more than the product sets aside, and the part past it is never paid, which a scenario rarely
 * means. A product without distribution pays none on purpose and is not warned of.
 */
function commissionPlausibility(config: PurchaseCommissionConfig, scenario: CoreScenario): PlausibilityFinding[] {
  const total = config.levels.reduce((sum, level) => sum + level, 0);
  const out: PlausibilityFinding[] = [];
  for (const product of scenario.products) {
    const budgetFen = config.levels.reduce((sum, level) => sum + applyRate(Math.round(product.price * 100), rateToMicro(level)), 0);
    const distributionFen = Math.round(product.distribution * 100);
    if (distributionFen > 0 && budgetFen > distributionFen) {
      out.push({
        key: "levels",
        message: `the levels add to ${Number((total * 100).toFixed(4))}% of ${product.id}'s price (${formatYuan(budgetFen)}), above its distribution of ${formatYuan(distributionFen)}: commissions past it are not paid`,
        value: Number(total.toFixed(6)),
        messageZh: `各级推荐奖合计为${product.id}售价的${Number((total * 100).toFixed(4))}%（${yuanZh(budgetFen)}），超过其分销预算${yuanZh(distributionFen)}：超出部分不予支付`,
      });
    }
  }
  return out;
}

export const purchaseCommission: SchemeModule<PurchaseCommissionConfig, never, typeof schema> = {
  key: "purchaseCommission",
  // The commissions come out of the product's distribution budget.
  fundedBy: (config, product) => product.distributionFen > 0 && config.levels.some((l) => l > 0),
  explain(config, order) {
    let budget = order.distributionFen;
    let paid = 0;
    for (const level of config.levels) {
      const fen = Math.min(applyRate(order.priceFen, rateToMicro(level)), budget);
      budget -= fen;
      paid += fen;
    }
    if (paid === 0) return null;
    return {
      details: { commissionsFen: paid },
      promisedFen: paid,
      earnedFen: 0,
      takesFen: paid,
      lines: [`purchase commissions: up to ${formatYuan(paid)} to uplines`],
      linesZh: [`推荐奖：上线最多获得${yuanZh(paid)}`],
    };
  },
  plausibility: commissionPlausibility,
  shapingDefaults: [
    {
      key: "levels",
      effect: "commissions as shares of the order to the upline, the next, ..., within the distribution budget",
      effectZh: "推荐奖为订单金额中分给上线、上上线……的比例，以分销预算为限",
    },
  ],
  title: "Purchase commissions",
  titleZh: "推荐奖",
  schema,
  columns: [],
  flows: [COMMISSION],
  whatIf: [
    {
      key: "levels[0]",
      label: "commission to the direct referrer (share of the order)",
      labelZh: "直接推荐人的推荐奖（占订单金额的比例）",
      min: 0,
      max: 0.3,
      step: 0.005,
    },
    { key: "levels[1]", label: "commission to the referrer's referrer", labelZh: "推荐人的推荐人所得推荐奖", min: 0, max: 0.3, step: 0.005 },
  ],
  create: (config, state) => new PurchaseCommissionScheme(config, state),
};
