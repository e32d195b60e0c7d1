import { createHash } from "node:crypto";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { evaluate, parseExpression, printable } from "../gates/expression.js";
import { unknownMetricProblems } from "../gates/gates.js";
import { ExpressionError, type ScenarioProblem } from "../errors.js";
import { readManifest } from "../report/ownership.js";
import { readRegularFile } from "../scenario/read.js";
import { problem } from "../scenario/problem.js";
import { errorWords, type Words, words } from "../i18n/words.js";

/**
 * The cases scenario discovery works on: one per completed run of a sweep, with the run's
 * parameter values (the inputs) and whether the condition `--where` holds for it (y = 1, a case
 * of interest). Dimensions are kept in the order of their names, so nothing found depends on
 * the order of the sweep file's parameters or of runs.csv's columns.
 */
type Dimension = { name: string; kind: "numeric"; values: Float64Array } | { name: string; kind: "categorical"; values: string[]; categories: string[] };

export interface Dataset {
  dims: Dimension[];
  /** 1 where the condition holds. */
  y: Uint8Array;
}

export interface LoadedSweep {
  dir: string;
  where: string;
  data: Dataset;
  failedRuns: number;
  runsCsvSha256: string;
  sweepName: string;
  /** The sweep's seed (as text): the default seed of the bootstrap. */
  sweepSeed: string;
  complete: boolean;
}

/** The largest runs.csv read: a million runs of a dozen parameters fit well inside. */
const MAX_RUNS_CSV_BYTES = 1024 * 1024 * 1024;
/** Columns of runs.csv that describe a run rather than its outcome or inputs. */
const BOOKKEEPING = new Set(["run", "point", "replica", "seed", "status", "error", "errorZh"]);

/**
 * The cases from each run's parameter values (in the order of `keys`) and outcomes: a parameter
 * whose every value is a finite number is numeric, any other categorical (its values as text).
 * Dimensions are put in the order of their names and cases in the order of their values (then
 * outcome), so what is found, the bootstrap's resamples included, depends on the cases alone,
 * not on the order of the sweep's parameters or runs.
 */
export function datasetOf(keys: readonly string[], rows: readonly (readonly unknown[])[], y: Uint8Array): Dataset {
  const dims = keys
    .map((name, k): Dimension => {
      const column = rows.map((row) => row[k]);
      if (column.every((v) => typeof v === "number" && Number.isFinite(v))) return { name, kind: "numeric", values: Float64Array.from(column as number[]) };
      const values = column.map((v) => (typeof v === "string" ? v : JSON.stringify(v ?? null)));
      return { name, kind: "categorical", values, categories: [...new Set(values)].sort() };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const compare = (i: number, j: number): number => {
    for (const dim of dims) {
      const a = dim.values[i] as number | string;
      const b = dim.values[j] as number | string;
      if (a !== b) return a < b ? -1 : 1;
    }
    return (y[i] as number) - (y[j] as number);
  };
  const order = Array.from(y, (_, i) => i).sort(compare);
  return {
    dims: dims.map((dim) =>
      dim.kind === "numeric"
        ? { ...dim, values: Float64Array.from(order, (i) => dim.values[i] as number) }
        : { ...dim, values: order.map((i) => dim.values[i] as string) },
    ),
    y: Uint8Array.from(order, (i) => y[i] as number),
  };
}

/** A cell of runs.csv as a value of the expression language: "" is null, numbers and booleans are themselves. */
function typed(cell: string): number | string | boolean | null {
  if (cell === "") return null;
  if (cell === "true" || cell === "false") return cell === "true";
  const n = Number(cell);
  return Number.isFinite(n) && /^-?[0-9.]/.test(cell) ? n : cell;
}

/** The record an expression reads: dotted column names as nested keys, with no prototype to reach. */
function nested(columns: readonly string[], cells: readonly unknown[]): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null);
  columns.forEach((name, c) => {
    const parts = name.split(".");
    let holder = root;
    for (const part of parts.slice(0, -1)) {
      const next = holder[part];
      if (next === undefined) holder[part] = Object.create(null);
      else if (next === null || typeof next !== "object") return;
      holder = holder[part] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1] as string;
    if (!Object.hasOwn(holder, last)) holder[last] = cells[c];
  });
  return root;
}

/**
 * Reads a sweep folder's runs.csv and evaluates `where` on every completed run. Every problem
 * found is returned at once (path, expected, found); nothing is returned as data unless there
 * are none.
 */
