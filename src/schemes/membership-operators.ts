/**
 * The nearest operator above each user (membership's operators, docs/model.md, "Membership
 * tiers and operators"): one Int32 per user, not one column per level, so 120 levels of a
 * ten-million-user tree cost 40 MB rather than 4.8 GB.
 *
 * The rule that keeps it correct: `above[u]` is the nearest strict upline of u who was an
 * operator at the start of the day (or -1). Operator status changes (an appointment, a lapse)
 * take effect the next day: `settle()` brings the pointers of every user whose chain may have
 * changed up to date in one pass, in id order, from the smallest id whose status changed.
 * Why one pass suffices: a user's referrer is older and so has a smaller id, and only the
 * descendants of a changed user can see a different nearest operator; descendants have larger
 * ids, so by the time the pass reaches u, its referrer's pointer is already final and
 * `above[u] = operator(referrer) ? referrer : above[referrer]`. A user who joins today takes
 * the same rule from their referrer at once (the referrer's pointer and status are those of
 * the start of the day). A day without changes costs nothing; a day with changes costs one
 * sequential pass over the younger users (a few nanoseconds each).
 */
export class OperatorPointers {
  /** Nearest strict upline that is an operator as of the start of the day, or -1. */
  above = new Int32Array(0);
  /** 1 when the user is an operator as of the start of the day. */
  operator = new Uint8Array(0);
  /** Users given a pointer so far (ids below it). */
  private filled = 0;
  /** Status changes waiting for the next settle: user → operator (1) or not (0). */
  private readonly changes = new Map<number, number>();
  /** Smallest id among the waiting changes. */
  private lowestChanged = Number.POSITIVE_INFINITY;

  /** Gives pointers to users [filled, count) from their referrers (each referrer has a smaller id). */
  join(referrer: Int32Array, count: number, capacity: number): void {
    if (this.above.length < capacity) {
      const above = new Int32Array(capacity);
      above.set(this.above.subarray(0, this.filled));
      this.above = above;
      const operator = new Uint8Array(capacity);
      operator.set(this.operator.subarray(0, this.filled));
      this.operator = operator;
    }
    const { above, operator } = this;
    for (let u = this.filled; u < count; u++) {
      const r = referrer[u] as number;
      above[u] = r < 0 ? -1 : (operator[r] as number) === 1 ? r : (above[r] as number);
    }
    this.filled = Math.max(this.filled, count);
  }

  /** Records that `user` becomes (true) or stops being (false) an operator: effective after the next settle. */
  set(user: number, isOperator: boolean): void {
    const now = isOperator ? 1 : 0;
    if ((this.operator[user] as number) === now) {
      this.changes.delete(user);
      return;
    }
    this.changes.set(user, now);
    if (user < this.lowestChanged) this.lowestChanged = user;
  }

  /** Applies the waiting changes and repairs the pointers below them (see the class comment). */
  settle(referrer: Int32Array): void {
    if (this.changes.size === 0) return;
    const { above, operator } = this;
    for (const [user, now] of this.changes) operator[user] = now;
    this.changes.clear();
    const from = this.lowestChanged + 1;
    this.lowestChanged = Number.POSITIVE_INFINITY;
    for (let u = from; u < this.filled; u++) {
      const r = referrer[u] as number;
      above[u] = r < 0 ? -1 : (operator[r] as number) === 1 ? r : (above[r] as number);
    }
  }
}
