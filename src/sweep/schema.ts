import { Type, type Static } from "@sinclair/typebox/type";

/** The sweep file's schema (docs/sweeps.md); its validator is generated (generated/README.md). */
const parameter = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 300,
      description: "Dotted path of a scenario key, e.g. schemes.valueAdded.sellPayoutRatio, products[0].price, products.health-pack.price.",
    }),
    values: Type.Optional(
      Type.Array(Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]), { minItems: 1, maxItems: 10_000, description: "The values to try." }),
    ),
    range: Type.Optional(
      Type.Object(
        {
          from: Type.Number({ description: "First value." }),
          to: Type.Number({ description: "Last value (included when a step lands on it)." }),
          step: Type.Optional(
            Type.Number({ exclusiveMinimum: 0, description: "Step for grids and one-at-a-time; random and Latin hypercube samples draw from [from, to]." }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    decimals: Type.Integer({ minimum: 0, maximum: 6, default: 6, description: "Values are rounded to this many decimals (2 for money, 0 for counts)." }),
  },
  { additionalProperties: false },
);

export const SweepSchema = Type.Object(
  {
    name: Type.String({
      pattern: "^(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,80}$",
      description: "Sweep name; names the default output folder reports/<name> (so not . or ..).",
    }),
    base: Type.String({ minLength: 1, description: "The base scenario file, relative to the sweep file." }),
    method: Type.Union(
      [Type.Literal("grid"), Type.Literal("random"), Type.Literal("lhs"), Type.Literal("oat"), Type.Literal("morris"), Type.Literal("sobol")],
      {
        default: "grid",
        description:
          "grid: every combination; random / lhs: `samples` points; oat: one at a time around the base; morris: elementary effects over `trajectories`; sobol: Saltelli's design over `samples` base samples.",
      },
    ),
    samples: Type.Integer({
      minimum: 1,
      maximum: 100_000,
      default: 10,
      description: "Points drawn by random and lhs; base samples N of sobol (N × (parameters + 2) points).",
    }),
    trajectories: Type.Integer({ minimum: 2, maximum: 10_000, default: 10, description: "Morris trajectories r (r × (parameters + 1) points)." }),
    levels: Type.Integer({
      minimum: 2,
      maximum: 100,
      default: 4,
      description: "Morris grid levels p (even); each step moves a parameter by p / (2(p − 1)) of its range.",
    }),
    metrics: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
      default: ["collapseDay", "usersLosingShare", "platformResult"],
      minItems: 1,
      maxItems: 50,
      description: "Summary metrics (dotted paths of summary.json) whose morris or sobol indices are written to sensitivity.csv.",
    }),
    bootstrap: Type.Integer({ minimum: 0, maximum: 100_000, default: 1000, description: "Bootstrap resamples for the indices' intervals (0: none)." }),
    confidence: Type.Number({ minimum: 0.5, maximum: 0.999, default: 0.95, description: "Level of the indices' percentile bootstrap intervals." }),
    seeds: Type.Integer({ minimum: 1, maximum: 10_000, default: 1, description: "Monte Carlo replicas per point, each with its own seed." }),
    seed: Type.Union([Type.Integer({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 200 })], {
      default: 1,
      description: "The sweep's seed: sample draws and every run's seed derive from it.",
    }),
    set: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]), {
      default: {},
      description: "Fixed changes to the base scenario for every run, by dotted path (e.g. days: 365).",
    }),
    parameters: Type.Array(parameter, { default: [], maxItems: 50, description: "What varies." }),
    assertions: Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), {
      default: [],
      maxItems: 1000,
      description: "Gates every run must pass (docs/gates.md).",
    }),
    maxRuns: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 100_000, description: "Refuse sweeps with more runs than this." }),
    discover: Type.Optional(
      Type.Object(
        {
          where: Type.String({
            minLength: 1,
            maxLength: 2000,
            description: "The condition a run is a case of interest for, over its summary metrics as in assertions, e.g. collapseDay <= 365.",
          }),
          minCoverage: Type.Optional(
            Type.Number({ minimum: 0, maximum: 1, description: "Choose among peeling steps with at least this coverage (default 0.5)." }),
          ),
          minDensity: Type.Optional(
            Type.Number({ minimum: 0, maximum: 1, description: "Choose the peeling step of highest coverage with at least this density." }),
          ),
          boxes: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: "Most boxes found by covering (default 2)." })),
          bootstrap: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, description: "Resamples for the thresholds' intervals (default 200)." })),
        },
        {
          additionalProperties: false,
          description: "Scenario discovery in the report: where in the swept parameters the condition holds, as PRIM boxes and a tree (docs/decide.md).",
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SweepSpec = Static<typeof SweepSchema>;
