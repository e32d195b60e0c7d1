import type { UserTable } from "./users.js";
import { FLAG_CHURNED, FLAG_PROMOTER } from "./users.js";
import { applyRate } from "./units.js";

/** Uplines per window: 2^15 users, 256 KiB of change wallets and 32 KiB of flags (one core's L2 holds both). */
export const WINDOW_SHIFT = 15;
export const WINDOW_MASK = (1 << WINDOW_SHIFT) - 1;
/** Most credits a level holds before they are paid (10 bytes each). */
const MOST_PER_LEVEL = 1 << 22;
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
    if (this.amount.length < total) {
      this.offset = new Uint16Array(total);
      this.amount = new Float64Array(total);
    }
    if (this.start.length !== regions) {
      this.start = new Int32Array(regions);
      this.fill = new Int32Array(regions);
      this.end = new Int32Array(regions);
    }
    let at = 0;
    for (let r = 0; r < regions; r++) {
      this.start[r] = at;
      this.fill[r] = at;
      at += sizes[r] as number;
      this.end[r] = at;
    }
    this.windows = windows;
    this.filed = new Float64Array(regions);
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
   * Files one release's commissions (each level's upline, the fen released), as the release
   * loop does inline; pays a round when a region fills. Returns the fen that round paid.
   */
  file(user: number, fen: number): number {
    const { ancestors, windows, fill, end, offset, amount } = this;
    let paid = 0;
    for (let level = 0; level < this.levels; level++) {
      const upline = (ancestors[level] as Int32Array)[user] as number;
      if (upline < 0) break;
      const r = level * windows + (upline >>> WINDOW_SHIFT);
      const at = fill[r] as number;
      offset[at] = upline & WINDOW_MASK;
      amount[at] = fen;
      fill[r] = at + 1;
      if (at + 1 === (end[r] as number)) paid += this.pay();
    }
    return paid;
  }

  /**
   * Pays every filed credit, window by window (each window's levels together, so its wallets
   * are read once), and empties the regions. Returns the fen paid.
   */
  pay(): number {
    const users = this.users;
    if (users === null) return 0;
    const { flags } = users;
    const change = this.wallet;
    const { start, fill, offset, amount, windows, filed } = this;
    let paid = 0;
    let touched = 0;
    for (let w = 0; w < windows; w++) {
      const base = w << WINDOW_SHIFT;
      // Read the window's wallets and flags in order first, a cache line at a time: the
      // hardware prefetcher streams them in, where the credits' scattered order would wait
      // on memory for each line (a third of paying's time at a million users, measured).
      const top = Math.min(base + (1 << WINDOW_SHIFT), users.count);
      for (let j = base; j < top; j += 8) touched += change[j] as number;
      for (let j = base; j < top; j += 64) touched += flags[j] as number;
      for (let level = 0; level < this.levels; level++) {
        const r = level * windows + w;
        const from = start[r] as number;
        const to = fill[r] as number;
        if (to === from) continue;
        const share = this.sharesMicro[level] as number;
        for (let i = from; i < to; i++) {
          const upline = base + (offset[i] as number);
          if (((flags[upline] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER) {
            const credit = applyRate(amount[i] as number, share);
            change[upline] = (change[upline] as number) + credit;
            paid += credit;
          }
        }
        filed[r] = (filed[r] as number) + (to - from);
        fill[r] = from;
      }
    }
    this.touched = touched;
    return paid;
  }
}
