import { Type, type Static } from "@sinclair/typebox/type";
import { words } from "../i18n/words.js";
import type { ExplainOrder, ExplainPart, FieldValues, Order, PlausibilityFinding, RewardChain, SchemeInstance, SchemeModule } from "../engine/scheme.js";
import { segmentsWith } from "../engine/scheme-fields.js";
import type { CoreScenario, Product } from "../engine/scenario.js";
import type { DayValues } from "../engine/columns.js";
import type { ClaimSet } from "../engine/wind-up.js";
import type { SimState } from "../engine/state.js";
import { FLAG_CHURNED } from "../engine/users.js";
import { assertExact } from "../engine/ledger.js";
import { ALWAYS, declarePurpose, threshold } from "../engine/draws.js";
import { drawsNeeded, eachDrawRun } from "../engine/draws-run.js";
import { UplineCredits, WINDOW_MASK, WINDOW_SHIFT } from "../engine/upline-credits.js";
import { declareFlow } from "../engine/book.js";
import { type Executor, INLINE_EXECUTOR, declareKernel, gatherLists, sumPartial } from "../engine/executor.js";
import { MICRO, PU_PER_POINT, applyRate, formatPu, formatYuan, mulDivFloor, mulMulDivFloor, rateToMicro, yuanToFen } from "../engine/units.js";
import { yuanZh } from "../report/format-zh.js";
import { closingBonusMicro, integer, money, probability, rate, record, schemeWindow } from "../scenario/fields.js";
import { ConservationError } from "../errors.js";
import { REFERRAL_POINTS, grantSharesSchema, grantSplit, splitGrant } from "./ads-grant-shares.js";
import { MERCHANT_RELEASE, MerchantPoints } from "./ads-merchants.js";

/** Ad e-commerce points (广告电商积分), docs/model.md, ad points. */
const schema = record("Ad points: granted on orders, released into the change wallet a little each day the user watches the ad task.", {
  ...schemeWindow(),
  tiers: Type.Array(
    record("A release tier: from this balance up, the daily release is capped at dailyCap yuan.", {
      minBalance: rate({ unit: "points", description: "Lowest balance of the tier." }),
      dailyCap: money({ description: "Most yuan released per day in this tier." }),
      // Optional, without a default: a tier written without it resolves as before (the scheme's releaseRate).
      releaseRate: Type.Optional(
        probability({
          unit: "per day",
          description:
            "Share of the balance released on a watched day in this tier (absent: the scheme's releaseRate): a release rate that changes with the balance.",
        }),
      ),
    }),
    {
      minItems: 1,
      maxItems: 100,
      default: [
        { minBalance: 200, dailyCap: 2 },
        { minBalance: 1000, dailyCap: 10 },
        { minBalance: 2000, dailyCap: 20 },
        { minBalance: 4000, dailyCap: 40 },
      ],
      description: "Release tiers in strictly ascending minBalance (seed 000). Below the lowest tier there is no ad task: the points are stranded.",
      ascendingBy: "minBalance",
    },
  ),
  releaseRate: probability({ default: 0.01, unit: "per day", description: "Share of the balance released on a watched day, before the tier cap." }),
  yuanPerPoint: money({ default: 1, exclusiveMinimum: 0, description: "Yuan paid per released point." }),
  burnRate: rate({ default: 0, maximum: 100, description: "Extra points destroyed per released point." }),
  watchProbability: probability({
    default: 0.9,
    unit: "per day",
    description: "Daily chance a user with a task watches (a segment's watchProbability overrides).",
  }),
  adsPerTask: integer({ default: 5, maximum: 10_000, unit: "views", description: "Ads viewed per daily task." }),
  ecpm: money({
    default: 30,
    unit: "yuan per 1000 views",
    description: "Ad revenue per thousand views (rewarded video: tens of yuan), below the first of ecpmByMembers.",
  }),
  ecpmByMembers: Type.Array(
    record("From this many members (users who have arrived) on, advertisers pay this eCPM.", {
      minMembers: integer({ minimum: 1, maximum: 1_000_000_000, unit: "users", description: "Members the platform needs." }),
      ecpm: money({ unit: "yuan per 1000 views", description: "eCPM from then on." }),
    }),
    {
      default: [],
      maxItems: 100,
      ascendingBy: "minMembers",
      description:
        "Ad prices that grow with the member base (seed 000: advertisers decide based on the number of members), strictly ascending by minMembers; empty: ecpm throughout.",
    },
  ),
  clickRate: probability({ default: 0, description: "Share of views clicked (seed 000: revenue based on the number of clicks)." }),
  pricePerClick: money({ default: 0, unit: "yuan per click", description: "What advertisers pay per click, on top of the eCPM." }),
  referralShares: Type.Array(probability({ description: "Share of the downline's release." }), {
    default: [0.2, 0.1],
    maxItems: 10,
    description: "Release commissions: upline, grand-upline, ... earn these shares of a downline's daily release, paid by the platform.",
  }),
  grantShares: grantSharesSchema,
  memberTierRules: Type.Array(
    record("Release rules for holders of one membership tier (schemes.membership's tiers, in order).", {
      releaseRate: Type.Unsafe<number | null>({
        type: ["number", "null"],
        minimum: 0,
        maximum: 1,
        decimals: 6,
        default: null,
        unit: "per day",
        description: "Share of the balance released on a watched day (null: the balance tier's rate).",
      }),
      capMultiplier: rate({ default: 1, maximum: 100, description: "Multiplies the balance tier's daily cap (rounded down to the fen)." }),
    }),
    {
      default: [],
      maxItems: 20,
      description:
        "Item k applies to users holding membership tier k + 1 (schemes.membership); users without a tier, or in a tier past the list, release by the balance tiers alone. Empty: membership does not change releases.",
    },
  ),
});
export type AdsConfig = Static<typeof schema>;

/** What an order of each product earns in ad points. */
const productFields = {
  adPointsRatio: rate({ default: 0, maximum: 100, description: "Ad points granted per yuan of price (seed 002: 1.1, spend 1000 → 1100 points)." }),
};
type AdsProduct = FieldValues<typeof productFields>;

/** How often each segment's users do the ad task. */
const segmentFields = {
  watchProbability: Type.Unsafe<number | null>({
    type: ["number", "null"],
    minimum: 0,
    maximum: 1,
    decimals: 6,
    default: null,
    unit: "share 0-1",
    description: "Daily chance of doing the ad task (null: schemes.ads.watchProbability).",
  }),
};

export const AD_POINTS = "ads.points";

/** A watcher's own release into their change wallet. */
const RELEASE = declareFlow("ads.release", {
  from: "platform.equity",
  to: "users.change",
  reason: "ad points release",
  rewards: "own",
  counters: ["userPayoutsFen"],
  schemeCounter: "adReleasesFen",
});
/** Commissions on a downline's release (团队计酬). */
const RELEASE_COMMISSION = declareFlow("ads.releaseCommission", {
  from: "platform.equity",
  to: "users.change",
  reason: "release commission",
  reasonZh: "释放佣金",
  rewards: "downline",
  legal: ["team-pay"],
  counters: ["commissionsFen", "userPayoutsFen"],
});
/** What advertisers pay for the ads watched. */
const AD_REVENUE = declareFlow("ads.revenue", { from: "world", to: "platform.cash", reason: "ad revenue", schemeCounter: "adRevenueFen" });

