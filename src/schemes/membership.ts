import { Type, type Static } from "@sinclair/typebox/type";
import { yuanZh } from "../report/format-zh.js";
import type { Order, RewardChain, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { DayValues } from "../engine/columns.js";
import type { SimState } from "../engine/state.js";
import { declareFlow } from "../engine/book.js";
import { type DrawKey, declarePurpose } from "../engine/draws.js";
import { FLAG_CHURNED, FLAG_PROMOTER, forEachUpline } from "../engine/users.js";
import { applyRate, formatYuan, rateToMicro, yuanToFen } from "../engine/units.js";
import { inWindow, integer, money, probability, record, schemeWindow, section } from "../scenario/fields.js";
import { OperatorPointers } from "./membership-operators.js";
import { membershipSchedule } from "./membership-explain.js";

/** Paid membership tiers and operators (会员等级, 运营中心), docs/model.md, "Membership tiers and operators". */
const tierSchema = record(
  "A membership tier. Tiers are climbed in order: a user holds tier k only after tier k − 1, once they meet its conditions and pay its fee.",
  {
    name: Type.String({ pattern: "^[A-Za-z0-9_.-]{1,64}$", description: "Tier name." }),
    fee: money({ default: 0, description: "Membership fee, new money from outside (0: none). Counted as an entry fee (入门费)." }),
    feePeriod: Type.Union([Type.Literal("once"), Type.Literal("yearly")], {
      default: "once",
      description: "once: paid on reaching the tier; yearly: paid again every 365 days, or the tier lapses.",
    }),
    takeUp: probability({
      default: 1,
      description:
        "Share of users who, on first meeting the tier's other conditions, pay its fee (decided once, keyed by user and tier); the others stay below.",
    }),
    renewProbability: probability({
      default: 1,
      description: "yearly: chance a holder pays the next year's fee when it falls due (else the tier and those above lapse).",
    }),
    minOwnSpend: money({ default: 0, description: "The user's own orders since joining, yuan, needed for the tier." }),
    minTeamSize: integer({
      default: 0,
      maximum: 1_000_000_000,
      unit: "users",
      description: "Downline users down to teamDepth levels (who ever joined) needed.",
    }),
    minDirectRecruits: integer({ default: 0, maximum: 1_000_000_000, unit: "users", description: "Direct recruits (who ever joined) needed." }),
    minDirectsAtTier: section("Direct recruits who hold a tier at least this high, needed (e.g. 3 directs at tier ≥ 2; 0: no such condition).", {
      count: integer({ default: 0, maximum: 1_000_000_000, unit: "users", description: "Direct recruits holding tier ≥ `tier` now needed (0: none)." }),
      tier: integer({
        default: 1,
        minimum: 1,
        maximum: 20,
        unit: "tier number",
        description: "The lowest tier (1: the first in the list) a direct recruit must hold now to count.",
      }),
    }),
    canEarn: Type.Boolean({
      default: true,
      description: "Whether holders earn the membership's commissions and overrides (also needs a first order, as every commission).",
    }),
    feeCommissions: Type.Array(probability({ description: "Share of the fee." }), {
      default: [],
      maxItems: 20,
      description: "Commissions on this tier's fee to the payer's upline, the next, ... (拉人头), each paid when that upline's tier may earn.",
    }),
    operator: Type.Boolean({ default: false, description: "Holders are operators (运营中心/服务商): they earn the override below." }),
    override: probability({
      default: 0,
      description:
        "Operators: share of every order placed by a user below them, at any depth, down to the next operator (an order under a lower operator pays that one, not this).",
    }),
    feeOverride: probability({
      default: 0,
      description:
        "Operators: share of every membership fee (renewals too) paid by a user below them, at any depth, down to the next operator (a fee under a lower operator pays that one, not this).",
    }),
    appointedOn: Type.Array(integer({ minimum: 1, unit: "day", description: "A scheduled group's arrival day." }), {
      default: [],
      maxItems: 100,
      description: "The scheduled groups arriving on these days are appointed to this tier on arrival (no fee, no conditions): founding operators.",
    }),
  },
);

const schema = record(
  "Paid membership tiers with fees, commissions on fees, conditions to climb, and operators who earn an override down to the next operator.",
  {
    ...schemeWindow(),
    teamDepth: integer({
      default: 200,
      minimum: 1,
      maximum: 100_000,
      unit: "levels",
      description:
        "Levels of downline a team size counts (minTeamSize): each arrival walks this far up its chain, so an arrival's cost is bounded (real records: chains of 51 and 119 levels).",
    }),
    tiers: Type.Array(tierSchema, {
      minItems: 1,
      maxItems: 20,
      default: [
        { name: "member", fee: 399, feeCommissions: [0.3, 0.1] },
        { name: "operator", minTeamSize: 100, minDirectRecruits: 10, operator: true, override: 0.02 },
      ],
      description:
        "Tiers in the order they are climbed (a 399-yuan membership paying 30% and 10% to two uplines; an operator tier by team size with a 2% override).",
    }),
  },
);
export type MembershipConfig = Static<typeof schema>;

/** The fee: new money from outside, an entry fee for the compliance tests (入门费). */
const FEE = declareFlow("membership.fee", {
  from: "world",
  to: "platform.cash",
  reason: "membership fee",
  counters: ["newMoneyInFen", "franchiseFeesFen"],
});
/** Commissions on a recruit's fee: pay for recruiting (拉人头). */
const FEE_COMMISSION = declareFlow("membership.feeCommission", {
  from: "platform.equity",
  to: "users.change",
  reason: "membership fee commission",
  reasonZh: "会员费提成",
  rewards: "downline",
  legal: ["recruit-pay"],
  counters: ["commissionsFen"],
});
/** An operator's override on orders below them: pay computed on a downline (团队计酬). */
const OVERRIDE = declareFlow("membership.override", {
  from: "platform.equity",
  to: "users.change",
  reason: "operator override",
  reasonZh: "运营商管理奖",
  rewards: "downline",
  legal: ["team-pay"],
  counters: ["commissionsFen"],
});

/** An operator's override on membership fees paid below them: pay computed on recruits' entry fees (拉人头). */
const FEE_OVERRIDE = declareFlow("membership.feeOverride", {
  from: "platform.equity",
  to: "users.change",
  reason: "operator override on membership fees",
  reasonZh: "运营商会员费管理奖",
  rewards: "downline",
  legal: ["recruit-pay"],
  counters: ["commissionsFen"],
});

/** Whether a user pays a tier's fee on first qualifying (keyed by the user and the tier). */
const TAKE_UP = declarePurpose("membership.takeUp");
/** Whether a yearly holder renews (keyed by the user and the tier, on the due day). */
const RENEW = declarePurpose("membership.renew");

const YEAR = 365;

interface Tier {
  feeFen: number;
  yearly: boolean;
  takeUp: number;
  renew: number;
  minSpendFen: number;
  minTeam: number;
  minDirects: number;
  /** Direct recruits holding tier ≥ rankedTier needed (minDirectsAtTier; 0: none). */
  minRanked: number;
  rankedTier: number;
  canEarn: boolean;
  feeMicro: Float64Array;
  operator: boolean;
  overrideMicro: number;
  feeOverrideMicro: number;
}

/**
 * One run's membership. Per user: the tier held (0: none, k: tiers[k − 1]), own spend, team
 * size and direct recruits (kept as users join and order, never by a pass over all users), the
 * tier whose take-up was declined, and the nearest operator above (OperatorPointers).
 */
class MembershipScheme implements SchemeInstance {
  private readonly tiers: Tier[];
  /** Day → tier index (1-based) its scheduled groups are appointed to. */
  private readonly appointed = new Map<number, number>();
  /** Scheduled arrivals per day (they take the first ids of their day). */
  private readonly scheduledOn = new Map<number, number>();
  private tier = new Uint8Array(0);
  private declined = new Uint8Array(0);
  private team = new Int32Array(0);
  private directs = new Int32Array(0);
  private spend = new Float64Array(0);
  /** Yearly holders in due order (fees are paid in day order, so a FIFO keeps them sorted): user, tier, due day. */
  private queue: Int32Array = new Int32Array(0);
  private head = 0;
  private tail = 0;
  private seen = 0;
  /** Users holding a tier, and an operator tier, now. */
  private members = 0;
  private operators = 0;
  readonly pointers = new OperatorPointers();
  /** The tier numbers some tier's minDirectsAtTier counts, ascending, and per each: a user's direct recruits holding at least it now. */
  private readonly rankedTiers: number[];
  private ranked: Int32Array[];
  /** Referrers whose ranked directs grew: climbed once the climb in progress ends (a list, not recursion: chains are deep). */
  private readonly recheck: number[] = [];
  private climbing = false;
  private readonly totals = { feesFen: 0, feeCommissionsFen: 0, overridesFen: 0, feeOverridesFen: 0 };
  private readonly today = { feesFen: 0, feeCommissionsFen: 0, overridesFen: 0, feeOverridesFen: 0 };
  /** Whether some operator tier has a fee override (its figures are reported only then). */
  private readonly feeOverrides: boolean;
  private readonly paidLevels: number;
  /** Whether some tier needs a team size (else arrivals walk no chain). */
  private readonly countTeams: boolean;
  /** Take-up is decided once per user and tier: one key for the run (day 0). */
  private readonly takeUpKey: DrawKey;

  constructor(
    private readonly config: MembershipConfig,
    private readonly state: SimState,
  ) {
    this.tiers = config.tiers.map((t) => ({
      feeFen: yuanToFen(t.fee),
      yearly: t.feePeriod === "yearly",
      takeUp: t.takeUp,
      renew: t.renewProbability,
      minSpendFen: yuanToFen(t.minOwnSpend),
      minTeam: t.minTeamSize,
      minDirects: t.minDirectRecruits,
      minRanked: t.minDirectsAtTier.count,
      rankedTier: t.minDirectsAtTier.tier,
      canEarn: t.canEarn,
      feeMicro: Float64Array.from(t.feeCommissions, rateToMicro),
      operator: t.operator,
      overrideMicro: rateToMicro(t.override),
      feeOverrideMicro: rateToMicro(t.feeOverride),
    }));
    this.rankedTiers = [...new Set(this.tiers.filter((t) => t.minRanked > 0).map((t) => t.rankedTier))].sort((x, y) => x - y);
    this.ranked = this.rankedTiers.map(() => new Int32Array(0));
    config.tiers.forEach((t, k) => {
      for (const day of t.appointedOn) this.appointed.set(day, k + 1);
    });
    for (const group of state.scenario.population.scheduled) this.scheduledOn.set(group.day, (this.scheduledOn.get(group.day) ?? 0) + group.count);
    this.takeUpKey = state.draws.key(TAKE_UP, 0);
    this.countTeams = config.tiers.some((t) => t.minTeamSize > 0);
    this.feeOverrides = config.tiers.some((t) => t.operator && t.feeOverride > 0);
    this.paidLevels = Math.max(0, ...config.tiers.map((t) => t.feeCommissions.filter((x) => x > 0).length));
  }

  /** Shared state (SchemeInstance.memberTier): the tier a user holds now, 0 for none. */
  memberTier(user: number): number {
    return user < this.seen ? (this.tier[user] as number) : 0;
  }

  /** Shared state (SchemeInstance.nearestOperator): the nearest operator above, as of the start of the day. */
  nearestOperator(user: number): number {
    this.catchUp();
    return this.pointers.above[user] as number;
  }

  onArrival(): void {
    this.catchUp();
  }

  /** Takes in every user who has arrived, those who came while the scheme was not running too (their teams count). */
  private catchUp(): void {
    const { users } = this.state;
    if (this.seen === users.count) return;
    this.grow(users.capacity);
    // Pointers first (from the start of the day's operators): an appointment on arrival is then recorded against them.
    this.pointers.join(users.referrer, users.count, users.capacity);
    while (this.seen < users.count) this.arrive(this.seen++);
  }

  private arrive(u: number): void {
    const { users } = this.state;
    const day = users.joinDay[u] as number;
    const appointedTier = this.appointed.get(day);
    if (appointedTier !== undefined && users.drawIndex(u) < (this.scheduledOn.get(day) ?? 0)) this.setTier(u, appointedTier);
    const r = users.referrer[u] as number;
    if (r >= 0) this.directs[r] = (this.directs[r] as number) + 1;
    // Team sizes only matter when a tier asks for one: otherwise no walk, only the referrer's directs.
    if (this.countTeams) {
      forEachUpline(users.referrer, u, this.config.teamDepth, (upline) => {
        this.team[upline] = (this.team[upline] as number) + 1;
        this.climb(upline);
      });
    } else if (r >= 0) this.climb(r);
    // A tier with no conditions but its fee is taken on joining (入门费).
    this.climb(u);
  }

  onOrder(order: Order): void {
    const { book } = this.state;
    this.catchUp();
    const u = order.user;
    this.spend[u] = (this.spend[u] as number) + order.priceFen;
    // The override goes to the nearest operator above the buyer (as of the start of the day).
    const op = this.pointers.above[u] as number;
    const opTier = op >= 0 ? this.tiers[(this.tier[op] as number) - 1] : undefined;
    // An operator who lapsed today is still pointed to until the day's end, and earns nothing.
    if (opTier?.operator === true && this.earns(op)) {
      const fen = applyRate(order.priceFen, opTier.overrideMicro);
      if (fen > 0) {
        book.credit(OVERRIDE, op, fen);
        this.today.overridesFen += fen;
        this.totals.overridesFen += fen;
      }
    }
    this.climb(u);
  }

  /** Whether a user may earn the membership's commissions: a promoter who has not left, in a tier that earns. */
  private earns(user: number): boolean {
    const held = this.tier[user] as number;
    if (held === 0) return false;
    return ((this.state.users.flags[user] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER && (this.tiers[held - 1] as Tier).canEarn;
  }

  /**
   * Climbs a user up the tiers, then every referrer whose count of ranked directs grew on the
   * way (minDirectsAtTier), and theirs in turn, in the order they grew.
   */
  private climb(u: number): void {
    if (this.climbing) {
      this.climbOne(u);
      return;
    }
    this.climbing = true;
    this.climbOne(u);
    for (let i = 0; i < this.recheck.length; i++) this.climbOne(this.recheck[i] as number);
    this.recheck.length = 0;
    this.climbing = false;
  }

  /** Climbs one user up the tiers while they meet the next one's conditions and pay its fee. */
  private climbOne(u: number): void {
    if (!inWindow(this.config, this.state.day)) return;
    for (;;) {
      const next = this.tier[u] as number;
      const tier = this.tiers[next];
      if (tier === undefined || (this.declined[u] as number) > next) return;
      if ((this.spend[u] as number) < tier.minSpendFen || (this.team[u] as number) < tier.minTeam || (this.directs[u] as number) < tier.minDirects) return;
      if (tier.minRanked > 0 && this.rankedDirects(u, tier.rankedTier) < tier.minRanked) return;
      if (tier.feeFen > 0) {
        const { users } = this.state;
        // Decided once: the draw is keyed by the user and the tier, not the day.
        if (!this.takeUpKey.chance(tier.takeUp, users.drawIndex(u), (users.joinDay[u] as number) * 32 + next)) {
          this.declined[u] = next + 1;
          return;
        }
        this.payFee(u, next + 1, tier);
      }
      this.setTier(u, next + 1);
    }
  }

  /** The fee in, then its commissions up the chain by level (each upline in a tier that earns). */
  private payFee(u: number, tierIndex: number, tier: Tier): void {
    const { users, book, payments } = this.state;
    book.payIn(FEE, u, tier.feeFen, payments);
    this.today.feesFen += tier.feeFen;
    this.totals.feesFen += tier.feeFen;
    if (tier.yearly) this.schedule(u, tierIndex, this.state.day + YEAR);
    const shares = tier.feeMicro;
    forEachUpline(users.referrer, u, shares.length, (upline, level) => {
      if (this.earns(upline)) {
        const fen = applyRate(tier.feeFen, shares[level] as number);
        book.credit(FEE_COMMISSION, upline, fen);
        this.today.feeCommissionsFen += fen;
        this.totals.feeCommissionsFen += fen;
      }
    });
    if (this.feeOverrides) this.payFeeOverride(u, tier.feeFen);
  }

  /** The nearest operator above the payer (as of the start of the day) earns their tier's feeOverride of the fee. */
  private payFeeOverride(u: number, feeFen: number): void {
    const op = this.pointers.above[u] as number;
    const opTier = op >= 0 ? this.tiers[(this.tier[op] as number) - 1] : undefined;
    if (opTier?.operator !== true || !this.earns(op)) return;
    const fen = applyRate(feeFen, opTier.feeOverrideMicro);
    if (fen === 0) return;
    this.state.book.credit(FEE_OVERRIDE, op, fen);
    this.today.feeOverridesFen += fen;
    this.totals.feeOverridesFen += fen;
  }

  /** A user's direct recruits holding at least tier `atLeast` now. */
  private rankedDirects(u: number, atLeast: number): number {
    return this.ranked[this.rankedTiers.indexOf(atLeast)]?.[u] ?? 0;
  }

  private setTier(u: number, tierIndex: number): void {
    const before = this.tier[u] as number;
    const wasOperator = this.tiers[before - 1]?.operator === true;
    const isOperator = this.tiers[tierIndex - 1]?.operator === true;
    this.tier[u] = tierIndex;
    if (this.rankedTiers.length > 0) this.countRanked(u, before, tierIndex);
    this.members += (tierIndex > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    this.operators += (isOperator ? 1 : 0) - (wasOperator ? 1 : 0);
    if (isOperator !== wasOperator) this.pointers.set(u, isOperator);
  }

  /** A user's tier moved from `before` to `after`: their referrer's ranked directs follow; a referrer whose count grew may climb. */
  private countRanked(u: number, before: number, after: number): void {
    const r = this.state.users.referrer[u] as number;
    if (r < 0) return;
    let grew = false;
    this.rankedTiers.forEach((atLeast, i) => {
      const change = (after >= atLeast ? 1 : 0) - (before >= atLeast ? 1 : 0);
      const counts = this.ranked[i] as Int32Array;
      counts[r] = (counts[r] as number) + change;
      if (change > 0) grew = true;
    });
    if (grew) this.recheck.push(r);
  }

  private schedule(u: number, tierIndex: number, dueDay: number): void {
    if (this.tail + 3 > this.queue.length) {
      const live = this.queue.subarray(this.head, this.tail);
      const grown = new Int32Array(Math.max(1024, live.length * 2 + 3));
      grown.set(live);
      this.queue = grown;
      this.tail -= this.head;
      this.head = 0;
    }
    this.queue[this.tail++] = u;
    this.queue[this.tail++] = tierIndex;
    this.queue[this.tail++] = dueDay;
  }

  /** Yearly fees falling due today: renew, or lapse to the tier below (and lose those above). */
  private renewals(): void {
    const { day, users, draws } = this.state;
    const key = draws.key(RENEW, day);
    const q = this.queue;
    while (this.head < this.tail && (q[this.head + 2] as number) <= day) {
      const u = q[this.head] as number;
      const tierIndex = q[this.head + 1] as number;
      this.head += 3;
      // A stale entry: the user has since lapsed (with a tier below; a lapsed tier is never regained).
      if ((this.tier[u] as number) < tierIndex) continue;
      const tier = this.tiers[tierIndex - 1] as Tier;
      const gone = ((users.flags[u] as number) & FLAG_CHURNED) !== 0;
      if (!gone && key.chance(tier.renew, users.drawIndex(u), (users.joinDay[u] as number) * 32 + tierIndex)) this.payFee(u, tierIndex, tier);
      else {
        this.setTier(u, tierIndex - 1);
        this.declined[u] = tierIndex;
      }
    }
  }

  readonly phases = { joined: () => this.renewals() };

  /** Operator appointments and lapses of the day take effect for tomorrow's orders. */
  settle(): void {
    this.pointers.settle(this.state.users.referrer);
  }

  private grow(capacity: number): void {
    if (this.tier.length >= capacity) return;
    const n = this.seen;
    this.tier = copy(this.tier, new Uint8Array(capacity), n);
    this.declined = copy(this.declined, new Uint8Array(capacity), n);
    this.team = copy(this.team, new Int32Array(capacity), n);
    this.directs = copy(this.directs, new Int32Array(capacity), n);
    this.spend = copy(this.spend, new Float64Array(capacity), n);
    this.ranked = this.ranked.map((counts) => copy(counts, new Int32Array(capacity), n));
  }

  metrics(row: DayValues): void {
    row.membership_members = this.members;
    row.membership_operators = this.operators;
    row.membership_fees = this.today.feesFen;
    row.membership_commissions = this.today.feeCommissionsFen + this.today.overridesFen + this.today.feeOverridesFen;
  }

  closeDay(): void {
    this.today.feesFen = 0;
    this.today.feeCommissionsFen = 0;
    this.today.overridesFen = 0;
    this.today.feeOverridesFen = 0;
  }

  liabilityFen(): number {
    return 0;
  }

  rewardChain(): RewardChain | null {
    const operators = this.tiers.some((t) => t.operator && (t.overrideMicro > 0 || t.feeOverrideMicro > 0));
    if (this.paidLevels === 0 && !operators) return null;
    return {
      levels: this.paidLevels,
      label: `membership fee commissions ${this.paidLevels} levels${operators ? ", operator overrides at any depth" : ""}`,
      labelZh: `会员费提成${this.paidLevels}个层级${operators ? "，运营商管理奖不限层级" : ""}`,
    };
  }

  keyFigures(): [string, string][] {
    return [
      [
        "membership",
        `fees ${formatYuan(this.totals.feesFen)}, fee commissions ${formatYuan(this.totals.feeCommissionsFen)}, operator overrides ${formatYuan(this.totals.overridesFen)}${this.feeOverrides ? `, operator overrides on fees ${formatYuan(this.totals.feeOverridesFen)}` : ""}`,
      ],
    ];
  }

  summary(): Record<string, number> {
    return {
      membershipFees: this.totals.feesFen / 100,
      feeCommissions: this.totals.feeCommissionsFen / 100,
      operatorOverrides: this.totals.overridesFen / 100,
      // Only when some operator tier has one: a scenario without keeps its summary as it was.
      ...(this.feeOverrides ? { operatorFeeOverrides: this.totals.feeOverridesFen / 100 } : {}),
    };
  }
}

function copy<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T, n: number): T {
  to.set(from.subarray(0, Math.min(n, from.length)) as never);
  return to;
}

export const membership: SchemeModule<MembershipConfig, never, typeof schema> = {
  key: "membership",
  title: "Membership tiers and operators",
  titleZh: "会员等级与运营商",
  schema,
  // Orders pay operators' overrides when some tier has one.
  fundedBy: (config) => config.tiers.some((t) => t.operator && t.override > 0),
  explain(config, order) {
    const override = Math.max(0, ...config.tiers.filter((t) => t.operator).map((t) => t.override));
    const fen = applyRate(order.priceFen, rateToMicro(override));
    if (fen === 0) return null;
    return {
      details: { operatorOverrideFen: fen },
      promisedFen: fen,
      earnedFen: 0,
      takesFen: fen,
      lines: [`membership: up to ${formatYuan(fen)} of override to the nearest operator above the buyer`],
      linesZh: [`会员：买家上方最近的运营商最多获得${yuanZh(fen)}的管理奖`],
    };
  },
  explainSchedule: membershipSchedule,
  shapingDefaults: [
    {
      key: "tiers",
      effect: "a 399-yuan membership paying 30% and 10% of the fee to two uplines; operators by team size earning 2% of orders below them",
      effectZh: "399元会员，会员费的30%和10%分给两级上线；按团队规模认定的运营商，获得其下方订单的2%",
    },
  ],
  flows: [FEE, FEE_COMMISSION, OVERRIDE, FEE_OVERRIDE],
  columns: [
    { name: "membership_members", unit: "users", decimals: 0, description: "users holding a membership tier" },
    { name: "membership_operators", unit: "users", decimals: 0, description: "users holding an operator tier" },
    { name: "membership_fees", unit: "yuan", decimals: 2, description: "membership fees paid today (new money, entry fees)" },
    { name: "membership_commissions", unit: "yuan", decimals: 2, description: "fee commissions and operator overrides paid today" },
  ],
  whatIf: [
    { key: "tiers[0].fee", label: "fee of the first tier (yuan)", labelZh: "第一级会员费（元）", min: 0, max: 5000, step: 1 },
    { key: "tiers[0].feeCommissions[0]", label: "fee commission to the direct referrer", labelZh: "直接推荐人的会员费提成", min: 0, max: 0.8, step: 0.01 },
  ],
  // Per user: tier, declined tier, operator flag (1 byte each), team, directs, the nearest
  // operator (4 each), own spend (8); a yearly tier's queue entry (12 bytes, at most one
  // live and one stale per user and tier, in an array up to twice the live size); and 4 for
  // each tier number a minDirectsAtTier counts (ranked directs).
  bytesPerUser: (config) =>
    23 +
    48 * config.tiers.filter((t) => t.feePeriod === "yearly" && t.fee > 0).length +
    4 * new Set(config.tiers.filter((t) => t.minDirectsAtTier.count > 0).map((t) => t.minDirectsAtTier.tier)).size,
  create: (config, state) => new MembershipScheme(config, state),
};
