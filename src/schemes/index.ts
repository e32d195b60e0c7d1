import type { SchemeModule } from "../engine/scheme.js";
import { ads } from "./ads.js";
import { dividendQueue } from "./dividend-queue.js";
import { purchaseCommission } from "./purchase-commission.js";
import { regionalAgents } from "./regional-agents.js";
import { sharedPurchase } from "./shared-purchase.js";
import { teamLeaders } from "./team-leaders.js";
import { valueAdded } from "./value-added.js";

/**
 * Every scheme pointsim knows. Order matters only within a phase: on an order,
 * commissions are paid before points are granted; the list order is part of the model.
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
