import type { AccountName, Ledger } from "./ledger.js";
import type { DayStats } from "./day-stats.js";
import type { UserTable } from "./users.js";

/**
 * The book: every movement of money in a run goes through a declared flow. A flow says, once,
 * where money goes (from and to, ledger accounts), why (its journal reason), what a reward to a
 * user is for (their own activity, or recruits and a downline), its legal basis, and which day
 * counters it feeds. A payer names the flow and the amount; the book moves the ledger, the
 * user's wallet and the per-user sums compliance needs, and adds to the counters, so no payer
 * keeps five figures in step by hand (TigerBeetle's typed transfers; docs/architecture.md).
 *
 * Hot loops borrow the columns of a flow's batch, write them in the loop, and post the total
 * once: the ledger aggregates a day's transfers by (from, to, reason) anyway, so one posting
 * is the same journal line as many.
 */

/** Legal bases of a reward (docs/compliance.md): pay for recruiting (拉人头), pay on a downline (团队计酬). */
export type LegalBasis = "recruit-pay" | "team-pay";

/**
 * What a reward to a user is for: `own` (their own purchases and activity: releases, refunds,
 * dividends, sells) or `downline` (recruits and downlines: commissions, team bonuses, dividends
 * of a rank that needs recruits). The compliance report splits every organisation's rewards by it.
 */
type RewardPurpose = "own" | "downline";

/** The engine's day counters a flow may feed by name (state.ts, DAY_STAT_NAMES). */
type FlowCounter =
  | "commissionsFen"
  | "userPayoutsFen"
  | "withdrawalsRequestedFen"
  | "withdrawalsPaidFen"
  | "operatingCostFen"
  | "feeRevenueFen"
  | "otherRevenueFen"
  | "franchiseFeesFen"
  | "newMoneyInFen"
  | "changeSpentFen";

interface FlowFields {
  from: AccountName;
  to: AccountName;
  /** The journal reason (journal.csv): what the money is, in words. */
  reason: string;
  /** For a reward to users: what it is for. Absent: not a reward (orders, withdrawals, pools, costs). */
  rewards?: RewardPurpose;
  /** Engine day counters the amount adds to (a downline reward also adds to recruitingRewardsFen). */
  counters?: readonly FlowCounter[];
  /** A scheme's own day counter (SchemeModule.counters) the amount adds to. */
  schemeCounter?: string;
}

/**
 * A flow's declaration. A reward with a legal basis (each feeds its counter: recruitPayFen,
 * teamPayFen) also names itself in Chinese (`reasonZh`, in docs/glossary.md's terms): a zh-CN
 * run's legal evidence lists it by that name, as the English lists `reason`.
 */
export type FlowSpec = FlowFields & ({ legal?: readonly []; reasonZh?: string } | { legal: readonly LegalBasis[]; reasonZh: string });

export interface Flow extends Readonly<Required<Omit<FlowFields, "rewards" | "schemeCounter">>> {
  /** "<owner>.<name>", e.g. "ads.release". */
  readonly id: string;
  readonly legal: readonly LegalBasis[];
  /** The reason in Chinese (null: a flow with no legal basis, which no evidence names). */
  readonly reasonZh: string | null;
  readonly rewards: RewardPurpose | null;
  readonly schemeCounter: string | null;
  /**
   * The flow's number, given when it is declared (0, 1, 2, … in declaration order): the book
   * keeps its per-flow figures in arrays by this number, so a payment looks nothing up by key.
   */
  readonly index: number;
}

/** How many flows have been declared: the next flow's index. */
let flowsDeclared = 0;

/** Declares a flow (a scheme lists its flows in SchemeModule.flows; the engine's are in core-flows.ts). */
export function declareFlow(id: string, spec: FlowSpec): Flow {
  return Object.freeze({
    id,
    from: spec.from,
    to: spec.to,
    reason: spec.reason,
    reasonZh: spec.reasonZh ?? null,
    rewards: spec.rewards ?? null,
    legal: Object.freeze([...(spec.legal ?? [])]),
    counters: Object.freeze([...(spec.counters ?? [])]),
    schemeCounter: spec.schemeCounter ?? null,
    index: flowsDeclared++,
  });
}

/**
 * The columns a loop over many users writes for one flow, valid until the user table grows
 * (no user arrives inside such a loop). Into users' change wallets: `wallet`, and `own` for a
 * reward on the user's own activity. Out of them: `wallet` and `debits` (what left the wallet,
 * for the compliance split). Into pending withdrawals: `pending`.
 */