/**
 * One watched day's release of a balance (docs/model.md, ad points): the yuan released are
 * floor to the fen of balance × releaseRate × yuanPerPoint, at most the tier's cap; exactly the
 * points that pay those yuan leave the balance (rounded up to 0.0001 point when yuanPerPoint
 * does not divide evenly, so the platform never pays for a fraction of a point it did not
 * take), plus burnRate × those points, at most what is left. The hot loop in AdsScheme runs
 * the same arithmetic inline; a test holds the two together.
 */
export function releaseOnce(
  balancePu: number,
  rateMicro: number,
  capFen: number,
  yuanPerPointFen: number,
  burnMicro: number,
): { fen: number; pu: number; burnPu: number } {
  const fen = Math.min(mulMulDivFloor(balancePu, rateMicro, yuanPerPointFen, MICRO * PU_PER_POINT), capFen);
  const pu = pointsPaying(fen, yuanPerPointFen);
  const burnPu = burnMicro === 0 ? 0 : Math.min(balancePu - pu, mulDivFloor(pu, burnMicro, MICRO));
  return { fen, pu, burnPu };
}

/** A balance tier's daily release rate in micro: its own releaseRate, else the scheme's. */
function tierRateMicro(tier: { releaseRate?: number }, config: { releaseRate: number }): number {
  return rateToMicro(tier.releaseRate ?? config.releaseRate);
}

/** The points (pu) worth `fen` at yuanPerPoint, rounded up to a whole pu. */
function pointsPaying(fen: number, yuanPerPointFen: number): number {
  const scaled = fen * PU_PER_POINT;
  const whole = Math.floor(scaled / yuanPerPointFen);
  return whole * yuanPerPointFen === scaled ? whole : whole + 1;
}

// Run counters, in a typed array so that sums growing past small integers never change the
// instance's hidden class (which would deoptimise its methods once per sweep worker).
const ISSUED = 0;
const BURNED = 1;
const RELEASED_TODAY = 2;
const WATCHERS_TODAY = 3;
const REVENUE_TODAY = 4;

const SAFE = Number.MAX_SAFE_INTEGER;
/** balance (pu) × rate (micro) × yuanPerPoint (fen) / FEN_SCALE = fen. */
const FEN_SCALE = MICRO * PU_PER_POINT;
const BLOCK = 4096;
/**
 * The most users one call of the release loop (releaseRun) visits. V8 optimises a function once
 * it is hot; a loop of a whole block made it hot inside its first call, before the code after
 * the loop had ever run, and the code compiled then (on stack replacement, without type
 * feedback for that code) was in about half the runs thrown away and not replaced: the loop then
 * ran unoptimised all run, allocating a heap number per user-day (5 times the collections, a
 * third more time). Calls of this many users complete many times before the loop is hot.
 */
const CALL = 256;
/** Whether a user watches today's ad task. */
const WATCH = declarePurpose("ads.watch");

/** Scratch columns where the ranges of a split release list their paying releases (user, fen). */
const LISTED_USER = "ads.listedUser";
const LISTED_FEN = "ads.listedFen";
/** The release kernel's partial sums: fen, points, burned points, commission fen, watchers, held, stranded, listed. */
const RELEASE_WIDTH = 8;
const LISTED = 7;

/** What the release kernel reads and writes (the day's key, the rule in integers, the columns). */
interface ReleaseArgs {
  points: Float64Array;
  flags: Uint8Array;
  segment: Uint8Array;
  joinDay: Int32Array;
  firstOfDay: Int32Array;
  /** The release flow's batch: its wallet and own-reward columns (book.ts). */
  change: Float64Array;
  rewardsOwn: Float64Array;
  /**
   * The day's watch key (k0, k1, k2): int32 words, in a typed array so that this object's
   * fields keep one representation whatever the day's words (a word outside V8's small
   * integers would otherwise change the object's shape and throw away the release's code).
   */
  key: Int32Array;
  lowest: number;
  thresholds: Float64Array;
  canChurn: boolean;
  mins: Float64Array;
  caps: Float64Array;
  /** Each balance tier's release rate (micro). */
  rates: Float64Array;
  /** Each balance tier's divisor of the balance (tierDivisors), without membership rules. */
  divisors: Float64Array;
  /**
   * Release rules by membership tier (memberTierRules): the holder's tier (from the scheme that
   * provides tiers), each tier's rate (micro; -1: the balance tier's) and cap multiplier (micro).
   * Null without rules; with them the release runs on one thread (the tiers are another scheme's).
   */
  memberTier: ((user: number) => number) | null;
  memberRates: Float64Array;
  memberCaps: Float64Array;
  burnRate: number;
  ypp: number;
  top: number;
  /** One thread: commissions filed as they are made (null when split, or without levels). */
  credits: UplineCredits | null;
  /** One thread: the onOwnReward subscribers, told in user order (empty when split). */
  subscribers: readonly SchemeInstance[];
  /** Split: each range lists its paying releases from its first row on (null on one thread). */
  listUser: Float64Array | null;
  listFen: Float64Array | null;
}

/** The ad release over users [from, to), a block at a time (RELEASE_WIDTH partial sums). */
const RELEASE_KERNEL = declareKernel<ReleaseArgs>("ads.release", RELEASE_WIDTH, (args, from, to, out) => {
  for (let at = from; at < to; at += BLOCK) releaseBlock(args, at, Math.min(to, at + BLOCK), from, out);
});

/**
 * Files the listed releases' commissions and tells the subscribers, in list order (user order):
 * what the one-thread loop does as it goes, with the same loop (fileReleases), CALL releases a
 * call so that V8 optimises it with whole calls' feedback; a round paid when a region fills is
 * paid by the executor's threads, idle meanwhile. Returns the commission fen paid by filled windows.
 */
function fileListed(
  users: Float64Array,
  fens: Float64Array,
  n: number,
  credits: UplineCredits | null,
  subscribers: readonly SchemeInstance[],
  executor: Executor,
): number {
  let paid = 0;
  for (let at = 0; at < n; at += CALL) paid += fileReleases(users, fens, at, Math.min(n, at + CALL), credits, subscribers, executor);
  return paid;
}

/** One thread: a block's paying releases (user, fen), filed and told after the block's loop. */
const BLOCK_USER = new Float64Array(BLOCK);
const BLOCK_FEN = new Float64Array(BLOCK);

/**
 * Each balance tier's divisor: floor(balance × rate × yuanPerPoint / FEN_SCALE) is
 * floor(balance / divisor) exactly when rate × yuanPerPoint divides FEN_SCALE (both quotients of
 * integers below 2^53, correctly rounded, floor to the same integer); Infinity for a zero rate
 * (nothing released); 0 where the product path must run.
 */
