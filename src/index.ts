/** pointsim as a library: load or build a scenario, simulate it, format the outputs. */
export { simulateWith, Simulation, type RunResult, type SimulateOptions, type Status } from "./engine/engine.js";
export { formatDay, formatValue, numericSeries, type ColumnSpec, type DayRow, type DayValue, type DayValues } from "./engine/columns.js";
export type { Summary } from "./engine/summary-types.js";
export { ConservationError, InterruptedError, ScenarioError, type ScenarioProblem } from "./errors.js";
export { SupportPool } from "./schemes/value-added.js";
export { SCHEME_MODULES } from "./registry.js";
export { simulate, createSimulation, withRows, type FormattedRun } from "./simulate.js";
export type { SchemeModule, SchemeInstance, Order, SchemePhase, FieldValues } from "./engine/scheme.js";
export { productsWith, segmentsWith } from "./engine/scheme-fields.js";
export type { CoreScenario } from "./engine/scenario.js";
export { ScenarioSchema } from "./scenario/schema.js";
export type { Scenario, Product, Segment, Shock } from "./scenario/types.js";
export { resolveScenario } from "./scenario/validate.js";
export { loadScenarioFile, parseScenarioText } from "./scenario/load.js";
export { runOutputs, timeseriesCsv } from "./report/outputs.js";
export { VERSION } from "./version.js";
export { countZhShort, yuanZh, yuanZhShort } from "./report/format-zh.js";
