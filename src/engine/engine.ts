import type { CoreScenario } from "./scenario.js";
import { words } from "../i18n/words.js";
import { Arrivals } from "./arrivals.js";
import { timeseriesColumnSpecs, type ColumnSpec, type DayValues } from "./columns.js";
import type { JournalLine } from "./ledger.js";
import { Orders } from "./orders.js";
import { afterCollapse, type AfterCollapse } from "./after-collapse.js";
import { verdictSentence } from "./verdict.js";
import type { ChartSpec, SchemeInstance, SchemeModule, SchemePhase, WhatIfParameter, PlausibilityFinding } from "./scheme.js";
import { shockEffects, type SchemeShock } from "./shocks.js";
import { DayStats, type SchemeCounter } from "./day-stats.js";
import { SimState } from "./state.js";
import { summarise, type RunTotals } from "./summary.js";
import type { Summary } from "./summary-types.js";
import type { CohortOutcome } from "./outcomes.js";
import { fixedScaled, formatFen, rateToMicro, ratioScaled, yuanToFen } from "./units.js";
import { FLAG_CHURNED } from "./users.js";
import { enabledConfig, inExitWindow, inWindow } from "./window.js";
import { ALWAYS, declarePurpose, threshold } from "./draws.js";
import { drawsNeeded, eachDrawRun } from "./draws-run.js";
import { declareKernel, gatherLists, sumPartial, type Executor } from "./executor.js";

/** Whether an active user leaves today. */
const CHURN = declarePurpose("churn");
import { WithdrawalQueue } from "./withdrawals.js";
import { schemesFunded } from "./goods.js";
import { FOUNDERS_CAPITAL, OPERATING_COST } from "./core-flows.js";
import { OtherIncome } from "./other-income.js";
import { ComplianceTracker, type ComplianceReport } from "./compliance.js";
import { backlogReading, NewMoneySignal, type CollapseRecord, type SignalDay, type SignalReading } from "./collapse.js";
import type { BookView } from "./book.js";
import { ConservationError } from "../errors.js";
import { RuleChanges } from "./changes.js";
import { CORE_DRIVERS, Responses } from "./drivers.js";

export type Status = "healthy" | "stressed" | "collapsed";
export type { DayValues } from "./columns.js";

/** The schemes a run may use: the registry (src/registry.ts), handed in by src/simulate.ts. */
export type SchemeRegistry = readonly SchemeModule<never, never>[];

/** A running scheme as the reports see it. */
interface RunningScheme {
  key: string;
  title: string;
  /** The title in Chinese (the English where the scheme declares none). */
  titleZh: string;
  charts: readonly ChartSpec[];
  /** Columns of the scheme's pools (what it holds apart) and of its liability, with labels. */
  poolColumns: [string, string][];
  /** The pools' labels in Chinese, by column. */
  poolLabelsZh: Record<string, string>;
  liabilityColumn: string | null;
  startDay: number;
  endDay: number | null;
  /** The parameters the report's what-if panel offers for it. */
  whatIf: readonly WhatIfParameter[];
  /** Its config's plausibility findings (SchemeModule.plausibility; summary.json's warnings). */
  findings: readonly PlausibilityFinding[];
}

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: string | number;
  /** Called after each day with its metrics row (for progress bars). */
  onDay?: (day: number, values: DayValues) => void;
  /** Keep every day's aggregated ledger lines (for journal.csv). */
  journal?: boolean;
  /** Who runs the per-user phases (src/engine/executor.ts; default: inline, one thread). */
  executor?: Executor;
}

export interface RunResult {
  /** The columns' names, in file order. */
  columns: readonly string[];
  /** The columns with unit, decimals and meaning, in the same order. */
  specs: readonly ColumnSpec[];
  /** Each day's values: exact scaled integers and text (formatDay formats them at the edge). */
  values: DayValues[];
  summary: Summary;
  seed: string | number;
  /** Every day's money movements by (from, to, reason), when asked for. */
  journal: JournalLine[] | null;
  /** Results by join cohort (outcomes.csv). */
  outcomes: CohortOutcome[];
  /** The schemes that ran, in registry order, with what the reports draw of them. */
  schemes: RunningScheme[];
  /** The regulator's tests (compliance.json, compliance.csv). */
  compliance: ComplianceReport;
  /** What came in after the collapse day, kept apart (after-collapse.json); null without a collapse. */
  afterCollapse: AfterCollapse | null;
}