function tierDivisors(rates: Float64Array, ypp: number): Float64Array {
  return Float64Array.from(rates, (rate) => {
    const step = rate * ypp;
    if (step === 0) return Infinity;
    return FEN_SCALE % step === 0 ? FEN_SCALE / step : 0;
  });
}

/**
 * Releases for users [from, to) of the range starting at `rangeStart` (where its list starts),
 * a run of one join day at a time: each user's watch draw is keyed by the user and the day
 * (src/engine/draws.ts), and a run's draws are made together (draws-run.ts) before its loop.
 */
function releaseBlock(args: ReleaseArgs, from: number, to: number, rangeStart: number, out: Float64Array): void {
  const { key } = args;
  // Draws are needed unless every segment watches always or never.
  eachDrawRun(args, key[0] as number, key[1] as number, key[2] as number, drawsNeeded(args.thresholds), from, to, rangeStart, out, releaseInCalls);
}

/** A run's releases, CALL users a call (whose draws are words[id − from]). */
function releaseInCalls(args: ReleaseArgs, from: number, to: number, words: Uint32Array, rangeStart: number, out: Float64Array): void {
  for (let at = from; at < to; at += CALL) releaseRun(args, at, Math.min(to, at + CALL), words, from, rangeStart, out);
}

/**
 * Releases for users [from, to) of a run that starts at `first`, whose watch draws are
 * words[id − first] (unread when every segment watches always or never). Products use the exact integer fast path when
 * they stay below 2^53, and the rest falls back to BigInt. The loop only releases; the paying
 * releases are listed (user, fen), and their commissions filed and subscribers told after it in
 * the same order, so that the hot loop holds no call and no walk up the referrers.
 */
function releaseRun(args: ReleaseArgs, from: number, to: number, words: Uint32Array, first: number, rangeStart: number, out: Float64Array): void {
  const { points, flags, segment, change, rewardsOwn, subscribers, credits, listUser, listFen } = args;
  const hasSubscribers = subscribers.length > 0;
  const listing = listUser !== null;
  const defer = credits !== null;
  // Paying releases are listed when anything follows them: split ranges' lists (filed by the
  // main thread), or this block's scratch lists (filed below).
  const collect = listing || hasSubscribers || defer;
  const listFens = listing ? (listFen as Float64Array) : BLOCK_FEN;
  const listUsers = listing ? listUser : BLOCK_USER;
  const listed0 = out[LISTED] as number;
  const listBase = listing ? rangeStart + listed0 : 0;
  let n = 0;
  // Everything the loop reads, in locals.
  const lowest = args.lowest;
  const thresholds = args.thresholds;
  // One segment (the usual case): one threshold, no per-user segment lookup.
  const single = thresholds.length === 1 ? (thresholds[0] as number) : -1;
  // Only users who can leave need their flags read.
  const churn = args.canChurn;
  const mins = args.mins;
  const caps = args.caps;
  const rates = args.rates;
  const divisors = args.divisors;
  const memberTier = args.memberTier;
  const memberRates = args.memberRates;
  const memberCaps = args.memberCaps;
  const burnRate = args.burnRate;
  const ypp = args.ypp;
  const puPerFen = PU_PER_POINT % ypp === 0 ? PU_PER_POINT / ypp : 0;
  const top = args.top;
  let fenSum = 0;
  let puSum = 0;
  let burnSum = 0;
  let watching = 0;
  let heldSum = 0;
  let strandedSum = 0;
  for (let id = from; id < to; id++) {
    const balance = points[id] as number;
    if (balance < lowest || (churn && ((flags[id] as number) & FLAG_CHURNED) !== 0)) {
      heldSum += balance;
      strandedSum += balance;
      continue;
    }
    const limit = single >= 0 ? single : (thresholds[segment[id] as number] as number);
    if (limit === 0) {
      heldSum += balance;
      continue;
    }
    if (limit !== ALWAYS && (words[id - first] as number) >= limit) {
      heldSum += balance;
      continue;
    }
    watching++;
    let tier = top;
    while (tier > 0 && balance < (mins[tier] as number)) tier--;
    // releaseOnce, inline: whole fen first, then exactly the points that pay them.
    let share: number;
    let cap = caps[tier] as number;
    const divisor = memberTier === null ? (divisors[tier] as number) : 0;
    if (divisor > 0) share = Math.floor(balance / divisor);
    else {
      let rate = rates[tier] as number;
      if (memberTier !== null) {
        // The holder's membership tier's rules (memberTierRules), when the list has one for it.
        const m = memberTier(id) - 1;
        if (m >= 0 && m < memberRates.length) {
          const own = memberRates[m] as number;
          if (own >= 0) rate = own;
          cap = mulDivFloor(cap, memberCaps[m] as number, MICRO);
        }
      }
      const product = balance * rate * ypp;
      share = product <= SAFE ? Math.floor(product / FEN_SCALE) : mulMulDivFloor(balance, rate, ypp, FEN_SCALE);
    }
    const fen = share < cap ? share : cap;
    // Points paying those fen: fen × PU_PER_POINT / ypp rounded up; a product when ypp divides it.
    let pu: number;
    if (puPerFen > 0) pu = fen * puPerFen;
    else {
      const scaled = fen * PU_PER_POINT;
      const whole = Math.floor(scaled / ypp);
      pu = whole * ypp === scaled ? whole : whole + 1;
    }
    const burn = burnRate === 0 ? 0 : Math.min(balance - pu, mulDivFloor(pu, burnRate, MICRO));
    const left = balance - pu - burn;
    points[id] = left;
    heldSum += left;
    // Released below the lowest tier: stranded from now on.
    if (left < lowest) strandedSum += left;
    puSum += pu;
    burnSum += burn;
    if (fen === 0) continue;
    change[id] = (change[id] as number) + fen;
    rewardsOwn[id] = (rewardsOwn[id] as number) + fen;
    fenSum += fen;
    if (collect) {
      listUsers[listBase + n] = id;
      listFens[listBase + n] = fen;
      n++;
    }
  }
  // Split across threads: the range's list, filed and told by the main thread afterwards.
  // On one thread: this block's, now, in user order (commissions go to uplines' wallets, which
  // the loop above does not read, and onOwnReward subscribers read no wallets or points).
  const commissionSum = listing || n === 0 ? 0 : fileReleases(BLOCK_USER, BLOCK_FEN, 0, n, credits, subscribers, INLINE_EXECUTOR);
  out[0] = (out[0] as number) + fenSum;
  out[1] = (out[1] as number) + puSum;
  out[2] = (out[2] as number) + burnSum;
  out[3] = (out[3] as number) + commissionSum;
  out[4] = (out[4] as number) + watching;
  out[5] = (out[5] as number) + heldSum;
  out[6] = (out[6] as number) + strandedSum;
  out[LISTED] = listing ? listed0 + n : listed0;
}

