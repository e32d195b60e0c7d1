import type { SchemeModule } from "./engine/scheme.js";
import { ads } from "./schemes/ads.js";
import { dividendQueue } from "./schemes/dividend-queue.js";
import { purchaseCommission } from "./schemes/purchase-commission.js";
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
export const SCHEME_MODULES: readonly SchemeModule<never>[] = [
  purchaseCommission as SchemeModule<never>,
  ads as SchemeModule<never>,
  valueAdded as SchemeModule<never>,
  sharedPurchase as SchemeModule<never>,
  dividendQueue as SchemeModule<never>,
  teamLeaders as SchemeModule<never>,
  regionalAgents as SchemeModule<never>,
];
