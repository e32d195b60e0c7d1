import { Type, type Static, type TProperties, type TRecord, type TSchema, type TString, type TUnknown } from "@sinclair/typebox/type";
import { MAX_YUAN, integer, money, optionalDay, probability, rate, record, section } from "./fields.js";

/*
 * The scenario's schema without any scheme: what the engine reads. The schemes add to it
 * (their fields on products and segments, their shock types, their configs under `schemes`
 * and their thresholds under `collapse`); src/scenario/schema.ts composes the registry's into
 * it. Nothing here names a scheme, so the engine can be typed against CoreScenario without
 * importing the registry.
 */

/** A product's name, its price and the price's split. */
/** The key under the scenario's top level that silences plausibility warnings, one key path each (src/scenario/plausibility.ts). */
const acceptWarningsField = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 200, description: "A key path a plausibility warning names, such as schemes.ads.releaseRate." }), {
    maxItems: 1000,
    description:
      "Plausibility warnings this scenario means (docs/plausibility.md): each a key path a warning names; its warnings are neither printed nor listed in summary.json.",
  }),
);

const productPrice = {
  id: Type.String({ pattern: "^[A-Za-z0-9_.-]{1,64}$", description: "Product name used in reports and by segments' firstOrderProduct." }),
  price: money({ exclusiveMinimum: 0, description: "What the buyer pays per order." }),
  cost: money({ default: 0, description: "Cost of goods, paid to suppliers (the world) on each order." }),
  goodsValue: Type.Unsafe<number | null>({
    type: ["number", "null"],
    minimum: 0,
    maximum: MAX_YUAN,
    decimals: 2,
    default: null,
    unit: "yuan",
    description:
      "What the goods of one order are worth to the buyer, for who loses (null: the cost, what they cost the platform; a brochure's inflated price is not their worth).",
  }),
  platformMargin: money({ default: 0, description: "Platform's own margin per order." }),
  distribution: money({ default: 0, description: "Budget for purchase commissions per order; unused budget stays with the platform." }),
};

/** How a product is chosen and paid for. */
const productChoice = {
  weight: rate({ default: 1, description: "Relative chance this product is chosen for an order (0: only as a first order product)." }),
  pointsPayShare: probability({
    default: 0,
    description:
      "Share of the price a buyer may pay with points (seed 002: 用积分+现金购买): ad points at yuanPerPoint, burnt; the rest in change or new money.",
  }),
  requiresProduct: Type.Unsafe<string | null>({
    type: ["string", "null"],
    productId: true,
    default: null,
    description:
      "Only users who have bought this product before may buy this one (seed 002's repeat zone: 需要购买报单区产品后才有资格购买); others choose among the products open to them (null: open to all).",
  }),
};

/**
 * A product: its price and split, then the fields the schemes declare
 * (SchemeModule.productFields, in registry order), then how it is chosen.
 */
export function productSchema<F extends TProperties>(schemeFields: F) {
  return record("A product users buy. Its price splits into cost, platform margin, distribution and the order contribution (the rest).", {
    ...productPrice,
    ...schemeFields,
    ...productChoice,
  });
}

/** Who a segment is and how its users order. */
const segmentOrders = {
  name: Type.String({ pattern: "^[A-Za-z0-9_.-]{1,64}$", description: "Segment name." }),
  weight: rate({ default: 1, exclusiveMinimum: 0, description: "Relative share of new users in this segment." }),
  firstOrderProbability: probability({ default: 1, description: "Chance a new user places an order on joining (报单)." }),
  firstOrderProduct: Type.Unsafe<string | null>({
    type: ["string", "null"],
    default: null,
    description: "Product id of the first order (null: chosen by product weight).",
  }),
  orderRate: probability({ default: 0.02, unit: "per day", description: "Daily chance of a later order (scaled by confidence)." }),
  payWithChangeProbability: probability({
    default: 0,
    description: "Chance an order is paid from the change wallet first (余额反复报单); any shortfall is new money.",
  }),
};