/**
 * Tells the subscribers and files the commissions of paying releases [from, to) of a list (a
 * block's BLOCK_USER and BLOCK_FEN on one thread, the joined ranges' lists when split), each
 * release in turn as the loop made them. Returns the commission fen paid by windows that filled.
 */
function fileReleases(
  users: Float64Array,
  fens: Float64Array,
  from: number,
  to: number,
  credits: UplineCredits | null,
  subscribers: readonly SchemeInstance[],
  /** Who pays a round when a region fills: inline inside a range kernel, the run's executor after one. */
  executor: Executor,
): number {
  let commissionSum = 0;
  // The onOwnReward event (team bonuses, area commissions on releases), each release in turn.
  if (subscribers.length > 0) {
    for (let i = from; i < to; i++) {
      const id = users[i] as number;
      const fen = fens[i] as number;
      for (let l = 0; l < subscribers.length; l++) (subscribers[l] as SchemeInstance).onOwnReward?.(id, fen);
    }
  }
  // The commission walk, deferred: each level's upline (a column, see UplineCredits) and the
  // fen released, filed in the upline's window; a window's region that fills is paid now. A
  // level at a time, so that its column is the loop's own: a region holds one level's credits,
  // so each region is filed in the same order as a walk release by release would file it (and
  // when a round is paid changes no wallet: the credits wait on nothing they could change).
  // Above a user with no level-l upline there is none at any later level.
  if (credits === null) return 0;
  const { levels, ancestors, windows, fill, end, offset, amount } = credits;
  for (let level = 0; level < levels; level++) {
    const column = ancestors[level] as Int32Array;
    const first = level * windows;
    for (let i = from; i < to; i++) {
      const upline = column[users[i] as number] as number;
      if (upline < 0) continue;
      const r = first + (upline >>> WINDOW_SHIFT);
      const at = fill[r] as number;
      offset[at] = upline & WINDOW_MASK;
      amount[at] = fens[i] as number;
      fill[r] = at + 1;
      if (at + 1 === (end[r] as number)) commissionSum += credits.pay(executor);
    }
  }
  return commissionSum;
}

/**
 * One run's ad-points scheme. A class rather than closures made per run: its methods are the
 * same functions in every run, so a sweep worker optimises the release loop once.
 */
class AdsScheme implements SchemeInstance<AdsProduct> {
  private readonly tiersMinPu: Float64Array;
  private readonly tiersCapFen: Float64Array;
  private readonly yuanPerPointFen: number;
  private readonly lowestPu: number;
  private readonly topTier: number;
  /** By membership tier (memberTierRules): the release rate in micro (-1: the balance tier's) and the cap multiplier in micro. */
  private readonly memberRates: Float64Array;
  private readonly memberCaps: Float64Array;
  /** Each tier's release rate in micro (its own, or the scheme's releaseRate). */
  private tiersRateMicro: Float64Array;
  /** tierDivisors of tiersRateMicro. */
  private divisors: Float64Array;
  private readonly burnMicro: number;
  private readonly sharesMicro: Float64Array;
  /** Others' shares of an order's points (grantShares), null when the buyer takes them all. */
  private readonly split: { uplinesMicro: Float64Array; operatorMicro: number; merchantMicro: number } | null;
  /** The merchants' points (grantShares.merchant), null when merchants take no share. */
  private readonly merchants: MerchantPoints | null;
  private readonly ecpmFen: number;
  private readonly ecpmSteps: { minMembers: number; ecpmFen: number }[];
  private readonly clickMicro: number;
  private readonly pricePerClickFen: number;
  /** Slots of the scheme's day counters (ad revenue, releases) in state.today. */
  private readonly canChurn: boolean;
  private readonly watchThreshold: Float64Array;
  private readonly counts = new Float64Array(5);
  /**
   * Totals of the day's release, summed over the ranges in order: released fen, released points,
   * extra burned points, commission fen, watchers, and the points held and stranded after the
   * release (all users are visited).
   */
  private readonly totals = new Float64Array(RELEASE_WIDTH - 1);
  /** Release commissions filed by the upline's window and paid after the loop (null without levels). */
  private readonly credits: UplineCredits | null;
  /**
   * The release kernel's arguments: one object for the run, its fields set each day. With a
   * fresh object a day, V8's optimised release loop depended on the fields of the objects'
   * hidden class, and in some runs a change to them in the first days threw the loop's code
   * away without its being optimised again: the rest of the run released a third slower.
   */
  private args: ReleaseArgs | null = null;
  /** Held and stranded points, summed over users once per day (metrics and the invariant share it). */
  private holdingsDay = -1;
  private holdings = { total: 0, stranded: 0 };
  readonly phases = { payouts: () => this.release() };

  constructor(
    private readonly config: AdsConfig,
    private readonly state: SimState,
  ) {
    const { scenario } = state;
    state.users.addColumn(AD_POINTS);
    this.tiersMinPu = Float64Array.from(config.tiers, (t) => Math.round(t.minBalance * PU_PER_POINT));
    this.yuanPerPointFen = yuanToFen(config.yuanPerPoint);
    this.tiersCapFen = Float64Array.from(config.tiers, (t) => yuanToFen(t.dailyCap));
    this.lowestPu = this.tiersMinPu[0] ?? 0;
    this.topTier = this.tiersMinPu.length - 1;
    this.tiersRateMicro = Float64Array.from(config.tiers, (t) => tierRateMicro(t, config));
    this.divisors = tierDivisors(this.tiersRateMicro, this.yuanPerPointFen);
    this.memberRates = Float64Array.from(config.memberTierRules, (r) => (r.releaseRate === null ? -1 : rateToMicro(r.releaseRate)));
    this.memberCaps = Float64Array.from(config.memberTierRules, (r) => rateToMicro(r.capMultiplier));
    this.burnMicro = rateToMicro(config.burnRate);
    this.sharesMicro = Float64Array.from(config.referralShares, rateToMicro);
    this.split = grantSplit(config.grantShares);
    this.merchants = this.split !== null && this.split.merchantMicro > 0 ? new MerchantPoints(state.products.length) : null;
    this.credits = this.sharesMicro.length > 0 ? new UplineCredits(this.sharesMicro.length, this.sharesMicro) : null;
    this.ecpmFen = yuanToFen(config.ecpm);
    this.ecpmSteps = config.ecpmByMembers.map((t) => ({ minMembers: t.minMembers, ecpmFen: yuanToFen(t.ecpm) }));
    this.clickMicro = rateToMicro(config.clickRate);
    this.pricePerClickFen = yuanToFen(config.pricePerClick);
    this.canChurn = scenario.population.segments.some((s) => s.churnRate > 0);
    this.watchThreshold = Float64Array.from(segmentsWith(state, segmentFields), (s) => threshold(s.watchProbability ?? config.watchProbability));
  }

