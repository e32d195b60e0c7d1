import type { UserTable } from "./users.js";
import type { BookView } from "./book.js";
import { formatFen, formatRatio } from "./units.js";

/** A basis's figures for one cohort, over its paying users. Money in fen. */
interface BasisOutcome {
  meanResultFen: number;
  medianResultFen: number;
  losing: number;
}

/** One join cohort's outcome (outcomes.csv). Money in fen. */
export interface CohortOutcome {
  cohort: number;
  firstDay: number;
  lastDay: number;
  users: number;
  payingUsers: number;
  moneyInFen: number;
  moneyOutFen: number;
  goodsFen: number;
  claimsFaceFen: number;
  claimsWindUpFen: number;
  /** The headline basis: cash, goods at their value and claims at what a wind-up pays. */
  windUp: BasisOutcome;
  /** Cash out − cash in. */
  cash: BasisOutcome;
  /** Cash plus claims at face value. */
  faceValue: BasisOutcome;
}

/** Every user's result on each basis (fen, by user id). */
export interface UserResults {
  windUp: Float64Array;
  cash: Float64Array;
  faceValue: Float64Array;
}

export const OUTCOME_COLUMNS = [
  "cohort",
  "first_day",
  "last_day",
  "users",
  "paying_users",
  "money_in",
  "money_out",
  "goods_value",
  "claims_face_value",
  "claims_wind_up_value",
  "mean_result",
  "median_result",
  "share_losing",
  "mean_result_cash",
  "median_result_cash",
  "share_losing_cash",
  "mean_result_face_value",
  "median_result_face_value",
  "share_losing_face_value",
] as const;

/**
 * Groups users by join day into cohorts of `cohortDays` and summarises each paying user's
 * result on each basis. Mean and median are over paying users, rounded down to the fen (the
 * median of an even count is the lower middle); share losing is of paying users.
 */
export function cohortOutcomes(
  users: UserTable,
  money: Pick<BookView, "cashIn" | "cashOut">,
  results: UserResults,
  claims: { faceFen: Float64Array; valueFen: Float64Array },
  cohortDays: number,
  lastRunDay: number,
): CohortOutcome[] {
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
  const sums = {
    moneyIn: new Float64Array(cohorts),
    moneyOut: new Float64Array(cohorts),
    goods: new Float64Array(cohorts),
    face: new Float64Array(cohorts),
    value: new Float64Array(cohorts),
  };
  for (let id = 0; id < count; id++) {
    const cohort = cohortOf[id] as number;
    const cashIn = money.cashIn[id] as number;
    members[cohort] = (members[cohort] as number) + 1;
    sums.moneyIn[cohort] = (sums.moneyIn[cohort] as number) + cashIn;
    sums.moneyOut[cohort] = (sums.moneyOut[cohort] as number) + (money.cashOut[id] as number);
    sums.goods[cohort] = (sums.goods[cohort] as number) + (users.goods[id] as number);
    sums.face[cohort] = (sums.face[cohort] as number) + (claims.faceFen[id] as number);
    sums.value[cohort] = (sums.value[cohort] as number) + (claims.valueFen[id] as number);
    if (cashIn > 0) paying[cohort + 1] = (paying[cohort + 1] as number) + 1;
  }
  // paying[c] becomes the start of cohort c's results in arrays grouped by cohort.
  for (let c = 0; c < cohorts; c++) paying[c + 1] = (paying[c + 1] as number) + (paying[c] as number);
  const grouped = {
    windUp: groupByCohort(users, money, results.windUp, cohortOf, paying, cohorts),
    cash: groupByCohort(users, money, results.cash, cohortOf, paying, cohorts),
    faceValue: groupByCohort(users, money, results.faceValue, cohortOf, paying, cohorts),
  };
  const outcomes: CohortOutcome[] = [];
  for (let cohort = 0; cohort < cohorts; cohort++) {
    if (members[cohort] === 0) continue;
    const from = paying[cohort] as number;
    const to = paying[cohort + 1] as number;
    outcomes.push({
      cohort: cohort + 1,
      firstDay: cohort * cohortDays + 1,
      lastDay: Math.min((cohort + 1) * cohortDays, lastRunDay),
      users: members[cohort] as number,
      payingUsers: to - from,
      moneyInFen: sums.moneyIn[cohort] as number,
      moneyOutFen: sums.moneyOut[cohort] as number,
      goodsFen: sums.goods[cohort] as number,
      claimsFaceFen: sums.face[cohort] as number,
      claimsWindUpFen: sums.value[cohort] as number,
      windUp: basisOutcome(grouped.windUp.subarray(from, to)),
      cash: basisOutcome(grouped.cash.subarray(from, to)),
      faceValue: basisOutcome(grouped.faceValue.subarray(from, to)),
    });
  }
  return outcomes;
}

/** Paying users' results laid out cohort after cohort (starts in `starts`). */
function groupByCohort(
  users: UserTable,
  money: Pick<BookView, "cashIn">,
  results: Float64Array,
  cohortOf: Int32Array,
  starts: Int32Array,
  cohorts: number,
): Float64Array {
  const grouped = new Float64Array(starts[cohorts] as number);
  const next = starts.slice(0, cohorts);
  for (let id = 0; id < users.count; id++) {
    if ((money.cashIn[id] as number) <= 0) continue;
    const cohort = cohortOf[id] as number;
    grouped[next[cohort] as number] = results[id] as number;
    next[cohort] = (next[cohort] as number) + 1;
  }
  return grouped;
}

/** Mean (rounded down), lower-middle median and count losing of one cohort's results. */
function basisOutcome(results: Float64Array): BasisOutcome {
  // A typed array sorts numerically without a comparator.
  const sorted = results.slice().sort();
  let sum = 0;
  let losing = 0;
  for (const r of sorted) {
    sum += r;
    if (r < 0) losing++;
  }
  return {
    meanResultFen: sorted.length === 0 ? 0 : Math.floor(sum / sorted.length),
    medianResultFen: sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number),
    losing,
  };
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
    formatFen(o.goodsFen),
    formatFen(o.claimsFaceFen),
    formatFen(o.claimsWindUpFen),
    ...[o.windUp, o.cash, o.faceValue].flatMap((b) => [formatFen(b.meanResultFen), formatFen(b.medianResultFen), formatRatio(b.losing, o.payingUsers, 4)]),
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
  /** The legal rule the flag stands for, or "economics" (docs/compliance.md). */
  basis: string;
  raised: boolean;
  evidence: string;
  /** The evidence in Chinese, from the same figures (a zh-CN run's report and summary.json). */
  evidenceZh?: string;
}