export function loadSweepCases(dir: string, where: string): { loaded: LoadedSweep } | { problems: ScenarioProblem[] } {
  const problems: ScenarioProblem[] = [];
  let node: ReturnType<typeof parseExpression> | null = null;
  try {
    node = parseExpression(where);
  } catch (error) {
    problems.push(problem("--where", words("expected.runsExpression"), errorWords(error)));
  }
  const manifest = readManifest(dir);
  if (manifest === null || manifest.tool !== "pointsim" || manifest.kind !== "sweep") {
    problems.push(
      problem(
        join(dir, "manifest.json"),
        words("expected.sweepFolderManifest"),
        manifest === null ? words("found.noManifest") : words("found.notSweepManifest"),
      ),
    );
    return { problems };
  }
  const spec = manifest.sweep as { name?: unknown; seed?: unknown; parameters?: { key?: unknown }[] } | undefined;
  const keys = Array.isArray(spec?.parameters) ? spec.parameters.map((p) => p?.key).filter((k): k is string => typeof k === "string") : [];
  const path = join(dir, "runs.csv");
  const read = readRegularFile(path, MAX_RUNS_CSV_BYTES, { followLinks: false });
  if ("problem" in read) return { problems: [...problems, problem(path, words("expected.sweepRunsCsv"), words("found.theFile", { problem: read.problem }))] };
  const digest = createHash("sha256").update(read.bytes).digest("hex");
  const recorded = (manifest.outputs as Record<string, unknown> | undefined)?.["runs.csv"];
  if (recorded !== digest) problems.push(problem(path, words("expected.runsCsvAsWritten"), words("found.changedSince")));
  let rows: string[][];
  try {
    rows = parse(read.bytes, { relax_column_count: false }) as string[][];
  } catch (error) {
    // The parser's own message in English; in Chinese, what it means.
    return { problems: [...problems, problem(path, words("expected.csv"), { en: printable((error as Error).message), zh: words("found.notCsv").zh })] };
  }
  const [header = [], ...body] = rows;
  const missing = keys.filter((k) => !header.includes(k));
  if (keys.length === 0 || missing.length > 0 || !header.includes("status"))
    problems.push(
      problem(
        path,
        words("expected.sweptColumns"),
        keys.length === 0
          ? words("found.noParameters")
          : words("found.noColumn", { columns: missing.map((m) => `"${printable(m)}"`).join(", ") || '"status"' }),
      ),
    );
  if (node !== null) {
    const shape = nested(
      header,
      header.map(() => 0),
    );
    for (const p of unknownMetricProblems({ assertions: [where], failIf: [] }, shape))
      problems.push(problem("--where", words("expected.runsColumn", { columns: header.filter((h) => !BOOKKEEPING.has(h)).join(", ") }), p.message));
  }
  if (problems.length > 0 || node === null) return { problems };

  const status = header.indexOf("status");
  const runColumn = header.indexOf("run");
  const ok = body.filter((row) => row[status] === "ok");
  const numeric = keys.map((k) => ok.every((row) => typeof typed(row[header.indexOf(k)] ?? "") === "number"));
  const cellsOf = (row: string[]) =>
    header.map((name, c) => {
      const k = keys.indexOf(name);
      const text = row[c] ?? "";
      return k >= 0 && !numeric[k] ? text : typed(text);
    });
  const y = new Uint8Array(ok.length);
  let bad: Words | null = null;
  ok.forEach((row, i) => {
    if (bad !== null) return;
    try {
      y[i] = evaluate(node, nested(header, cellsOf(row)), where) ? 1 : 0;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      bad = words("found.atRun", { reason: error.words, run: row[runColumn] ?? i });
    }
  });
  if (bad !== null) return { problems: [problem("--where", words("expected.booleanEveryRun"), bad)] };
  const cases = y.reduce((s, v) => s + v, 0);
  if (ok.length === 0) return { problems: [problem(path, words("expected.completedRuns"), words("found.noneCompleted", { count: body.length }))] };
  if (cases === 0 || cases === ok.length)
    return {
      problems: [
        problem(
          "--where",
          words("expected.someRuns"),
          words(cases === 0 ? "found.holdsForNone" : "found.holdsForAll", { where: printable(where), count: ok.length }),
        ),
      ],
    };
  const data = datasetOf(
    keys,
    ok.map(cellsOf).map((cells) => keys.map((k) => cells[header.indexOf(k)])),
    y,
  );
  return {
    loaded: {
      dir,
      where,
      data,
      failedRuns: body.length - ok.length,
      runsCsvSha256: digest,
      sweepName: typeof spec?.name === "string" ? spec.name : "sweep",
      sweepSeed: typeof spec?.seed === "number" || typeof spec?.seed === "string" ? String(spec.seed) : "0",
      complete: manifest.complete === true,
    },
  };
}