  /** A rule change set one of its changeable keys (ads.changeable): the release uses the new rate from today on (tiers with their own rate keep it). */
  applyChange(key: string): void {
    // Tiers without a rate of their own follow the scheme's releaseRate.
    if (key === "releaseRate") {
      this.tiersRateMicro = Float64Array.from(this.config.tiers, (t) => tierRateMicro(t, this.config));
      this.divisors = tierDivisors(this.tiersRateMicro, this.yuanPerPointFen);
    }
  }

  /**
   * Phase 4: the day's release, a range kernel (src/engine/executor.ts). On one thread the
   * kernel files each release's commissions and tells the onOwnReward subscribers as it goes;
   * split across threads, each range lists its paying releases (user, fen) in id order instead,
   * and this thread files and tells them afterwards, in range order: the same calls in the same
   * order (commissions go into uplines' wallets, rows another range may be writing).
   */
  private release(): void {
    const { state, config, totals, counts } = this;
    const { users } = state;
    // Membership tiers' rules, read only when there are some and a scheme provides the tiers.
    const members = this.memberRates.length > 0 ? state.memberTiers : null;
    const memberTier = members?.memberTier ? (user: number) => (members.memberTier as (u: number) => number).call(members, user) : null;
    // Those rules read another scheme's tiers, which live in its own array: that release stays on this thread.
    const executor = memberTier === null ? state.executor : INLINE_EXECUTOR;
    const points = users.column(AD_POINTS);
    const count = users.count;
    const credits = this.credits;
    const releases = state.book.batch(RELEASE);
    const commissions = state.book.batch(RELEASE_COMMISSION);
    credits?.begin(users, commissions.wallet);
    const subscribers = state.ownRewardSubscribers;
    const listed = executor.threads > 1 && (credits !== null || subscribers.length > 0);
    if (listed) {
      users.addColumn(LISTED_USER);
      users.addColumn(LISTED_FEN);
    }
    const { k0, k1, k2 } = state.draws.key(WATCH, state.day);
    const args = this.args ?? this.firstArgs();
    args.points = points;
    args.flags = users.flags;
    args.segment = users.segment;
    args.joinDay = users.joinDay;
    args.firstOfDay = users.firstOfDay;
    args.change = releases.wallet;
    args.rewardsOwn = releases.own as Float64Array;
    args.key[0] = k0;
    args.key[1] = k1;
    args.key[2] = k2;
    args.lowest = this.lowestPu;
    args.thresholds = this.watchThreshold;
    args.canChurn = this.canChurn;
    args.mins = this.tiersMinPu;
    args.caps = this.tiersCapFen;
    args.rates = this.tiersRateMicro;
    args.divisors = this.divisors;
    args.memberTier = memberTier;
    args.memberRates = this.memberRates;
    args.memberCaps = this.memberCaps;
    args.burnRate = this.burnMicro;
    args.ypp = this.yuanPerPointFen;
    args.top = this.topTier;
    args.credits = listed ? null : credits;
    args.subscribers = listed ? [] : subscribers;
    args.listUser = listed ? users.column(LISTED_USER) : null;
    args.listFen = listed ? users.column(LISTED_FEN) : null;
    const result = executor.run(RELEASE_KERNEL, args, 0, count);
    for (let i = 0; i < RELEASE_WIDTH - 1; i++) totals[i] = sumPartial(result, RELEASE_WIDTH, i);
    if (listed) {
      const listUser = args.listUser as Float64Array;
      const listFen = args.listFen as Float64Array;
      const n = gatherLists(result, RELEASE_WIDTH, LISTED, [listUser, listFen]);
      totals[3] = (totals[3] as number) + fileListed(listUser, listFen, n, credits, subscribers, executor);
    }
    if (credits !== null) totals[3] = (totals[3] as number) + credits.pay(executor);
    const [releasedFen = 0, releasedPu = 0, extraBurnPu = 0, commissionFen = 0, watchers = 0, held = 0, stranded = 0] = totals;
    // The release visited every user, so its sums are the day's holdings; users who leave later
    // today (phase 10) turn their points stranded, and onLeave adds them.
    this.holdingsDay = state.day;
    this.holdings = { total: held, stranded };
    counts[BURNED] = (counts[BURNED] as number) + releasedPu + extraBurnPu;
    releases.post(releasedFen);
    commissions.post(commissionFen);
    const views = watchers * config.adsPerTask;
    const grossFen = mulDivFloor(views, this.ecpmToday(), 1000) + mulDivFloor(applyRate(views * 100, this.clickMicro), this.pricePerClickFen, 100);
    const revenueFen = mulDivFloor(grossFen, Math.round(state.shocks.value("adRevenueMultiplier", 1) * MICRO), MICRO);
    state.book.move(AD_REVENUE, revenueFen);
    if (this.merchants !== null)
      state.book.move(
        MERCHANT_RELEASE,
        this.merchants.release((balance) => this.releaseMerchant(balance)),
      );
    counts[RELEASED_TODAY] = releasedFen;
    counts[WATCHERS_TODAY] = watchers;
    counts[REVENUE_TODAY] = revenueFen;
  }

  /** The release kernel's arguments of the first day (release() sets every field each day). */
  private firstArgs(): ReleaseArgs {
    const none = new Float64Array(0);
    this.args = {
      points: none,
      flags: new Uint8Array(0),
      segment: new Uint8Array(0),
      joinDay: new Int32Array(0),
      firstOfDay: new Int32Array(0),
      change: none,
      rewardsOwn: none,
      key: new Int32Array(3),
      lowest: this.lowestPu,
      thresholds: this.watchThreshold,
      canChurn: this.canChurn,
      mins: this.tiersMinPu,
      caps: this.tiersCapFen,
      rates: this.tiersRateMicro,
      divisors: this.divisors,
      memberTier: null,
      memberRates: this.memberRates,
      memberCaps: this.memberCaps,
      burnRate: this.burnMicro,
      ypp: this.yuanPerPointFen,
      top: this.topTier,
      credits: null,
      subscribers: [],
      listUser: null,
      listFen: null,
    };
    return this.args;
  }

  /** A merchant's day: its balance released by its balance tier, as a buyer's who watches (nothing below the lowest tier). */
  private releaseMerchant(balancePu: number): { fen: number; pu: number; burnPu: number } {
    if (balancePu < this.lowestPu) return { fen: 0, pu: 0, burnPu: 0 };
    let tier = this.topTier;
    while (tier > 0 && balancePu < (this.tiersMinPu[tier] as number)) tier--;
    return releaseOnce(balancePu, this.tiersRateMicro[tier] as number, this.tiersCapFen[tier] as number, this.yuanPerPointFen, this.burnMicro);
  }

  /** Today's eCPM in fen: the highest ecpmByMembers step the member count has reached, else ecpm. */
  private ecpmToday(): number {
    const members = this.state.users.count;
    let fen = this.ecpmFen;
    for (const step of this.ecpmSteps) if (members >= step.minMembers) fen = step.ecpmFen;
    return fen;
  }

