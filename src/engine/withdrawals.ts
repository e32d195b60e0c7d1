import type { SimState } from "./state.js";
import { FLAG_CHURNED } from "./users.js";
import { MICRO, applyRate, rateToMicro, yuanToFen } from "./units.js";
import { ALWAYS, declarePurpose, threshold } from "./draws.js";
import { drawsNeeded, eachDrawRun } from "./draws-run.js";
import { declareKernel, gatherLists, sumPartial } from "./executor.js";

/** Whether a user asks to withdraw today. */
const WITHDRAW = declarePurpose("withdraw");
import { WITHDRAWAL_FEE, WITHDRAWAL_PAID, WITHDRAWAL_REQUEST, WITHDRAWAL_SETTLED } from "./core-flows.js";

/**
 * Phase 8: withdrawal requests and payments. A request moves the amount (less the fee)
 * from the change wallet into a FIFO queue, due T+delayDays. Payments go from the head of
 * the queue while the platform has cash above zero; what is due and unpaid is the
 * backlog. Due days only grow along the queue (one delay for all), so the due part of
 * the queue is always a prefix.
 */
/** Queue entries live in chunks of this many (2^16): growing adds a chunk and copies nothing; paid chunks are dropped. */
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
const INT32_MAX = 2_147_483_647;

/** Scratch columns where the ranges of a split request list their requests (user, fen after the fee). */
const LISTED_USER = "withdrawals.listedUser";
const LISTED_FEN = "withdrawals.listedFen";
/** The request kernel's partial sums: fen requested, fees, requests listed. */
const REQUEST_WIDTH = 3;

/** What the request kernel reads and writes: the request flow's batch (book.ts), the users' columns and the day's rule. */
interface RequestArgs {
  wallets: Float64Array;
  changeDebits: Float64Array;
  pending: Float64Array;
  flags: Uint8Array;
  segments: Uint8Array;
  joinDay: Int32Array;
  firstOfDay: Int32Array;
  thresholds: Float64Array;
  withdrawMicro: Float64Array;
  feeMicro: number;
  minimumFen: number;
  k0: number;
  k1: number;
  k2: number;
  /** One thread: queues a request as it is made (null when split). */
  queue: ((id: number, fen: number) => void) | null;
  /** Split: each range lists its requests from its first row on (null on one thread). */
  listUser: Float64Array | null;
  listFen: Float64Array | null;
}

/**
 * Withdrawal requests of users [from, to): partial sums (requested, fees, listed). A run of users
 * of one join day at a time, its draws made together (draws-run.ts).
 */
const REQUEST_KERNEL = declareKernel<RequestArgs>("engine.withdrawalRequests", REQUEST_WIDTH, (a, from, to, out) => {
  eachDrawRun(a, a.k0, a.k1, a.k2, drawsNeeded(a.thresholds), from, to, from, out, requestRun);
});

/**
 * Requests of a run [from, to) whose draws are words[id − from], added to the range's partial
 * sums; a split range lists them from row rangeStart on. Queueing (one thread) draws no run, so
 * the words stay as they are while the loop reads them.
 */
function requestRun(a: RequestArgs, from: number, to: number, words: Uint32Array, rangeStart: number, out: Float64Array): void {
  const { wallets, changeDebits, pending, flags, segments, thresholds, withdrawMicro, feeMicro, queue } = a;
  const listUser = a.listUser ?? EMPTY;
  const listFen = a.listFen ?? EMPTY;
  const minimumFen = a.minimumFen;
  const minimum = Math.max(1, minimumFen);
  let requestedFen = 0;
  let feeFen = 0;
  let listed = out[2] as number;
  for (let id = from; id < to; id++) {
    const change = wallets[id] as number;
    if (change < minimum) continue;
    const segment = segments[id] as number;
    let fen: number;
    if (((flags[id] as number) & FLAG_CHURNED) !== 0) fen = change;
    else {
      const limit = thresholds[segment] as number;
      if (limit === 0) continue;
      if (limit !== ALWAYS && (words[id - from] as number) >= limit) continue;
      const share = withdrawMicro[segment] as number;
      fen = share === MICRO ? change : applyRate(change, share);
      if (fen < minimumFen || fen === 0) continue;
    }
    const fee = applyRate(fen, feeMicro);
    wallets[id] = change - fen;
    changeDebits[id] = (changeDebits[id] as number) + fen;
    pending[id] = (pending[id] as number) + fen - fee;
    requestedFen += fen;
    feeFen += fee;
    if (queue !== null) queue(id, fen - fee);
    else {
      listUser[rangeStart + listed] = id;
      listFen[rangeStart + listed] = fen - fee;
      listed++;
    }
  }
  out[0] = (out[0] as number) + requestedFen;
  out[1] = (out[1] as number) + feeFen;
  out[2] = listed;
}
const EMPTY = new Float64Array(0);