export interface FlowBatch {
  readonly wallet: Float64Array;
  readonly own: Float64Array | null;
  readonly debits: Float64Array | null;
  readonly pending: Float64Array | null;
  /** Posts the loop's total: the ledger transfer and the counters, once. */
  post(fen: number): void;
}

/** A per-user money column as readers see it: they may read and copy it, never write it. */
interface ReadonlyColumn {
  readonly [index: number]: number;
  readonly length: number;
  slice(start?: number, end?: number): Float64Array;
  subarray(begin?: number, end?: number): Float64Array;
}

/**
 * The readers' view of the per-user money (fen, by user id): the summary, who loses, the
 * compliance split and the daily invariant check read these; only the book writes them.
 */
export interface BookView {
  /** Change wallet (零钱): cash the platform owes the user. */
  readonly change: ReadonlyColumn;
  /** Requested withdrawals not yet paid. */
  readonly pending: ReadonlyColumn;
  /** Money the user paid in from outside (new money). */
  readonly cashIn: ReadonlyColumn;
  /** Money paid out to the user's bank. */
  readonly cashOut: ReadonlyColumn;
  /** Rewards credited to the wallet for the user's own purchases and activity. */
  readonly rewardsOwn: ReadonlyColumn;
  /** What left the wallet (orders paid from change, withdrawal requests). */
  readonly changeDebits: ReadonlyColumn;
  /** Rewards for recruits and downlines promised outside the wallet (contribution points). */
  readonly rewardsPromised: ReadonlyColumn;
}

export class Book {
  /**
   * Each flow's total today, fen, by Flow.index (what moved; promises are not money moving),
   * valid where movedOn holds today's stamp; the flows that moved today, in the order they
   * first moved (the order dayFlows breaks ties in).
   */
  private moved = new Float64Array(0);
  private movedOn = new Int32Array(0);
  private movedToday: Flow[] = [];
  /** Today's stamp (startDay counts days up; 0 is no day, so every flow starts unmoved). */
  private stamp = 1;
  /** Day-counter slots per flow (by Flow.index), resolved on its first payment. */
  private readonly slots: (Int32Array | undefined)[] = [];
  /** Ledger account indices (from, to) per flow (by Flow.index), resolved on its first move. */
  private readonly accounts: (Int32Array | undefined)[] = [];
  /**
   * Whether the pending-withdrawal column has been lent (a batch into users.withdrawalsPending)
   * or written (a withdrawal paid). Only the book writes it (test/book.test.ts reads the sources
   * for any other writer), so until then every user's pending amount is the 0 it started at.
   */
  private pendingWritten = false;

  constructor(
    readonly ledger: Ledger,
    private readonly users: UserTable,
    private readonly today: DayStats,
  ) {}

  /** Moves money between accounts (no user's wallet): the transfer and the counters. */
  move(flow: Flow, fen: number): void {
    if (fen === 0) return;
    const index = flow.index;
    const accounts = this.accounts[index] ?? this.accountsOf(flow);
    this.ledger.transferAt(accounts[0] as number, accounts[1] as number, fen, flow.reason);
    const slots = this.slots[index] ?? this.slotsOf(flow);
    const values = this.today.values;
    for (let i = 0; i < slots.length; i++) values[slots[i] as number] = (values[slots[i] as number] as number) + fen;
    if (index >= this.moved.length) this.growMoved(index);
    if (this.movedOn[index] === this.stamp) this.moved[index] = (this.moved[index] as number) + fen;
    else {
      this.movedOn[index] = this.stamp;
      this.moved[index] = fen;
      this.movedToday.push(flow);
    }
  }

  /** One user's change wallet balance, fen. */
  changeOf(user: number): number {
    return this.users.change[user] as number;
  }

  /** Starts a day: the ledger's day, and the day's totals by flow. */
  startDay(day: number): void {
    this.ledger.startDay(day);
    this.stamp++;
    this.movedToday = [];
  }

  /** Credits one user's change wallet through a flow into users.change. */
  credit(flow: Flow, user: number, fen: number): void {
    const { users } = this;
    users.change[user] = (users.change[user] as number) + fen;
    if (flow.rewards === "own") users.rewardsOwn[user] = (users.rewardsOwn[user] as number) + fen;
    this.move(flow, fen);
  }

  /**
   * A reward promised outside the wallet (points worth money later, such as contribution
   * points): no money moves now, but the reward is counted at face value for its purpose and
   * legal basis, and a downline reward in the user's promised sum (the compliance split).
   */
  promise(flow: Flow, user: number, fen: number): void {
    if (fen === 0) return;
    const { users } = this;
    if (flow.rewards === "downline") users.rewardsPromised[user] = (users.rewardsPromised[user] as number) + fen;
    const slots = this.slots[flow.index] ?? this.slotsOf(flow);
    const values = this.today.values;
    for (let i = 0; i < slots.length; i++) values[slots[i] as number] = (values[slots[i] as number] as number) + fen;
  }