  /**
   * Keeps the day's holdings (summed by the release) true when a balance changes after it: an
   * order placed later in the day (a scheme's market or queue may place one) or points paid
   * with. A balance is stranded when below the lowest tier or its holder has left.
   */
  private heldChanged(user: number, before: number, after: number): void {
    if (this.holdingsDay !== this.state.day) return;
    const gone = ((this.state.users.flags[user] as number) & FLAG_CHURNED) !== 0;
    const lowest = this.lowestPu;
    const strandedBefore = gone || before < lowest ? before : 0;
    const strandedAfter = gone || after < lowest ? after : 0;
    this.holdings = { total: this.holdings.total + after - before, stranded: this.holdings.stranded + strandedAfter - strandedBefore };
  }

  /** Leavers' points are stranded from today: those the day's holdings counted as held are added (no pass over the users). */
  onLeave(ids: Int32Array, count: number): void {
    if (count === 0 || this.holdingsDay !== this.state.day) return;
    const points = this.state.users.column(AD_POINTS);
    let stranded = this.holdings.stranded;
    for (let i = 0; i < count; i++) {
      const balance = points[ids[i] as number] as number;
      if (balance >= this.lowestPu) stranded += balance;
    }
    this.holdings = { total: this.holdings.total, stranded };
  }

  private holdingsSum(): { total: number; stranded: number } {
    if (this.holdingsDay === this.state.day) return this.holdings;
    this.holdingsDay = this.state.day;
    this.holdings = this.sumHoldings();
    return this.holdings;
  }

  private sumHoldings(): { total: number; stranded: number } {
    const { users } = this.state;
    const points = users.column(AD_POINTS);
    const lowest = this.lowestPu;
    let total = 0;
    let stranded = 0;
    for (let id = 0; id < users.count; id++) {
      const balance = points[id] as number;
      total += balance;
      if (balance < lowest || ((users.flags[id] as number) & FLAG_CHURNED) !== 0) stranded += balance;
    }
    return { total, stranded };
  }

  /** Pays up to `maxFen` of an order with the user's ad points at yuanPerPoint; the points are burnt. */
  payWithPoints(user: number, maxFen: number): number {
    const points = this.state.users.column(AD_POINTS);
    const held = points[user] as number;
    const fen = Math.min(maxFen, mulDivFloor(held, this.yuanPerPointFen, PU_PER_POINT));
    if (fen <= 0) return 0;
    const pu = Math.min(held, pointsPaying(fen, this.yuanPerPointFen));
    points[user] = held - pu;
    this.heldChanged(user, held, held - pu);
    this.counts[BURNED] = (this.counts[BURNED] as number) + pu;
    return fen;
  }

  onOrder(order: Order<AdsProduct>): void {
    const { state } = this;
    const ratioMicro = mulDivFloor(rateToMicro(order.product.adPointsRatio), closingBonusMicro(this.config, state.day), MICRO);
    const pu = mulDivFloor(order.priceFen, ratioMicro, 10_000);
    if (pu === 0) return;
    const { users } = state;
    const { split } = this;
    const operator = split === null || split.operatorMicro === 0 ? -1 : (state.memberTiers?.nearestOperator?.(order.user) ?? -1);
    const buyerPu =
      split === null
        ? pu
        : splitGrant(
            pu,
            order.user,
            users.referrer,
            users.flags,
            split,
            operator,
            (to, part) => this.grant(to, part, true),
            (part) => this.merchants?.grant(order.productIndex, part),
          );
    this.grant(order.user, buyerPu, false);
  }

  /** Adds granted points to a balance; an upline's are a reward for a downline's order, promised at face value (REFERRAL_POINTS). */
  private grant(user: number, pu: number, referral: boolean): void {
    if (pu === 0) return;
    const points = this.state.users.column(AD_POINTS);
    const before = points[user] as number;
    points[user] = before + pu;
    this.heldChanged(user, before, before + pu);
    this.counts[ISSUED] = (this.counts[ISSUED] as number) + pu;
    if (referral) this.state.book.promise(REFERRAL_POINTS, user, mulDivFloor(pu, this.yuanPerPointFen, PU_PER_POINT));
  }

  metrics(row: DayValues): void {
    const { counts } = this;
    const { stranded } = this.holdingsSum();
    row.ad_points_outstanding = (counts[ISSUED] as number) - (counts[BURNED] as number) + (this.merchants?.heldPu() ?? 0);
    row.ad_points_stranded = stranded;
    row.ad_released = counts[RELEASED_TODAY] as number;
    row.ad_watchers = counts[WATCHERS_TODAY] as number;
    row.ad_revenue = counts[REVENUE_TODAY] as number;
  }

  closeDay(): void {
    const { counts } = this;
    counts[RELEASED_TODAY] = 0;
    counts[WATCHERS_TODAY] = 0;
    counts[REVENUE_TODAY] = 0;
  }

  liabilityFen(): number {
    const merchantsFen = this.merchants?.liabilityFen(this.yuanPerPointFen) ?? 0;
    return mulDivFloor((this.counts[ISSUED] as number) - (this.counts[BURNED] as number), this.yuanPerPointFen, PU_PER_POINT) + merchantsFen;
  }

  /** Unreleased points are a promise of yuan from the platform, at yuanPerPoint. */
  claims(): ClaimSet[] {
    const { users } = this.state;
    const points = users.column(AD_POINTS);
    const faceFen = new Float64Array(users.count);
    for (let id = 0; id < users.count; id++) faceFen[id] = mulDivFloor(points[id] as number, this.yuanPerPointFen, PU_PER_POINT);
    return [{ label: "ad points", faceFen, payer: "platform.cash" }];
  }

  rewardChain(): RewardChain {
    const levels = this.config.referralShares.filter((x) => x > 0).length;
    return { levels, label: `release commissions ${levels} levels`, labelZh: `释放佣金${levels}个层级` };
  }

  keyFigures(): [string, string][] {
    const { total, stranded } = this.sumHoldings();
    const share = total === 0 ? "0.0" : ((stranded / total) * 100).toFixed(1);
    const out: [string, string][] = [["ad points stranded", `${formatPu(stranded)} of ${formatPu(total)} outstanding (${share}%)`]];
    const m = this.merchants;
    if (m !== null) out.push(["ad points of merchants", `${formatPu(m.heldPu())} held, ${formatYuan(m.paidOutFen())} paid out to them`]);
    return out;
  }

  keyFiguresZh(): [string, string][] {
    const { total, stranded } = this.sumHoldings();
    const share = total === 0 ? "0.0" : ((stranded / total) * 100).toFixed(1);
    const out: [string, string][] = [["滞留的广告积分", `未释放的${formatPu(total)}积分中有${formatPu(stranded)}（${share}%）`]];
    const m = this.merchants;
    if (m !== null) out.push(["商家的广告积分", `持有${formatPu(m.heldPu())}积分，已向商家支付${yuanZh(m.paidOutFen())}`]);
    return out;
  }

