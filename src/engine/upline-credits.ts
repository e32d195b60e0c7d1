import type { UserTable } from "./users.js";
import { FLAG_CHURNED, FLAG_PROMOTER } from "./users.js";
import { applyRate } from "./units.js";
import { declareKernel, type Executor, INLINE_EXECUTOR, sumPartial } from "./executor.js";

/** Uplines per window: 2^15 users, 256 KiB of change wallets and 32 KiB of flags (one core's L2 holds both). */
export const WINDOW_SHIFT = 15;
export const WINDOW_MASK = (1 << WINDOW_SHIFT) - 1;
/** Most credits a level holds before they are paid (10 bytes each). */
const MOST_PER_LEVEL = 1 << 22;
/** Credits a window needs before paying it reads its wallets in order first (PAY_WINDOWS). */
const TOUCH_LEAST = 1024;
/** Smallest region: a window with no credits yesterday still takes a few today without paying out at once. */
const LEAST_PER_REGION = 16;

/**
 * Referral credits waiting to be paid, filed by the upline's window as they are made: a
 * scheme's hot loop credits each level's upline a rate of an amount (a downline's release,
 * say), and paying them all later, window by window, writes the change wallets one
 * cache-sized block at a time instead of one cache miss per credit (docs/performance.md).
 *
 * Why the result is the one an inline walk gives, to the fen: an upline earns applyRate(amount,
 * its level's share) when it is a promoter who has not left, each credit rounded on its own;
 * the walk goes on to the upline's own referrer whatever it earned, so the level-l upline of a
 * user is fixed when the user arrives (referrers never change) and is kept in a column; and
 * while credits wait, nothing that decides them changes (the loop that files them reads no
 * flag or change wallet it writes), and integer additions commute.
 *
 * Memory: 4 bytes per user for each level past the first (the ancestor columns), and 10 bytes
 * per credit held (at most 2^22 per level).
 *
 * Layout: one region per (level, window) in two flat buffers (the upline's offset in its
 * window as a Uint16, the amount as a double). Region sizes follow the previous day's
 * credits per region, so a whole day usually fits; a full region pays every credit at once
 * and filing goes on.
 */
export class UplineCredits {
  /** ancestors[l][user]: the user's upline l + 1 levels up, or -1; [0] is users.referrer. */
  readonly ancestors: Int32Array[];
  /** Region r = level × windows + window: its credits are [start[r], fill[r]), room up to end[r]. */
  start = new Int32Array(0);
  fill = new Int32Array(0);
  end = new Int32Array(0);
  offset = new Uint16Array(0);
  amount = new Float64Array(0);
  windows = 0;
  /** Credits filed per region since sizing (yesterday's, at the next sizing). */
  private filed = new Float64Array(0);
  private ancestorsFilled = 0;
  /** Kept so that the compiler cannot drop the reads that bring a window into cache. */
  touched = 0;
  private users: UserTable | null = null;
  /** The change wallets the credits go into: the column of the commission flow's batch (book.ts). */
  private wallet: Float64Array = new Float64Array(0);

  constructor(
    readonly levels: number,
    /** Each level's share in micro (applyRate). */
    private readonly sharesMicro: Float64Array,
  ) {
    this.ancestors = Array.from({ length: levels }, () => new Int32Array(0));
  }