/** How a segment's users cash out, leave, and how much they may buy. */
const segmentLeaving = {
  withdraw: section("Withdrawal behaviour.", {
    probability: probability({ default: 0.05, unit: "per day", description: "Daily chance of asking to withdraw (raised by low confidence)." }),
    share: probability({ default: 1, exclusiveMinimum: 0, description: "Share of the change wallet asked for." }),
  }),
  churnRate: probability({
    default: 0,
    unit: "per day",
    description: "Daily chance of leaving for good; a leaver withdraws their change and stops ordering and watching.",
  }),
  maxOrders: Type.Unsafe<number | null>({
    type: ["integer", "null"],
    minimum: 1,
    maximum: 1_000_000,
    default: null,
    unit: "orders",
    description: "Most orders one user of the segment may place in all (a per-person limit, 对单人报单数量做出限制; null: none).",
  }),
  maxSpend: Type.Unsafe<number | null>({
    type: ["number", "null"],
    minimum: 0,
    maximum: MAX_YUAN,
    decimals: 2,
    default: null,
    unit: "yuan",
    description: "Most one user of the segment may spend on orders in all; an order that would pass it is not placed (对单人投资金额做出限制; null: none).",
  }),
};

/**
 * A segment: its ordering behaviour, then the fields the schemes declare
 * (SchemeModule.segmentFields, in registry order), then cashing out, leaving and limits.
 */
export function segmentSchema<F extends TProperties>(schemeFields: F) {
  return record("A behaviour profile. Each new user is drawn into a segment by weight.", { ...segmentOrders, ...schemeFields, ...segmentLeaving });
}

const arrivals = section("How many users arrive each day.", {
  model: Type.Union([Type.Literal("constant"), Type.Literal("exponential"), Type.Literal("logistic"), Type.Literal("referral")], {
    default: "constant",
    description:
      "constant: perDay; exponential: perDay × (1+growthRate)^(day−startDay); logistic: the S-curve to marketSize from initialUsers at growthRate; referral: initialUsers, then each promoter invites inviteRate × (1 − users/marketSize) a day.",
  }),
  perDay: rate({ default: 100, unit: "users/day", description: "constant and exponential: expected arrivals per day (fractions carry over)." }),
  growthRate: rate({ default: 0.01, maximum: 10, unit: "per day", description: "exponential and logistic: daily growth rate." }),
  initialUsers: integer({ default: 100, unit: "users", description: "logistic: users at startDay; referral: seed users arriving on startDay." }),
  inviteRate: rate({
    default: 0.05,
    maximum: 100,
    unit: "per promoter per day",
    description: "referral: invitations per promoter per day at zero saturation.",
  }),
  marketSize: integer({
    default: 10_000_000,
    minimum: 1,
    unit: "users",
    description: "Arrivals stop at this many users; the logistic and referral models slow down towards it.",
  }),
  startDay: integer({ default: 1, minimum: 1, unit: "day", description: "First day of arrivals." }),
  endDay: optionalDay({ description: "Last day of arrivals (null: to the end)." }),
  referredShare: probability({
    default: 0.7,
    description: "constant/exponential/logistic: share of arrivals invited by an existing promoter (chosen by `recruiter`), building the referral tree.",
  }),
  recruiter: section('Which promoter recruits an invited arrival (docs/model.md, "Who recruits"): it sets how deep the referral chains run.', {
    model: Type.Union([Type.Literal("uniform"), Type.Literal("preferential"), Type.Literal("recent")], {
      default: "uniform",
      description:
        "uniform: every promoter alike (chains about e·ln n deep); preferential: in proportion to direct recruits + attractiveness (Barabási–Albert; shallower, with hubs); recent: uniformly among the window most recent promoters (about 2n / (window + 1) levels after n promoters).",
    }),
    attractiveness: rate({
      default: 1,
      maximum: 1_000_000,
      unit: "recruits",
      description: "preferential: weight a promoter has before recruiting anyone (1: Barabási–Albert).",
    }),
    window: integer({ default: 10_000, minimum: 1, unit: "promoters", description: "recent: how many of the most recent promoters may recruit." }),
  }),
});

