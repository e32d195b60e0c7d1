import type { UserTable } from "./users.js";
import { formatFen, formatRatio } from "./units.js";

/** One join cohort's outcome (outcomes.csv). Money in fen. */
export interface CohortOutcome {
  cohort: number;
  firstDay: number;
  lastDay: number;
  users: number;
  payingUsers: number;
  moneyInFen: number;
  moneyOutFen: number;
  realisableFen: number;
  meanResultFen: number;
  medianResultFen: number;
  losing: number;
}

export const OUTCOME_COLUMNS = ["cohort", "first_day", "last_day", "users", "paying_users", "money_in", "money_out", "still_realisable", "mean_result", "median_result", "share_losing"] as const;

/**
 * Groups users by join day into cohorts of `cohortDays` and summarises each user's result
 * (cash out + realisable − cash in). Mean and median are over paying users, rounded down
 * to the fen (the median of an even count is the lower middle); share losing is of paying users.
 */
export function cohortOutcomes(users: UserTable, realisable: Float64Array, cohortDays: number, lastRunDay: number): CohortOutcome[] {
  const groups = new Map<number, number[]>();
  for (let id = 0; id < users.count; id++) {
    const cohort = Math.floor(((users.joinDay[id] as number) - 1) / cohortDays);
    let list = groups.get(cohort);
    if (!list) groups.set(cohort, (list = []));
    list.push(id);
  }
  return [...groups.keys()]
    .sort((a, b) => a - b)
    .map((cohort) => {
      const ids = groups.get(cohort) ?? [];
      let moneyIn = 0;
      let moneyOut = 0;
      let still = 0;
      const results: number[] = [];
      for (const id of ids) {
        const cashIn = users.cashIn[id] as number;
        moneyIn += cashIn;
        moneyOut += users.cashOut[id] as number;
        still += realisable[id] as number;
        if (cashIn > 0) results.push((users.cashOut[id] as number) + (realisable[id] as number) - cashIn);
      }
      results.sort((a, b) => a - b);
      const sum = results.reduce((a, b) => a + b, 0);
      return {
        cohort: cohort + 1,
        firstDay: cohort * cohortDays + 1,
        lastDay: Math.min((cohort + 1) * cohortDays, lastRunDay),
        users: ids.length,
        payingUsers: results.length,
        moneyInFen: moneyIn,
        moneyOutFen: moneyOut,
        realisableFen: still,
        meanResultFen: results.length === 0 ? 0 : Math.floor(sum / results.length),
        medianResultFen: results.length === 0 ? 0 : (results[Math.floor((results.length - 1) / 2)] as number),
        losing: results.filter((r) => r < 0).length,
      };
    });
}

export function outcomeRows(outcomes: readonly CohortOutcome[]): string[][] {
  return outcomes.map((o) => [
    String(o.cohort),
    String(o.firstDay),
    String(o.lastDay),
    String(o.users),
    String(o.payingUsers),
    formatFen(o.moneyInFen),
    formatFen(o.moneyOutFen),
    formatFen(o.realisableFen),
    formatFen(o.meanResultFen),
    formatFen(o.medianResultFen),
    formatRatio(o.losing, o.payingUsers, 4),
  ]);
}

/** Share of all users' gains (positive results) taken by the earliest `share` of entrants. */
export function earliestShareOfGains(results: Float64Array, count: number, share = 0.1): number | null {
  const earliest = Math.max(1, Math.ceil(count * share));
  let all = 0;
  let early = 0;
  for (let id = 0; id < count; id++) {
    const r = results[id] as number;
    if (r <= 0) continue;
    all += r;
    if (id < earliest) early += r;
  }
  return all === 0 ? null : Math.round((early / all) * 1e6) / 1e6;
}

export interface RedFlag {
  id: string;
  title: string;
  raised: boolean;
  evidence: string;
}
