import type { SchemeModule } from "./engine/scheme.js";
import { ads } from "./schemes/ads.js";
import { membership } from "./schemes/membership.js";
import { mutualAid } from "./schemes/mutual-aid.js";
import { dividendQueue } from "./schemes/dividend-queue.js";
import { dividendRights } from "./schemes/dividend-rights.js";
import { purchaseCommission } from "./schemes/purchase-commission.js";
import { rankDividends } from "./schemes/rank-dividends.js";
import { regionalAgents } from "./schemes/regional-agents.js";
import { sharedPurchase } from "./schemes/shared-purchase.js";
import { teamLeaders } from "./schemes/team-leaders.js";
import { valueAdded } from "./schemes/value-added.js";

/**
 * The composition root: every scheme pointsim knows, the one list. A new scheme is one file in
 * src/schemes/ and one line here. The engine imports none of them: src/simulate.ts hands this
 * list to it. Order matters only within a phase (on an order, commissions are paid before
 * points are granted): the list order is part of the model.
 */
export const SCHEMES = {
  purchaseCommission,
  ads,
  valueAdded,
  sharedPurchase,
  dividendQueue,
  teamLeaders,
  regionalAgents,
  dividendRights,
  rankDividends,
  mutualAid,
  membership,
} as const;

/**
 * The same, as the list the engine iterates (in this order). The one cast of the registry: a
 * list of schemes of different configs has no single config type.
 */
export const SCHEME_MODULES: readonly SchemeModule<never, never>[] = Object.values(SCHEMES) as readonly SchemeModule<never, never>[];
