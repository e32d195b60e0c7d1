import { Type, type Static } from "@sinclair/typebox/type";

/** The fit file's schema (docs/fit.md); its validator is generated (generated/README.md). */
const parameter = Type.Object(
  {
    key: Type.String({
      minLength: 1,
      maxLength: 300,
      description: "Dotted path of a scenario key to fit, e.g. population.arrivals.growthRate, population.segments.member.orderRate.",
    }),
    range: Type.Object(
      {
        from: Type.Number({ description: "Lowest value tried." }),
        to: Type.Number({ description: "Highest value tried (greater than from)." }),
      },
      { additionalProperties: false },
    ),
    scale: Type.Union([Type.Literal("linear"), Type.Literal("log")], {
      default: "linear",
      description:
        "linear: the search moves evenly over [from, to]; log: evenly over its logarithm (for a rate or size spanning orders of magnitude; from must be above 0).",
    }),
    decimals: Type.Integer({ minimum: 0, maximum: 6, default: 6, description: "Candidate values are rounded to this many decimals (0 for counts)." }),
  },
  { additionalProperties: false },
);

/** One target: a summary figure (metric and value) or an observed series file (series); loadFitFile checks which. */
const target = Type.Object(
  {
    metric: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: "A number of summary.json by dotted path: peakUsers, totalGmv, totalUserPayouts, collapseDay, schemes.dividendRights.holders, ...",
      }),
    ),
    value: Type.Optional(Type.Number({ description: "With metric: the observed value (yuan for money, a day number for collapseDay)." })),
    scale: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, description: "With metric: what its error is relative to (default: |value|, or 1 when value is 0)." }),
    ),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: "With metric: its label in the report and fit.csv (default: the metric)." })),
    series: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1000,
        description: "A CSV file of observed daily figures, relative to the fit file: header day,column,value; column is a timeseries.csv column.",
      }),
    ),
    columns: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        minItems: 1,
        maxItems: 100,
        description: "With series: fit only these columns of the file (default: every column it has).",
      }),
    ),
    weight: Type.Number({
      minimum: 0,
      maximum: 1_000_000,
      default: 1,
      description: "The target's weight in the error (a series: each column's, shared equally by its days).",
    }),
  },
  { additionalProperties: false },
);

export const FitSchema = Type.Object(
  {
    name: Type.String({ pattern: "^(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,80}$", description: "Fit name; names the default output folder reports/<name>." }),
    base: Type.String({ minLength: 1, description: "The scenario to fit, relative to the fit file." }),
    description: Type.Optional(Type.String({ maxLength: 4000, description: "What is fitted and where the observed figures come from." })),
    seed: Type.Union([Type.Integer({ minimum: 0 }), Type.String({ minLength: 1, maxLength: 200 })], {
      default: 1,
      description: "The fit's seed: the starting design and every run's seed derive from it.",
    }),
    seeds: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 1,
      description: "Runs per candidate, on the same seeds for every candidate (common random numbers); figures are their mean.",
    }),
    set: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Null()]), {
      default: {},
      description:
        "Changes to the base scenario while fitting only, by dotted path (e.g. days: 90, the days observed); the fitted scenario and the projection do not keep them.",
    }),
    parameters: Type.Array(parameter, { minItems: 1, maxItems: 20, description: "The unknowns: what the fit varies, each within its range." }),
    targets: Type.Array(target, { minItems: 1, maxItems: 200, description: "What the fitted runs must reproduce: summary figures and observed daily series." }),
    start: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 24,
      description: "Candidates of the starting Latin hypercube design over the parameters' ranges.",
    }),
    maxCandidates: Type.Integer({
      minimum: 0,
      maximum: 100_000,
      default: 200,
      description: "Most candidates the Nelder–Mead search may run after the start (each candidate runs `seeds` times).",
    }),
    tolerance: Type.Number({
      exclusiveMinimum: 0,
      maximum: 1,
      default: 0.0001,
      description: "The search stops when the simplex's errors differ by less than this and its points by less than 0.001 of each range.",
    }),
    project: Type.Object(
      {
        seeds: Type.Integer({
          minimum: 0,
          maximum: 1000,
          default: 20,
          description: "Runs of the fitted scenario over its own horizon for the projection (0: none).",
        }),
      },
      {
        additionalProperties: false,
        default: {},
        description: "The projection: the fitted scenario over its full horizon, across seeds, with the observed points over it.",
      },
    ),
  },
  { additionalProperties: false },
);
export type FitSpec = Static<typeof FitSchema>;
export type FitParameter = FitSpec["parameters"][number];
