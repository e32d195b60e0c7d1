import { Type, type Static } from "@sinclair/typebox/type";

/** The recommend file's schema (docs/decide.md, "Recommending settings"); its validator is generated (generated/README.md). */
const parameter = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 300,
      description: "Dotted path of a scenario key to choose, e.g. schemes.ads.releaseRate, schemes.valueAdded.sellPayoutRatio, products[0].price.",
    }),
    range: Type.Object(
      {
        from: Type.Number({ description: "Lowest value tried." }),
        to: Type.Number({ description: "Highest value tried (greater than from)." }),
        step: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: "design: grid: the grid's step from `from` (the last step at or below `to`)." })),
      },
      { additionalProperties: false },
    ),
    scale: Type.Union([Type.Literal("linear"), Type.Literal("log")], {
      default: "linear",
      description: "linear: the design spreads evenly over [from, to]; log: over its logarithm (from must be above 0).",
    }),
    decimals: Type.Integer({
      minimum: 0,
      maximum: 6,
      default: 6,
      description: "Candidate values are rounded to this many decimals (2 for money, 0 for counts).",
    }),
  },
  { additionalProperties: false },
);

const constraint = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: "Its label in the outputs (default: the event)." })),
    event: Type.String({
      minLength: 1,
      maxLength: 2000,
      description:
        'A gate expression over one run\'s summary.json (docs/gates.md) that is true when the run fails this constraint, e.g. "collapseDay != null and collapseDay <= 1095", "compliance.pyramidThresholdDay != null", "usersLosingShare > 0.3".',
    }),
    max: Type.Number({
      exclusiveMinimum: 0,
      exclusiveMaximum: 1,
      description: "The tolerance α: the chance of the event, over seeds, must be proved at most this at the confidence.",
    }),
  },
  { additionalProperties: false },
);

export const RecommendSchema = Type.Object(
  {
    name: Type.String({ pattern: "^(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,80}$", description: "Names the default output folder reports/<name>." }),
    base: Type.String({ minLength: 1, description: "The scenario whose settings are chosen, relative to this file." }),
    description: Type.Optional(Type.String({ maxLength: 4000, description: "The decision asked." })),
    seed: Type.Union([Type.Integer({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 200 })], {
      default: 1,
      description: "The design and every run's seed derive from it (the verification's fresh seeds too, from their own stream).",
    }),
    set: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]), {
      default: {},
      description: "Fixed changes to the base scenario for every run, by dotted path (kept in recommended.yaml).",
    }),
    parameters: Type.Array(parameter, { minItems: 1, maxItems: 20, description: "The settings to choose, each within its range." }),
    design: Type.Union([Type.Literal("lhs"), Type.Literal("grid")], {
      default: "lhs",
      description: "lhs: a Latin hypercube of `samples` candidates; grid: every combination of each range's steps (range.step on every parameter).",
    }),
    samples: Type.Integer({ minimum: 1, maximum: 10_000, default: 16, description: "design: lhs: candidates of the first design." }),
    refine: Type.Integer({
      minimum: 0,
      maximum: 30,
      default: 6,
      description: "Bisection steps along each refined direction, between the best safe candidate and a better unsafe one (0: no refinement).",
    }),
    directions: Type.Integer({
      minimum: 0,
      maximum: 20,
      default: 2,
      description: "Directions refined: the unsafe candidates with a better objective nearest the best safe one.",
    }),
    constraints: Type.Array(constraint, { minItems: 1, maxItems: 20, description: "Events whose chance must be proved at most their `max`." }),
    objective: Type.Object(
      {
        metric: Type.String({
          minLength: 1,
          maxLength: 200,
          description: "A number of summary.json by dotted path (docs/indicators.md): platformResult, usersNetResult, totalGmv, ...",
        }),
        goal: Type.Union([Type.Literal("maximize"), Type.Literal("minimize")], { default: "maximize", description: "Which way is better." }),
      },
      { additionalProperties: false },
    ),
    confidence: Type.Number({
      minimum: 0.5,
      maximum: 0.9999,
      default: 0.95,
      description: "1 − δ: the one-sided Clopper–Pearson bounds' confidence, and the objective's interval.",
    }),
    batch: Type.Integer({ minimum: 1, maximum: 1000, default: 10, description: "Seeds a candidate runs between two looks at its bounds." }),
    maxSeeds: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 60,
      description: "Most seeds per candidate; a candidate neither proved safe nor unsafe by then is undecided (not recommended).",
    }),
    front: Type.Integer({ minimum: 1, maximum: 50, default: 5, description: "Most points of the front re-verified on fresh seeds (the best by objective)." }),
    verifySeeds: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 120,
      description: "Fresh seeds each verified front point runs (no early stop).",
    }),
    maxRuns: Type.Integer({ minimum: 1, maximum: 10_000_000, default: 200_000, description: "Refuse a plan whose worst case needs more runs than this." }),
  },
  { additionalProperties: false },
);
export type RecommendSpec = Static<typeof RecommendSchema>;
