import { Type, type Static } from "@sinclair/typebox/type";
import type { Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { SimState } from "../engine/state.js";
import { PU_PER_POINT, applyRate, formatYuan, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { inWindow } from "../engine/window.js";
import { declareFlow, type Flow } from "../engine/book.js";
import { declarePurpose } from "../engine/draws.js";
import { integer, money, probability, record, schemeWindow } from "../scenario/fields.js";
import { yuanZhShort } from "../report/format-zh.js";

const TIER_LEVELS = ["county", "city", "province", "region"] as const;
type TierLevel = (typeof TIER_LEVELS)[number];

/** Regional agents (区域代理), docs/model.md, team leaders, agents, rotation. */
const schema = record("Regional agents: one agent per area and tier, who pays a franchise fee on joining and earns a commission on every order in the area.", {
  ...schemeWindow(),
  tiers: Type.Array(
    record("An agent tier.", {
      level: Type.Union(
        TIER_LEVELS.map((l) => Type.Literal(l)),
        { description: "The area an agent of this tier covers (population.geography)." },
      ),
      franchiseFee: money({ description: "Paid once on joining, from outside (new money)." }),
      productCost: money({
        default: 0,
        description:
          "Cost of the goods the franchise fee includes (seed 002: 加盟费（配产品）), paid by the platform to suppliers when the agent joins; at most the fee.",
      }),
      commissionRate: probability({ description: "Share of every order in the area paid to its agent." }),
      minUsers: integer({ default: 0, unit: "users", description: "Users an area needs before an agent may join." }),
      joinProbability: probability({ default: 1, unit: "per day", description: "Daily chance an agent joins an eligible area without one." }),
    }),
    {
      minItems: 1,
      maxItems: 4,
      default: [
        { level: "county", franchiseFee: 50_000, commissionRate: 0.008 },
        { level: "city", franchiseFee: 200_000, commissionRate: 0.005 },
        { level: "province", franchiseFee: 1_000_000, commissionRate: 0.002 },
        { level: "region", franchiseFee: 2_000_000, commissionRate: 0.001 },
      ],
      description: "Tiers (seed 002: county 50k / 0.8%, city 200k / 0.5%, province 1M / 0.2%, region 2M / 0.1%).",
    },
  ),
  basis: Type.Union([Type.Literal("order"), Type.Literal("release")], {
    default: "order",
    description:
      "What the commission is a share of: every order in the area (按下单金额计算), or every ad release of a user in the area (按看广告释放金额计算; seed 002 says the rates may then be higher).",
  }),
  payIn: Type.Union([Type.Literal("cash"), Type.Literal("contribution")], {
    default: "cash",
    description:
      "cash: paid to the agent from platform cash; contribution: contribution points (seed 002's 财务宝, exchangeable for shares), a promise valued at contributionPointValue and counted as a liability.",
  }),
  contributionPointValue: money({
    default: 1,
    exclusiveMinimum: 0,
    unit: "yuan/point",
    description: "payIn contribution: a point's value; the commission in yuan buys points at it.",
  }),
});
export type RegionalAgentsConfig = Static<typeof schema>;

interface Tier {
  level: TierLevel;
  feeFen: number;
  productCostFen: number;
  commissionMicro: number;
  minUsers: number;
  joinProbability: number;
  /** Counties per area of this tier. */
  span: number;
  users: Int32Array;
  joinedDay: Int32Array;
  feePaid: Float64Array;
  earned: Float64Array;
  flows: { fee: Flow; goods: Flow; commission: Flow };
}

/**
 * A tier's flows (its level names them in the journal). Agents are businesses, not users with
 * change wallets: their commissions leave the platform, and are no up/down-line reward.
 */
/** Whether an eligible area without an agent gets one today. */
const AGENT_JOINS = declarePurpose("regional-agents.join");

function agentFlows(level: TierLevel): { fee: Flow; goods: Flow; commission: Flow } {
  return {
    fee: declareFlow(`regionalAgents.fee.${level}`, {
      from: "world",
      to: "platform.cash",
      reason: `franchise fee (${level})`,
      counters: ["newMoneyInFen", "franchiseFeesFen"],
    }),
    goods: declareFlow(`regionalAgents.goods.${level}`, { from: "platform.cash", to: "world", reason: `franchise goods (${level})` }),
    commission: declareFlow(`regionalAgents.commission.${level}`, { from: "platform.cash", to: "world", reason: `agent commission (${level})` }),
  };
}

/** Every tier's flows, declared once. */
const AGENT_FLOWS = Object.fromEntries(TIER_LEVELS.map((level) => [level, agentFlows(level)])) as Record<
  TierLevel,
  { fee: Flow; goods: Flow; commission: Flow }
>;

function create(config: RegionalAgentsConfig, state: SimState): SchemeInstance {
  const { users } = state;
  const g = state.scenario.population.geography;
  const spans: Record<TierLevel, number> = {
    county: 1,
    city: g.countiesPerCity,
    province: g.countiesPerCity * g.citiesPerProvince,
    region: g.countiesPerCity * g.citiesPerProvince * g.provincesPerRegion,
  };
  const counties = spans.region * g.regions;
  const tiers: Tier[] = config.tiers.map((t) => {
    const areas = counties / spans[t.level];
    return {
      level: t.level,
      feeFen: yuanToFen(t.franchiseFee),
      productCostFen: Math.min(yuanToFen(t.productCost), yuanToFen(t.franchiseFee)),
      commissionMicro: rateToMicro(t.commissionRate),
      minUsers: t.minUsers,
      joinProbability: t.joinProbability,
      span: spans[t.level],
      users: new Int32Array(areas),
      joinedDay: new Int32Array(areas),
      feePaid: new Float64Array(areas),
      earned: new Float64Array(areas),
      flows: AGENT_FLOWS[t.level],
    };
  });
  let feesToday = 0;
  let commissionsToday = 0;
  const pointValueFen = yuanToFen(config.contributionPointValue);
  /** payIn contribution: points promised to agents, in 0.0001 units. */
  let contributionPu = 0;
  const totals = { cashFen: 0, contributionPu: 0 };

  /** Pays the agents of `user`'s areas their share of `amountFen` (an order or a release). */
  function commissionOn(user: number, amountFen: number): void {
    const county = users.county[user] as number;
    for (const tier of tiers) {
      const area = Math.floor(county / tier.span);
      if ((tier.joinedDay[area] as number) === 0) continue;
      const fen = applyRate(amountFen, tier.commissionMicro);
      tier.earned[area] = (tier.earned[area] as number) + fen;
      commissionsToday += fen;
      if (config.payIn === "contribution") {
        const pu = mulDivFloor(fen, PU_PER_POINT, pointValueFen);
        contributionPu += pu;
        totals.contributionPu += pu;
      } else {
        // Agents are businesses paid directly, not users with change wallets.
        state.book.move(tier.flows.commission, fen);
        totals.cashFen += fen;
      }
    }
  }

  /** Phase 2, after arrivals: agents join eligible areas without one, in area order. */
  function joins(): void {
    for (const tier of tiers) {
      // Area `area` of the tier draws as (area, tier level) under the day's key.
      const joining = state.draws.key(AGENT_JOINS, state.day);
      for (let area = 0; area < tier.users.length; area++) {
        if ((tier.joinedDay[area] as number) !== 0 || (tier.users[area] as number) < tier.minUsers) continue;
        if (!joining.chance(tier.joinProbability, area, TIER_LEVELS.indexOf(tier.level))) continue;
        tier.joinedDay[area] = state.day;
        tier.feePaid[area] = tier.feeFen;
        state.book.move(tier.flows.fee, tier.feeFen);
        // The goods the fee includes go to the agent; the platform pays their cost.
        state.book.move(tier.flows.goods, tier.productCostFen);
        feesToday += tier.feeFen;
      }
    }
  }

  return {
    // A release in an agent's area pays the area commission (basis release; on the order basis, onOrder does).
    onOwnReward:
      config.basis === "release"
        ? (user: number, fen: number) => {
            if (inWindow(config, state.day)) commissionOn(user, fen);
          }
        : undefined,
    onArrival(id) {
      const county = users.county[id] as number;
      for (const tier of tiers) {
        const area = Math.floor(county / tier.span);
        tier.users[area] = (tier.users[area] as number) + 1;
      }
    },
    phases: { joined: joins },
    onOrder(order: Order) {
      if (config.basis === "order") commissionOn(order.user, order.priceFen);
    },
    metrics(row) {
      let agents = 0;
      for (const tier of tiers) for (let a = 0; a < tier.joinedDay.length; a++) if ((tier.joinedDay[a] as number) !== 0) agents++;
      row.agents_active = agents;
      row.franchise_fees_in = feesToday;
      row.agent_commissions = commissionsToday;
    },
    closeDay() {
      feesToday = 0;
      commissionsToday = 0;
    },
    /** payIn contribution: the points promised to agents, at contributionPointValue. */
    liabilityFen: () => mulDivFloor(contributionPu, pointValueFen, PU_PER_POINT),
    keyFigures() {
      let agents = 0;
      let fees = 0;
      for (const tier of tiers)
        for (let a = 0; a < tier.joinedDay.length; a++) if ((tier.joinedDay[a] as number) !== 0) agents++, (fees += tier.feePaid[a] as number);
      const figures: [string, string][] = [["regional agents", `${agents}, who paid ${formatYuan(fees)} of franchise fees`]];
      if (config.payIn === "contribution")
        figures.push([
          "agents' contribution points",
          `${(contributionPu / PU_PER_POINT).toFixed(4)} (a promise of ${formatYuan(mulDivFloor(contributionPu, pointValueFen, PU_PER_POINT))})`,
        ]);
      return figures;
    },
    keyFiguresZh() {
      let agents = 0;
      let fees = 0;
      for (const tier of tiers)
        for (let a = 0; a < tier.joinedDay.length; a++) if ((tier.joinedDay[a] as number) !== 0) agents++, (fees += tier.feePaid[a] as number);
      const figures: [string, string][] = [["区域代理", `${agents}人，已缴加盟费${yuanZhShort(fees)}`]];
      if (config.payIn === "contribution")
        figures.push([
          "代理贡献积分",
          `${(contributionPu / PU_PER_POINT).toFixed(4)}（承诺价值${yuanZhShort(mulDivFloor(contributionPu, pointValueFen, PU_PER_POINT))}）`,
        ]);
      return figures;
    },
    summary() {
      const out: Record<string, number | null> = {};
      for (const tier of tiers) {
        let joined = 0;
        let behind = 0;
        let fees = 0;
        let earned = 0;
        for (let a = 0; a < tier.joinedDay.length; a++) {
          if ((tier.joinedDay[a] as number) === 0) continue;
          joined++;
          fees += tier.feePaid[a] as number;
          earned += tier.earned[a] as number;
          if ((tier.earned[a] as number) < (tier.feePaid[a] as number)) behind++;
        }
        out[`${tier.level}Agents`] = joined;
        out[`${tier.level}FranchiseFees`] = fees / 100;
        out[`${tier.level}Commissions`] = earned / 100;
        out[`${tier.level}AgentsNotRecoveringFee`] = joined === 0 ? null : Math.round((behind / joined) * 1e6) / 1e6;
      }
      if (config.payIn === "contribution") out.contributionPoints = totals.contributionPu / PU_PER_POINT;
      return out;
    },
  };
}

export const regionalAgents: SchemeModule<RegionalAgentsConfig, never, typeof schema> = {
  key: "regionalAgents",
  flows: Object.values(AGENT_FLOWS).flatMap((f) => [f.fee, f.goods, f.commission]),
  // On the order basis every order in an area pays its agents; on releases, the ad scheme funds them.
  fundedBy: (config) => config.basis === "order",
  shapingDefaults: [
    {
      key: "tiers",
      effect: "agent tiers (seed 002's): franchise fee and commission on the area's orders",
      effectZh: "代理等级（种子方案002）：加盟费及区域订单佣金",
    },
  ],
  title: "Regional agents (区域代理)",
  titleZh: "区域代理",
  schema,
  columns: [
    { name: "agents_active", unit: "agents", decimals: 0, description: "regional agents who have joined" },
    { name: "franchise_fees_in", unit: "yuan", decimals: 2, description: "franchise fees paid today (also in `new_money_in`)" },
    {
      name: "agent_commissions",
      unit: "yuan",
      decimals: 2,
      description: "commissions agents earned today (in cash, or in contribution points at their value)",
    },
  ],
  liabilityColumn: {
    name: "liability_agent_contribution",
    unit: "yuan",
    decimals: 2,
    description: "contribution points promised to regional agents × contributionPointValue (payIn contribution)",
  },
  charts: [
    {
      id: "agents",
      title: "Regional agents",
      caption: "Agents who paid franchise fees to join, against the commissions they earn back.",
      yUnit: "agents",
      y2Unit: "yuan per day",
      series: [
        ["agents_active", "agents", "y"],
        ["franchise_fees_in", "franchise fees (right axis)", "y2"],
        ["agent_commissions", "commissions (right axis)", "y2"],
      ],
      zh: {
        title: "区域代理",
        caption: "缴纳加盟费加入的代理，对比他们赚回的佣金。",
        yUnit: "代理数",
        y2Unit: "元/天",
        labels: { agents_active: "代理", franchise_fees_in: "加盟费（右轴）", agent_commissions: "佣金（右轴）" },
      },
    },
  ],
  whatIf: [
    { key: "contributionPointValue", label: "yuan one contribution point is worth", labelZh: "每个贡献积分价值（元）", min: 0, max: 10, step: 0.1 },
    ...[0, 1, 2, 3].map((i) => ({
      key: `tiers[${i}].commissionRate`,
      label: `commission of agent tier ${i + 1} (share of the area's orders)`,
      labelZh: `第${i + 1}级代理的佣金（占区域订单的比例）`,
      min: 0,
      max: 0.05,
      step: 0.0005,
    })),
  ],
  create,
};
