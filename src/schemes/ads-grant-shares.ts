import { Type } from "@sinclair/typebox/type";
import { declareFlow } from "../engine/book.js";
import { FLAG_CHURNED, FLAG_PROMOTER, forEachUpline } from "../engine/users.js";
import { MICRO, mulDivFloor, rateToMicro } from "../engine/units.js";
import { probability } from "../scenario/fields.js";

/**
 * Who an order's ad points go to (docs/model.md, ad points, "Grant shares"): the buyer, the
 * buyer's uplines by level, the nearest operator above and the product's merchant, in declared
 * shares adding up to 1. Points granted to an upline are
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
    operator: probability({
      default: 0,
      description: "Share granted to the nearest operator above the buyer (schemes.membership's operators; none without them).",
    }),
    merchant: probability({
      default: 0,
      description:
        "Share granted to the merchant who sold the order (one merchant per product): its points are released every day by the balance tiers, as a buyer's who watches every day, and paid out to the merchant from platform cash.",
    }),
  },
  {
    additionalProperties: false,
    default: {},
    sharesSumToOne: true,
    description:
      "How an order's ad points are shared: buyer + uplines + operator + merchant add up to exactly 1. Each upline's or the operator's share is rounded down to 0.0001 point; the rounding remainder goes to the buyer; the share of a missing upline, or of one who cannot earn (no order yet, or left), is not granted.",
  },
);

/** Points granted to uplines for a downline's order: a reward for recruits and on a downline's purchase, promised at face value. */
export const REFERRAL_POINTS = declareFlow("ads.referralPoints", {
  from: "platform.equity",
  to: "users.change",
  reason: "ad points granted to uplines (face value)",
  reasonZh: "赠予上线的广告积分（面值）",
  rewards: "downline",
  legal: ["recruit-pay", "team-pay"],
});

/** The shares others than the buyer take, in micro, or null when the buyer takes every point (the default: nothing to split). */
export function grantSplit(shares: {
  uplines: readonly number[];
  operator: number;
  merchant: number;
}): { uplinesMicro: Float64Array; operatorMicro: number; merchantMicro: number } | null {
  if (!shares.uplines.some((x) => x > 0) && shares.operator <= 0 && shares.merchant <= 0) return null;
  return {
    uplinesMicro: Float64Array.from(shares.uplines, rateToMicro),
    operatorMicro: rateToMicro(shares.operator),
    merchantMicro: rateToMicro(shares.merchant),
  };
}

/** A promoter who has not left: who may be granted a share. */
const earns = (flags: Uint8Array, user: number) => ((flags[user] as number) & (FLAG_PROMOTER | FLAG_CHURNED)) === FLAG_PROMOTER;

/**
 * Splits `pu` points granted on `user`'s order: each level's upline, and the nearest operator
 * above (`operator`, -1: none), who can earn get floor(pu × share) (grant(to, pu)); the order's
 * merchant, always there, gets floor(pu × merchant share) (grantMerchant(pu)); the buyer gets
 * pu − every such part, paid or not, so the rounding remainder is theirs and a missing or
 * non-earning recipient's share is granted to nobody. Returns the buyer's points.
 */
export function splitGrant(
  pu: number,
  user: number,
  referrer: Int32Array,
  flags: Uint8Array,
  split: { uplinesMicro: Float64Array; operatorMicro: number; merchantMicro: number },
  operator: number,
  grant: (to: number, pu: number) => void,
  grantMerchant: (pu: number) => void,
): number {
  const { uplinesMicro } = split;
  const merchantPart = mulDivFloor(pu, split.merchantMicro, MICRO);
  if (merchantPart > 0) grantMerchant(merchantPart);
  let others = mulDivFloor(pu, split.operatorMicro, MICRO) + merchantPart;
  for (let l = 0; l < uplinesMicro.length; l++) others += mulDivFloor(pu, uplinesMicro[l] as number, MICRO);
  forEachUpline(referrer, user, uplinesMicro.length, (upline, level) => {
    const part = mulDivFloor(pu, uplinesMicro[level] as number, MICRO);
    if (part > 0 && earns(flags, upline)) grant(upline, part);
  });
  const operatorPart = mulDivFloor(pu, split.operatorMicro, MICRO);
  if (operatorPart > 0 && operator >= 0 && earns(flags, operator)) grant(operator, operatorPart);
  return pu - others;
}
