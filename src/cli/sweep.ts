import { formatSweepWarnings, preflightSweep } from "../sweep/preflight.js";
import { tell } from "../i18n/tell.js";
import type { Lang } from "../i18n/lang.js";
import { commandLangs } from "../i18n/command-lang.js";
import cliProgress from "cli-progress";
import { join } from "node:path";
import { gateSyntaxProblems } from "../gates/gates.js";
import { loadSweepFile, type SweepSpec } from "../sweep/spec.js";
import { mergeSweeps, runSweep, type Shard } from "../sweep/run.js";
import { ScenarioError } from "../errors.js";
import { announceSignalsHandled } from "./signals.js";
import { problem } from "../scenario/problem.js";
import { verbatim, words } from "../i18n/words.js";

export interface SweepCliOptions {
  workers?: string;
  shard?: string;
  out?: string;
  keepSeries?: boolean;
  force?: boolean;
  method?: string;
  failIf?: string[];
  quiet?: boolean;
  progress: boolean;
  /** The terminal's language (--lang; src/i18n/lang.ts). */
  lang?: Lang;
}

/** "K/N" with 1 ≤ K ≤ N. */
function parseShard(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  // N at most a million, the most runs a sweep may have (maxRuns), so K and N stay exact.
  if (!m || n < 1 || k < 1 || k > n || n > 1_000_000)
    throw new ScenarioError("--shard", [problem("--shard", words("expected.shard"), verbatim(JSON.stringify(text.slice(0, 60))))]);
  return { k, n };
}

export function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 256)
    throw new ScenarioError("--workers", [
      problem("--workers", words("expected.wholeNumberFromTo", { from: 1, to: 256 }), verbatim(JSON.stringify(text.slice(0, 60)))),
    ]);
  return Number(text);
}

function checkFailIf(failIf: string[] | undefined): void {
  const problems = gateSyntaxProblems({ assertions: [], failIf: failIf ?? [] });
  if (problems.length > 0)
    throw new ScenarioError(
      "--fail-if",
      problems.map((p) => problem("--fail-if", words("expected.validExpressionIn", { doc: "docs/gates.md" }), p.message)),
    );
}

export async function sweepCommand(file: string, options: SweepCliOptions) {
  checkFailIf(options.failIf);
  if (options.method !== undefined && !["grid", "random", "lhs", "oat", "morris", "sobol"].includes(options.method)) {
    throw new ScenarioError("--method", [problem("--method", words("expected.method"), verbatim(JSON.stringify(options.method)))]);
  }
  const shard = parseShard(options.shard);
  const workers = parseWorkers(options.workers);
  const loaded = loadSweepFile(file, options.method as SweepSpec["method"] | undefined);
  // Every point's scenario and every gate's names, before any folder or worker (exit 2).
  const warnings = preflightSweep(loaded, options.failIf ?? []);
  if (!options.quiet) process.stderr.write(formatSweepWarnings(file, warnings, loaded.points.length));
  const langs = commandLangs(options.lang, loaded.baseData);
  const out = options.out ?? join("reports", shard ? `${loaded.spec.name}-shard${shard.k}of${shard.n}` : loaded.spec.name);
  let interrupted = false;
  const stop = () => {
    interrupted = true;
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  announceSignalsHandled();
  const showBar = options.progress && !options.quiet && process.stderr.isTTY === true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: tell(langs.terminal, "progress.sweep", { bar: "{bar}", value: "{value}", total: "{total}", failed: "{failed}", eta: "{eta}" }),
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  try {
    const result = await runSweep(loaded, {
      out,
      workers,
      shard,
      keepSeries: options.keepSeries === true,
      force: options.force === true,
      failIf: options.failIf ?? [],
      shouldStop: () => interrupted,
      lang: langs.files,
      onProgress: (done, total, failed) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, done, { failed });
          started = true;
        } else bar.update(done, { failed });
      },
    });
    bar?.stop();
    return { ...result, out, name: loaded.spec.name, total: shard ? result.done : loaded.runs.length, langs };
  } finally {
    if (started) bar?.stop();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

export function mergeCommand(dirs: string[], options: { out: string; failIf?: string[]; lang?: Lang }) {
  checkFailIf(options.failIf);
  return mergeSweeps(dirs, options.out, options.failIf ?? [], options.lang ?? "en");
}
