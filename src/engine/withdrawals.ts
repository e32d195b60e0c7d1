import type { SimState } from "./state.js";
import { FLAG_CHURNED } from "./users.js";
import { MICRO, applyRate, rateToMicro, yuanToFen } from "./units.js";
import { Random } from "./random.js";

/**
 * Phase 8: withdrawal requests and payments. A request moves the amount (less the fee)
 * from the change wallet into a FIFO queue, due T+delayDays. Payments go from the head of
 * the queue while the platform has cash above zero; what is due and unpaid is the
 * backlog. Due days only grow along the queue (one delay for all), so the due part of
 * the queue is always a prefix.
 */
export class WithdrawalQueue {
  private user = new Int32Array(1024);
  private amount = new Float64Array(1024);
  private dueDay = new Int32Array(1024);
  private head = 0;
  private tail = 0;
  /** Entries [head, dueEnd) are due. */
  private dueEnd = 0;
  /** Unpaid amount of the due entries, fen. */
  backlogFen = 0;
  /** Unpaid amount of all entries, fen. */
  pendingFen = 0;
  private readonly minimumFen: number;
  private readonly feeMicro: number;
  private readonly withdrawMicro: number[];
  private readonly withdrawProbability: number[];

  constructor(private readonly state: SimState) {
    const w = state.scenario.withdrawals;
    this.minimumFen = yuanToFen(w.minimum);
    this.feeMicro = rateToMicro(w.feeRate);
    this.withdrawMicro = state.scenario.population.segments.map((s) => rateToMicro(s.withdraw.share));
    this.withdrawProbability = state.scenario.population.segments.map((s) => s.withdraw.probability);
  }

  get length(): number {
    return this.tail - this.head;
  }

  /** Age in days of the oldest due, unpaid withdrawal (0 when none). */
  oldestBacklogAge(day: number): number {
    return this.head < this.dueEnd ? day - (this.dueDay[this.head] as number) : 0;
  }

  /** Users ask to withdraw. Leavers ask for everything; others by their segment's chance. */
  request(): void {
    const { users, rng, scenario, today } = this.state;
    const boost = 1 + scenario.confidence.effect * scenario.confidence.withdrawBoost * (1 - this.state.confidence);
    // A typed array keeps one element kind whatever the day's thresholds (see Orders.run).
    const thresholds = Float64Array.from(this.withdrawProbability, (p) => Random.threshold(Math.min(1, p * boost)));
    // Nobody asks when no segment withdraws and nobody has left.
    if (thresholds.every((t) => t === 0) && !this.anyoneCanLeave()) return;
    const due = this.state.day + scenario.withdrawals.delayDays;
    const { change: wallets, flags, segment: segments } = users;
    const minimum = Math.max(1, this.minimumFen);
    for (let id = 0; id < users.count; id++) {
      const change = wallets[id] as number;
      if (change < minimum) continue;
      const segment = segments[id] as number;
      let fen: number;
      if (((flags[id] as number) & FLAG_CHURNED) !== 0) fen = change;
      else if (rng.hit(thresholds[segment] as number)) {
        const share = this.withdrawMicro[segment] as number;
        fen = share === MICRO ? change : applyRate(change, share);
        if (fen < this.minimumFen || fen === 0) continue;
      } else continue;
      const fee = applyRate(fen, this.feeMicro);
      users.change[id] = change - fen;
      users.changeDebits[id] = (users.changeDebits[id] as number) + fen;
      users.pending[id] = (users.pending[id] as number) + fen - fee;
      today.withdrawalsRequestedFen += fen;
      today.feeRevenueFen += fee;
      this.state.ledger.transfer("users.change", "platform.equity", fee, "withdrawal fee");
      this.state.ledger.transfer("users.change", "users.withdrawalsPending", fen - fee, "withdrawal request");
      this.push(id, fen - fee, due);
    }
  }

  /** Whether any user can leave (a leaver's change is withdrawn in full). */
  private anyoneCanLeave(): boolean {
    const segments = this.state.scenario.population.segments;
    return segments.some((s) => s.churnRate > 0);
  }

  /** Pays due requests from the head while cash lasts (none during a withdrawal freeze). */
  pay(): void {
    const { users, ledger, day, today } = this.state;
    while (this.dueEnd < this.tail && (this.dueDay[this.dueEnd] as number) <= day) {
      this.backlogFen += this.amount[this.dueEnd] as number;
      this.dueEnd++;
    }
    if (this.state.shocks.withdrawalsFrozen) return;
    let cash = Math.max(0, ledger.balance("platform.cash"));
    let paidFen = 0;
    while (this.head < this.dueEnd && cash > 0) {
      const id = this.user[this.head] as number;
      const owed = this.amount[this.head] as number;
      const fen = Math.min(owed, cash);
      cash -= fen;
      paidFen += fen;
      users.pending[id] = (users.pending[id] as number) - fen;
      users.cashOut[id] = (users.cashOut[id] as number) + fen;
      if (fen === owed) this.head++;
      else this.amount[this.head] = owed - fen;
    }
    this.backlogFen -= paidFen;
    this.pendingFen -= paidFen;
    today.withdrawalsPaidFen += paidFen;
    ledger.transfer("platform.cash", "world", paidFen, "withdrawal paid");
    ledger.transfer("users.withdrawalsPending", "platform.equity", paidFen, "withdrawal paid");
    this.compact();
  }

  private push(id: number, fen: number, due: number): void {
    if (this.tail === this.user.length) this.grow();
    this.user[this.tail] = id;
    this.amount[this.tail] = fen;
    this.dueDay[this.tail] = due;
    this.tail++;
    this.pendingFen += fen;
  }

  private grow(): void {
    const size = this.user.length * 2;
    const user = new Int32Array(size);
    const amount = new Float64Array(size);
    const dueDay = new Int32Array(size);
    user.set(this.user);
    amount.set(this.amount);
    dueDay.set(this.dueDay);
    this.user = user;
    this.amount = amount;
    this.dueDay = dueDay;
  }

  /** Moves live entries to the front once most of the buffer is paid, so memory stays bounded. */
  private compact(): void {
    if (this.head < 4096 || this.head * 2 < this.tail) return;
    this.user.copyWithin(0, this.head, this.tail);
    this.amount.copyWithin(0, this.head, this.tail);
    this.dueDay.copyWithin(0, this.head, this.tail);
    this.tail -= this.head;
    this.dueEnd -= this.head;
    this.head = 0;
  }
}