  checkInvariants(day: number): void {
    this.merchants?.check(day);
    const { total } = this.holdingsSum();
    const issued = this.counts[ISSUED] as number;
    const burned = this.counts[BURNED] as number;
    assertExact(day, words("exact.adPoints"), issued, burned, total);
    if (total !== issued - burned) {
      throw new ConservationError(
        words("invariant.adPoints", { day, issued: formatPu(issued), burned: formatPu(burned), net: formatPu(issued - burned), held: formatPu(total) }),
      );
    }
  }
}

/**
 * The ad-point schedule of one grant for a user who watches every day: days of release until
 * the balance drops below the lowest tier (or a 100-year horizon), yuan released, and the
 * points left stranded. Exact, with the engine's rule (releaseOnce).
 */
export function adSchedule(
  pointsPu: number,
  config: AdsConfig,
): { releasedFen: number; days: number; strandedPu: number; strandedBy: "tier" | "rounding" | "none" } {
  const tiersMin = config.tiers.map((t) => Math.round(t.minBalance * PU_PER_POINT));
  const ypp = yuanToFen(config.yuanPerPoint);
  const caps = config.tiers.map((t) => yuanToFen(t.dailyCap));
  const rates = config.tiers.map((t) => tierRateMicro(t, config));
  const burn = rateToMicro(config.burnRate);
  let balance = pointsPu;
  let released = 0;
  let days = 0;
  // Why what is left stays: below the lowest tier's minimum, or a day's release rounds to 0 fen.
  let strandedBy: "tier" | "rounding" | "none" = "none";
  while (days < 36_500) {
    if (balance < (tiersMin[0] ?? 0)) {
      strandedBy = "tier";
      break;
    }
    let tier = tiersMin.length - 1;
    while (tier > 0 && balance < (tiersMin[tier] as number)) tier--;
    const step = releaseOnce(balance, rates[tier] as number, caps[tier] as number, ypp, burn);
    if (step.fen === 0) {
      strandedBy = "rounding";
      break;
    }
    balance -= step.pu + step.burnPu;
    released += step.fen;
    days++;
  }
  if (balance === 0) strandedBy = "none";
  return { releasedFen: released, days, strandedPu: balance, strandedBy };
}

/** "18 days", or "755 days (2.1 years)" from a year on. */
function duration(days: number): string {
  return days < 365 ? `${days} day${days === 1 ? "" : "s"}` : `${days} days (${(days / 365).toFixed(1)} years)`;
}

/** What stays unreleased and why: below the lowest tier, or a day's release under one fen. */
function strandedText(schedule: { strandedPu: number; strandedBy: "tier" | "rounding" | "none" }): string {
  if (schedule.strandedBy === "none") return "";
  const why = schedule.strandedBy === "tier" ? "below the lowest tier" : "because a day's release of them rounds down to 0 fen";
  return `, then ${formatPu(schedule.strandedPu)} points stay stranded ${why}`;
}

/** The same in Chinese: "755天（2.1年）". */
function durationZh(days: number): string {
  return days < 365 ? `${days}天` : `${days}天（${(days / 365).toFixed(1)}年）`;
}

/** What stays unreleased and why, in Chinese. */
function strandedTextZh(schedule: { strandedPu: number; strandedBy: "tier" | "rounding" | "none" }): string {
  if (schedule.strandedBy === "none") return "";
  const why = schedule.strandedBy === "tier" ? "低于最低档位" : "因为其每天的释放额舍入后不足1分";
  return `，此后有${formatPu(schedule.strandedPu)}积分滞留（${why}）`;
}

/** One order's ad points: what watching every day releases, over how long, and what it earns in ads. */
function explainAds(config: AdsConfig, order: ExplainOrder<AdsProduct>): ExplainPart | null {
  if (order.product.adPointsRatio <= 0) return null;
  const granted = mulDivFloor(order.priceFen, rateToMicro(order.product.adPointsRatio), 10_000);
  // The buyer's part of the grant (grantShares): what the uplines' shares, rounded down, leave.
  const points = [...config.grantShares.uplines, config.grantShares.operator, config.grantShares.merchant].reduce(
    (left, share) => left - mulDivFloor(granted, rateToMicro(share), MICRO),
    granted,
  );
  const schedule = adSchedule(points, config);
  const commissions = config.referralShares.reduce((sum, share) => sum + applyRate(schedule.releasedFen, rateToMicro(share)), 0);
  const revenue = mulDivFloor(schedule.days * config.adsPerTask, yuanToFen(config.ecpm), 1000);
  return {
    details: {
      points,
      releasedFen: schedule.releasedFen,
      releaseDays: schedule.days,
      strandedPoints: schedule.strandedPu,
      releaseCommissionsFen: commissions,
      adRevenueFen: revenue,
    },
    promisedFen: schedule.releasedFen + commissions,
    earnedFen: revenue,
    takesFen: 0,
    lines: [
      `ad points: ${formatPu(points)} granted${points < granted ? ` to the buyer (${formatPu(granted - points)} to uplines)` : ""}; watching every day releases ${formatYuan(schedule.releasedFen)} over ${duration(schedule.days)}${strandedText(schedule)}`,
      `           uplines earn ${formatYuan(commissions)} of release commissions; the ads watched in those days earn the platform ${formatYuan(revenue)}`,
    ],
    linesZh: [
      `广告积分：发放${formatPu(points)}积分${points < granted ? `给买家（另有${formatPu(granted - points)}积分给上线）` : ""}；每天看广告，${durationZh(schedule.days)}内共释放${yuanZh(schedule.releasedFen)}${strandedTextZh(schedule)}`,
      `           上线获得释放佣金${yuanZh(commissions)}；这些天里观看的广告为平台带来${yuanZh(revenue)}`,
    ],
  };
}

/**
 * The release rate past which a scenario is warned (docs/plausibility.md): seed 000's scheme
 * releases 1% of a balance a day; 10% a day pays a holding out within weeks, the shape of a
 * typo (0.5 for 0.005) more than of a scheme.
 */
const ADS_RELEASE_RATE_BOUND = 0.1;
/** A release that pays one order out in fewer days than this is warned of. */
const ADS_FASTEST_PAYOUT_DAYS = 30;