  /**
   * Before a day's filing: the ancestor columns cover every user, and the regions are sized
   * from the previous day's credits (at most a quarter of the users per level, at least 1,024:
   * small runs pay in several rounds too, so the golden tests cover a round paid mid-loop).
   */
  begin(users: UserTable, wallet: Float64Array): void {
    this.users = users;
    this.wallet = wallet;
    this.fillAncestors(users);
    const count = users.count;
    const windows = (count >>> WINDOW_SHIFT) + 1;
    const perLevel = Math.max(1024, Math.min(MOST_PER_LEVEL, count >>> 2));
    const regions = windows * this.levels;
    const previous = this.filed;
    const previousWindows = this.windows;
    const sizes = new Int32Array(regions);
    let total = 0;
    for (let level = 0; level < this.levels; level++) {
      let weight = 0;
      for (let w = 0; w < windows; w++) weight += this.previousCount(previous, previousWindows, level, w) + 1;
      for (let w = 0; w < windows; w++) {
        const size = Math.max(LEAST_PER_REGION, Math.floor((perLevel * (this.previousCount(previous, previousWindows, level, w) + 1)) / weight));
        sizes[level * windows + w] = size;
        total += size;
      }
    }
    // Shared where the user table is: a split payment's ranges read the regions on other threads.
    const buffer = (bytes: number) => (users.shared ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes));
    if (this.amount.length < total) {
      // Room for the table's capacity, not its count: a run that grows every day reallocates as
      // often as the table does, not daily (a shared buffer lives on until every thread that saw
      // it collects its garbage), and never holds more than the count will reach.
      const room = Math.max(total, this.levels * Math.max(1024, Math.min(MOST_PER_LEVEL, users.capacity >>> 2)) + regions * LEAST_PER_REGION);
      this.offset = new Uint16Array(buffer(room * 2));
      this.amount = new Float64Array(buffer(room * 8));
    }
    if (this.start.length !== regions) {
      this.start = new Int32Array(buffer(regions * 4));
      this.fill = new Int32Array(buffer(regions * 4));
      this.end = new Int32Array(buffer(regions * 4));
    }
    let at = 0;
    for (let r = 0; r < regions; r++) {
      this.start[r] = at;
      this.fill[r] = at;
      at += sizes[r] as number;
      this.end[r] = at;
    }
    this.windows = windows;
    if (this.filed.length === regions) this.filed.fill(0);
    else this.filed = new Float64Array(buffer(regions * 8));
  }

  private previousCount(previous: Float64Array, windows: number, level: number, window: number): number {
    return window < windows ? (previous[level * windows + window] as number) : 0;
  }

  /** Ancestor columns for users who arrived since the last day (each one's upline is older, so already filled). */
  private fillAncestors(users: UserTable): void {
    const referrer = users.referrer;
    this.ancestors[0] = referrer;
    for (let level = 1; level < this.levels; level++) {
      let column = this.ancestors[level] as Int32Array;
      if (column.length < users.capacity) {
        const grown = new Int32Array(users.capacity);
        grown.set(column.subarray(0, this.ancestorsFilled));
        this.ancestors[level] = column = grown;
      }
      const above = this.ancestors[level - 1] as Int32Array;
      for (let id = this.ancestorsFilled; id < users.count; id++) {
        const parent = referrer[id] as number;
        column[id] = parent < 0 ? -1 : (above[parent] as number);
      }
    }
    this.ancestorsFilled = users.count;
  }

  /**
   * Pays every filed credit, window by window (each window's levels together, so its wallets
   * are read once), and empties the regions. Returns the fen paid. A split executor pays the
   * windows on several threads (PAY_WINDOWS): each window, its wallets and its regions belong to
   * one range, and the fen paid are whole numbers summed in range order, so the wallets and the
   * sum are the same on any number of threads. A round paid in the middle of filing is paid on
   * the filing thread (the default).
   */
  pay(executor: Executor = INLINE_EXECUTOR): number {
    const users = this.users;
    if (users === null) return 0;
    const args: PayArgs = {
      start: this.start,
      fill: this.fill,
      offset: this.offset,
      amount: this.amount,
      filed: this.filed,
      sharesMicro: this.sharesMicro,
      windows: this.windows,
      flags: users.flags,
      wallet: this.wallet,
      count: users.count,
    };
    const result = executor.run(PAY_WINDOWS, args, 0, users.count);
    this.touched = sumPartial(result, 2, 1);
    return sumPartial(result, 2, 0);
  }
}

/** What paying the filed credits reads and writes (UplineCredits.pay). */
interface PayArgs {
  start: Int32Array;
  fill: Int32Array;
  offset: Uint16Array;
  amount: Float64Array;
  filed: Float64Array;
  sharesMicro: Float64Array;
  windows: number;
  flags: Uint8Array;
  wallet: Float64Array;
  count: number;
}

/**
 * Pays the windows whose first user is in [from, to): out[0] the fen paid, out[1] the sum of
 * the reads that bring each window into cache (kept so that the compiler cannot drop them).
 */
const PAY_WINDOWS = declareKernel<PayArgs>("engine.uplineCredits", 2, (a, from, to, out) => {
  const { start, fill, offset, amount, filed, sharesMicro, windows, flags, wallet, count } = a;
  const levels = sharesMicro.length;
  let paid = 0;
  let touched = 0;
  for (let w = (from + WINDOW_MASK) >>> WINDOW_SHIFT; w < windows && w << WINDOW_SHIFT < to; w++) {
    const base = w << WINDOW_SHIFT;
    let credits = 0;
    for (let level = 0; level < levels; level++) credits += (fill[level * windows + w] as number) - (start[level * windows + w] as number);
    if (credits === 0) continue;
    // Read the window's wallets and flags in order first, a cache line at a time: the
    // hardware prefetcher streams them in, where the credits' scattered order would wait
    // on memory for each line (a third of paying's time at a million users, measured). Only
    // for a window with enough credits to pay for reading its 4,096 lines of wallets: a round
    // paid because one region filled finds the other windows' regions part full or empty.
    if (credits >= TOUCH_LEAST) {
      const top = Math.min(base + (1 << WINDOW_SHIFT), count);
      for (let j = base; j < top; j += 8) touched += wallet[j] as number;
      for (let j = base; j < top; j += 64) touched += flags[j] as number;
    }
    for (let level = 0; level < levels; level++) {
      const r = level * windows + w;
      const first = start[r] as number;
      const last = fill[r] as number;
      if (last === first) continue;
      const share = sharesMicro[level] as number;
      for (let i = first; i < last; i++) {
        const upline = base + (offset[i] as number);
        if (((flags[upline] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER) {
          const credit = applyRate(amount[i] as number, share);
          wallet[upline] = (wallet[upline] as number) + credit;
          paid += credit;
        }
      }
      filed[r] = (filed[r] as number) + (last - first);
      fill[r] = first;
    }
  }
  out[0] = paid;
  out[1] = touched;
});