interface ActiveScheme {
  key: string;
  module: SchemeModule<never, never>;
  liabilityColumn: string | undefined;
  startDay: number;
  endDay: number | null;
  exitUntilDay: number | null;
  instance: SchemeInstance;
}

/** Phases 4-7, in order (scheme.ts, DAY_PHASES). */
const DAILY_PHASES: readonly SchemePhase[] = ["payouts", "exits", "trading", "pools"];

/**
 * A run of a resolved scenario, one day per step (docs/model.md, a day). Pure: no I/O, no clock,
 * no Math.random; the same scenario and seed give the same rows on any machine. Callers
 * that must stay responsive (the CLI, to signals) step it and yield between days.
 */
export class Simulation {
  readonly state: SimState;
  readonly values: DayValues[] = [];
  private readonly journal: JournalLine[] | null;
  private readonly columns: readonly string[];
  private readonly specs: readonly ColumnSpec[];
  /** Every registered scheme's pools (running or not): coverage, columns and the summary count them. */
  private readonly pools: NonNullable<SchemeModule["pools"]>[number][];
  private readonly schemes: ActiveScheme[] = [];
  /** Every registered scheme's day counters and shock types (running or not). */
  private readonly counters: SchemeCounter[];
  private readonly shockTypes: SchemeShock[];
  /** Slots of the counters of revenue earned from outside (counted in earned_revenue). */
  private readonly earnedSlots: number[];
  private readonly arrivals: Arrivals;
  private readonly orders: Orders;
  private readonly withdrawals: WithdrawalQueue;
  private readonly otherIncome: OtherIncome;
  private operatingPerDayFen: number;
  private operatingPerUserFen: number;
  /** The scenario's rule changes (changes.ts) and responses to drivers (drivers.ts). */
  private readonly changes: RuleChanges;
  private readonly responses: Responses;
  private readonly stressedMicro: number;
  private readonly churnBySegment: number[];
  private collapse: CollapseRecord | null = null;
  /** Every failure signal read so far, in the order first read, with the first day it fired. */
  private readonly signalDays = new Map<string, SignalDay>();
  private readonly newMoney: NewMoneySignal;
  /** Whether any signal was at least half way to firing today. */
  private signalStressed = false;
  /** Platform cash at the end of each of the last 8 days, for the runway. */
  private readonly recentCash: number[] = [];
  private activeUsers = 0;
  /** Today's leavers (phase 10), handed to the schemes' onLeave. */
  private readonly leavers = { ids: new Int32Array(64) };
  private stopped = false;
  private readonly totals: RunTotals;
  private readonly compliance: ComplianceTracker;
  /** The scenario as declared (day 1's rules), which rule changes do not touch: its plausibility findings. */
  private readonly declared: CoreScenario;
  constructor(
    readonly scenario: CoreScenario,
    registry: SchemeRegistry,
    seed: string | number = scenario.seed,
    options: { journal?: boolean; executor?: Executor } = {},
  ) {
    this.declared = scenario;
    // Rule changes write into the run's own copy, never into the caller's scenario.
    this.scenario = scenario = (scenario.changes ?? []).length > 0 ? structuredClone(scenario) : scenario;
    this.pools = registry.flatMap((m) => m.pools ?? []);
    this.counters = registry.flatMap((m) => m.counters ?? []);
    this.shockTypes = registry.flatMap((m) => m.shocks ?? []);
    const counterNames = this.counters.map((c) => c.name);
    this.state = new SimState(
      scenario,
      seed,
      this.pools.map((p) => p.account),
      counterNames,
      (product) => schemesFunded(scenario.schemes, registry, product).length > 0,
      options.executor,
    );
    this.earnedSlots = this.counters.filter((c) => c.role === "earned").map((c) => this.state.today.slot(c.name));
    this.totals = {
      sums: new DayStats(counterNames),
      peakUsers: 0,
      peakLiabilitiesFen: 0,
      peakLiabilitiesDay: null,
      finalLiabilitiesFen: 0,
      finalStatus: "healthy",
      days: 0,
      dailyPayoutsFen: [],
      dailyEarnedFen: [],
    };
    this.journal = options.journal ? [] : null;
    this.specs = timeseriesColumnSpecs(registry);
    this.columns = this.specs.map((c) => c.name);
    for (const module of registry) {
      const config = enabledConfig(scenario.schemes, module.key);
      if (config === null) continue;
      const thresholds = (scenario.collapse as unknown as Record<string, unknown>)[module.key];
      this.schemes.push({
        key: module.key,
        module,
        liabilityColumn: module.liabilityColumn?.name,
        startDay: config.startDay,
        endDay: config.endDay,
        exitUntilDay: config.exitUntilDay,
        instance: module.create(config as never, this.state, thresholds as never),
      });
      const created = this.schemes[this.schemes.length - 1];
      // A pool that could not earn would make platform.poolInterestRate silently partial.
      if ((module.pools?.length ?? 0) > 0 && !created?.instance.earnPoolInterest)
        throw new Error(`scheme ${module.key} keeps pools but does not implement earnPoolInterest (scheme-instance.ts)`);
    }
    this.state.ownRewardSubscribers = this.schemes.flatMap((s) => (s.instance.onOwnReward ? [s.instance] : []));
    this.state.memberTiers = this.schemes.find((s) => s.instance.memberTier !== undefined)?.instance ?? null;
    const deepestChain = () => Math.max(0, ...this.schemes.map((s) => s.instance.rewardChain?.()?.levels ?? 0));
    this.compliance = new ComplianceTracker(this.state, deepestChain);
    this.arrivals = new Arrivals(scenario.population);
    this.orders = new Orders(this.state);
    this.withdrawals = new WithdrawalQueue(this.state);
    this.otherIncome = new OtherIncome(scenario.platform);
    this.operatingPerDayFen = yuanToFen(scenario.platform.operatingCostPerDay);
    this.operatingPerUserFen = yuanToFen(scenario.platform.operatingCostPerActiveUser);
    this.stressedMicro = rateToMicro(scenario.collapse.stressedCoverage);
    this.churnBySegment = scenario.population.segments.map((s) => s.churnRate);
    this.newMoney = new NewMoneySignal(scenario.collapse.newMoney);
    this.changes = new RuleChanges(scenario);
    this.responses = new Responses(scenario, [...CORE_DRIVERS, ...registry.flatMap((m) => m.drivers ?? [])]);
  }