export class WithdrawalQueue {
  /**
   * Entries by position (a position counts every request ever queued): user and amount, in
   * chunks; chunk 0 holds positions from `base`. A collapsed platform with millions of users
   * queues tens of entries per user, so entries cost 8 bytes (12 in a chunk holding an amount
   * past 2^31 fen) and the queue never holds a doubled copy of itself.
   */
  private userChunks: Int32Array[] = [];
  /** Amounts in fen: 4 bytes while they fit an Int32 (21 million yuan), a chunk turns to 8-byte doubles at its first larger one. */
  private amountChunks: (Int32Array | Float64Array)[] = [];
  private base = 0;
  /**
   * Due days, run-length: run r starts at position runStart[r] and is due on runDay[r] (every
   * request of a day has the same due day). headRun and dueRun are the runs of head and dueEnd.
   */
  private runStart: number[] = [];
  private runDay: number[] = [];
  private headRun = 0;
  private dueRun = 0;
  private head = 0;
  private tail = 0;
  /** Entries [head, dueEnd) are due. */
  private dueEnd = 0;
  /** Unpaid amount of the due entries, fen. */
  backlogFen = 0;
  /** Unpaid amount of all entries, fen. */
  pendingFen = 0;
  private readonly withdrawMicro: Float64Array;
  private readonly withdrawProbability: number[];

  constructor(private readonly state: SimState) {
    this.withdrawMicro = Float64Array.from(state.scenario.population.segments, (s) => rateToMicro(s.withdraw.share));
    this.withdrawProbability = state.scenario.population.segments.map((s) => s.withdraw.probability);
  }

  get length(): number {
    return this.tail - this.head;
  }

  /** Age in days of the oldest due, unpaid withdrawal (0 when none). */
  oldestBacklogAge(day: number): number {
    return this.head < this.dueEnd ? day - (this.runDay[this.headRun] as number) : 0;
  }

  /** The run holding `position`, searching forward from `run`. */
  private runAt(run: number, position: number): number {
    while (run + 1 < this.runStart.length && (this.runStart[run + 1] as number) <= position) run++;
    return run;
  }

  private amountAt(position: number): number {
    const local = position - this.base;
    return (this.amountChunks[local >>> CHUNK_BITS] as Int32Array | Float64Array)[local & MASK] as number;
  }

  /**
   * Users ask to withdraw. Leavers ask for everything; others by their segment's chance. A range
   * kernel (src/engine/executor.ts): each user's draw is their own and they write only their own
   * wallet. On one thread the kernel queues each request as it goes; split across threads, each
   * range lists its requests and this thread queues them in range order: the queue's order, by
   * user id, either way.
   */
  request(): void {
    const { users, draws, scenario, book, executor } = this.state;
    const boost = 1 + scenario.confidence.effect * scenario.confidence.withdrawBoost * (1 - this.state.confidence);
    // A typed array keeps one element kind whatever the day's thresholds (see Orders.run).
    const thresholds = Float64Array.from(this.withdrawProbability, (p) => threshold(Math.min(1, p * boost)));
    // Nobody asks when no segment withdraws and nobody has left.
    if (thresholds.every((t) => t === 0) && !this.anyoneCanLeave()) return;
    const due = this.state.day + scenario.withdrawals.delayDays;
    const request = book.batch(WITHDRAWAL_REQUEST);
    const listed = executor.threads > 1;
    if (listed) {
      users.addColumn(LISTED_USER);
      users.addColumn(LISTED_FEN);
    }
    const { k0, k1, k2 } = draws.key(WITHDRAW, this.state.day);
    // Read each day: a rule change (changes.ts) may set the minimum or the fee from a day on.
    const args: RequestArgs = {
      wallets: request.wallet,
      changeDebits: request.debits as Float64Array,
      pending: request.pending as Float64Array,
      flags: users.flags,
      segments: users.segment,
      joinDay: users.joinDay,
      firstOfDay: users.firstOfDay,
      thresholds,
      withdrawMicro: this.withdrawMicro,
      feeMicro: rateToMicro(scenario.withdrawals.feeRate),
      minimumFen: yuanToFen(scenario.withdrawals.minimum),
      k0,
      k1,
      k2,
      queue: listed ? null : (id, fen) => this.push(id, fen, due),
      listUser: listed ? users.column(LISTED_USER) : null,
      listFen: listed ? users.column(LISTED_FEN) : null,
    };
    const result = executor.run(REQUEST_KERNEL, args, 0, users.count);
    // The day's sums, posted once after the loop: the ledger aggregates a day's transfers by
    // (from, to, reason) anyway, and nothing in the loop reads a balance.
    const requestedFen = sumPartial(result, REQUEST_WIDTH, 0);
    const feeFen = sumPartial(result, REQUEST_WIDTH, 1);
    if (listed) {
      const listUser = args.listUser as Float64Array;
      const listFen = args.listFen as Float64Array;
      const n = gatherLists(result, REQUEST_WIDTH, 2, [listUser, listFen]);
      for (let i = 0; i < n; i++) this.push(listUser[i] as number, listFen[i] as number, due);
    }
    book.move(WITHDRAWAL_FEE, feeFen);
    request.post(requestedFen - feeFen);
  }

