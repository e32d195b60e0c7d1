/**
 * The fit's search from start to finish, in unit coordinates (docs/fit.md, "The search"): a
 * Latin hypercube start, Nelder–Mead from the best point so far, a profile of each parameter
 * around the best. The result is the best point evaluated at any stage: Nelder–Mead's batches
 * run points the classic method never keeps (an expansion beside an accepted reflection, both
 * contractions), and the profile looks where the simplex did not, so either may beat the
 * simplex's last best. When one does, the search goes on from it while the budget lasts.
 */
import { latinHypercube, nelderMead } from "./search.js";

export type Stage = "start" | "search" | "profile" | "posterior";

/** Errors of unit points (Infinity for a point whose runs failed), run as one batch. */
export type StageEvaluate = (units: number[][], stage: Stage) => Promise<number[]>;

export interface DriverOptions {
  start: number;
  /** Most Nelder–Mead points over every restart together. */
  maxCandidates: number;
  tolerance: number;
  /** Each parameter alone moved this share of its range either way from the best. */
  profileStep: number;
  random: () => number;
  /**
   * Run once when the search has settled (src/fit/sampling.ts draws the parameters' uncertainty
   * there), evaluating through `run` like every other stage; should it find a better point, the
   * search goes on from that one too.
   */
  explore?: (run: StageEvaluate) => Promise<void>;
}

export interface DriverResult {
  /** The best point evaluated at any stage (the first evaluated, on ties) and its error. */
  best: number[];
  error: number;
  /** The profile around `best`: for parameter i, sides[2i] (down) and sides[2i + 1] (up). */
  sides: number[][];
  sideErrors: number[];
  /** How the last Nelder–Mead run stopped. */
  stop: "converged" | "budget";
  /** Nelder–Mead runs after the first, each from a better point than the last one ended on. */
  restarts: number;
}

interface Point {
  x: number[];
  f: number;
}

/** A restart needs room for its first simplex and one iteration. */
const restartCost = (k: number) => k + 4;
/** Re-profiles without budget for a restart, each after a strictly better point: a guard only. */
const MAX_REPROFILES = 50;

export async function searchBest(evaluate: StageEvaluate, k: number, options: DriverOptions): Promise<DriverResult | null> {
  // Every evaluation passes through `run`, so seen.best is the minimum over all of them whatever the stage.
  const seen: { best: Point | null } = { best: null };
  const run = async (units: number[][], stage: Stage): Promise<number[]> => {
    const errors = await evaluate(units, stage);
    errors.forEach((f, i) => {
      if (Number.isFinite(f) && (seen.best === null || f < seen.best.f)) seen.best = { x: [...(units[i] as number[])], f };
    });
    return errors;
  };
  const current = (): Point => seen.best as Point;
  await run(latinHypercube(options.start, k, options.random), "start");
  if (seen.best === null) return null;
  let budget = options.maxCandidates;
  let stop: DriverResult["stop"] = "budget";
  let restarts = -1;
  let reprofiles = 0;
  let explore = options.explore;
  let searchFrom: Point | null = current();
  for (;;) {
    if (searchFrom !== null) {
      const from = searchFrom;
      const search = await nelderMead((points) => run(points, "search"), from.x, from.f, {
        step: 0.1,
        maxEvaluations: budget,
        ftol: options.tolerance,
        xtol: 0.001,
      });
      budget -= search.evaluations;
      stop = search.stop;
      restarts++;
      searchFrom = null;
      const now = current();
      // A batch point the simplex did not keep beat where it ended: search on from there.
      if (now.f < search.value && budget >= restartCost(k)) {
        searchFrom = now;
        continue;
      }
    }
    const centre = current();
    const sides: number[][] = [];
    centre.x.forEach((_, i) => {
      for (const sign of [-1, 1]) {
        const u = [...centre.x];
        u[i] = Math.min(1, Math.max(0, (u[i] as number) + sign * options.profileStep));
        sides.push(u);
      }
    });
    const sideErrors = await run(sides, "profile");
    let after = current();
    if (after.f >= centre.f && explore !== undefined) {
      const once = explore;
      explore = undefined;
      await once(run);
      after = current();
    }
    if (after.f >= centre.f) return { best: centre.x, error: centre.f, sides, sideErrors, stop, restarts };
    // The profile (or the exploration) found a better point: search from it if the budget allows, else profile around it.
    if (budget >= restartCost(k)) searchFrom = after;
    // (Past the guard, the profile returned is the last one run, around the point before the best.)
    else if (++reprofiles > MAX_REPROFILES) return { best: after.x, error: after.f, sides, sideErrors, stop, restarts };
  }
}