  /** Phase 1, first: the day's rule changes (changes.ts), and what the engine derives from the keys they set. */
  private applyChanges(day: number): void {
    const core = this.changes.apply(day, this.scenario, this.schemes);
    if (core.size === 0) return;
    this.operatingPerDayFen = yuanToFen(this.scenario.platform.operatingCostPerDay);
    this.operatingPerUserFen = yuanToFen(this.scenario.platform.operatingCostPerActiveUser);
    if (core.has("products[].weight")) this.orders.weightsChanged();
  }

  /** True when every day has run, or the run stopped on collapse. */
  get done(): boolean {
    return this.stopped || this.state.day >= this.scenario.days;
  }

  /** Runs the next day and returns its metrics row. */
  step(): DayValues {
    const { state, scenario, withdrawals } = this;
    const { ledger, users } = state;
    const day = state.day + 1;
    state.day = day;
    state.today.reset();
    state.payments.count = 0;
    state.book.startDay(day);
    this.applyChanges(day);
    const running = this.schemes.filter((s) => inWindow(s, day));
    if (day === 1) state.book.move(FOUNDERS_CAPITAL, yuanToFen(scenario.platform.initialCash));

    // 1. shocks
    state.shocks = shockEffects(scenario.shocks, day, this.shockTypes);
    // 2. arrivals
    const firstNew = this.arrivals.arrive(state);
    this.activeUsers += users.count - firstNew;
    for (const s of running) if (s.instance.onArrival) for (let id = firstNew; id < users.count; id++) s.instance.onArrival(id);
    for (const s of running) s.instance.phases?.joined?.();
    // 3. purchases
    this.orders.run(
      firstNew,
      running.map((s) => s.instance),
    );
    // 4-7. releases, sells, shared market, dividend queue
    // After its end, a scheme with an exit window still lets holders sell (phase 5 only).
    const exiting = this.schemes.filter((s) => inExitWindow(s, day));
    for (const phase of DAILY_PHASES) {
      for (const s of running) s.instance.phases?.[phase]?.();
      if (phase === "exits") for (const s of exiting) s.instance.phases?.exits?.();
    }
    // 8. withdrawals
    withdrawals.request();
    withdrawals.pay();
    const backlogAge = withdrawals.oldestBacklogAge(day);
    // 9. income from outside the users, operating cost, pool injections
    this.otherIncome.accrue(state);
    const poolRate = this.otherIncome.poolRateMicro;
    if (poolRate > 0) for (const s of this.schemes) s.instance.earnPoolInterest?.(poolRate);
    const operatingFen = this.operatingPerDayFen + this.operatingPerUserFen * this.activeUsers;
    state.book.move(OPERATING_COST, operatingFen);
    for (const s of running) s.instance.phases?.funding?.();
    // 10. behaviour updates and metrics
    const left = churn(state, this.churnBySegment, this.leavers);
    this.activeUsers -= left;
    for (const s of this.schemes) s.instance.onLeave?.(this.leavers.ids, left);
    updateConfidence(state, backlogAge, this.schemes);
    if (this.responses.active) {
      this.responses.update(state.today.usersNew, backlogAge, running);
      state.responseFactors[0] = this.responses.factor("arrivals");
      state.responseFactors[1] = this.responses.factor("orders");
    }
    this.readSignals(backlogAge, running);
    for (const s of this.schemes) s.instance.settle?.();
    const row = this.metrics(backlogAge);
    this.closeDay(row);
    checkInvariants(state, this.schemes, withdrawals.pendingFen);
    this.values.push(row);
    const lines = ledger.journal();
    this.compliance.closeDay();
    this.journal?.push(...lines);
    if (this.collapse !== null && scenario.collapse.stopOnCollapse) this.stopped = true;
    return row;
  }

