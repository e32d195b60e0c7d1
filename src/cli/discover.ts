import { resolve } from "node:path";
import { terminalLang, type Lang } from "../i18n/lang.js";
import { ScenarioError, type ScenarioProblem } from "../errors.js";
import { DISCOVER_DEFAULTS, discoverBoxes, type DiscoverOptions } from "../discover/boxes.js";
import { TREE_DEFAULTS, growTree, type TreeOptions } from "../discover/cart.js";
import { loadSweepCases } from "../discover/data.js";
import { checkDiscoverFolder, discoveryFiles, discoverySummary } from "../discover/outputs.js";
import { lockFolder, writeRunFolder } from "../report/write.js";
import { displayPath } from "./commands.js";
import { problem } from "../scenario/problem.js";
import { verbatim, type Words, words } from "../i18n/words.js";

export interface DiscoverCliOptions {
  where: string;
  out?: string;
  force?: boolean;
  alpha?: string;
  minMass?: string;
  minCoverage?: string;
  minDensity?: string;
  paste?: boolean;
  maxP?: string;
  boxes?: string;
  bootstrap?: string;
  seed?: string;
  depth?: string;
  minLeaf?: string;
  quiet?: boolean;
  lang?: Lang;
}

/** Reads every numeric option, each checked against its range; every problem is listed at once. */
function parseOptions(options: DiscoverCliOptions, problems: ScenarioProblem[]): { prim: Omit<DiscoverOptions, "seed">; tree: TreeOptions } {
  const number = (flag: string, text: string | undefined, fallback: number, ok: (v: number) => boolean, expected: Words): number => {
    if (text === undefined) return fallback;
    const v = Number(text);
    if (text.trim() === "" || !Number.isFinite(v) || !ok(v)) {
      problems.push(problem(flag, expected, verbatim(JSON.stringify(text))));
      return fallback;
    }
    return v;
  };
  const integer = (flag: string, text: string | undefined, fallback: number, min: number, max: number) =>
    number(flag, text, fallback, (v) => Number.isInteger(v) && v >= min && v <= max, words("expected.wholeNumberFromTo", { from: min, to: max }));
  const share = (flag: string, text: string | undefined, fallback: number) =>
    number(flag, text, fallback, (v) => v >= 0 && v <= 1, words("expected.numberFromTo", { from: 0, to: 1 }));
  const minDensity = options.minDensity === undefined ? null : share("--min-density", options.minDensity, 0);
  return {
    prim: {
      alpha: number("--alpha", options.alpha, DISCOVER_DEFAULTS.alpha, (v) => v > 0 && v < 0.5, words("expected.alpha")),
      minMass: number("--min-mass", options.minMass, DISCOVER_DEFAULTS.minMass, (v) => v > 0 && v <= 1, words("expected.aboveZeroAtMostOne")),
      paste: options.paste === true,
      maxP: share("--max-p", options.maxP, DISCOVER_DEFAULTS.maxP),
      // With --min-density alone, any coverage qualifies; the box of highest coverage is chosen.
      minCoverage: share("--min-coverage", options.minCoverage, minDensity === null ? DISCOVER_DEFAULTS.minCoverage : 0),
      minDensity,
      boxes: integer("--boxes", options.boxes, DISCOVER_DEFAULTS.boxes, 1, 20),
      resamples: integer("--bootstrap", options.bootstrap, DISCOVER_DEFAULTS.resamples, 0, 10000),
      confidence: DISCOVER_DEFAULTS.confidence,
    },
    tree: {
      maxDepth: integer("--depth", options.depth, TREE_DEFAULTS.maxDepth, 1, 10),
      minLeaf: integer("--min-leaf", options.minLeaf, TREE_DEFAULTS.minLeaf, 1, 1_000_000),
    },
  };
}

/** The default folder: beside the sweep's, named after it (a sweep folder holds only the sweep's files). */
function defaultOut(dir: string): string {
  return `${resolve(dir)}-discover`;
}

/**
 * `pointsim discover DIR --where EXPR`: every check first (exit 2, nothing written), then PRIM
 * and the tree, then the folder, written whole.
 */
export async function discoverAction(dir: string, options: DiscoverCliOptions): Promise<void> {
  const problems: ScenarioProblem[] = [];
  const { prim, tree } = parseOptions(options, problems);
  if (options.seed !== undefined && !/^[A-Za-z0-9_.:-]{1,100}$/.test(options.seed))
    problems.push(problem("--seed", words("expected.seedCharacters"), verbatim(JSON.stringify(options.seed))));
  const loaded = loadSweepCases(dir, options.where);
  if ("problems" in loaded) problems.push(...loaded.problems);
  if (problems.length > 0 || "problems" in loaded) throw new ScenarioError(displayPath(dir), problems);
  const out = options.out ?? defaultOut(dir);
  checkDiscoverFolder(out, options.force === true);
  const settings: DiscoverOptions = { ...prim, seed: options.seed ?? loaded.loaded.sweepSeed };
  const discovery = {
    loaded: loaded.loaded,
    options: settings,
    tree,
    boxes: discoverBoxes(loaded.loaded.data, settings),
    root: growTree(loaded.loaded.data, tree),
    lang: options.lang ?? "en",
  };
  const unlock = lockFolder(out);
  try {
    await writeRunFolder(out, discoveryFiles(discovery), { force: options.force === true, check: checkDiscoverFolder, lockHeld: true });
  } finally {
    unlock();
  }
  if (!options.quiet) process.stdout.write(discoverySummary(discovery, displayPath(out), terminalLang(options.lang, process.env, discovery.lang)));
}
