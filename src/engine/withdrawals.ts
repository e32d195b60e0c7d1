import type { SimState } from "./state.js";
import { FLAG_CHURNED } from "./users.js";
import { MICRO, applyRate, rateToMicro, yuanToFen } from "./units.js";
import { ALWAYS, declarePurpose, keyedUint32, threshold } from "./draws.js";

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
  private readonly withdrawMicro: number[];
  private readonly withdrawProbability: number[];

  constructor(private readonly state: SimState) {
    this.withdrawMicro = state.scenario.population.segments.map((s) => rateToMicro(s.withdraw.share));
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

  /** Users ask to withdraw. Leavers ask for everything; others by their segment's chance. */
  request(): void {
    const { users, draws, scenario, book } = this.state;
    const boost = 1 + scenario.confidence.effect * scenario.confidence.withdrawBoost * (1 - this.state.confidence);
    // A typed array keeps one element kind whatever the day's thresholds (see Orders.run).
    const thresholds = Float64Array.from(this.withdrawProbability, (p) => threshold(Math.min(1, p * boost)));
    // Nobody asks when no segment withdraws and nobody has left.
    if (thresholds.every((t) => t === 0) && !this.anyoneCanLeave()) return;
    const due = this.state.day + scenario.withdrawals.delayDays;
    const { flags, segment: segments, joinDay, firstOfDay } = users;
    const request = book.batch(WITHDRAWAL_REQUEST);
    const wallets = request.wallet;
    const changeDebits = request.debits as Float64Array;
    const pending = request.pending as Float64Array;
    // Read each day: a rule change (changes.ts) may set the minimum or the fee from a day on.
    const minimumFen = yuanToFen(scenario.withdrawals.minimum);
    const feeMicro = rateToMicro(scenario.withdrawals.feeRate);
    const minimum = Math.max(1, minimumFen);
    // The day's sums, posted once after the loop: the ledger aggregates a day's transfers by
    // (from, to, reason) anyway, and nothing in the loop reads a balance.
    let requestedFen = 0;
    let feeFen = 0;
    const { k0, k1, k2 } = draws.key(WITHDRAW, this.state.day);
    for (let id = 0; id < users.count; id++) {
      const change = wallets[id] as number;
      if (change < minimum) continue;
      const segment = segments[id] as number;
      let fen: number;
      if (((flags[id] as number) & FLAG_CHURNED) !== 0) fen = change;
      else {
        const limit = thresholds[segment] as number;
        if (limit === 0) continue;
        if (limit !== ALWAYS) {
          const born = joinDay[id] as number;
          if (keyedUint32(k0, k1, k2, id - (firstOfDay[born] as number), born) >= limit) continue;
        }
        const share = this.withdrawMicro[segment] as number;
        fen = share === MICRO ? change : applyRate(change, share);
        if (fen < minimumFen || fen === 0) continue;
      }
      const fee = applyRate(fen, feeMicro);
      wallets[id] = change - fen;
      changeDebits[id] = (changeDebits[id] as number) + fen;
      pending[id] = (pending[id] as number) + fen - fee;
      requestedFen += fen;
      feeFen += fee;
      this.push(id, fen - fee, due);
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