  /**
   * Phase 10: every failure signal's reading for the day (the engine's, then each running
   * scheme's, in registry order). The first day one fires is the collapse; if several fire
   * that day, insolvency is named before a scheme's mechanism, and both before "the business
   * stopped".
   */
  private readSignals(backlogAge: number, running: readonly ActiveScheme[]): void {
    const { state } = this;
    const readings: SignalReading[] = [
      backlogReading(backlogAge, this.withdrawals.backlogFen, this.scenario.collapse.backlogDays),
      this.newMoney.read(state.today.newMoneyInFen),
    ];
    for (const s of running) if (s.instance.signals) readings.push(...s.instance.signals());
    this.signalStressed = readings.some((r) => r.stressed || r.fired);
    for (const r of readings) {
      const known = this.signalDays.get(r.signal);
      if (known === undefined)
        this.signalDays.set(r.signal, { signal: r.signal, kind: r.kind, reason: r.reason, reasonZh: r.reasonZh, firstDay: r.fired ? state.day : null });
      else if (known.firstDay === null && r.fired) this.signalDays.set(r.signal, { ...known, reason: r.reason, reasonZh: r.reasonZh, firstDay: state.day });
    }
    if (this.collapse !== null) return;
    const order = ["insolvency", "mechanism", "business stopped"];
    const fired = readings.filter((r) => r.fired).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))[0];
    if (fired)
      this.collapse = { day: state.day, signal: fired.signal, kind: fired.kind, reason: fired.reason, reasonZh: fired.reasonZh, evidence: fired.evidence };
  }

  private metrics(backlogAge: number): DayValues {
    const { state, withdrawals } = this;
    const { ledger, users, day } = state;
    const changeFen = ledger.balance("users.change");
    const pendingFen = ledger.balance("users.withdrawalsPending");
    const schemeLiabilities = Float64Array.from(this.schemes, (s) => s.instance.liabilityFen());
    let liabilitiesFen = changeFen + pendingFen;
    for (const fen of schemeLiabilities) liabilitiesFen += fen;
    const cashFen = ledger.balance("platform.cash");
    let coverFen = cashFen;
    for (const pool of this.pools) coverFen += ledger.balance(pool.account);
    const backlogFen = withdrawals.backlogFen;
    const t = state.today;
    let earnedFen = t.marginFen + t.feeRevenueFen + t.otherRevenueFen;
    for (const slot of this.earnedSlots) earnedFen += t.at(slot);
    const recentCash = [...this.recentCash, cashFen].slice(-8);
    let status: Status = "healthy";
    if (this.collapse !== null) status = "collapsed";
    else if (this.signalStressed || backlogFen > 0 || (liabilitiesFen > 0 && coverFen * 1_000_000 < this.stressedMicro * liabilitiesFen)) status = "stressed";
    const row: DayValues = {
      day,
      users_total: users.count,
      users_active: this.activeUsers,
      users_new: t.usersNew,
      orders: t.orders,
      gmv: t.gmvFen,
      new_money_in: t.newMoneyInFen,
      change_spent: t.changeSpentFen,
      platform_cash: ledger.balance("platform.cash"),
      commissions_paid: t.commissionsFen,
      user_payouts: t.userPayoutsFen,
      change_owed: ledger.balance("users.change"),
      withdrawals_requested: t.withdrawalsRequestedFen,
      withdrawals_paid: t.withdrawalsPaidFen,
      withdrawals_pending: withdrawals.pendingFen,
      withdrawal_backlog: backlogFen,
      backlog_oldest_days: backlogAge,
      operating_cost: t.operatingCostFen,
      earned_revenue: earnedFen,
      payouts_new_money_share: newMoneyShare(t.withdrawalsPaidFen, earnedFen),
      runway_days: runwayDays(recentCash),
      liability_change: changeFen,
      liability_withdrawals: pendingFen,
      liabilities: liabilitiesFen,
      coverage_ratio: ratioScaled(coverFen, liabilitiesFen, 4),
      confidence: fixedScaled(state.confidence, 4),
      status,
      collapse_reason: this.collapse === null ? null : this.collapse.reason,
    };
    for (const pool of this.pools) if (pool.column) row[pool.column] = ledger.balance(pool.account);
    this.schemes.forEach((s, i) => {
      if (s.liabilityColumn) row[s.liabilityColumn] = schemeLiabilities[i] ?? 0;
      s.instance.metrics(row);
    });
    for (const column of this.columns) if (!(column in row)) row[column] = null;
    return row;
  }

  /**
   * Phase 10, after the day's row is read: the schemes' day counters start again, and the run's
   * totals take the day in (what `metrics` only read).
   */
  private closeDay(row: DayValues): void {
    const { state, totals } = this;
    const t = state.today;
    for (const s of this.schemes) s.instance.closeDay?.();
    this.recentCash.push(row.platform_cash as number);
    if (this.recentCash.length > 8) this.recentCash.shift();
    const liabilitiesFen = row.liabilities as number;
    totals.sums.add(t);
    totals.days = state.day;
    totals.dailyPayoutsFen.push(t.withdrawalsPaidFen);
    totals.dailyEarnedFen.push(row.earned_revenue as number);
    totals.peakUsers = Math.max(totals.peakUsers, state.users.count);
    if (liabilitiesFen > totals.peakLiabilitiesFen) {
      totals.peakLiabilitiesFen = liabilitiesFen;
      totals.peakLiabilitiesDay = state.day;
    }
    totals.finalLiabilitiesFen = liabilitiesFen;
    totals.finalStatus = row.status as string;
  }

  /** The run's rows and summary (call when done, or to summarise a run stopped early). */
  result(): RunResult {
    const sums = this.totals.sums;
    const ownRewardsFen = this.counters.filter((c) => c.role === "ownReward").reduce((sum, c) => sum + sums.at(sums.slot(c.name)), 0);
    const rewardChains = this.schemes.flatMap((s) => {
      const chain = s.instance.rewardChain?.() ?? null;
      return chain === null ? [] : [chain];
    });
    const compliance = this.compliance.report({ rewardChains, ownRewardsFen });
    const { summary, outcomes, results } = summarise(
      this.state,
      this.totals,
      this.collapse,
      [...this.signalDays.values()],
      this.schemes,
      this.pools,
      this.counters,
      compliance.gates,
      compliance.tests,
    );
    const schemes = this.schemes.map((s) => ({
      key: s.key,
      title: s.module.title,
      titleZh: s.module.titleZh ?? s.module.title,
      charts: s.module.charts ?? [],
      poolColumns: (s.module.pools ?? []).flatMap((p): [string, string][] => {
        const column = p.column ?? p.seriesColumn;
        return column ? [[column, p.label]] : [];
      }),
      poolLabelsZh: Object.fromEntries(
        (s.module.pools ?? []).flatMap((p) => {
          const column = p.column ?? p.seriesColumn;
          return column ? [[column, p.labelZh ?? p.label]] : [];
        }),
      ),
      liabilityColumn: s.liabilityColumn ?? null,
      startDay: s.startDay,
      endDay: s.endDay,
      whatIf: s.module.whatIf ?? [],
      findings: s.module.plausibility?.((this.declared.schemes as Record<string, unknown>)[s.key] as never, this.declared) ?? [],
    }));
    const changes = this.scenario.changes ?? [];
    if (changes.length > 0) summary.changes = changes.map((c) => ({ day: c.day, key: c.key, value: c.value }));
    const after = this.collapse === null ? null : afterCollapse(this.collapse.day, this.state.users, this.state.book.view(), results.windUp, this.values);
    if (after !== null) {
      // summary.json and its verdict keep what came in after the collapse apart from the rest.
      summary.afterCollapse = after;
      summary.verdict = verdictSentence(summary);
    }
    return {
      columns: this.columns,
      specs: this.specs,
      values: this.values,
      seed: this.state.seed,
      journal: this.journal,
      summary,
      outcomes,
      schemes,
      compliance,
      afterCollapse: after,
    };
  }
}

