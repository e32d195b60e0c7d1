import type { AccountName } from "./ledger.js";
import { mulDivFloor } from "./units.js";

/**
 * What users still hold at the end of a run, valued two ways (docs/model.md, "Who loses"):
 * at face value, and at what winding the platform up that day would pay.
 */
export interface ClaimSet {
  /** In words, e.g. "ad points". */
  label: string;
  /** Face (nominal) value per user id, fen. */
  faceFen: Float64Array;
  /**
   * Who pays it in a wind-up: platform cash, a pool, or nobody (null: the claim is on no one
   * the platform controls, e.g. points traded only between users and merchants).
   */
  payer: AccountName | null;
  /**
   * Holders who own the whole payer pool: the pool is split pro rata to these weights
   * (value-added points own the support pool by points held). Otherwise the claim is for its
   * face value and the payer pays at most that.
   */
  shareWeights?: Float64Array;
  /** Platform claims only: 0 for debts (paid first), 1 for promised equity (paid from what is left). */
  rank?: 0 | 1;
}

interface ClaimOutcome {
  label: string;
  payer: AccountName | null;
  faceFen: number;
  paidFen: number;
}

export interface WindUp {
  /** Per user: face value of everything held, fen. */
  faceFen: Float64Array;
  /** Per user: what the wind-up pays them, fen. */
  valueFen: Float64Array;
  byClaim: ClaimOutcome[];
  /** Platform cash (if positive) plus what the pools hold beyond their own holders' claims. */
  platformAvailableFen: number;
  /** Face value owed by the platform or its pools that the wind-up cannot pay. */
  unpaidFen: number;
}

/**
 * Pays `total` of the sets' face values out of `available`, pro rata to face and rounded down
 * per user when it is short, into `value`. Returns what was paid.
 */
function payFixed(sets: readonly ClaimSet[], count: number, available: number, value: Float64Array, paid: Map<ClaimSet, number>): number {
  let total = 0;
  for (const set of sets) for (let id = 0; id < count; id++) total += set.faceFen[id] as number;
  let spent = 0;
  for (const set of sets) {
    let setPaid = 0;
    for (let id = 0; id < count; id++) {
      const face = set.faceFen[id] as number;
      if (face === 0) continue;
      const fen = total <= available ? face : mulDivFloor(available, face, total);
      value[id] = (value[id] as number) + fen;
      setPaid += fen;
    }
    paid.set(set, setPaid);
    spent += setPaid;
  }
  return spent;
}

/** Splits all of `available` pro rata to the sets' weights (holders own the pool). */
function payShares(sets: readonly ClaimSet[], count: number, available: number, value: Float64Array, paid: Map<ClaimSet, number>): number {
  let weights = 0;
  for (const set of sets) for (let id = 0; id < count; id++) weights += (set.shareWeights as Float64Array)[id] as number;
  let spent = 0;
  for (const set of sets) {
    let setPaid = 0;
    const w = set.shareWeights as Float64Array;
    for (let id = 0; id < count && weights > 0; id++) {
      const weight = w[id] as number;
      if (weight === 0) continue;
      const fen = mulDivFloor(available, weight, weights);
      value[id] = (value[id] as number) + fen;
      setPaid += fen;
    }
    paid.set(set, setPaid);
    spent += setPaid;
  }
  return spent;
}

/**
 * The wind-up at the end of the run. 1. Each pool pays its own holders: fixed claims up to
 * their face (pro rata when short), then holders who own the pool split the rest pro rata.
 * What a pool holds beyond its claims (all of it when no claim is paid from it) joins platform cash. 2. Platform cash (never below
 * zero: nothing is paid from money the platform does not have) pays its debts pro rata to
 * face, then promised equity from what is left. 3. Claims on no one are worth nothing.
 * Every payout is rounded down to the fen.
 */
export function windUp(
  count: number,
  claims: readonly ClaimSet[],
  balance: (account: AccountName) => number,
  poolAccounts: readonly AccountName[] = [],
): WindUp {
  const faceFen = new Float64Array(count);
  const valueFen = new Float64Array(count);
  for (const set of claims) for (let id = 0; id < count; id++) faceFen[id] = (faceFen[id] as number) + (set.faceFen[id] as number);
  const paid = new Map<ClaimSet, number>();
  let platformAvailable = Math.max(0, balance("platform.cash"));
  // Every pool, claimed or not: one that no claim is paid from is the platform's money.
  const pools = [...new Set([...claims.map((c) => c.payer).filter((p): p is AccountName => p !== null && p !== "platform.cash"), ...poolAccounts])];
  for (const pool of pools) {
    let left = Math.max(0, balance(pool));
    const mine = claims.filter((c) => c.payer === pool);
    left -= payFixed(
      mine.filter((c) => !c.shareWeights),
      count,
      left,
      valueFen,
      paid,
    );
    left -= payShares(
      mine.filter((c) => c.shareWeights),
      count,
      left,
      valueFen,
      paid,
    );
    platformAvailable += left;
  }
  const available = platformAvailable;
  const onPlatform = claims.filter((c) => c.payer === "platform.cash");
  let left = available;
  left -= payFixed(
    onPlatform.filter((c) => (c.rank ?? 0) === 0),
    count,
    left,
    valueFen,
    paid,
  );
  payFixed(
    onPlatform.filter((c) => c.rank === 1),
    count,
    left,
    valueFen,
    paid,
  );
  let unpaidFen = 0;
  const byClaim: ClaimOutcome[] = claims.map((set) => {
    let face = 0;
    for (let id = 0; id < count; id++) face += set.faceFen[id] as number;
    const paidFen = paid.get(set) ?? 0;
    // Owed and unpaid: claims for a face value on the platform or a pool. Holders who own a
    // pool are owed its share, not the quote, and claims on no one are owed by no one.
    if (set.payer !== null && !set.shareWeights) unpaidFen += Math.max(0, face - paidFen);
    return { label: set.label, payer: set.payer, faceFen: face, paidFen };
  });
  return { faceFen, valueFen, byClaim, platformAvailableFen: available, unpaidFen };
}
