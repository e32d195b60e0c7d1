import { parentPort } from "node:worker_threads";
import { simulate } from "../simulate.js";
import { numericSeries } from "../engine/columns.js";
import { timeseriesCsv } from "../report/outputs.js";
import type { Scenario } from "../scenario/types.js";
import { BAND_COLUMNS } from "./records.js";

/** A sweep worker: runs one scenario per message and posts back its summary and bands. */
interface Job {
  index: number;
  scenario: Scenario;
  seed: number;
  keepSeries: boolean;
  keepBands: boolean;
}

parentPort?.on("message", (job: Job) => {
  try {
    const result = simulate(job.scenario, { seed: job.seed });
    const bands = job.keepBands ? Object.fromEntries(BAND_COLUMNS.map((c) => [c, numericSeries(result.specs, result.values, c)])) : null;
    parentPort?.postMessage({ index: job.index, ok: true, summary: result.summary, bands, series: job.keepSeries ? timeseriesCsv(result) : null });
  } catch (error) {
    parentPort?.postMessage({ index: job.index, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