/** Runs a whole scenario at once with the given schemes (src/simulate.ts passes the registry). */
export function simulateWith(registry: SchemeRegistry, scenario: CoreScenario, options: SimulateOptions = {}): RunResult {
  const simulation = new Simulation(scenario, registry, options.seed ?? scenario.seed, { journal: options.journal ?? false, executor: options.executor });
  while (!simulation.done) {
    const row = simulation.step();
    options.onDay?.(simulation.state.day, row);
  }
  return simulation.result();
}

/**
 * Share of the day's payouts (withdrawals paid) that the platform's earned revenue (order
 * margin + ad revenue + fees) does not cover, so new money (or capital) must: clamp((payouts −
 * earned) / payouts, 0, 1), 4 decimals; empty on a day without payouts.
 */
function newMoneyShare(payoutsFen: number, earnedFen: number): number | null {
  if (payoutsFen === 0) return null;
  return ratioScaled(Math.max(0, Math.min(payoutsFen, payoutsFen - earnedFen)), payoutsFen, 4);
}

/**
 * Days the platform's cash lasts at its mean daily decrease over the last 7 days: "0" with no
 * cash, empty while cash is not falling (or for the first day).
 */
function runwayDays(recentCash: readonly number[]): number | null {
  const last = recentCash[recentCash.length - 1] ?? 0;
  if (last <= 0) return 0;
  const first = recentCash[0] ?? last;
  const days = recentCash.length - 1;
  const fallPerDay = days === 0 ? 0 : (first - last) / days;
  return fallPerDay <= 0 ? null : Math.floor(last / fallPerDay);
}

