import { formatFen } from "./units.js";
import { type Words, words } from "../i18n/words.js";
import { ConservationError, ExactRangeError } from "../errors.js";

/**
 * Money accounts. Cash accounts hold money; claim accounts hold what the platform owes
 * (their counterpart is platform.equity, so a promise made is a transfer from equity to
 * the claim, and a claim settled is a transfer back). Every movement is a transfer, so
 * the sum over all accounts, world included, is zero: checked at the end of every day.
 * These are the engine's own; each scheme that keeps money apart declares its pools
 * (SchemeModule.pools, e.g. "pool.support"), which the ledger adds after them.
 */
const CORE_ACCOUNTS = ["world", "platform.cash", "platform.equity", "users.change", "users.withdrawalsPending"] as const;
export type AccountName = (typeof CORE_ACCOUNTS)[number] | `pool.${string}`;

/** Stops a run whose counter (money in fen or points in 0.0001 units) left the exact range. */
export function assertExact(day: number, what: Words, ...values: number[]): void {
  for (const value of values) {
    if (!Number.isSafeInteger(value))
      throw new ExactRangeError(words("error.exactCounter", { day, what, value: value.toExponential(3), max: Number.MAX_SAFE_INTEGER }));
  }
}

/** One aggregated journal line: all of a day's transfers with the same from, to and reason. */
export interface JournalLine {
  day: number;
  from: AccountName;
  to: AccountName;
  reason: string;
  fen: number;
}

/**
 * Double-entry ledger in integer fen. Transfers are aggregated per day by
 * (from, to, reason), so the engine posts one line per phase rather than per user.
 */
export class Ledger {
  /** Every account's name, in index order: the engine's, then the schemes' pools. */
  readonly accounts: readonly AccountName[];
  readonly balances: Float64Array;
  private readonly index = new Map<AccountName, number>();
  /** The day's lines by reason, then by from × accounts + to: no key strings built per transfer. */
  private dayLines = new Map<string, (JournalLine | undefined)[]>();
  private currentDay = 0;

  constructor(pools: readonly `pool.${string}`[] = []) {
    this.accounts = [...CORE_ACCOUNTS, ...pools.filter((p, i) => pools.indexOf(p) === i)];
    this.balances = new Float64Array(this.accounts.length);
    this.accounts.forEach((name, i) => this.index.set(name, i));
  }

  /** The account's index; an account no scheme declared is a bug, named in the error. */
  indexOf(account: AccountName): number {
    const i = this.index.get(account);
    if (i === undefined) throw new Error(`no ledger account ${account} (a scheme must declare its pools)`);
    return i;
  }

  startDay(day: number): void {
    this.currentDay = day;
    this.dayLines = new Map();
  }

  balance(account: AccountName): number {
    const i = this.index.get(account);
    return i === undefined ? 0 : (this.balances[i] ?? 0);
  }

  transfer(from: AccountName, to: AccountName, fen: number, reason: string): void {
    if (fen === 0) return;
    this.checkAmount(from, to, fen, reason);
    this.post(this.indexOf(from), this.indexOf(to), fen, reason);
  }

  /** A transfer between accounts given by index (indexOf), as the book resolves a flow's once. */
  transferAt(from: number, to: number, fen: number, reason: string): void {
    if (fen === 0) return;
    this.checkAmount(this.accounts[from] as AccountName, this.accounts[to] as AccountName, fen, reason);
    this.post(from, to, fen, reason);
  }

  /** Stops a transfer that is not a whole, non-negative fen amount within the exact range. */
  private checkAmount(from: AccountName, to: AccountName, fen: number, reason: string): void {
    if (fen > Number.MAX_SAFE_INTEGER)
      throw new ExactRangeError(
        words("error.exactTransfer", { day: this.currentDay, from, to, reason, value: fen.toExponential(3), max: Number.MAX_SAFE_INTEGER }),
      );
    if (!Number.isSafeInteger(fen) || fen < 0) {
      throw new ConservationError(words("invariant.transferNotWhole", { day: this.currentDay, from, to, reason, fen }));
    }
  }

  /** Moves the balances and adds to the day's line for (from, to, reason). */
  private post(f: number, t: number, fen: number, reason: string): void {
    const b = this.balances;
    b[f] = (b[f] ?? 0) - fen;
    b[t] = (b[t] ?? 0) + fen;
    let byPair = this.dayLines.get(reason);
    if (!byPair) this.dayLines.set(reason, (byPair = []));
    const slot = f * this.accounts.length + t;
    const line = byPair[slot];
    if (line) line.fen += fen;
    else byPair[slot] = { day: this.currentDay, from: this.accounts[f] as AccountName, to: this.accounts[t] as AccountName, reason, fen };
  }

  /** The day's journal lines, sorted for a stable order. */
  journal(): JournalLine[] {
    const lines: JournalLine[] = [];
    for (const byPair of this.dayLines.values()) for (const line of byPair) if (line) lines.push(line);
    return lines.sort((x, y) =>
      x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : x.reason < y.reason ? -1 : x.reason > y.reason ? 1 : 0,
    );
  }

  /**
   * A scheme's own count of a pool against the pool's account (a daily invariant): the two are
   * kept apart on purpose, so a payment that moves one and not the other is caught the same day.
   */
  checkPool(day: number, account: AccountName, pool: Words, poolFen: number): void {
    const balance = this.balance(account);
    if (balance !== poolFen)
      throw new ConservationError(words("invariant.poolVsLedger", { day, pool, amount: formatFen(poolFen), account, balance: formatFen(balance) }));
  }

  /** The conservation invariant: all money accounts, world included, sum to zero. */
  checkConservation(day: number): void {
    let sum = 0;
    for (let i = 0; i < this.balances.length; i++) {
      const balance = this.balances[i] ?? 0;
      // Past 2^53 fen a sum is no longer exact: stop rather than report a wrong fen.
      if (!Number.isSafeInteger(balance))
        throw new ExactRangeError(
          words("error.exactAccount", { day, account: this.accounts[i] ?? "", value: balance.toExponential(3), max: Number.MAX_SAFE_INTEGER }),
        );
      sum += balance;
    }
    if (sum !== 0) {
      const detail = this.accounts.map((name, i) => `${name}=${formatFen(this.balances[i] ?? 0)}`).join(", ");
      throw new ConservationError(words("invariant.accountsSum", { day, sum: formatFen(sum), detail }));
    }
  }
}
