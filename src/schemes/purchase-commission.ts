import { Type, type Static } from "@sinclair/typebox/type";
import type { SchemeInstance, SchemeModule, Order, PlausibilityFinding, RewardChain } from "../engine/scheme.js";
import type { CoreScenario } from "../engine/scenario.js";
import type { SimState } from "../engine/state.js";
import { forEachUpline } from "../engine/users.js";
import { declareFlow } from "../engine/book.js";
import { applyRate, formatYuan, rateToMicro, yuanToFen } from "../engine/units.js";
import { yuanZh } from "../report/format-zh.js";
import { money, probability, schemeWindow, record } from "../scenario/fields.js";

/** Two-level purchase commissions (二级分销), docs/model.md, orders. */
const schema = record("Purchase commissions paid up the referral chain from each order's distribution budget.", {
  ...schemeWindow(),
  levels: Type.Array(probability({ description: "Share of the order amount." }), {
    default: [0.2, 0.1],
    maxItems: 10,
    description: "Shares of the order amount paid to the upline, grand-upline, ... (capped in total by the product's distribution).",
  }),
  memberTierRules: Type.Array(
    record("Commission rules for holders of one membership tier (schemes.membership's tiers, in order).", {
      canEarn: Type.Boolean({ default: true, description: "Whether holders of the tier earn purchase commissions at all." }),
      levels: Type.Unsafe<number[] | null>({
        type: ["array", "null"],
        items: { type: "number", minimum: 0, maximum: 1, decimals: 6, description: "Share of the order amount." },
        maxItems: 10,
        default: null,
        description: "Shares of the order a holder earns on an order 1, 2, ... levels below them (null: the scheme's levels).",
      }),
      dailyCap: money({ default: 0, description: "Most yuan of purchase commissions a holder earns in a day (0: no cap)." }),
    }),
    {
      default: [],
      maxItems: 20,
      description:
        "Item k applies to uplines holding membership tier k + 1 (schemes.membership): who may earn, at which rates, up to which daily cap. Users in a tier past the list earn at levels; users without a tier, as nonMembersEarn says. Empty: membership does not change commissions.",
    },
  ),
  nonMembersEarn: Type.Boolean({
    default: true,
    description: "With memberTierRules: whether uplines holding no membership tier earn at levels (false: only members whose tier may earn).",
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

/** A membership tier's commission rule, in integers: whether it earns, its levels (micro), its daily cap (fen; 0: none). */
interface TierRule {
  canEarn: boolean;
  levelsMicro: Float64Array;
  capFen: number;
}

/** One run's purchase commissions (a class: the same methods in every run of a sweep worker). */
class PurchaseCommissionScheme implements SchemeInstance {
  private readonly levelsMicro: Float64Array;
  private readonly paidLevels: number;
  /** memberTierRules: index 0 for users without a tier, k for tier k (past the list: the scheme's levels). */
  private readonly rules: TierRule[];
  /** Levels walked with rules: the longest of the scheme's and the rules' levels. */
  private readonly ruleDepth: number;
  /** Daily caps: each user's commissions today (fen), and who earned today (to clear at the day's end). */
  private earnedToday = new Float64Array(0);
  private earners = new Int32Array(0);
  private earnerCount = 0;

  constructor(
    config: PurchaseCommissionConfig,
    private readonly state: SimState,
  ) {
    this.levelsMicro = Float64Array.from(config.levels, rateToMicro);
    const tiers = config.memberTierRules.map((r) => ({
      canEarn: r.canEarn,
      levelsMicro: r.levels === null ? this.levelsMicro : Float64Array.from(r.levels, rateToMicro),
      capFen: yuanToFen(r.dailyCap),
    }));
    this.rules = tiers.length === 0 ? [] : [{ canEarn: config.nonMembersEarn, levelsMicro: this.levelsMicro, capFen: 0 }, ...tiers];
    this.ruleDepth = Math.max(config.levels.length, ...tiers.map((r) => r.levelsMicro.length));
    const levels = [config.levels, ...config.memberTierRules.map((r) => r.levels ?? config.levels)];
    this.paidLevels = Math.max(...levels.map((l) => l.filter((x) => x > 0).length));
  }

  onOrder(order: Order): void {
    if (this.rules.length > 0) {
      this.orderByTier(order);
      return;
    }
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

  /**
   * memberTierRules: each upline earns by the rule of the membership tier they hold now (read
   * through shared state, state.memberTiers), within the order's budget and their tier's cap.
   */
  private orderByTier(order: Order): void {
    const { users, book, products, memberTiers } = this.state;
    let budget = products[order.productIndex]?.distributionFen ?? 0;
    forEachUpline(users.referrer, order.user, this.ruleDepth, (upline, level) => {
      if (budget <= 0) return false;
      if (!users.canEarn(upline)) return true;
      const held = memberTiers?.memberTier?.(upline) ?? 0;
      const rule = this.rules[held];
      const rateMicro = rule === undefined ? (this.levelsMicro[level] ?? 0) : rule.canEarn ? (rule.levelsMicro[level] ?? 0) : 0;
      let fen = Math.min(applyRate(order.priceFen, rateMicro), budget);
      if (rule !== undefined && rule.capFen > 0) fen = Math.min(fen, rule.capFen - this.earned(upline));
      if (fen <= 0) return true;
      budget -= fen;
      book.credit(COMMISSION, upline, fen);
      if (rule !== undefined && rule.capFen > 0) this.addEarned(upline, fen);
      return true;
    });
  }

  /** What a user has earned today toward a daily cap. */
  private earned(user: number): number {
    return user < this.earnedToday.length ? (this.earnedToday[user] as number) : 0;
  }

  private addEarned(user: number, fen: number): void {
    const capacity = this.state.users.capacity;
    if (this.earnedToday.length < capacity) {
      const grown = new Float64Array(capacity);
      grown.set(this.earnedToday);
      this.earnedToday = grown;
      const earners = new Int32Array(capacity);
      earners.set(this.earners.subarray(0, this.earnerCount));
      this.earners = earners;
    }
    if ((this.earnedToday[user] as number) === 0) this.earners[this.earnerCount++] = user;
    this.earnedToday[user] = (this.earnedToday[user] as number) + fen;
  }

  closeDay(): void {
    for (let i = 0; i < this.earnerCount; i++) this.earnedToday[this.earners[i] as number] = 0;
    this.earnerCount = 0;
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
    // With memberTierRules, each level at the most any tier's rule pays: an upper bound.
    const rules = config.memberTierRules.filter((r) => r.canEarn).map((r) => r.levels ?? config.levels);
    const depth = Math.max(config.levels.length, ...rules.map((l) => l.length));
    const most = Array.from({ length: depth }, (_, l) => Math.max(config.levels[l] ?? 0, ...rules.map((r) => r[l] ?? 0)));
    for (const level of most) {
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
  // A daily cap in memberTierRules: each user's commissions today (8 bytes) and the list of who earned (4).
  bytesPerUser: (config) => (config.memberTierRules.some((r) => r.dailyCap > 0) ? 12 : 0),
  create: (config, state) => new PurchaseCommissionScheme(config, state),
};