/** What the churn kernel reads and writes: the users' columns, the day's key and thresholds, and where each range lists its leavers. */
interface ChurnArgs {
  flags: Uint8Array;
  segment: Uint8Array;
  joinDay: Int32Array;
  firstOfDay: Int32Array;
  thresholds: Float64Array;
  k0: number;
  k1: number;
  k2: number;
  /** Range [from, to) lists its leavers in id order from row `from` on (never more than its users). */
  leavers: Int32Array;
}

/**
 * Churn over users [from, to): each active user leaves on their keyed draw; out[0]: how many
 * left. A run of users of one join day at a time, its draws made together (draws-run.ts).
 */
const CHURN_KERNEL = declareKernel<ChurnArgs>("engine.churn", 1, (a, from, to, out) => {
  eachDrawRun(a, a.k0, a.k1, a.k2, drawsNeeded(a.thresholds), from, to, from, out, churnRun);
});

/** Churn over a run [from, to) whose draws are words[id − from]; the range's leavers are listed from row rangeStart on, out[0] of them so far. */
function churnRun(a: ChurnArgs, from: number, to: number, words: Uint32Array, rangeStart: number, out: Float64Array): void {
  const { flags, segment, thresholds, leavers } = a;
  let left = out[0] as number;
  for (let id = from; id < to; id++) {
    const f = flags[id] as number;
    if ((f & FLAG_CHURNED) !== 0) continue;
    const limit = thresholds[segment[id] as number] as number;
    if (limit === 0) continue;
    if (limit !== ALWAYS && (words[id - from] as number) >= limit) continue;
    flags[id] = f | FLAG_CHURNED;
    leavers[rangeStart + left] = id;
    left++;
  }
  out[0] = left;
}