/** The ads' plausibility warnings: a daily release rate past its bound, an order paid out within a month. */
function adsPlausibility(config: AdsConfig, scenario: CoreScenario): PlausibilityFinding[] {
  const out: PlausibilityFinding[] = [];
  if (config.releaseRate > ADS_RELEASE_RATE_BOUND) {
    out.push({
      key: "releaseRate",
      message: `releases ${Number((config.releaseRate * 100).toFixed(4))}% of a balance a day, above the ${ADS_RELEASE_RATE_BOUND * 100}%/day bound (seed 000: 1%)`,
      value: config.releaseRate,
      messageZh: `每天释放余额的${Number((config.releaseRate * 100).toFixed(4))}%，高于每天${ADS_RELEASE_RATE_BOUND * 100}%的界限（种子方案000：1%）`,
    });
  }
  config.tiers.forEach((tier, i) => {
    if (tier.releaseRate !== undefined && tier.releaseRate > ADS_RELEASE_RATE_BOUND)
      out.push({
        key: `tiers[${i}].releaseRate`,
        message: `tier ${i + 1} releases ${Number((tier.releaseRate * 100).toFixed(4))}% of a balance a day, above the ${ADS_RELEASE_RATE_BOUND * 100}%/day bound (seed 000: 1%)`,
        value: tier.releaseRate,
        messageZh: `第${i + 1}档每天释放余额的${Number((tier.releaseRate * 100).toFixed(4))}%，高于每天${ADS_RELEASE_RATE_BOUND * 100}%的界限（种子方案000：1%）`,
      });
  });
  // The scenario was resolved with this scheme registered: its products carry adPointsRatio.
  for (const product of scenario.products as unknown as readonly Product<AdsProduct>[]) {
    if (product.adPointsRatio <= 0) continue;
    const points = mulDivFloor(yuanToFen(product.price), rateToMicro(product.adPointsRatio), 10_000);
    const schedule = adSchedule(points, config);
    if (schedule.releasedFen > 0 && schedule.days < ADS_FASTEST_PAYOUT_DAYS) {
      out.push({
        key: "tiers",
        message: `one order of ${product.id} (${formatPu(points)} points) is released to ${formatYuan(schedule.releasedFen)} in ${schedule.days} day${schedule.days === 1 ? "" : "s"} of watching, under a month: the tiers' caps hold nothing back`,
        value: schedule.days,
        messageZh: `${product.id}的一笔订单（${formatPu(points)}积分）看广告${schedule.days}天即释放${yuanZh(schedule.releasedFen)}，不到一个月：各档上限没有起到任何限制作用`,
      });
    }
  }
  return out;
}

export const ads: SchemeModule<AdsConfig, never, typeof schema, typeof productFields, typeof segmentFields> = {
  key: "ads",
  // Orders earn ad points at the product's adPointsRatio.
  fundedBy: (_config, product) => product.product.adPointsRatio > 0,
  explain: explainAds,
  plausibility: adsPlausibility,
  shapingDefaults: [
    {
      key: "tiers",
      effect: "release caps by balance (seed 000's); points below the lowest tier are stranded",
      effectZh: "按余额分档的释放上限（种子方案000）；低于最低档位的积分会滞留",
    },
    {
      key: "referralShares",
      effect: "release commissions: shares of a downline's release to the upline, the next, ...",
      effectZh: "释放佣金：下线释放额中分给上线、上上线……的比例",
    },
    { key: "ecpm", effect: "ad revenue per 1,000 views, yuan", effectZh: "每千次展示的广告收入（元）" },
    { key: "yuanPerPoint", effect: "yuan one released point pays", effectZh: "每个释放的积分兑付的金额（元）" },
  ],
  title: "Ad points (广告电商)",
  titleZh: "广告积分（广告电商）",
  schema,
  productFields,
  segmentFields,
  flows: [RELEASE, RELEASE_COMMISSION, AD_REVENUE, REFERRAL_POINTS, MERCHANT_RELEASE],
  counters: [
    { name: "adRevenueFen", role: "earned", label: "ad revenue", short: "ads", labelZh: "广告收入", shortZh: "广告", summaryKey: "totalAdRevenue" },
    { name: "adReleasesFen", role: "ownReward", label: "users' own ad releases", short: "releases", labelZh: "用户自身广告积分的释放", shortZh: "释放" },
  ],
  changeable: [{ key: "releaseRate", description: "the share of a balance released on a watched day, from the day's release on" }],
  shocks: [{ type: "adRevenueMultiplier", combine: "multiply", description: "(value) multiplies ad revenue" }],
  columns: [
    { name: "ad_points_outstanding", unit: "points", decimals: 4, description: "issued − burned" },
    { name: "ad_points_stranded", unit: "points", decimals: 4, description: "held by users below the lowest tier or who have left" },
    { name: "ad_released", unit: "yuan", decimals: 2, description: "yuan released into change wallets today" },
    { name: "ad_watchers", unit: "users", decimals: 0, description: "users who did the ad task today" },
    { name: "ad_revenue", unit: "yuan", decimals: 2, description: "today's ad revenue: views × the day's eCPM / 1000 + views × clickRate × pricePerClick" },
  ],
  liabilityColumn: { name: "liability_ad_points", unit: "yuan", decimals: 2, description: "outstanding ad points × yuanPerPoint" },
  charts: [
    {
      id: "ads-points",
      title: "Ad points",
      caption: "Outstanding points are a promise of yuan; stranded points sit below the lowest tier (or with users who left) and will never be released.",
      yUnit: "points",
      series: [
        ["ad_points_outstanding", "outstanding", "y"],
        ["ad_points_stranded", "stranded", "y"],
      ],
      zh: {
        title: "广告积分",
        caption: "未释放的积分是对用户的兑付承诺；滞留积分低于最低档位（或属于已离开的用户），永远不会释放。",
        yUnit: "积分",
        labels: { ad_points_outstanding: "未释放", ad_points_stranded: "滞留" },
      },
    },
    {
      id: "ads-release",
      title: "Ad releases against ad revenue",
      caption: "What watching ads releases to users each day against what the ads earn: the gap is paid from other money.",
      yUnit: "yuan per day",
      series: [
        ["ad_released", "released", "y"],
        ["ad_revenue", "ad revenue", "y"],
      ],
      zh: {
        title: "广告释放与广告收入",
        caption: "用户每天看广告释放的金额，对比广告实际赚到的收入：差额由其他资金支付。",
        yUnit: "元/天",
        labels: { ad_released: "已释放", ad_revenue: "广告收入" },
      },
    },
  ],
  whatIf: [
    { key: "ecpm", label: "ad revenue per 1,000 views (eCPM, yuan)", labelZh: "每千次展示广告收入（eCPM，元）", min: 0, max: 200, step: 1 },
    { key: "watchProbability", label: "daily chance a holder watches ads", labelZh: "持有人每天看广告的概率", min: 0, max: 1, step: 0.01 },
    { key: "yuanPerPoint", label: "yuan one ad point pays out", labelZh: "每个广告积分兑付的金额（元）", min: 0, max: 5, step: 0.01 },
    { key: "releaseRate", label: "share of a balance released a watched day", labelZh: "看广告当天释放的余额比例", min: 0, max: 0.1, step: 0.001 },
    // The tiers a scenario has: a tier it lacks offers no slider (the panel skips a missing path).
    ...[0, 1, 2, 3, 4, 5].map((i) => ({
      key: `tiers[${i}].dailyCap`,
      label: `daily release cap of tier ${i + 1} (yuan)`,
      labelZh: `第${i + 1}档每日释放上限（元）`,
      min: 0,
      max: 100,
      step: 1,
    })),
    { key: "burnRate", label: "points burnt per released point", labelZh: "每释放一个积分销毁的积分", min: 0, max: 5, step: 0.1 },
  ],
  create: (config, state) => new AdsScheme(config, state),
};
