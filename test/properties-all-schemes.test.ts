import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulate } from "../src/simulate.js";
import { stableJson, timeseriesCsv } from "../src/report/outputs.js";
import { scenarioOf } from "./helpers/scenario.js";

/**
 * Properties over random scenarios that can switch on ten schemes at once, with
 * several segments, rotation windows and shocks. The engine checks every day that money
 * sums to zero, that users' wallets match their accounts and that each points type's
 * issued − burned equals what is held, and throws otherwise; these tests make it run
 * through many worlds and check what the rows must show besides.
 *
 * Size: POINTSIM_PROPERTY_RUNS cases (default 60 in `npm test`); `npm run test:nightly`
 * runs 3000.
 */
const RUNS = Number(process.env.POINTSIM_PROPERTY_RUNS ?? 60);

const share = (max = 1000) => fc.integer({ min: 0, max }).map((n) => n / 1000);
const windowArb = fc.record({ start: fc.integer({ min: 1, max: 20 }), length: fc.option(fc.integer({ min: 1, max: 30 })) });

const segmentArb = fc.record({
  orderRate: share(300),
  firstOrderProbability: share(),
  payWithChange: share(),
  watch: share(),
  withdraw: share(),
  withdrawShare: fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000),
  churn: share(50),
  targetMultiple: fc.option(fc.integer({ min: 100, max: 400 }).map((n) => n / 100)),
  panicAfter: fc.option(fc.integer({ min: 1, max: 10 })),
});

const productArb = fc.record({
  priceFen: fc.integer({ min: 1, max: 500_000 }),
  costShare: share(),
  marginShare: share(),
  distShare: share(),
  adPointsRatio: fc.integer({ min: 0, max: 3000 }).map((n) => n / 1000),
  concession: share(500),
  pointsPayShare: share(),
  valueAdded: fc.boolean(),
  dividend: fc.boolean(),
});

