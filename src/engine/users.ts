/**
 * Users as typed-array columns (struct of arrays): one array per field, indexed by user
 * id, grown by doubling. This keeps a million users in a few tens of MB and makes the
 * daily per-user loops cache-friendly. Columns are re-read after arrivals (phase 2),
 * because growing replaces the arrays.
 */
export const FLAG_CHURNED = 1;
export const FLAG_PROMOTER = 2;

/**
 * The one referral walk: calls visit(upline, level) for a user's upline (level 0), its upline
 * (level 1), ... while there is one, up to maxLevels levels; stops early when visit returns
 * false. (The ad release files its commissions by upline instead: src/engine/upline-credits.ts.)
 */
export function forEachUpline(referrer: Int32Array, user: number, maxLevels: number, visit: (upline: number, level: number) => boolean | void): void {
  let upline = referrer[user] ?? -1;
  for (let level = 0; level < maxLevels && upline >= 0; level++) {
    if (visit(upline, level) === false) return;
    upline = referrer[upline] ?? -1;
  }
}

export class UserTable {
  count = 0;
  capacity: number;
  /** Day the user arrived. */
  joinDay: Int32Array;
  /** Upline's id, or -1. */
  referrer: Int32Array;
  segment: Uint8Array;
  flags: Uint8Array;
  /** County index in population.geography (0 when there is one). */
  county: Int32Array;
  /** Change wallet (零钱), fen: cash the platform owes the user. */
  change: Float64Array;
  /** Requested withdrawals not yet paid, fen. */
  pending: Float64Array;
  /** Money the user paid in from outside (world), fen. */
  cashIn: Float64Array;
  /** Money paid out to the user's bank (world), fen. */
  cashOut: Float64Array;
  /** Goods received, at their documented value (product goodsValue, default cost), fen. */
  goods: Float64Array;
  /**
   * For the compliance tests' split of rewards per organisation (fen, face value): what was
   * credited to the change wallet for the user's own purchases and activity (releases, refunds,
   * dividends, sells), what was taken out of it (orders, withdrawal requests), and rewards for
   * downlines promised outside it (contribution points). Every other credit to the wallet is a
   * reward for recruits or downlines: change + debits − own. Counting those at the credit would
   * add a second random access per upline to the ad release loop, the hottest loop there is.
   */
  rewardsOwn: Float64Array;
  changeDebits: Float64Array;
  rewardsPromised: Float64Array;
  /**
   * The first id of each join day (a day's arrivals take consecutive ids). A user draws as
   * (id − firstOfDay[joinDay], joinDay): their arrival index on their join day and that day, an
   * identity that does not move when an earlier day's arrivals change (src/engine/draws.ts).
   * Replaced when it grows: read it after arrivals.
   */
  firstOfDay = new Int32Array(64);
  private readonly extra = new Map<string, Float64Array>();

  /**
   * `limit`: the most users the run can have (from population.maxUsers, the market size and the
   * scheduled groups), or Infinity. Growth by doubling stops there, so ten million users take
   * ten million rows and not 2^24 (a doubling past the limit, and the copy beside it, cost
   * gigabytes at that size).
   */
  /**
   * `shared`: the columns live in SharedArrayBuffers, so that worker threads running a phase's
   * range kernels (src/engine/executor.ts) read and write the same rows; growing re-allocates
   * them shared, and the next phase hands the new arrays over.
   */
  constructor(
    initialCapacity = 1024,
    private readonly limit = Infinity,
    readonly shared = false,
  ) {
    this.capacity = Math.max(16, Math.min(initialCapacity, limit));
    this.joinDay = this.int32(this.capacity);
    this.referrer = this.int32(this.capacity);
    this.segment = this.uint8(this.capacity);
    this.flags = this.uint8(this.capacity);
    this.county = this.int32(this.capacity);
    this.change = this.float64(this.capacity);
    this.pending = this.float64(this.capacity);
    this.cashIn = this.float64(this.capacity);
    this.cashOut = this.float64(this.capacity);
    this.goods = this.float64(this.capacity);
    this.rewardsOwn = this.float64(this.capacity);
    this.changeDebits = this.float64(this.capacity);
    this.rewardsPromised = this.float64(this.capacity);
  }