/** A shock on given days; `type` is one of the engine's shock types or one a scheme declares (SchemeModule.shocks). */
function shockSchema<T extends TSchema>(type: T) {
  return record("A shock on given days.", {
    day: integer({ minimum: 1, unit: "day", description: "Day the shock takes effect (phase 1)." }),
    type,
    value: rate({ default: 1, maximum: 1000, description: "Multiplier, or for a share (panicSell) the share of holders affected." }),
    untilDay: optionalDay({ description: "Last day of the effect (null: a one-day shock such as panicSell lasts its day, the others to the end of the run)." }),
  });
}

/** The collapse section: the engine's own signals, then each scheme's thresholds under its key. */
function collapseSchema(thresholds: Readonly<Record<string, TSchema>>) {
  const schema = Type.Object(
    {
      backlogDays: integer({
        default: 7,
        minimum: 0,
        unit: "days",
        description: "Insolvency: collapse the first day an unpaid, due withdrawal is older than this.",
      }),
      newMoney: section("The business stopped: new money in the last windowDays days below share of its highest such sum, days days in a row (share 0: off).", {
        share: probability({ default: 0.05, description: "Share of the peak below which new money counts as fallen away." }),
        windowDays: integer({ default: 7, minimum: 1, maximum: 365, unit: "days", description: "Days of new money summed." }),
        days: integer({ default: 30, minimum: 1, maximum: 36_500, unit: "days", description: "Days in a row below the share before the signal fires." }),
      }),
      stopOnCollapse: Type.Boolean({ default: false, description: "Stop the run at the end of the collapse day." }),
      stressedCoverage: rate({
        default: 0.5,
        maximum: 1000,
        unit: "ratio",
        description: "Status is stressed while the coverage ratio is below this (or a due withdrawal is unpaid, or any signal is half way to firing).",
      }),
    },
    {
      additionalProperties: false,
      default: {},
      description:
        "When a run counts as collapsed: the first day any failure signal fires. The engine's signals, then each scheme's under its key (used only while that scheme runs).",
    },
  );
  // Each scheme's thresholds, under its key. They are not in the static type: a scheme reads
  // its own through the engine (SchemeModule.create's third argument).
  Object.assign(schema.properties as Record<string, TSchema>, thresholds);
  return schema;
}

/** What the schemes add to a scenario; src/scenario/schema.ts gathers the registry's. */
export interface SchemeParts<P extends TProperties, S extends TProperties, T extends TSchema, C extends TSchema> {
  /** Their fields on every product (SchemeModule.productFields). */
  productFields: P;
  /** Their fields on every segment (SchemeModule.segmentFields). */
  segmentFields: S;
  /** The shock types, the engine's and theirs. */
  shockType: T;
  /** Their configs, the `schemes` section. */
  schemes: C;
  /** Their collapse thresholds by scheme key (SchemeModule.collapseSchema). */
  collapseThresholds: Readonly<Record<string, TSchema>>;
}

