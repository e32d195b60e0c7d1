import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import type { Order, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import type { ClaimSet } from "../engine/wind-up.js";
import type { SimState } from "../engine/state.js";
import { declareFlow } from "../engine/book.js";
import { forEachUpline } from "../engine/users.js";
import { assertExact } from "../engine/ledger.js";
import { MICRO, PU_PER_POINT, formatPu, formatYuan, mulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { inWindow, integer, money, probability, record, schemeWindow } from "../scenario/fields.js";
import { ConservationError } from "../errors.js";
import { yuanZhShort } from "../report/format-zh.js";

/** Bonuses computed on a downline's release or order (团队计酬), in cash into the change wallet. */
const LEVEL_BONUS = declareFlow("teamLeaders.levelBonus", {
  from: "platform.equity",
  to: "users.change",
  reason: "team level bonus",
  reasonZh: "团队级差奖",
  rewards: "downline",
  legal: ["team-pay"],
  counters: ["commissionsFen"],
});
const PEER_BONUS = declareFlow("teamLeaders.peerBonus", {
  from: "platform.equity",
  to: "users.change",
  reason: "team peer bonus",
  reasonZh: "团队平级奖",
  rewards: "downline",
  legal: ["team-pay"],
  counters: ["commissionsFen"],
});
/** The same paid in contribution points: promised at face value, no money moves (Book.promise). */
const LEVEL_BONUS_POINTS = declareFlow("teamLeaders.levelBonusPoints", {
  from: "platform.equity",
  to: "users.change",
  reason: "team level bonus (contribution points)",
  reasonZh: "团队级差奖（贡献积分）",
  rewards: "downline",
  legal: ["team-pay"],
});
const PEER_BONUS_POINTS = declareFlow("teamLeaders.peerBonusPoints", {
  from: "platform.equity",
  to: "users.change",
  reason: "team peer bonus (contribution points)",
  reasonZh: "团队平级奖（贡献积分）",
  rewards: "downline",
  legal: ["team-pay"],
});

/** Team leaders (团队长), docs/model.md, team leaders, agents, rotation: level-difference (级差) and peer (平级) bonuses. */
const schema = record(
  "Team leaders: promoted by team size and volume; a downline's release (or order) pays the level difference up the chain and a peer bonus to the first same-level upline.",
  {
    ...schemeWindow(),
    levels: Type.Array(
      record("A leader level. A user holds the highest level whose thresholds they both meet (0 = no requirement).", {
        name: Type.String({ pattern: "^[A-Za-z0-9_.-]{1,64}$", description: "Level name." }),
        minTeamSize: integer({ default: 0, unit: "users", description: "Downline users (all depths) needed." }),
        minTeamVolume: money({ default: 0, description: "Downline order volume (all depths, since joining) needed." }),
        rate: probability({ description: "Bonus rate of this level, as a share of the basis amount." }),
      }),
      {
        minItems: 1,
        maxItems: 20,
        default: [
          { name: "leader", minTeamSize: 10, rate: 0.05 },
          { name: "senior", minTeamSize: 50, rate: 0.08 },
          { name: "director", minTeamSize: 200, rate: 0.1 },
        ],
        description: "Levels in ascending rate.",
      },
    ),
    basis: Type.Union([Type.Literal("release"), Type.Literal("order")], {
      default: "release",
      description: "What pays the bonus: a downline's daily ad release (seed 002), or a downline's order amount.",
    }),
    peerBonusRate: probability({
      default: 0.01,
      description: "Peer bonus (平级): share of the basis amount paid to the first upline with the same level as a leader just paid.",
    }),
    payIn: Type.Union([Type.Literal("contribution"), Type.Literal("cash")], {
      default: "contribution",
      description: "contribution: contribution points, a non-cash promise of equity (seed 002); cash: into the change wallet.",
    }),
    contributionPointValue: money({ default: 1, exclusiveMinimum: 0, unit: "yuan/point", description: "Value of a contribution point, for the liability." }),
    maxDepth: integer({ default: 50, minimum: 1, maximum: 1000, unit: "levels", description: "How far up the chain bonuses are paid." }),
    minMemberTier: integer({
      default: 0,
      maximum: 20,
      unit: "tier number",
      description:
        "A leader earns bonuses only while holding this membership tier or a higher one (schemes.membership; 1: the first tier). 0: no membership needed.",
    }),
  },
);
export type TeamLeadersConfig = Static<typeof schema>;

const TEAM_SIZE = "team.size";
const TEAM_VOLUME = "team.volume";
const TEAM_LEVEL = "team.level";
const CONTRIBUTION = "team.contribution";

/**
 * Pays level-difference and peer bonuses for one basis amount up the chain above `source`.
 * Walking up, each leader earns (own rate − highest rate already paid) × amount; the first
 * upline at the same level as the last leader paid earns the peer bonus once. The source's
 * own level does not count. Returns the fen paid to each upline in `pay`.
 */
export function levelDifferenceBonuses(
  amountFen: number,
  source: number,
  referrer: Int32Array,
  levelOf: (user: number) => number,
  ratesMicro: readonly number[],
  peerMicro: number,
  maxDepth: number,
  pay: (user: number, fen: number, kind: "level" | "peer") => void,
): void {
  let paidRate = 0;
  let lastLevel = -1;
  let peerPaid = false;
  const topRate = ratesMicro[ratesMicro.length - 1] ?? 0;
  forEachUpline(referrer, source, maxDepth, (upline) => {
    const level = levelOf(upline);
    if (level >= 0) {
      const rate = ratesMicro[level] as number;
      if (rate > paidRate) {
        pay(upline, mulDivFloor(amountFen, rate - paidRate, MICRO), "level");
        paidRate = rate;
        lastLevel = level;
        peerPaid = false;
      } else if (level === lastLevel && !peerPaid) {
        pay(upline, mulDivFloor(amountFen, peerMicro, MICRO), "peer");
        peerPaid = true;
      }
    }
    return !(paidRate >= topRate && peerPaid);
  });
}

function create(config: TeamLeadersConfig, state: SimState): SchemeInstance {
  const { users } = state;
  for (const name of [TEAM_SIZE, TEAM_VOLUME, TEAM_LEVEL, CONTRIBUTION]) users.addColumn(name);
  const ratesMicro = config.levels.map((l) => rateToMicro(l.rate));
  const sizes = config.levels.map((l) => l.minTeamSize);
  const volumes = config.levels.map((l) => yuanToFen(l.minTeamVolume));
  const peerMicro = rateToMicro(config.peerBonusRate);
  const pointValueFen = yuanToFen(config.contributionPointValue);
  let issuedPu = 0;
  let bonusFenToday = 0;
  const totals = { levelFen: 0, peerFen: 0, leaders: 0 };

  /** The stored level is level index + 1, so a zero-filled column means "no level". */
  const levelOf = (id: number): number => (users.column(TEAM_LEVEL)[id] as number) - 1;

  function promote(id: number): void {
    const size = users.column(TEAM_SIZE)[id] as number;
    const volume = users.column(TEAM_VOLUME)[id] as number;
    let level = levelOf(id);
    while (level + 1 < ratesMicro.length && size >= (sizes[level + 1] as number) && volume >= (volumes[level + 1] as number)) level++;
    if (level !== levelOf(id)) {
      if (levelOf(id) < 0) totals.leaders++;
      users.column(TEAM_LEVEL)[id] = level + 1;
    }
  }

  /** Whether the leader holds the membership tier the bonuses need (minMemberTier; read through shared state). */
  const member = (id: number): boolean => config.minMemberTier === 0 || (state.memberTiers?.memberTier?.(id) ?? 0) >= config.minMemberTier;

  function pay(id: number, fen: number, kind: "level" | "peer"): void {
    if (fen === 0 || !users.canEarn(id) || !member(id)) return;
    bonusFenToday += fen;
    if (kind === "level") totals.levelFen += fen;
    else totals.peerFen += fen;
    if (config.payIn === "cash") state.book.credit(kind === "level" ? LEVEL_BONUS : PEER_BONUS, id, fen);
    else {
      // Paid outside the change wallet (contribution points): promised at face value.
      state.book.promise(kind === "level" ? LEVEL_BONUS_POINTS : PEER_BONUS_POINTS, id, fen);
      const pu = mulDivFloor(fen, PU_PER_POINT, pointValueFen);
      users.column(CONTRIBUTION)[id] = (users.column(CONTRIBUTION)[id] as number) + pu;
      issuedPu += pu;
    }
  }

  const bonusOn = (source: number, fen: number) => levelDifferenceBonuses(fen, source, users.referrer, levelOf, ratesMicro, peerMicro, config.maxDepth, pay);
  return {
    // A downline's release pays the team bonus (basis release; on the order basis, onOrder does).
    onOwnReward:
      config.basis === "release"
        ? (user: number, fen: number) => {
            if (inWindow(config, state.day)) bonusOn(user, fen);
          }
        : undefined,
    onArrival(id) {
      const size = users.column(TEAM_SIZE);
      forEachUpline(users.referrer, id, Number.POSITIVE_INFINITY, (upline) => {
        size[upline] = (size[upline] as number) + 1;
        promote(upline);
      });
    },
    onOrder(order: Order) {
      const volume = users.column(TEAM_VOLUME);
      forEachUpline(users.referrer, order.user, Number.POSITIVE_INFINITY, (upline) => {
        volume[upline] = (volume[upline] as number) + order.priceFen;
        promote(upline);
      });
      if (config.basis === "order") bonusOn(order.user, order.priceFen);
    },
    metrics(row) {
      row.contribution_points_outstanding = issuedPu;
      row.team_bonus = bonusFenToday;
    },
    closeDay() {
      bonusFenToday = 0;
    },
    /** Contribution points are promised equity, valued at contributionPointValue. */
    liabilityFen: () => mulDivFloor(issuedPu, pointValueFen, PU_PER_POINT),
    /** Promised equity: in a wind-up it is paid only from what is left after the platform's debts. */
    claims(): ClaimSet[] {
      const points = users.column(CONTRIBUTION);
      const faceFen = new Float64Array(users.count);
      for (let id = 0; id < users.count; id++) faceFen[id] = mulDivFloor(points[id] as number, pointValueFen, PU_PER_POINT);
      return [{ label: "contribution points", faceFen, payer: "platform.cash", rank: 1 }];
    },
    rewardChain: () => ({
      levels: config.maxDepth,
      label: `team-leader bonuses up to ${config.maxDepth} levels`,
      labelZh: `团队长奖励最多${config.maxDepth}个层级`,
    }),
    keyFigures: () => [
      [
        "team leaders",
        `${totals.leaders}; contribution points ${formatPu(issuedPu)} (a promise of ${formatYuan(mulDivFloor(issuedPu, pointValueFen, PU_PER_POINT))})`,
      ],
    ],
    keyFiguresZh: () => [
      ["团队长", `${totals.leaders}人；贡献积分${formatPu(issuedPu)}（承诺价值${yuanZhShort(mulDivFloor(issuedPu, pointValueFen, PU_PER_POINT))}）`],
    ],
    checkInvariants(day) {
      const points = users.column(CONTRIBUTION);
      let total = 0;
      for (let id = 0; id < users.count; id++) total += points[id] as number;
      assertExact(day, words("exact.contributionPoints"), issuedPu, total);
      if (total !== issuedPu) throw new ConservationError(words("invariant.contributionPoints", { day, issued: formatPu(issuedPu), held: formatPu(total) }));
    },
    summary() {
      return { leaders: totals.leaders, levelBonuses: totals.levelFen / 100, peerBonuses: totals.peerFen / 100, contributionPoints: issuedPu / PU_PER_POINT };
    },
  };
}

export const teamLeaders: SchemeModule<TeamLeadersConfig, never, typeof schema> = {
  key: "teamLeaders",
  // On the order basis every order pays the team bonus up the chain; on releases, the ad scheme funds it.
  fundedBy: (config) => config.basis === "order",
  shapingDefaults: [
    { key: "levels", effect: "leader levels by team size, each with its bonus rate", effectZh: "按团队规模认定的团队长级别，各有奖金比例" },
    { key: "peerBonusRate", effect: "peer bonus (平级) rate", effectZh: "平级奖比例" },
  ],
  title: "Team leaders (团队长)",
  titleZh: "团队长",
  schema,
  columns: [
    {
      name: "contribution_points_outstanding",
      unit: "points",
      decimals: 4,
      description: "contribution points promised to leaders (a liability at `contributionPointValue`)",
    },
    { name: "team_bonus", unit: "yuan", decimals: 2, description: "level-difference and peer bonuses earned today (yuan value)" },
  ],
  flows: [LEVEL_BONUS, PEER_BONUS, LEVEL_BONUS_POINTS, PEER_BONUS_POINTS],
  liabilityColumn: { name: "liability_contribution_points", unit: "yuan", decimals: 2, description: "contribution points × contributionPointValue" },
  charts: [
    {
      id: "team",
      title: "Team leaders",
      caption: "Contribution points promised to leaders (a claim paid only after every debt) and the bonuses of each day.",
      yUnit: "points",
      y2Unit: "yuan per day",
      series: [
        ["contribution_points_outstanding", "contribution points", "y"],
        ["team_bonus", "bonus today (right axis)", "y2"],
      ],
      zh: {
        title: "团队长",
        caption: "承诺给团队长的贡献积分（一种在所有债务之后才兑付的债权），以及每天的奖金。",
        yUnit: "积分",
        y2Unit: "元/天",
        labels: { contribution_points_outstanding: "贡献积分", team_bonus: "当天奖金（右轴）" },
      },
    },
  ],
  whatIf: [
    { key: "peerBonusRate", label: "peer bonus (平级) rate", labelZh: "平级奖比例", min: 0, max: 0.2, step: 0.005 },
    ...[0, 1, 2, 3].map((i) => ({
      key: `levels[${i}].rate`,
      label: `bonus rate of leader level ${i + 1}`,
      labelZh: `第${i + 1}级团队长的奖金比例`,
      min: 0,
      max: 0.3,
      step: 0.005,
    })),
  ],
  create,
};
