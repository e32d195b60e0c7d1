import type { SchemeInstance } from "./scheme.js";
import { cohortOutcomes, earliestShareOfGains, type CohortOutcome, type UserResults } from "./outcomes.js";
import type { CollapseRecord, SignalDay } from "./collapse.js";
import { windUp, type ClaimSet, type WindUp } from "./wind-up.js";
import type { AccountName } from "./ledger.js";
import { verdictSentence } from "./verdict.js";
import { redFlags } from "./red-flags.js";
import type { ComplianceTest } from "./compliance.js";
import type { BookView } from "./book.js";
import type { DayStats, SchemeCounter } from "./day-stats.js";
import type { SimState } from "./state.js";
import { FEN_PER_YUAN } from "./units.js";
import type { BasisSummary, Summary } from "./summary-types.js";

export interface RunTotals {
  sums: DayStats;
  peakUsers: number;
  peakLiabilitiesFen: number;
  peakLiabilitiesDay: number | null;
  finalLiabilitiesFen: number;
  finalStatus: string;
  days: number;
  /** Withdrawals paid and earned revenue per day, fen (for the red flags). */
  dailyPayoutsFen: number[];
  dailyEarnedFen: number[];
}

const yuan = (fen: number): number => fen / FEN_PER_YUAN;
const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1e6) / 1e6);

/** Change wallets and requested withdrawals: debts of the platform to every user. */
function walletClaims(users: SimState["users"], money: BookView): ClaimSet[] {
  return [
    { label: "change wallets", faceFen: money.change.slice(0, users.count), payer: "platform.cash" },
    { label: "withdrawals asked, not yet paid", faceFen: money.pending.slice(0, users.count), payer: "platform.cash" },
  ];
}

/**
 * Each user's result on the three bases: cash (out − in), face value (cash + claims at face)
 * and wind-up (cash + goods at their value + claims at what a wind-up pays). Its own function
 * so that summarise, which runs once per run, has no loop of its own.
 */
function userResults(users: SimState["users"], money: BookView, wound: WindUp): UserResults {
  const count = users.count;
  const results: UserResults = { windUp: new Float64Array(count), cash: new Float64Array(count), faceValue: new Float64Array(count) };
  for (let id = 0; id < count; id++) {
    const cash = (money.cashOut[id] as number) - (money.cashIn[id] as number);
    results.cash[id] = cash;
    results.faceValue[id] = cash + (wound.faceFen[id] as number);
    results.windUp[id] = cash + (users.goods[id] as number) + (wound.valueFen[id] as number);
  }
  return results;
}

/** Paying users, those losing, their total loss and everyone's net result, on one basis. */
function basisTotals(users: SimState["users"], money: BookView, results: Float64Array): BasisSummary {
  let paying = 0;
  let losing = 0;
  let lossFen = 0;
  let netFen = 0;
  for (let id = 0; id < users.count; id++) {
    const r = results[id] as number;
    netFen += r;
    if ((money.cashIn[id] as number) <= 0) continue;
    paying++;
    if (r < 0) {
      losing++;
      lossFen -= r;
    }
  }
  return { usersLosing: losing, usersLosingShare: share(losing, paying), totalLoss: yuan(lossFen), netResult: yuan(netFen) };
}

/** Signals that fired, by first day (a stable sort keeps the reading order within a day), then those that never fired. */
function earliestFirst(signals: readonly SignalDay[]): SignalDay[] {
  const day = (s: SignalDay) => s.firstDay ?? Number.POSITIVE_INFINITY;
  return [...signals].sort((a, b) => day(a) - day(b));
}

/** Sums of a per-user column, fen. */
function total(values: Float64Array, count: number): number {
  let sum = 0;
  for (let id = 0; id < count; id++) sum += values[id] as number;
  return sum;
}

