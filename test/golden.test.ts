import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledRun } from "./helpers/bundled-runs.js";
import { simulate } from "../src/simulate.js";
import { dataOutputs, sha256, stableJson } from "../src/report/outputs.js";
import { loadScenarioFile } from "../src/scenario/load.js";
import type { Scenario } from "../src/scenario/types.js";
import { ROOT } from "./helpers/cli.js";

/**
 * Golden outputs: every bundled scenario's timeseries.csv, summary.json and outcomes.csv, by
 * sha256, plus a few named rows and the whole summary, so that a failure shows what moved
 * before it shows a hash. A golden changes only in a commit whose CHANGELOG line says why:
 * regenerate them with `npm run golden:update` and read the diff.
 */
const UPDATE = process.env.POINTSIM_UPDATE_GOLDEN === "1";
const GOLDEN_DIR = join(ROOT, "test", "golden");
const SCENARIO_DIR = join(ROOT, "scenarios");
/** The benchmark scenarios hold a million users; their goldens use this many instead. */
const BENCH_USERS = 3000;

function goldenScenario(file: string): Scenario {
  const { scenario } = loadScenarioFile(join(SCENARIO_DIR, file));
  if (!file.startsWith("bench-")) return scenario;
  const population = structuredClone(scenario.population);
  for (const group of population.scheduled) group.count = Math.min(group.count, BENCH_USERS);
  if (population.arrivals.perDay > 0) population.arrivals.perDay = Math.round((BENCH_USERS / 180) * 100) / 100;
  return { ...scenario, population };
}

interface Golden {
  scenario: string;
  sha256: Record<string, string>;
  /** Rows of timeseries.csv by name (first, quarter, middle, last, collapse). */
  rows: Record<string, Record<string, string>>;
  summary: unknown;
  outcomesHead: string[];
}

function computeGolden(file: string): Golden {
  const scenario = goldenScenario(file);
  // A bundled scenario's run is shared with the other files that read it; the benchmarks' are scaled down here.
  const result = file.startsWith("bench-") ? simulate(scenario) : bundledRun(file.replace(/\.yaml$/, ""));
  const files = Object.fromEntries(dataOutputs(result, scenario).map((f) => [f.name, f.content]));
  const pick = (name: string) => files[name] ?? "";
  const rows = result.rows;
  const named: Record<string, Record<string, string>> = {};
  const at = (label: string, index: number) => {
    const row = rows[index];
    if (row) named[`${label} (day ${row.day})`] = row;
  };
  at("first", 0);
  at("quarter", Math.floor(rows.length / 4));
  at("middle", Math.floor(rows.length / 2));
  at("last", rows.length - 1);
  const collapse = result.summary.collapseDay;
  if (collapse !== null) at("collapse", collapse - 1);
  return {
    scenario: file,
    sha256: { "timeseries.csv": sha256(pick("timeseries.csv")), "summary.json": sha256(pick("summary.json")), "outcomes.csv": sha256(pick("outcomes.csv")) },
    rows: named,
    summary: JSON.parse(pick("summary.json")),
    outcomesHead: pick("outcomes.csv").split("\n").slice(0, 6),
  };
}

const scenarioFiles = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith(".yaml") && !f.startsWith("sweep"))
  .sort();

describe("golden outputs of every bundled scenario", () => {
  it("covers every bundled run scenario", () => {
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(10);
    if (UPDATE) mkdirSync(GOLDEN_DIR, { recursive: true });
    for (const file of scenarioFiles)
      expect(existsSync(join(GOLDEN_DIR, file.replace(/\.yaml$/, ".json"))) || UPDATE, `test/golden/${file} is missing: run npm run golden:update`).toBe(true);
  });

  for (const file of scenarioFiles) {
    it(file, () => {
      const actual = computeGolden(file);
      const path = join(GOLDEN_DIR, file.replace(/\.yaml$/, ".json"));
      if (UPDATE) {
        writeFileSync(path, stableJson(actual));
        return;
      }
      const expected = JSON.parse(readFileSync(path, "utf8")) as Golden;
      // Readable parts first, so a failure shows which rows and figures moved.
      expect(actual.rows, "named rows of timeseries.csv").toEqual(expected.rows);
      expect(actual.summary, "summary.json").toEqual(expected.summary);
      expect(actual.outcomesHead, "first rows of outcomes.csv").toEqual(expected.outcomesHead);
      expect(actual.sha256, "sha256 of the output files").toEqual(expected.sha256);
    });
  }
});