/** The whole scenario schema, with what the schemes add. */
export function scenarioSchema<P extends TProperties, S extends TProperties, T extends TSchema, C extends TSchema>(parts: SchemeParts<P, S, T, C>) {
  return Type.Object(
    {
      name: Type.String({ pattern: "^[A-Za-z0-9_.-]{1,80}$", description: "Scenario name; names the default output folder." }),
      description: Type.String({ default: "", maxLength: 10_000, description: "Free text shown in reports." }),
      seed: Type.Union([Type.Integer({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 200 })], {
        default: 1,
        description: "Seed of the run's one random generator; --seed overrides.",
      }),
      days: integer({ minimum: 1, maximum: 36_500, default: 365, unit: "days", description: "Number of days simulated." }),
      products: Type.Array(productSchema(parts.productFields), { minItems: 1, maxItems: 1000, description: "Products on sale." }),
      population: section("Users: arrivals and behaviour segments.", {
        arrivals,
        geography: section("Areas users live in (for regional agents): regions → provinces → cities → counties. Each user lives in a county drawn uniformly.", {
          regions: integer({ default: 1, minimum: 1, maximum: 1000, unit: "areas", description: "Regions (大区)." }),
          provincesPerRegion: integer({ default: 1, minimum: 1, maximum: 1000, unit: "areas", description: "Provinces in each region." }),
          citiesPerProvince: integer({ default: 1, minimum: 1, maximum: 1000, unit: "areas", description: "Cities in each province." }),
          countiesPerCity: integer({ default: 1, minimum: 1, maximum: 1000, unit: "areas", description: "Counties in each city." }),
        }),
        maxUsers: integer({
          default: 5_000_000,
          minimum: 1,
          maximum: 20_000_000,
          unit: "users",
          description: "Hard limit on users in a run; reaching it is an error rather than running out of memory.",
        }),
        scheduled: Type.Array(
          record("A group of users arriving on a given day in a given segment, besides the arrivals model (seed users, worked examples).", {
            day: integer({ minimum: 1, unit: "day", description: "Day they arrive." }),
            count: integer({ minimum: 1, maximum: 50_000_000, unit: "users", description: "How many arrive." }),
            segment: Type.String({ description: "Name of their segment." }),
          }),
          {
            default: [],
            maxItems: 10_000,
            description: "Scheduled arrivals, in addition to the arrivals model; they arrive first on their day, without referrer.",
          },
        ),
        segments: Type.Array(segmentSchema(parts.segmentFields), {
          minItems: 1,
          maxItems: 255,
          default: [{ name: "default" }],
          description: "Behaviour segments.",
        }),
      }),
      schemes: parts.schemes,
      withdrawals: section("Cashing out the change wallet.", {
        minimum: money({ default: 10, description: "Smallest withdrawal a user may ask for." }),
        feeRate: probability({ default: 0, description: "Fee kept by the platform, as a share of the amount asked." }),
        delayDays: integer({ default: 1, maximum: 365, unit: "days", description: "Paid T+delayDays; unpaid amounts then wait in a FIFO backlog." }),
      }),
      platform: section("The platform's own cash and costs.", {
        initialCash: money({ default: 0, maximum: 1_000_000_000_000, description: "Cash the founders put in on day 1 (from the world)." }),
        operatingCostPerDay: money({ default: 0, description: "Fixed operating cost per day." }),
        operatingCostPerActiveUser: money({ default: 0, description: "Operating cost per active user per day." }),
        interestRate: rate({
          default: 0,
          maximum: 1,
          unit: "per year",
          description:
            "Yield on the platform's cash, a nominal rate a year: each day the cash earns ⌊cash × rate / 365⌋ fen from the world after the day's withdrawals (nothing on a balance at or below 0); counted in earned_revenue.",
        }),
        poolInterestRate: rate({
          default: 0,
          maximum: 1,
          unit: "per year",
          description:
            "Yield on the schemes' pools (support pool, dividend pools, mutual aid pools), a nominal rate a year: each day, right after the interest on the cash, every pool earns ⌊balance × rate / 365⌋ fen from the world into the pool, where the scheme's rule sees it (a support pool's price rises); nothing on an empty pool; counted in earned_revenue.",
        }),
        thirdPartyRevenue: section(
          "Revenue third parties pay the platform, not its users (a marketplace's commission on merchants' sales, sponsorship); counted in earned_revenue.",
          {
            perDay: money({ default: 0, description: "A fixed sum a day." }),
            gmvShare: probability({
              default: 0,
              description: "A share of the day's GMV (e.g. merchants' commission to the marketplace), rounded down to the fen.",
            }),
          },
        ),
      }),
      confidence: section("Platform-wide confidence in [0, 1] and its effect on behaviour.", {
        initial: probability({ default: 1, description: "Confidence on day 1." }),
        effect: probability({
          default: 1,
          description: "How strongly confidence scales arrivals, orders and withdrawals (0: no effect; behaviour is then independent of confidence).",
        }),
        adjustRate: probability({ default: 0.2, unit: "per day", description: "Share of the gap to the day's target confidence closed each day." }),
        backlogWeight: probability({ default: 0.8, description: "How far a withdrawal backlog as old as collapse.backlogDays pulls the target down." }),
        priceStallWeight: probability({ default: 0.2, description: "How far a value-added price flat for priceStallDays pulls the target down." }),
        priceStallDays: integer({ default: 30, minimum: 1, unit: "days", description: "Days of flat price for the full stall effect." }),
        withdrawBoost: rate({
          default: 3,
          maximum: 100,
          unit: "ratio",
          description: "At zero confidence the daily withdrawal chance is multiplied by 1 + effect × withdrawBoost.",
        }),
      }),
      collapse: collapseSchema(parts.collapseThresholds),
      report: section("How results are grouped in reports.", {
        cohortDays: integer({
          default: 30,
          minimum: 1,
          maximum: 3650,
          unit: "days",
          description: "Users who joined within the same cohortDays-long period form a cohort in outcomes.csv.",
        }),
        scale: integer({
          default: 1,
          minimum: 1,
          maximum: 10_000,
          unit: "ratio",
          description:
            "The scenario runs at 1:scale of the real platform (a case replayed at 1:100): the legal tests report participants and money at full scale (× scale) and compare them with the thresholds there; levels and days are not scaled (docs/compliance.md).",
        }),
      }),
      shocks: Type.Array(shockSchema(parts.shockType), { default: [], maxItems: 10_000, description: "Shocks on given days." }),
      changes: Type.Optional(
        Type.Array(
          record('A rule that changes on a day (docs/model.md, "Rules that change on a date").', {
            day: integer({ minimum: 1, unit: "day", description: "Day the change takes effect: at the start of the day, before anything else (phase 1)." }),
            key: Type.String({
              minLength: 1,
              maxLength: 300,
              description:
                "A dotted key as in a sweep (`schemes.ads.releaseRate`, `withdrawals.feeRate`, `population.segments.believer.orderRate`, `products.box.weight`); only keys declared changeable (the table in docs/model.md).",
            }),
            value: Type.Union([Type.Number(), Type.Boolean(), Type.String(), Type.Null()], {
              description: "The new value, checked as the key's own field (type, range, decimals).",
            }),
          }),
          {
            maxItems: 10_000,
            description: "Rules that change on given days (absent: none). Each is drawn on the report's charts and listed in summary.json's changes.",
          },
        ),
      ),
      responses: Type.Optional(
        Type.Array(
          record("How a behaviour responds to a declared driver: each day it is multiplied by max(floor, 1 − sensitivity × driver).", {
            driver: Type.String({ minLength: 1, maxLength: 80, description: "A driver the engine or a running scheme declares (the table in docs/model.md)." }),
            acts: Type.Union([Type.Literal("arrivals"), Type.Literal("orders")], {
              description: "arrivals: the day's arrivals (or invitations); orders: every segment's chance of a first and of a later order.",
            }),
            sensitivity: rate({
              maximum: 1000,
              unit: "per driver unit",
              description: "How much one unit of the driver (a day, a share) takes off the multiplier.",
            }),
            floor: probability({ default: 0, description: "The multiplier never falls below this." }),
          }),
          {
            maxItems: 100,
            description: "Behaviour that reacts to declared drivers, one day late like confidence (absent: none). Several on one behaviour multiply.",
          },
        ),
      ),
      assertions: Type.Array(Type.String({ minLength: 1, maxLength: 2000, description: "An expression over summary.json's metrics that must be true." }), {
        default: [],
        maxItems: 1000,
        description: 'CI gates checked after the run, e.g. "collapseDay == null or collapseDay > 730"; a failed one makes the run exit 1 (docs/gates.md).',
      }),
      acceptWarnings: acceptWarningsField,
    },
    { additionalProperties: false, description: "A pointsim scenario." },
  );
}

/**
 * The scenario as the engine reads it: the schemes' product and segment fields, configs and
 * thresholds are unknown to it (a scheme narrows its own, src/engine/scenario.ts).
 */
export type CoreScenario = Static<ReturnType<typeof scenarioSchema<Record<never, never>, Record<never, never>, TString, TRecord<TString, TUnknown>>>>;