export function summarise(
  state: SimState,
  totals: RunTotals,
  collapse: CollapseRecord | null,
  signals: readonly SignalDay[],
  schemes: readonly { key: string; instance: SchemeInstance; module: { counters?: readonly SchemeCounter[] } }[],
  pools: readonly { account: AccountName; summaryKey?: string }[] = [],
  counters: readonly SchemeCounter[] = [],
  compliance: Record<string, number | null> = {},
  legalTests: readonly ComplianceTest[] = [],
): { summary: Summary; outcomes: CohortOutcome[]; results: UserResults } {
  const { users, ledger } = state;
  const money = state.book.view();
  const claims = [...walletClaims(users, money), ...schemes.flatMap((s) => s.instance.claims?.() ?? [])];
  const wound = windUp(
    users.count,
    claims,
    (account) => ledger.balance(account),
    pools.map((p) => p.account),
  );
  const results = userResults(users, money, wound);
  const bases = {
    windUp: basisTotals(users, money, results.windUp),
    cash: basisTotals(users, money, results.cash),
    faceValue: basisTotals(users, money, results.faceValue),
  };
  let paying = 0;
  for (let id = 0; id < users.count; id++) if ((money.cashIn[id] as number) > 0) paying++;
  const outcomes = cohortOutcomes(users, money, results, wound, state.scenario.report.cohortDays, totals.days);
  const ahead = [...outcomes].reverse().find((o) => o.payingUsers > 0 && o.windUp.meanResultFen > 0);
  const s = totals.sums;
  const owedFen = ledger.balance("users.change") + ledger.balance("users.withdrawalsPending");
  const schemeFigures = Object.fromEntries(schemes.filter((x) => x.instance.summary).map((x) => [x.key, x.instance.summary?.() ?? {}]));
  const summary: Summary = {
    scenario: state.scenario.name,
    seed: state.seed,
    verdict: "",
    daysSimulated: totals.days,
    collapseDay: collapse?.day ?? null,
    collapse,
    signals: earliestFirst(signals),
    insolvencyDay: signals.reduce<number | null>(
      (first, r) => (r.kind === "insolvency" && r.firstDay !== null && (first === null || r.firstDay < first) ? r.firstDay : first),
      null,
    ),
    finalStatus: totals.finalStatus,
    peakUsers: totals.peakUsers,
    payingUsers: paying,
    usersLosing: bases.windUp.usersLosing,
    usersLosingShare: bases.windUp.usersLosingShare,
    usersLosingShareCash: bases.cash.usersLosingShare,
    usersLosingShareFaceValue: bases.faceValue.usersLosingShare,
    bases,
    totalOrders: s.orders,
    totalGmv: yuan(s.gmvFen),
    totalNewMoneyIn: yuan(s.newMoneyInFen),
    totalChangeSpent: yuan(s.changeSpentFen),
    totalGoodsValue: yuan(total(users.goods, users.count)),
    goods: state.products.map((p) => ({
      product: p.product.id,
      basis: p.goodsBasis,
      value: yuan(p.goodsValueFen),
      price: yuan(p.priceFen),
      cost: yuan(p.costFen),
    })),
    ...Object.fromEntries(counters.flatMap((c) => (c.summaryKey ? [[c.summaryKey, yuan(s.at(s.slot(c.name)))]] : []))),
    totalCommissionsPaid: yuan(s.commissionsFen),
    totalUserPayouts: yuan(s.userPayoutsFen),
    totalWithdrawalsRequested: yuan(s.withdrawalsRequestedFen),
    totalWithdrawalsPaid: yuan(s.withdrawalsPaidFen),
    totalOperatingCost: yuan(s.operatingCostFen),
    peakLiabilities: yuan(totals.peakLiabilitiesFen),
    peakLiabilitiesDay: totals.peakLiabilitiesDay,
    finalLiabilities: yuan(totals.finalLiabilitiesFen),
    finalPlatformCash: yuan(ledger.balance("platform.cash")),
    ...Object.fromEntries(pools.flatMap((p) => (p.summaryKey ? [[p.summaryKey, yuan(ledger.balance(p.account))]] : []))),
    platformResult: yuan(ledger.balance("platform.cash") - Math.round(state.scenario.platform.initialCash * FEN_PER_YUAN) - owedFen),
    owedUnpayable: yuan(wound.unpaidFen),
    windUp: {
      platformAvailable: yuan(wound.platformAvailableFen),
      claimsFaceValue: yuan(total(wound.faceFen, users.count)),
      claimsWindUpValue: yuan(total(wound.valueFen, users.count)),
      claims: wound.byClaim.map((c) => ({ label: c.label, payer: c.payer ?? "nobody", faceValue: yuan(c.faceFen), windUpValue: yuan(c.paidFen) })),
    },
    usersNetResult: bases.windUp.netResult,
    earliestTenthShareOfGains: earliestShareOfGains(results.windUp, users.count),
    lastCohortAhead: ahead ? { cohort: ahead.cohort, firstDay: ahead.firstDay, lastDay: ahead.lastDay } : null,
    redFlags: redFlags({
      counters: schemes.flatMap((x) => x.module.counters ?? []),
      rewardChains: schemes.map((x) => x.instance.rewardChain?.() ?? null),
      sums: totals.sums,
      dailyPayoutsFen: totals.dailyPayoutsFen,
      dailyEarnedFen: totals.dailyEarnedFen,
      legal: legalTests,
    }),
    schemes: schemeFigures,
    keyFigures: schemes.flatMap((x) => x.instance.keyFigures?.() ?? []),
    keyFiguresZh: schemes.flatMap((x) => x.instance.keyFiguresZh?.() ?? []),
    compliance,
  };
  summary.verdict = verdictSentence(summary);
  return { summary, outcomes, results };
}
