import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { ROOT, tempDir } from "./cli.js";

/**
 * A bundled scenario cut to its first `days` days, written under its own file name in a fresh
 * folder (so a run's folder names it as the whole would): the same model for a fraction of a
 * whole run's cost (seed 002's first 60 days of timeseries.csv are the whole run's, byte for
 * byte). For the CLI tests whose point is not the length of the run.
 */
export function shortened(name: string, days: number): string {
  const file = join(tempDir(), `${name}.yaml`);
  const scenario = parse(readFileSync(join(ROOT, "scenarios", `${name}.yaml`), "utf8")) as Record<string, unknown>;
  writeFileSync(file, stringify({ ...scenario, days }));
  return file;
}