/**
 * Phase 10: each active user leaves with their segment's daily churn chance (its ids in
 * `leavers.ids`, in id order; returns how many). A range kernel: the draws are keyed by user, so
 * the ranges may run on any threads; their lists are joined in range order.
 */
export function churn(state: SimState, churnBySegment: readonly number[], leavers: { ids: Int32Array }): number {
  const { users, draws, executor } = state;
  if (churnBySegment.every((p) => p <= 0)) return 0;
  // A typed array: a plain one's element kind would depend on the values (see Orders.run).
  const thresholds = Float64Array.from(churnBySegment, threshold);
  const { flags, segment, joinDay, firstOfDay } = users;
  const { k0, k1, k2 } = draws.key(CHURN, state.day);
  const isShared = executor.shared && leavers.ids.buffer instanceof SharedArrayBuffer;
  if (leavers.ids.length < users.count || isShared !== executor.shared) {
    const bytes = Math.max(users.capacity, 64) * 4;
    leavers.ids = new Int32Array(executor.shared ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes));
  }
  const args: ChurnArgs = { flags, segment, joinDay, firstOfDay, thresholds, k0, k1, k2, leavers: leavers.ids };
  const result = executor.run(CHURN_KERNEL, args, 0, users.count);
  return gatherLists(result, CHURN_KERNEL.width, 0, [leavers.ids]);
}

/**
 * Phase 10: confidence moves a share (adjustRate) of the way to the day's target:
 * 1 − backlogWeight × min(1, backlog age / backlogDays) − priceStallWeight × min(1, flat days / priceStallDays).
 */
function updateConfidence(state: SimState, backlogAge: number, schemes: readonly ActiveScheme[]): void {
  const c = state.scenario.confidence;
  const backlogDays = Math.max(1, state.scenario.collapse.backlogDays);
  // The price stall, from the scheme that quotes a price (SchemeInstance.priceFlatDays), if any.
  const quoting = schemes.find((s) => s.instance.priceFlatDays !== undefined);
  const flatDays = quoting?.instance.priceFlatDays?.() ?? null;
  const stall = flatDays === null ? 0 : Math.min(1, flatDays / c.priceStallDays);
  const target = Math.max(0, 1 - c.backlogWeight * Math.min(1, backlogAge / backlogDays) - c.priceStallWeight * stall);
  state.confidence = Math.min(1, Math.max(0, state.confidence + c.adjustRate * (target - state.confidence)));
}

/**
 * The most users one call of a daily sum's loop visits. V8 optimises a function once it is
 * hot; a loop over every user made it hot inside its first call, before the code after the loop
 * had ever run, and the code compiled then (on stack replacement, without type feedback for
 * that code) was in some runs thrown away and not replaced: the loop then ran unoptimised all
 * run, allocating a heap number per user a day. Calls of this many users complete many times
 * before the loop is hot.
 */
