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
  // Typed arrays and a counting sort by cohort rather than a map of id lists: this runs once
  // per run, and in a sweep worker a generic version was recompiled at every run.
  const count = users.count;
  const cohortOf = new Int32Array(count);
  let cohorts = 0;
  for (let id = 0; id < count; id++) {
    const cohort = Math.floor(((users.joinDay[id] as number) - 1) / cohortDays);
    cohortOf[id] = cohort;
    if (cohort >= cohorts) cohorts = cohort + 1;
  }
  const members = new Int32Array(cohorts);
  const paying = new Int32Array(cohorts + 1);
  const moneyIn = new Float64Array(cohorts);
  const moneyOut = new Float64Array(cohorts);
  const still = new Float64Array(cohorts);
  for (let id = 0; id < count; id++) {
    const cohort = cohortOf[id] as number;
    const cashIn = users.cashIn[id] as number;
    members[cohort] = (members[cohort] as number) + 1;
    moneyIn[cohort] = (moneyIn[cohort] as number) + cashIn;
    moneyOut[cohort] = (moneyOut[cohort] as number) + (users.cashOut[id] as number);
    still[cohort] = (still[cohort] as number) + (realisable[id] as number);
    if (cashIn > 0) paying[cohort + 1] = (paying[cohort + 1] as number) + 1;
  }
  // paying[c] becomes the start of cohort c's results in one array grouped by cohort.
  for (let c = 0; c < cohorts; c++) paying[c + 1] = (paying[c + 1] as number) + (paying[c] as number);
  const results = new Float64Array(paying[cohorts] as number);
  const next = paying.slice(0, cohorts);
  for (let id = 0; id < count; id++) {
    const cashIn = users.cashIn[id] as number;
    if (cashIn <= 0) continue;
    const cohort = cohortOf[id] as number;
    results[next[cohort] as number] = (users.cashOut[id] as number) + (realisable[id] as number) - cashIn;
    next[cohort] = (next[cohort] as number) + 1;
  }
  const outcomes: CohortOutcome[] = [];
  for (let cohort = 0; cohort < cohorts; cohort++) {
    if (members[cohort] === 0) continue;
    // A typed array sorts numerically without a comparator.
    const mine = results.subarray(paying[cohort] as number, paying[cohort + 1] as number).sort();
    let sum = 0;
    let losing = 0;
    for (const r of mine) {
      sum += r;
      if (r < 0) losing++;
    }
    outcomes.push({
      cohort: cohort + 1,
      firstDay: cohort * cohortDays + 1,
      lastDay: Math.min((cohort + 1) * cohortDays, lastRunDay),
      users: members[cohort] as number,
      payingUsers: mine.length,
      moneyInFen: moneyIn[cohort] as number,
      moneyOutFen: moneyOut[cohort] as number,
      realisableFen: still[cohort] as number,
      meanResultFen: mine.length === 0 ? 0 : Math.floor(sum / mine.length),
      medianResultFen: mine.length === 0 ? 0 : (mine[Math.floor((mine.length - 1) / 2)] as number),
      losing,
    });
  }
  return outcomes;
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