  /** Takes from one user's change wallet through a flow out of users.change (an order paid from change). */
  debit(flow: Flow, user: number, fen: number): void {
    const { users } = this;
    users.change[user] = (users.change[user] as number) - fen;
    users.changeDebits[user] = (users.changeDebits[user] as number) + fen;
    this.move(flow, fen);
  }

  /** New money a user pays in from outside (world → platform cash): their cash in and the day's payments. */
  payIn(flow: Flow, user: number, fen: number, payments: { add(user: number, fen: number): void }): void {
    const { users } = this;
    users.cashIn[user] = (users.cashIn[user] as number) + fen;
    if (fen > 0) payments.add(user, fen);
    this.move(flow, fen);
  }

  /** Money reaching a user's bank without passing the platform (a merchant paying a CTC seller): their cash out only. */
  paidOutside(user: number, fen: number): void {
    const { users } = this;
    users.cashOut[user] = (users.cashOut[user] as number) + fen;
  }

  /** A withdrawal paid: the user's pending amount down, their cash out up (post the flows with `move`). */
  withdrawalPaid(user: number, fen: number): void {
    const { users } = this;
    this.pendingWritten = true;
    users.pending[user] = (users.pending[user] as number) - fen;
    users.cashOut[user] = (users.cashOut[user] as number) + fen;
  }

  /** The columns a loop writes for a flow (see FlowBatch), and its one posting. */
  batch(flow: Flow): FlowBatch {
    const { users } = this;
    if (flow.to === "users.withdrawalsPending") this.pendingWritten = true;
    return {
      wallet: users.change,
      own: flow.to === "users.change" && flow.rewards === "own" ? users.rewardsOwn : null,
      debits: flow.from === "users.change" ? users.changeDebits : null,
      pending: flow.to === "users.withdrawalsPending" ? users.pending : null,
      post: (fen: number) => this.move(flow, fen),
    };
  }

  /**
   * Whether some user's pending withdrawal may differ from 0: false while the book has neither
   * lent the column to a loop nor paid a withdrawal (the daily wallet check then skips its sum).
   */
  pendingMayBeNonZero(): boolean {
    return this.pendingWritten;
  }

  /** The per-user money columns, for readers at the end of a run. */
  view(): BookView {
    const { users } = this;
    return {
      change: users.change,
      pending: users.pending,
      cashIn: users.cashIn,
      cashOut: users.cashOut,
      rewardsOwn: users.rewardsOwn,
      changeDebits: users.changeDebits,
      rewardsPromised: users.rewardsPromised,
    };
  }

  /** The day's flows that moved money, with their totals (fen), in the journal's order (from, to, reason). */
  dayFlows(): [Flow, number][] {
    const entries = this.movedToday.map((flow): [Flow, number] => [flow, this.moved[flow.index] as number]);
    return entries.sort(([x], [y]) =>
      x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : x.reason < y.reason ? -1 : x.reason > y.reason ? 1 : 0,
    );
  }

  /** The flow's day-counter slots, resolved and kept on its first payment. */
  private slotsOf(flow: Flow): Int32Array {
    const names: string[] = [...flow.counters];
    if (flow.rewards === "downline") names.push("recruitingRewardsFen");
    if (flow.legal.includes("recruit-pay")) names.push("recruitPayFen");
    if (flow.legal.includes("team-pay")) names.push("teamPayFen");
    const resolved = names.map((name) => this.today.engineSlot(name));
    if (flow.schemeCounter !== null) resolved.push(this.today.slot(flow.schemeCounter));
    const slots = Int32Array.from(resolved);
    this.slots[flow.index] = slots;
    return slots;
  }

  /** The flow's ledger accounts (from, to) as indices, resolved and kept on its first move. */
  private accountsOf(flow: Flow): Int32Array {
    const accounts = Int32Array.of(this.ledger.indexOf(flow.from), this.ledger.indexOf(flow.to));
    this.accounts[flow.index] = accounts;
    return accounts;
  }

  /** Room in the per-flow totals for a flow declared after they were last sized. */
  private growMoved(index: number): void {
    const size = Math.max(flowsDeclared, index + 1);
    const moved = new Float64Array(size);
    moved.set(this.moved);
    const movedOn = new Int32Array(size);
    movedOn.set(this.movedOn);
    this.moved = moved;
    this.movedOn = movedOn;
  }
}
