import type { Scenario } from "../scenario/types.js";
import { SCHEME_MODULES } from "../schemes/index.js";
import { Arrivals } from "./arrivals.js";
import { TIMESERIES_COLUMNS } from "./columns.js";
import { ConservationError } from "./ledger.js";
import { Orders } from "./orders.js";
import type { SchemeInstance, SchemePhase } from "./scheme.js";
import { shockEffects } from "./shocks.js";
import { DayStats, SimState } from "./state.js";
import { summarise, type RunTotals, type Summary } from "./summary.js";
import { formatFen, formatRatio, rateToMicro, yuanToFen } from "./units.js";
import { FLAG_CHURNED } from "./users.js";
import { WithdrawalQueue } from "./withdrawals.js";

export type Status = "healthy" | "stressed" | "collapsed";
export type DayRow = Record<string, string>;

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: string | number;
  /** Called after each day with its metrics row (for progress bars). */
  onDay?: (day: number, row: DayRow) => void;
  /** Polled before each day; returning true stops the run with an InterruptedError. */
  shouldStop?: () => boolean;
}

export interface RunResult {
  columns: readonly string[];
  rows: DayRow[];
  summary: Summary;
  seed: string | number;
}

export class InterruptedError extends Error {
  constructor(day: number) {
    super(`interrupted before day ${day}`);
    this.name = "InterruptedError";
  }
}

interface ActiveScheme {
  key: string;
  startDay: number;
  endDay: number | null;
  instance: SchemeInstance;
}

const DAILY_PHASES: readonly SchemePhase[] = ["release", "sell", "market", "queue"];

/**
 * Runs a resolved scenario day by day (MODEL.md §2). Pure: no I/O, no clock, no
 * Math.random; the same scenario and seed give the same rows on any machine.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  const state = new SimState(scenario, seed);
  const schemes: ActiveScheme[] = [];
  for (const module of SCHEME_MODULES) {
    const config = (scenario.schemes as Record<string, { enabled: boolean; startDay: number; endDay: number | null } | undefined>)[module.key];
    if (!config || !config.enabled) continue;
    schemes.push({ key: module.key, startDay: config.startDay, endDay: config.endDay, instance: module.create(config as never, state) });
  }
  const arrivals = new Arrivals(scenario.population);
  const orders = new Orders(state);
  const withdrawals = new WithdrawalQueue(state);
  const { ledger, users } = state;
  const rows: DayRow[] = [];
  const operatingPerDayFen = yuanToFen(scenario.platform.operatingCostPerDay);
  const operatingPerUserFen = yuanToFen(scenario.platform.operatingCostPerActiveUser);
  const stressedMicro = rateToMicro(scenario.collapse.stressedCoverage);
  const churnBySegment = scenario.population.segments.map((s) => s.churnRate);
  let collapseDay: number | null = null;
  let activeUsers = 0;
  const totals: RunTotals = { sums: new DayStats(), peakUsers: 0, peakLiabilitiesFen: 0, peakLiabilitiesDay: null, finalLiabilitiesFen: 0, finalStatus: "healthy", days: 0 };

  for (let day = 1; day <= scenario.days; day++) {
    if (options.shouldStop?.()) throw new InterruptedError(day);
    state.day = day;
    state.today.reset();
    ledger.startDay(day);
    const running = schemes.filter((s) => day >= s.startDay && (s.endDay === null || day <= s.endDay));
    if (day === 1) ledger.transfer("world", "platform.cash", yuanToFen(scenario.platform.initialCash), "founders' capital");

    // 1. shocks
    state.shocks = shockEffects(scenario.shocks, day);
    // 2. arrivals
    const firstNew = arrivals.arrive(state);
    activeUsers += users.count - firstNew;
    // 3. purchases
    orders.run(firstNew, running.map((s) => s.instance.onOrder?.bind(s.instance)).filter((f) => f !== undefined));
    // 4-7. releases, sells, shared market, dividend queue
    for (const phase of DAILY_PHASES) for (const s of running) s.instance.phases?.[phase]?.();
    // 8. withdrawals
    withdrawals.request();
    withdrawals.pay();
    const backlogAge = withdrawals.oldestBacklogAge(day);
    if (collapseDay === null && backlogAge > scenario.collapse.backlogDays) collapseDay = day;
    // 9. operating cost, pool injections
    const operatingFen = operatingPerDayFen + operatingPerUserFen * activeUsers;
    ledger.transfer("platform.cash", "world", operatingFen, "operating cost");
    state.today.operatingCostFen = operatingFen;
    for (const s of running) s.instance.phases?.injection?.();
    // 10. behaviour updates and metrics
    activeUsers -= churn(state, churnBySegment);
    updateConfidence(state, backlogAge);

    const row: DayRow = {};
    const liabilitiesFen = schemes.reduce((sum, s) => sum + s.instance.liabilityFen(), ledger.balance("users.change") + ledger.balance("users.withdrawalsPending"));
    const coverFen = ledger.balance("platform.cash") + ledger.balance("pool.support") + ledger.balance("pool.dividend");
    const backlogFen = withdrawals.backlogFen;
    let status: Status = "healthy";
    if (collapseDay !== null) status = "collapsed";
    else if (backlogFen > 0 || (liabilitiesFen > 0 && coverFen * 1_000_000 < stressedMicro * liabilitiesFen)) status = "stressed";
    const t = state.today;
    row.day = String(day);
    row.users_total = String(users.count);
    row.users_active = String(activeUsers);
    row.users_new = String(t.usersNew);
    row.orders = String(t.orders);
    row.gmv = formatFen(t.gmvFen);
    row.new_money_in = formatFen(t.newMoneyInFen);
    row.change_spent = formatFen(t.changeSpentFen);
    row.platform_cash = formatFen(ledger.balance("platform.cash"));
    row.support_pool = formatFen(ledger.balance("pool.support"));
    row.commissions_paid = formatFen(t.commissionsFen);
    row.user_payouts = formatFen(t.userPayoutsFen);
    row.change_owed = formatFen(ledger.balance("users.change"));
    row.withdrawals_requested = formatFen(t.withdrawalsRequestedFen);
    row.withdrawals_paid = formatFen(t.withdrawalsPaidFen);
    row.withdrawals_pending = formatFen(withdrawals.pendingFen);
    row.withdrawal_backlog = formatFen(backlogFen);
    row.backlog_oldest_days = String(backlogAge);
    row.operating_cost = formatFen(operatingFen);
    row.liabilities = formatFen(liabilitiesFen);
    row.coverage_ratio = formatRatio(coverFen, liabilitiesFen, 4);
    row.confidence = state.confidence.toFixed(4);
    row.status = status;
    for (const s of schemes) s.instance.metrics(row);
    for (const column of TIMESERIES_COLUMNS) if (!(column in row)) row[column] = "";

    checkInvariants(state, schemes, withdrawals.pendingFen);
    rows.push(row);
    totals.sums.add(t);
    totals.days = day;
    totals.peakUsers = Math.max(totals.peakUsers, users.count);
    if (liabilitiesFen > totals.peakLiabilitiesFen) {
      totals.peakLiabilitiesFen = liabilitiesFen;
      totals.peakLiabilitiesDay = day;
    }
    totals.finalLiabilitiesFen = liabilitiesFen;
    totals.finalStatus = status;
    options.onDay?.(day, row);
    if (collapseDay !== null && scenario.collapse.stopOnCollapse) break;
  }

  return { columns: TIMESERIES_COLUMNS, rows, seed, summary: summarise(state, totals, collapseDay, schemes.map((s) => s.instance)) };
}

/** Phase 10: each active user leaves with their segment's daily churn chance. */
function churn(state: SimState, churnBySegment: readonly number[]): number {
  const { users, rng } = state;
  let left = 0;
  for (let id = 0; id < users.count; id++) {
    const flags = users.flags[id] as number;
    if ((flags & FLAG_CHURNED) !== 0) continue;
    if (rng.chance(churnBySegment[users.segment[id] as number] as number)) {
      users.flags[id] = flags | FLAG_CHURNED;
      left++;
    }
  }
  return left;
}

