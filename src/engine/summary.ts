import type { SchemeInstance } from "./scheme.js";
import { cohortOutcomes, earliestShareOfGains, type CohortOutcome, type RedFlag } from "./outcomes.js";
import { redFlags } from "./red-flags.js";
import type { DayStats, SimState } from "./state.js";
import { FEN_PER_YUAN } from "./units.js";

/** End-of-run figures (docs/indicators.md). Money in yuan, exact to the fen. */
export interface Summary {
  scenario: string;
  seed: string | number;
  daysSimulated: number;
  collapseDay: number | null;
  finalStatus: string;
  peakUsers: number;
  payingUsers: number;
  usersLosing: number;
  /** Share of paying users whose cash out + what they could still realise is below their cash in. */
  usersLosingShare: number | null;
  totalOrders: number;
  totalGmv: number;
  totalNewMoneyIn: number;
  totalChangeSpent: number;
  totalAdRevenue: number;
  totalCommissionsPaid: number;
  totalUserPayouts: number;
  totalWithdrawalsRequested: number;
  totalWithdrawalsPaid: number;
  totalOperatingCost: number;
  peakLiabilities: number;
  peakLiabilitiesDay: number | null;
  finalLiabilities: number;
  finalPlatformCash: number;
  finalSupportPool: number;
  /** Platform cash at the end − founders' capital − change and withdrawals it still owes. */
  platformResult: number;
  /** Sum over users of (cash out + realisable − cash in): what users as a whole won or lost. */
  usersNetResult: number;
  /** Share of all users' gains taken by the earliest 10% of entrants (null: nobody gained). */
  earliestTenthShareOfGains: number | null;
  /** The last join cohort (report.cohortDays) whose mean result was positive, or null. */
  lastCohortAhead: { cohort: number; firstDay: number; lastDay: number } | null;
  /** Pyramid / Ponzi tests with their evidence. */
  redFlags: RedFlag[];
  /** Each running scheme's own end-of-run figures. */
  schemes: Record<string, Record<string, number | string | null>>;
}

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

/**
 * Adds one scheme's realisable cash per user. A loop of its own, so that a scheme new in
 * every run costs a sweep worker at most the recompilation of this small loop.
 */
function addRealisable(into: Float64Array, scheme: SchemeInstance & { realisableFen(user: number): number }): void {
  for (let id = 0; id < into.length; id++) into[id] = (into[id] as number) + scheme.realisableFen(id);
}

/**
 * Each user's result (cash out + realisable − cash in), the paying and losing counts and the
 * net. Its own function so that summarise, which runs once per run, has no loop and is never
 * compiled on the fly (in a sweep worker it was, and deoptimised, at every run).
 */
function userResults(users: SimState["users"], realisable: Float64Array): { results: Float64Array; paying: number; losing: number; net: number } {
  const results = new Float64Array(users.count);
  let paying = 0;
  let losing = 0;
  let net = 0;
  for (let id = 0; id < users.count; id++) {
    const cashIn = users.cashIn[id] as number;
    const result = (users.cashOut[id] as number) + (realisable[id] as number) - cashIn;
    results[id] = result;
    net += result;
    if (cashIn > 0) {
      paying++;
      if (result < 0) losing++;
    }
  }
  return { results, paying, losing, net };
}

/** Change and pending withdrawals: what every user can still get out besides the schemes. */
function walletsRealisable(users: SimState["users"]): Float64Array {
  const realisable = new Float64Array(users.count);
  for (let id = 0; id < users.count; id++) realisable[id] = (users.change[id] as number) + (users.pending[id] as number);
  return realisable;
}

export function summarise(
  state: SimState,
  totals: RunTotals,
  collapseDay: number | null,
  schemes: readonly { key: string; instance: SchemeInstance }[],
): { summary: Summary; outcomes: CohortOutcome[] } {
  const { users, ledger } = state;
  const realisable = walletsRealisable(users);
  for (const { instance } of schemes) if (instance.realisableFen) addRealisable(realisable, instance as SchemeInstance & { realisableFen(user: number): number });
  const { results, paying, losing, net } = userResults(users, realisable);
  const outcomes = cohortOutcomes(users, realisable, state.scenario.report.cohortDays, totals.days);
  const ahead = [...outcomes].reverse().find((o) => o.payingUsers > 0 && o.meanResultFen > 0);
  const s = totals.sums;
  const owedFen = ledger.balance("users.change") + ledger.balance("users.withdrawalsPending");
  const summary: Summary = {
    scenario: state.scenario.name,
    seed: state.seed,
    daysSimulated: totals.days,
    collapseDay,
    finalStatus: totals.finalStatus,
    peakUsers: totals.peakUsers,
    payingUsers: paying,
    usersLosing: losing,
    usersLosingShare: paying === 0 ? null : Math.round((losing / paying) * 1e6) / 1e6,
    totalOrders: s.orders,
    totalGmv: yuan(s.gmvFen),
    totalNewMoneyIn: yuan(s.newMoneyInFen),
    totalChangeSpent: yuan(s.changeSpentFen),
    totalAdRevenue: yuan(s.adRevenueFen),
    totalCommissionsPaid: yuan(s.commissionsFen),
    totalUserPayouts: yuan(s.userPayoutsFen),
    totalWithdrawalsRequested: yuan(s.withdrawalsRequestedFen),
    totalWithdrawalsPaid: yuan(s.withdrawalsPaidFen),
    totalOperatingCost: yuan(s.operatingCostFen),
    peakLiabilities: yuan(totals.peakLiabilitiesFen),
    peakLiabilitiesDay: totals.peakLiabilitiesDay,
    finalLiabilities: yuan(totals.finalLiabilitiesFen),
    finalPlatformCash: yuan(ledger.balance("platform.cash")),
    finalSupportPool: yuan(ledger.balance("pool.support")),
    platformResult: yuan(ledger.balance("platform.cash") - Math.round(state.scenario.platform.initialCash * FEN_PER_YUAN) - owedFen),
    usersNetResult: yuan(net),
    earliestTenthShareOfGains: earliestShareOfGains(results, users.count),
    lastCohortAhead: ahead ? { cohort: ahead.cohort, firstDay: ahead.firstDay, lastDay: ahead.lastDay } : null,
    redFlags: redFlags({ scenario: state.scenario, sums: totals.sums, dailyPayoutsFen: totals.dailyPayoutsFen, dailyEarnedFen: totals.dailyEarnedFen }),
    schemes: Object.fromEntries(schemes.filter((s) => s.instance.summary).map((s) => [s.key, s.instance.summary?.() ?? {}])),
  };
  return { summary, outcomes };
}
