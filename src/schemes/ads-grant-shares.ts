import { Type } from "@sinclair/typebox/type";
import { declareFlow } from "../engine/book.js";
import { FLAG_CHURNED, FLAG_PROMOTER, forEachUpline } from "../engine/users.js";
import { MICRO, mulDivFloor, rateToMicro } from "../engine/units.js";
import { probability } from "../scenario/fields.js";

/**
 * Who an order's ad points go to (docs/model.md, ad points, "Grant shares"): the buyer and the
 * buyer's uplines by level, in declared shares adding up to 1. Points granted to an upline are
 * theirs like any other: released on the days they watch, at their balance's tier. This is how
 * a referral reward paid in points is written (推荐奖励积分).
 */
export const grantSharesSchema = Type.Object(
  {
    buyer: probability({ default: 1, description: "Share of an order's ad points granted to the buyer." }),
    uplines: Type.Array(probability({ description: "Share of the order's points." }), {
      default: [],
      maxItems: 20,
      description: "Shares granted to the buyer's upline, the next, ... (a referral reward paid in points, released like the buyer's).",
    }),
  },
  {
    additionalProperties: false,
    default: {},
    sharesSumToOne: true,
    description:
      "How an order's ad points are shared: buyer + uplines add up to exactly 1. Each upline's share is rounded down to 0.0001 point; the rounding remainder goes to the buyer; the share of a missing upline, or of one who cannot earn (no order yet, or left), is not granted.",
  },
);

/** Points granted to uplines for a downline's order: a reward for recruits and on a downline's purchase, promised at face value. */
export const REFERRAL_POINTS = declareFlow("ads.referralPoints", {
  from: "platform.equity",
  to: "users.change",
  reason: "ad points granted to uplines (face value)",
  rewards: "downline",
  legal: ["recruit-pay", "team-pay"],
});

/** The uplines' shares in micro, or null when the buyer takes every point (the default: nothing to split). */
export function uplineSharesMicro(shares: { buyer: number; uplines: readonly number[] }): Float64Array | null {
  return shares.uplines.some((x) => x > 0) ? Float64Array.from(shares.uplines, rateToMicro) : null;
}

/**
 * Splits `pu` points granted on `user`'s order: each level's upline who can earn gets
 * floor(pu × share) (grant(upline, pu)); the buyer gets pu − Σ floor(pu × share_l) over every
 * level, so the rounding remainder is theirs and a missing or non-earning upline's share is
 * granted to nobody. Returns the buyer's points.
 */
export function splitGrant(
  pu: number,
  user: number,
  referrer: Int32Array,
  flags: Uint8Array,
  sharesMicro: Float64Array,
  grant: (upline: number, pu: number) => void,
): number {
  let others = 0;
  for (let l = 0; l < sharesMicro.length; l++) others += mulDivFloor(pu, sharesMicro[l] as number, MICRO);
  forEachUpline(referrer, user, sharesMicro.length, (upline, level) => {
    const part = mulDivFloor(pu, sharesMicro[level] as number, MICRO);
    if (part > 0 && ((flags[upline] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER) grant(upline, part);
  });
  return pu - others;
}