/**
 * Phase 10: confidence moves a share (adjustRate) of the way to the day's target:
 * 1 − backlogWeight × min(1, backlog age / backlogDays) − priceStallWeight × min(1, flat days / priceStallDays).
 */
function updateConfidence(state: SimState, backlogAge: number): void {
  const c = state.scenario.confidence;
  const backlogDays = Math.max(1, state.scenario.collapse.backlogDays);
  const stall = state.priceFlatDays === null ? 0 : Math.min(1, state.priceFlatDays / c.priceStallDays);
  const target = Math.max(0, 1 - c.backlogWeight * Math.min(1, backlogAge / backlogDays) - c.priceStallWeight * stall);
  state.confidence = Math.min(1, Math.max(0, state.confidence + c.adjustRate * (target - state.confidence)));
}

/** Money conservation, the users' sub-ledgers against their accounts, and each scheme's points. */
function checkInvariants(state: SimState, schemes: readonly ActiveScheme[], pendingFen: number): void {
  const { ledger, users, day } = state;
  ledger.checkConservation(day);
  let change = 0;
  let pending = 0;
  for (let id = 0; id < users.count; id++) {
    const c = users.change[id] as number;
    if (c < 0) throw new ConservationError(`day ${day}: user ${id} has a negative change wallet (${formatFen(c)})`);
    change += c;
    pending += users.pending[id] as number;
  }
  const changeAccount = ledger.balance("users.change");
  const pendingAccount = ledger.balance("users.withdrawalsPending");
  if (change !== changeAccount || pending !== pendingAccount || pending !== pendingFen) {
    throw new ConservationError(
      `day ${day}: users' wallets sum to ${formatFen(change)} (account users.change ${formatFen(changeAccount)}), pending withdrawals ${formatFen(pending)} (account users.withdrawalsPending ${formatFen(pendingAccount)}, queue ${formatFen(pendingFen)})`,
    );
  }
  for (const s of schemes) s.instance.checkInvariants?.(day);
}