  /** Whether any user can leave (a leaver's change is withdrawn in full). */
  private anyoneCanLeave(): boolean {
    const segments = this.state.scenario.population.segments;
    return segments.some((s) => s.churnRate > 0);
  }

  /** Pays due requests from the head while cash lasts (none during a withdrawal freeze). */
  pay(): void {
    const { book, ledger, day } = this.state;
    // Entries falling due today: whole runs of due days, in order.
    while (this.dueEnd < this.tail) {
      this.dueRun = this.runAt(this.dueRun, this.dueEnd);
      if ((this.runDay[this.dueRun] as number) > day) break;
      const end = this.dueRun + 1 < this.runStart.length ? (this.runStart[this.dueRun + 1] as number) : this.tail;
      for (let i = this.dueEnd; i < end; i++) this.backlogFen += this.amountAt(i);
      this.dueEnd = end;
    }
    if (this.state.shocks.withdrawalsFrozen) return;
    let cash = Math.max(0, ledger.balance("platform.cash"));
    let paidFen = 0;
    while (this.head < this.dueEnd && cash > 0) {
      const local = this.head - this.base;
      const chunk = local >>> CHUNK_BITS;
      const at = local & MASK;
      const amounts = this.amountChunks[chunk] as Int32Array | Float64Array;
      const id = (this.userChunks[chunk] as Int32Array)[at] as number;
      const owed = amounts[at] as number;
      const fen = Math.min(owed, cash);
      cash -= fen;
      paidFen += fen;
      book.withdrawalPaid(id, fen);
      if (fen === owed) this.head++;
      else amounts[at] = owed - fen;
    }
    this.headRun = this.runAt(this.headRun, this.head);
    this.backlogFen -= paidFen;
    this.pendingFen -= paidFen;
    book.move(WITHDRAWAL_PAID, paidFen);
    book.move(WITHDRAWAL_SETTLED, paidFen);
    this.compact();
  }

  private push(id: number, fen: number, due: number): void {
    const local = this.tail - this.base;
    const chunk = local >>> CHUNK_BITS;
    if (chunk === this.userChunks.length) {
      this.userChunks.push(new Int32Array(CHUNK));
      this.amountChunks.push(new Int32Array(CHUNK));
    }
    let amounts = this.amountChunks[chunk] as Int32Array | Float64Array;
    if (fen > INT32_MAX && amounts instanceof Int32Array) {
      amounts = Float64Array.from(amounts);
      this.amountChunks[chunk] = amounts;
    }
    (this.userChunks[chunk] as Int32Array)[local & MASK] = id;
    amounts[local & MASK] = fen;
    const runs = this.runDay.length;
    if (runs === 0 || this.runDay[runs - 1] !== due) {
      this.runStart.push(this.tail);
      this.runDay.push(due);
    }
    this.tail++;
    this.pendingFen += fen;
  }

  /** Drops chunks and runs wholly paid, so memory follows what is still owed. */
  private compact(): void {
    while (this.head - this.base >= CHUNK) {
      this.userChunks.shift();
      this.amountChunks.shift();
      this.base += CHUNK;
    }
    if (this.headRun >= 64) {
      const drop = this.headRun;
      this.runStart.splice(0, drop);
      this.runDay.splice(0, drop);
      this.headRun -= drop;
      this.dueRun = Math.max(0, this.dueRun - drop);
    }
  }
}