const SUM_CALL = 4096;

/** The users' wallets summed over [from, to), and the last user with a negative wallet (-1: none). */
const WALLET_SUMS = declareKernel<{ wallets: BookView["change"] }>("engine.walletSums", 2, ({ wallets }, from, to, out) => {
  let negative = -1;
  for (let at = from; at < to; at += SUM_CALL) {
    const last = sumWallets(wallets, at, Math.min(to, at + SUM_CALL), out);
    if (last >= 0) negative = last;
  }
  out[1] = negative;
});

/**
 * Adds the wallets of users [from, to) to out[0]; returns the last user with a negative wallet
 * among them (-1: none). Two users a step, the sum in two halves: the additions of one half do
 * not wait on the other's. Every term is a whole fen and every partial sum below 2^53, so the
 * order of the additions does not change the sum.
 */
function sumWallets(wallets: BookView["change"], from: number, to: number, out: Float64Array): number {
  let even = 0;
  let odd = 0;
  let negative = -1;
  let id = from;
  for (; id + 1 < to; id += 2) {
    const first = wallets[id] as number;
    const second = wallets[id + 1] as number;
    if (second < 0) negative = id + 1;
    else if (first < 0) negative = id;
    even += first;
    odd += second;
  }
  if (id < to) {
    const last = wallets[id] as number;
    if (last < 0) negative = id;
    even += last;
  }
  out[0] = (out[0] as number) + even + odd;
  return negative;
}

/** The users' pending withdrawals summed over [from, to), a call of sumPendings per SUM_CALL users. */
const PENDING_SUMS = declareKernel<{ pendings: BookView["pending"] }>("engine.pendingSums", 1, ({ pendings }, from, to, out) => {
  for (let at = from; at < to; at += SUM_CALL) sumPendings(pendings, at, Math.min(to, at + SUM_CALL), out);
});

/** Adds the pending withdrawals of users [from, to) to out[0], in two halves as sumWallets does. */
function sumPendings(pendings: BookView["pending"], from: number, to: number, out: Float64Array): void {
  let even = 0;
  let odd = 0;
  let id = from;
  for (; id + 1 < to; id += 2) {
    even += pendings[id] as number;
    odd += pendings[id + 1] as number;
  }
  if (id < to) even += pendings[id] as number;
  out[0] = (out[0] as number) + even + odd;
}

/** Money conservation, the users' sub-ledgers against their accounts, and each scheme's points. */
function checkInvariants(state: SimState, schemes: readonly ActiveScheme[], pendingFen: number): void {
  const { ledger, users, day } = state;
  ledger.checkConservation(day);
  const { change: wallets, pending: pendings } = state.book.view();
  const sums = state.executor.run(WALLET_SUMS, { wallets }, 0, users.count);
  const change = sumPartial(sums, WALLET_SUMS.width, 0);
  // The pending column is summed once the book has lent or written it; before, it is all zeros
  // (only the book writes it), and a pass over it would only stream zeros through the cache.
  const pending = state.book.pendingMayBeNonZero() ? sumPartial(state.executor.run(PENDING_SUMS, { pendings }, 0, users.count), PENDING_SUMS.width, 0) : 0;
  let negative = -1;
  for (let r = 0; r < sums.ranges; r++) negative = Math.max(negative, sums.partials[r * WALLET_SUMS.width + 1] as number);
  if (negative >= 0) throw new ConservationError(words("invariant.negativeWallet", { day, user: negative, amount: formatFen(wallets[negative] as number) }));
  const changeAccount = ledger.balance("users.change");
  const pendingAccount = ledger.balance("users.withdrawalsPending");
  if (change !== changeAccount || pending !== pendingAccount || pending !== pendingFen) {
    throw new ConservationError(
      words("invariant.wallets", {
        day,
        change: formatFen(change),
        changeAccount: formatFen(changeAccount),
        pending: formatFen(pending),
        pendingAccount: formatFen(pendingAccount),
        queue: formatFen(pendingFen),
      }),
    );
  }
  for (const s of schemes) s.instance.checkInvariants?.(day);
}