  private buffer(bytes: number): ArrayBuffer {
    // A SharedArrayBuffer where threads share the columns; typed as ArrayBuffer so the columns keep one type.
    return this.shared ? (new SharedArrayBuffer(bytes) as unknown as ArrayBuffer) : new ArrayBuffer(bytes);
  }

  private int32(length: number): Int32Array {
    return new Int32Array(this.buffer(length * 4));
  }

  private uint8(length: number): Uint8Array {
    return new Uint8Array(this.buffer(length));
  }

  private float64(length: number): Float64Array {
    return new Float64Array(this.buffer(length * 8));
  }

  /** A scheme's own per-user column (zero-filled), e.g. "ads.points". */
  addColumn(name: string): void {
    if (!this.extra.has(name)) this.extra.set(name, this.float64(this.capacity));
  }

  column(name: string): Float64Array {
    const col = this.extra.get(name);
    if (!col) throw new Error(`no user column ${name}`);
    return col;
  }

  add(joinDay: number, referrer: number, segment: number, county = 0): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    if (id === 0 || joinDay !== this.joinDay[id - 1]) this.startDay(joinDay, id);
    this.joinDay[id] = joinDay;
    this.referrer[id] = referrer;
    this.segment[id] = segment;
    this.county[id] = county;
    return id;
  }

  isChurned(id: number): boolean {
    return ((this.flags[id] ?? 0) & FLAG_CHURNED) !== 0;
  }

  isPromoter(id: number): boolean {
    return ((this.flags[id] ?? 0) & FLAG_PROMOTER) !== 0;
  }

  /** True when the user is a promoter who has not left: the one who may earn commissions. */
  canEarn(id: number): boolean {
    return ((this.flags[id] ?? 0) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER;
  }

  /** The arrival index on their join day by which a user draws (see firstOfDay). */
  drawIndex(id: number): number {
    return id - (this.firstOfDay[this.joinDay[id] as number] as number);
  }

  private startDay(day: number, first: number): void {
    if (day < 0 || (first > 0 && day < (this.joinDay[first - 1] as number)))
      throw new Error(`users must join in day order from day 0 (day ${day} after day ${this.joinDay[first - 1]})`);
    if (day >= this.firstOfDay.length) this.firstOfDay = resize(this.firstOfDay, new Int32Array(Math.max(day + 1, this.firstOfDay.length * 2)));
    this.firstOfDay[day] = first;
  }

  /**
   * Makes room for `count` users at once, at the capacity that growing one user at a time would
   * reach, with one copy instead of one per doubling: a day's arrivals (a million on day 1 of a
   * benchmark) are added in a loop that would otherwise copy every column some ten times.
   */
  reserve(count: number): void {
    let capacity = this.capacity;
    while (capacity < count) capacity = this.nextCapacity(capacity);
    if (capacity > this.capacity) this.grow(capacity);
  }

  /** Doubles, or goes straight to the limit once doubling reaches half of it (one copy fewer); never below count + 1. */
  private nextCapacity(current: number): number {
    const doubled = current * 2;
    return doubled * 2 >= this.limit && this.limit > current ? this.limit : doubled;
  }

  private grow(capacity = this.nextCapacity(this.capacity)): void {
    this.joinDay = resize(this.joinDay, this.int32(capacity));
    this.referrer = resize(this.referrer, this.int32(capacity));
    this.segment = resize(this.segment, this.uint8(capacity));
    this.flags = resize(this.flags, this.uint8(capacity));
    this.county = resize(this.county, this.int32(capacity));
    this.change = resize(this.change, this.float64(capacity));
    this.pending = resize(this.pending, this.float64(capacity));
    this.cashIn = resize(this.cashIn, this.float64(capacity));
    this.cashOut = resize(this.cashOut, this.float64(capacity));
    this.goods = resize(this.goods, this.float64(capacity));
    this.rewardsOwn = resize(this.rewardsOwn, this.float64(capacity));
    this.changeDebits = resize(this.changeDebits, this.float64(capacity));
    this.rewardsPromised = resize(this.rewardsPromised, this.float64(capacity));
    for (const [name, col] of this.extra) this.extra.set(name, resize(col, this.float64(capacity)));
    this.capacity = capacity;
  }
}

function resize<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