const worldArb = fc.record({
  days: fc.integer({ min: 1, max: 45 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
  products: fc.array(productArb, { minLength: 1, maxLength: 3 }),
  segments: fc.array(segmentArb, { minLength: 1, maxLength: 3 }),
  model: fc.constantFrom("constant", "exponential", "logistic", "referral"),
  perDay: fc.integer({ min: 0, max: 25 }),
  referredShare: share(),
  schemes: fc.record({
    ads: fc.boolean(),
    valueAdded: fc.boolean(),
    purchaseCommission: fc.boolean(),
    sharedPurchase: fc.boolean(),
    dividendQueue: fc.boolean(),
    teamLeaders: fc.boolean(),
    regionalAgents: fc.boolean(),
    dividendRights: fc.boolean(),
    rankDividends: fc.boolean(),
    membership: fc.boolean(),
  }),
  windows: fc.array(windowArb, { minLength: 10, maxLength: 10 }),
  rankPayEvery: fc.integer({ min: 1, max: 10 }),
  rights: fc.record({
    spendPerRightFen: fc.integer({ min: 1, max: 100_000 }),
    rightValueFen: fc.integer({ min: 1, max: 100_000 }),
    capFen: fc.integer({ min: 1, max: 5_000 }),
    payout: fc.constantFrom("turnoverShare", "dailyRelease"),
    fundedBy: fc.constantFrom("turnover", "concessions"),
    share: share(),
    releaseRate: share(100),
  }),
  burnRate: share(),
  returnCap: fc.option(fc.integer({ min: 100, max: 400 }).map((n) => n / 100)),
  sellPayoutRatio: share(),
  injection: share(200),
  issuanceEndDay: fc.option(fc.integer({ min: 1, max: 40 })),
  merchants: fc.integer({ min: 1, max: 8 }),
  rewardRatio: share(500),
  refundMultiple: fc.integer({ min: 0, max: 3000 }).map((n) => n / 1000),
  referralRatio: share(200),
  referralMode: fc.constantFrom("chain", "pool", "even"),
  queuePayout: fc.constantFrom("refund", "proRata"),
  agentBasis: fc.constantFrom("order", "release"),
  agentPayIn: fc.constantFrom("cash", "contribution"),
  teamBasis: fc.constantFrom("release", "order"),
  teamPayIn: fc.constantFrom("contribution", "cash"),
  feeRate: share(200),
  delayDays: fc.integer({ min: 0, max: 5 }),
  minimum: fc.integer({ min: 0, max: 50 }),
  initialCashFen: fc.integer({ min: 0, max: 10_000_000 }),
  effect: share(),
  shocks: fc.array(
    fc.record({
      day: fc.integer({ min: 1, max: 45 }),
      type: fc.constantFrom("arrivalsStop", "arrivalsMultiplier", "adRevenueMultiplier", "withdrawalFreeze", "panicSell"),
      value: share(),
      length: fc.integer({ min: 0, max: 10 }),
    }),
    { maxLength: 3 },
  ),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const KEYS = [
  "ads",
  "valueAdded",
  "purchaseCommission",
  "sharedPurchase",
  "dividendQueue",
  "teamLeaders",
  "regionalAgents",
  "dividendRights",
  "rankDividends",
  "membership",
] as const;

function scenarioFromWorld(w: World) {
  const products = w.products.map((p, i) => {
    const costFen = Math.floor(p.priceFen * p.costShare);
    const marginFen = Math.floor((p.priceFen - costFen) * p.marginShare);
    const distFen = Math.floor((p.priceFen - costFen - marginFen) * p.distShare);
    return {
      id: `p${i}`,
      price: p.priceFen / 100,
      cost: costFen / 100,
      platformMargin: marginFen / 100,
      distribution: distFen / 100,
      adPointsRatio: p.adPointsRatio,
      valueAddedEligible: p.valueAdded,
      dividendEligible: p.dividend,
      merchantConcession: p.concession,
      pointsPayShare: p.pointsPayShare,
    };
  });
  const segments = w.segments.map((s, i) => ({
    name: `s${i}`,
    orderRate: s.orderRate,
    firstOrderProbability: s.firstOrderProbability,
    payWithChangeProbability: s.payWithChange,
    watchProbability: s.watch,
    sell: { targetMultiple: s.targetMultiple, panicAfterFlatDays: s.panicAfter, panicProbability: 0.3 },
    withdraw: { probability: s.withdraw, share: s.withdrawShare },
    churnRate: s.churn,
  }));
  const window = (i: number) => {
    const win = w.windows[i] ?? { start: 1, length: null };
    return { startDay: win.start, endDay: win.length === null ? null : win.start + win.length };
  };
  const configs: Record<string, Record<string, unknown>> = {
    ads: {
      burnRate: w.burnRate,
      tiers: [
        { minBalance: 10, dailyCap: 5 },
        { minBalance: 200, dailyCap: 10 },
      ],
      // Shares of each grant to uplines and the nearest operator, and release rules by membership tier.
      grantShares: { buyer: 0.6, uplines: [0.2, 0.1], operator: 0.1 },
      memberTierRules: [{ releaseRate: 0.03 }, { capMultiplier: 2 }],
    },
    valueAdded: { returnCap: w.returnCap, sellPayoutRatio: w.sellPayoutRatio, dailyInjectionRate: w.injection, issuanceEndDay: w.issuanceEndDay },
    purchaseCommission: {},
    sharedPurchase: { merchants: { count: w.merchants, initialPoints: 50 }, airdropPerDay: 100, totalSupply: 5000 },
    dividendQueue: {
      rewardRatio: w.rewardRatio,
      refundMultiple: w.refundMultiple,
      referralRatio: w.referralRatio,
      referralMode: w.referralMode,
      payout: w.queuePayout,
      maxOrdersPerUser: 2,
    },
    teamLeaders: {
      basis: w.teamBasis,
      payIn: w.teamPayIn,
      levels: [
        { name: "a", minTeamSize: 1, rate: 0.05 },
        { name: "b", minTeamSize: 3, rate: 0.08 },
      ],
    },
    regionalAgents: {
      tiers: [
        { level: "county", franchiseFee: 500, productCost: 100, commissionRate: 0.01 },
        { level: "city", franchiseFee: 2000, commissionRate: 0.005, minUsers: 5 },
      ],
      basis: w.agentBasis,
      payIn: w.agentPayIn,
    },
    dividendRights: {
      spendPerRight: w.rights.spendPerRightFen / 100,
      rightValue: w.rights.rightValueFen / 100,
      maxPerRightPerDay: w.rights.capFen / 100,
      payout: w.rights.payout,
      fundedBy: w.rights.fundedBy,
      turnoverShare: w.rights.share,
      releaseRate: w.rights.releaseRate,
    },
    membership: {
      tiers: [
        { name: "member", fee: 20, feePeriod: "yearly", takeUp: 0.7, feeCommissions: [0.3, 0.1] },
        { name: "gold", minOwnSpend: 50, minDirectRecruits: 1 },
        { name: "operator", minTeamSize: 3, operator: true, override: 0.05, appointedOn: [1] },
      ],
    },
    rankDividends: {
      turnoverShare: w.rights.share,
      payEveryDays: w.rankPayEvery,
      ranks: [
        { name: "a", minSpend: 0, share: 0.6 },
        { name: "b", minSpend: 100, minDirectReferrals: 1, share: 0.7 },
      ],
    },
  };
  const schemes: Record<string, unknown> = {};
  KEYS.forEach((key, i) => {
    if (w.schemes[key]) schemes[key] = { ...configs[key], ...window(i) };
  });
  // Release rules by membership tier follow a membership scheme's tiers (refused without one).
  if (!w.schemes.membership && schemes.ads !== undefined) schemes.ads = { ...(schemes.ads as object), memberTierRules: [] };
  return scenarioOf({
    days: w.days,
    seed: w.seed,
    products,
    population: {
      arrivals: {
        model: w.model,
        perDay: w.perDay,
        initialUsers: w.perDay,
        growthRate: 0.1,
        inviteRate: 0.05,
        marketSize: 2000,
        referredShare: w.referredShare,
      },
      geography: { regions: 1, provincesPerRegion: 2, citiesPerProvince: 2, countiesPerCity: 2 },
      segments,
    },
    schemes,
    withdrawals: { feeRate: w.feeRate, delayDays: w.delayDays, minimum: w.minimum },
    platform: { initialCash: w.initialCashFen / 100, operatingCostPerDay: 10 },
    confidence: { effect: w.effect },
    shocks: w.shocks.map((s) => ({
      day: s.day,
      type: s.type,
      ...(s.type === "arrivalsStop" || s.type === "withdrawalFreeze"
        ? {}
        : { value: s.type === "arrivalsMultiplier" ? Math.round(s.value * 3000) / 1000 : s.value }),
      untilDay: s.day + s.length,
    })),
  });
}

const scenarioArb = worldArb.map(scenarioFromWorld);

const fen = (text: string | undefined): number => Math.round(Number(text ?? "0") * 100);

describe(`properties over random scenarios with all nine schemes (${RUNS} cases)`, () => {
  it("money and every points ledger are conserved every day, and what is owed never goes negative", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const result = simulate(scenario, { journal: true }); // throws a ConservationError on any broken day
        // A second method: re-adding the journal's movements gives every day's balances.
        const balance = new Map<string, number>();
        const journal = result.journal ?? [];
        let line = 0;
        for (const row of result.rows) {
          for (const column of [
            "change_owed",
            "withdrawal_backlog",
            "withdrawals_pending",
            "support_pool",
            "dividend_pool",
            "rank_pool",
            "liabilities",
            "queued_refunds",
          ]) {
            expect(row[column]?.startsWith("-"), `${column} on day ${row.day}`).toBe(false);
          }
          // Liabilities are the sum of their kinds.
          const kinds = result.columns.filter((c) => c.startsWith("liability_"));
          expect(kinds.length).toBeGreaterThanOrEqual(7);
          expect(fen(row.liabilities), `liabilities on day ${row.day}`).toBe(kinds.reduce((sum, c) => sum + fen(row[c]), 0));
          expect(row.liability_queued_refunds ?? "", "queued refunds").toBe(row.queued_refunds ?? "");
          // Dividend rights: never more than the cap per right paying, nor (turnover share) the day's share of turnover.
          const rights = scenario.schemes.dividendRights;
          if (rights && row.rights_paid !== "") {
            const previous = result.rows[Number(row.day) - 2];
            const paying = Number(previous?.rights_outstanding || 0);
            expect(fen(row.rights_paid), `rights paid on day ${row.day}`).toBeLessThanOrEqual(paying * Math.round(rights.maxPerRightPerDay * 100));
            if (rights.payout === "turnoverShare") expect(fen(row.rights_paid)).toBeLessThanOrEqual(Math.floor(fen(row.gmv) * rights.turnoverShare));
            expect(row.liability_dividend_rights?.startsWith("-")).toBe(false);
          }
          for (; line < journal.length && (journal[line]?.day ?? 0) <= Number(row.day); line++) {
            const l = journal[line];
            if (!l) continue;
            balance.set(l.from, (balance.get(l.from) ?? 0) - l.fen);
            balance.set(l.to, (balance.get(l.to) ?? 0) + l.fen);
          }
          expect(balance.get("platform.cash") ?? 0, `platform cash on day ${row.day}`).toBe(fen(row.platform_cash));
          expect(balance.get("users.change") ?? 0, `change owed on day ${row.day}`).toBe(fen(row.change_owed));
          expect(balance.get("pool.support") ?? 0, `support pool on day ${row.day}`).toBe(fen(row.support_pool));
        }
        expect(result.rows.length).toBe(scenario.days);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  it("the same scenario and seed give the same bytes", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const a = simulate(scenario);
        const b = simulate(scenario);
        expect(timeseriesCsv(a)).toBe(timeseriesCsv(b));
        expect(stableJson(a.summary)).toBe(stableJson(b.summary));
        expect(a.outcomes).toEqual(b.outcomes);
      }),
      { numRuns: Math.max(5, Math.floor(RUNS / 4)), seed: 42 },
    );
  });
});
