import { declareFlow } from "../engine/book.js";
import { words } from "../i18n/words.js";
import { assertExact } from "../engine/ledger.js";
import { PU_PER_POINT, mulDivFloor } from "../engine/units.js";
import { ConservationError } from "../errors.js";

/**
 * Points paid out to merchants (docs/model.md, ad points, "Grant shares"): a merchant is no
 * user, so what it is paid leaves the platform at once, as its payments to suppliers do (the
 * platform's cash may go below zero: owing them). Not a reward to users: no legal basis.
 */
export const MERCHANT_RELEASE = declareFlow("ads.merchantRelease", {
  from: "platform.cash",
  to: "world",
  reason: "ad points released to merchants",
});

/** One day's release of a balance by the scheme's rule: yuan, points that pay them, extra points burned. */
type ReleaseRule = (balancePu: number) => { fen: number; pu: number; burnPu: number };

/**
 * The ad points merchants hold: one merchant per product, who sold its orders and is granted
 * grantShares.merchant of their points. Each day (phase 4, after the users' release, on this
 * thread) every merchant's balance is released by the balance tiers as a buyer's who watches
 * every day; a merchant never leaves.
 */
export class MerchantPoints {
  /** Each product's merchant's balance, in 0.0001 point. */
  readonly balances: Float64Array;
  private issued = 0;
  private burned = 0;
  private paidFen = 0;

  constructor(products: number) {
    this.balances = new Float64Array(products);
  }

  grant(productIndex: number, pu: number): void {
    this.balances[productIndex] = (this.balances[productIndex] as number) + pu;
    this.issued += pu;
  }

  /** Releases every merchant's balance by `rule`; returns the yuan paid out (fen), to move through MERCHANT_RELEASE. */
  release(rule: ReleaseRule): number {
    let paid = 0;
    for (let m = 0; m < this.balances.length; m++) {
      const balance = this.balances[m] as number;
      if (balance === 0) continue;
      const step = rule(balance);
      if (step.fen === 0) continue;
      this.balances[m] = balance - step.pu - step.burnPu;
      this.burned += step.pu + step.burnPu;
      paid += step.fen;
    }
    this.paidFen += paid;
    return paid;
  }

  /** Points merchants hold now. */
  heldPu(): number {
    let held = 0;
    for (let m = 0; m < this.balances.length; m++) held += this.balances[m] as number;
    return held;
  }

  /** What the points they hold are worth at yuanPerPoint (the liability), fen. */
  liabilityFen(yuanPerPointFen: number): number {
    return mulDivFloor(this.issued - this.burned, yuanPerPointFen, PU_PER_POINT);
  }

  /** Yuan paid out to merchants so far, fen. */
  paidOutFen(): number {
    return this.paidFen;
  }

  /** Issued − burned equals what merchants hold, exactly. */
  check(day: number): void {
    const held = this.heldPu();
    assertExact(day, words("exact.merchantAdPoints"), this.issued, this.burned, held);
    if (held !== this.issued - this.burned)
      throw new ConservationError(words("invariant.merchantAdPoints", { day, issued: this.issued, burned: this.burned, held }));
  }
}
